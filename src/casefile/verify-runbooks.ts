// Runbook runs in `cairn verify`: every transition row is the one its audit entry recorded, and
// each run's saved snapshot (the one mutable row of a run) hashes to what the audit entry of its
// latest transition recorded, so a changed decision or step is found.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical';
import type { VerifyProblem } from '../shared/domain';
import { getAuditEntry } from './audit';
import type { Db } from './sqlite';

interface TransitionRow {
  id: number;
  run_id: number;
  event: string;
  from_state: string;
  to_state: string;
  rationale: string | null;
  audit_seq: number;
}

interface Recorded {
  runId?: unknown;
  event?: unknown;
  from?: unknown;
  to?: unknown;
  rationale?: unknown;
  snapshotSha256?: unknown;
}

export function checkRunbooks(db: Db, problems: VerifyProblem[]): void {
  const latest = new Map<number, Recorded>();
  const rows = db
    .prepare(
      'SELECT id, run_id, event, from_state, to_state, rationale, audit_seq FROM runbook_transitions ORDER BY id',
    )
    .iterate() as IterableIterator<TransitionRow>;
  for (const t of rows) {
    const audit = getAuditEntry(db, t.audit_seq);
    const recorded = audit ? (JSON.parse(audit.payload) as Recorded) : undefined;
    const same =
      recorded !== undefined &&
      recorded.runId === t.run_id &&
      canonicalJson(recorded.event ?? null) === canonicalJson(JSON.parse(t.event)) &&
      recorded.from === t.from_state &&
      recorded.to === t.to_state &&
      (recorded.rationale ?? null) === t.rationale;
    if (!same) {
      problems.push({
        kind: 'runbook',
        ref: `runbook_transition#${t.id}`,
        message: `runbook run #${t.run_id}, transition #${t.id} (${t.from_state || 'start'} → ${t.to_state}) differs from what audit entry #${t.audit_seq} recorded`,
      });
    }
    if (recorded) latest.set(t.run_id, recorded);
  }
  const runs = db.prepare('SELECT id, snapshot FROM runbook_runs ORDER BY id').all() as {
    id: number;
    snapshot: string;
  }[];
  for (const run of runs) {
    const expected = latest.get(run.id)?.snapshotSha256;
    const actual = createHash('sha256')
      .update(canonicalJson(JSON.parse(run.snapshot)))
      .digest('hex');
    if (expected !== actual) {
      problems.push({
        kind: 'runbook',
        ref: `runbook_run#${run.id}`,
        message: `runbook run #${run.id}: its saved state is not the one its last audited transition left (it was changed outside Cairn)`,
      });
    }
  }
}
