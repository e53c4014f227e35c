// `cairn verify`: re-walks the audit chain, checks that every timeline row is the one its audit
// entry recorded, re-hashes every kept evidence file, and checks that the append-only
// safeguards are still in place. Reports the first broken link by name.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical';
import type { VerifyProblem, VerifyReport } from '../shared/domain';
import { findChainBreak, getAuditEntry, iterateAudit } from './audit';
import { findingAuditRecord, iterateFindingRows } from './repos/findings';
import { iterateTimeline, timelineAuditRecord } from './repos/timeline';
import type { Db } from './sqlite';
import { checkRunbooks } from './verify-runbooks';
import { storedEvidenceBytes, type EvidenceRow } from './evidence-store';
import { EVENTS_BY_RANGE } from './event-layout';
import { hasTable } from './statements';

/** Tables whose rows may never change; each has a no-update and a no-delete trigger. */
export const APPEND_ONLY_TABLES = [
  'audit',
  'evidence_files',
  'evidence_chunks',
  'events',
  's3_access',
  'findings',
  'timeline',
  'runbook_transitions',
  'evidence_blocks',
  'postings',
  'evidence_packs',
  'event_ranges',
  'principal_types',
  'event_objects',
] as const;

/** The format that created each append-only table, where it is not the first. */
export const APPEND_ONLY_SINCE: Partial<Record<(typeof APPEND_ONLY_TABLES)[number], number>> = {
  evidence_blocks: 2,
  postings: 2,
  evidence_packs: 8,
  event_ranges: 9,
  principal_types: 9,
  event_objects: 9,
};

function checkSafeguards(db: Db, problems: VerifyProblem[]): void {
  const triggers = new Set(
    (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
        name: string;
      }[]
    ).map((r) => r.name),
  );
  // Verification never upgrades the file: an older format lacks the later tables.
  const format = db.pragma('user_version', { simple: true }) as number;
  for (const table of APPEND_ONLY_TABLES) {
    if (format < (APPEND_ONLY_SINCE[table] ?? 1)) continue;
    for (const suffix of ['no_update', 'no_delete']) {
      const name = `${table}_${suffix}`;
      if (!triggers.has(name)) {
        problems.push({
          kind: 'safeguard',
          ref: name,
          message: `the trigger ${name} that keeps ${table} append-only was removed`,
        });
      }
    }
  }
}

function checkTimeline(db: Db, problems: VerifyProblem[]): number {
  let n = 0;
  for (const entry of iterateTimeline(db)) {
    n++;
    const audit = getAuditEntry(db, entry.auditSeq);
    const recorded = audit ? (JSON.parse(audit.payload) as { entry?: unknown }).entry : undefined;
    if (!audit || recorded === undefined) {
      problems.push({
        kind: 'timeline',
        ref: `timeline#${entry.id}`,
        message: `timeline entry #${entry.id} has no audit entry recording it (audit #${entry.auditSeq})`,
      });
    } else if (canonicalJson(recorded) !== canonicalJson(timelineAuditRecord(entry))) {
      problems.push({
        kind: 'timeline',
        ref: `timeline#${entry.id}`,
        message: `timeline entry #${entry.id} differs from what audit entry #${entry.auditSeq} recorded: it was changed after it was written`,
      });
    }
  }
  return n;
}

function checkFindings(db: Db, problems: VerifyProblem[]): void {
  // Every write that records a finding carries it as `finding` in its audit payload.
  const recorded = new Map<number, unknown>();
  for (const p of db
    .prepare(`SELECT payload FROM audit WHERE payload LIKE '%"finding":{%'`)
    .pluck()
    .iterate() as IterableIterator<string>) {
    const f = (JSON.parse(p) as { finding?: { id?: unknown } }).finding;
    if (typeof f?.id === 'number') recorded.set(f.id, f);
  }
  for (const row of iterateFindingRows(db)) {
    const audit = recorded.get(row.id);
    if (audit === undefined || canonicalJson(audit) !== canonicalJson(findingAuditRecord(row))) {
      problems.push({
        kind: 'finding',
        ref: `finding#${row.id}`,
        message: `finding #${row.id} (${row.kind} ${row.subject}) differs from what its audit entry recorded: it was changed after it was written`,
      });
    }
  }
}

function checkEvidence(db: Db, problems: VerifyProblem[]): { checked: number; failed: number } {
  // SELECT *: a case from before migration 8 has no pack columns.
  const files = db.prepare('SELECT * FROM evidence_files ORDER BY id').all() as EvidenceRow[];
  let failed = 0;
  for (const f of files) {
    const bytes = storedEvidenceBytes(db, f);
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (digest !== f.sha256 || bytes.length !== f.size) {
      failed++;
      problems.push({
        kind: 'evidence',
        ref: `evidence_file#${f.id}`,
        message: `evidence file #${f.id} no longer matches its sha256 ${f.sha256} (now ${digest}, ${bytes.length} bytes)`,
      });
    }
  }
  return { checked: files.length, failed };
}

/**
 * Every events row must lie in exactly one run of event_ranges, or its account, Region and
 * provenance would be read from a neighbouring run (format 9 and later).
 */
function checkEventRuns(db: Db, problems: VerifyProblem[]): void {
  if (!hasTable(db, 'event_ranges')) return;
  const overlap = db
    .prepare(
      `SELECT first_row, next FROM (SELECT first_row, first_row + row_count AS after,
         LEAD(first_row) OVER (ORDER BY first_row) AS next FROM event_ranges)
       WHERE after > next LIMIT 1`,
    )
    .get() as { first_row: number; next: number } | undefined;
  const events = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  const runRows = db
    .prepare('SELECT coalesce(SUM(row_count), 0) FROM event_ranges')
    .pluck()
    .get() as number;
  const covered = db.prepare(`SELECT COUNT(*) FROM ${EVENTS_BY_RANGE}`).pluck().get() as number;
  if (overlap || events !== runRows || covered !== events) {
    problems.push({
      kind: 'database',
      ref: 'event_ranges',
      message: overlap
        ? `the event runs starting at rows ${overlap.first_row} and ${overlap.next} overlap: the account, Region and source of their rows cannot be told`
        : `${events} events, but the event runs hold ${runRows} rows of which ${covered} exist: the account, Region and source of some rows cannot be told`,
    });
  }
}

export function verifyCase(db: Db, path: string): VerifyReport {
  const problems: VerifyProblem[] = [];
  const quick = db.pragma('quick_check', { simple: true }) as string;
  if (quick !== 'ok') {
    problems.push({
      kind: 'database',
      ref: 'quick_check',
      message: `SQLite reports damage: ${quick}`,
    });
  }
  const chain = findChainBreak(iterateAudit(db));
  if (chain.brokenAt) {
    problems.unshift({
      kind: 'audit',
      ref: `audit#${chain.brokenAt.seq}`,
      message: chain.brokenAt.reason,
    });
  }
  const timelineEntries = checkTimeline(db, problems);
  checkFindings(db, problems);
  checkRunbooks(db, problems);
  const evidenceFiles = checkEvidence(db, problems);
  checkEventRuns(db, problems);
  checkSafeguards(db, problems);
  const total = (db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
  return {
    ok: problems.length === 0,
    path,
    auditEntries: total,
    auditHead: chain.brokenAt ? null : chain.head,
    firstBroken: chain.brokenAt,
    evidenceFiles,
    timelineEntries,
    problems,
  };
}
