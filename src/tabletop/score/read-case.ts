// Reads a team's case file into the plain data scoring works on (participant.ts): current
// findings, runbook runs with every transition and the timeline entry written with it, the
// timeline, pinned evidence with its source address, and the class of every address the team's
// work names. Reads only; the deadline obligations come from the caller (the deadline tracker
// lives behind the API).
import { caseClassifier } from '../../analysis/context';
import { readCaseInfo } from '../../casefile/repos/case-info';
import { listFindings } from '../../casefile/repos/findings';
import { listTimeline } from '../../casefile/repos/timeline';
import type { Db } from '../../casefile/sqlite';
import { findRunbook } from '../../runbook/registry';
import { runStatus } from '../../runbook/status';
import { listRuns } from '../../runbook/store';
import type { ContainmentKind } from '../../shared/runbook';
import { lookupEvidence } from '../../timeline/evidence';
import { addressesNamed } from './findings';
import type {
  CaseDeadlines,
  ParticipantCase,
  PinnedEvidence,
  RunRecord,
  RunTransition,
} from './participant';

interface TransitionRow {
  run_id: number;
  at_ms: number;
  actor: string;
  event: string;
  from_state: string;
  rationale: string | null;
  audit_seq: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const CONTAINMENT_KINDS: readonly string[] = [
  'deactivate-access-key',
  'block-public-access',
  'revoke-older-sessions',
  'deny-all',
];

/** What an ACTION transition's containment record was aimed at. */
function targetOf(event: Obj): RunTransition['target'] {
  const record = event['containment'];
  const action = isObj(record) ? record['action'] : undefined;
  if (!isObj(action) || !CONTAINMENT_KINDS.includes(String(action['kind']))) return null;
  return {
    kind: action['kind'] as ContainmentKind,
    subject: text(action['accessKeyId']) ?? text(action['bucket']) ?? text(action['name']),
  };
}

function readRuns(db: Db, nowMs: number, entryBySeq: Map<number, number>): RunRecord[] {
  const rows = db
    .prepare(
      'SELECT run_id, at_ms, actor, event, from_state, rationale, audit_seq FROM runbook_transitions ORDER BY id',
    )
    .all() as TransitionRow[];
  return listRuns(db).map((run) => {
    const status = runStatus(db, run.id, nowMs);
    const steps = findRunbook(run.runbookId, run.runbookVersion).info.steps;
    const transitions = rows
      .filter((r) => r.run_id === run.id)
      .map((r): RunTransition => {
        const event = JSON.parse(r.event) as Obj;
        return {
          timelineEntryId: entryBySeq.get(r.audit_seq) ?? null,
          atMs: r.at_ms,
          actor: r.actor,
          event: String(event['type']),
          step: r.from_state.split('.').pop() ?? '',
          rationale: r.rationale,
          choice: text(event['choice']),
          outcome: text(event['outcome']),
          target: event['type'] === 'ACTION' ? targetOf(event) : null,
        };
      });
    return {
      runId: run.id,
      runbookId: run.runbookId,
      title: status.runbook.title,
      status: run.status,
      startedAtMs: run.startedAtMs,
      startedBy: run.startedBy,
      facts: status.context.facts,
      steps: status.steps.map((s) => {
        const content = steps[s.id];
        return { ...s, action: content?.kind === 'action' ? content.action : null };
      }),
      transitions,
    };
  });
}

export function readParticipantCase(
  db: Db,
  path: string,
  opts: { nowMs: number; deadlines: CaseDeadlines | null },
): ParticipantCase {
  const info = readCaseInfo(db, path);
  const timeline = listTimeline(db, { includeSuperseded: false });
  const entryBySeq = new Map<number, number>();
  for (const e of timeline) entryBySeq.set(e.auditSeq, e.id);
  const findings = listFindings(db).map((f) => ({
    id: f.id,
    kind: f.kind,
    subject: f.subject,
    title: f.title,
    createdAtMs: Date.parse(f.createdAt),
    actor: f.actor,
    result: f.result,
  }));
  const pinned: PinnedEvidence[] = [];
  for (const e of timeline) {
    if (e.kind !== 'evidence') continue;
    for (const r of e.refs) {
      if (r.type !== 'event' && r.type !== 's3_access') continue;
      const ev = lookupEvidence(db, { type: r.type, id: String(r.id) });
      pinned.push({ entryId: e.id, type: r.type, id: String(r.id), sourceIp: ev.sourceIp });
    }
  }
  const classifier = caseClassifier(db);
  const ipClass: Record<string, string> = {};
  const named = [...addressesNamed(findings), ...pinned.map((p) => p.sourceIp)];
  for (const ip of named)
    if (ip !== null && !(ip in ipClass)) ipClass[ip] = classifier.classify(ip).class;
  const awarenessEntry = [...timeline]
    .reverse()
    .find((e) => e.kind === 'decision' && e.text.startsWith('Awareness time set to'));
  return {
    path,
    caseId: info.caseId,
    title: info.title,
    timezone: info.timezone,
    awareness:
      info.awareAtMs === null
        ? null
        : {
            atMs: info.awareAtMs,
            setBy: info.awareSetBy ?? 'unknown',
            reason: info.awareReason,
            entryId: awarenessEntry?.id ?? null,
          },
    findings,
    runs: readRuns(db, opts.nowMs, entryBySeq),
    timeline,
    pinned,
    ipClass,
    deadlines: opts.deadlines,
  };
}
