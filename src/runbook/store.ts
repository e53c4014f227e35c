// Runbook runs in the case file: the persisted xstate snapshot after every transition, and every
// transition with who sent it, when, and why. Written only through the case writer.
import { createHash } from 'node:crypto';
import type { Db } from '../casefile/sqlite';
import type { WriteContext } from '../casefile/writer';
import { canonicalJson } from '../shared/canonical';
import { CairnError } from '../shared/errors';

export interface RunRow {
  id: number;
  runbookId: string;
  runbookVersion: string;
  status: 'active' | 'done';
  snapshot: unknown;
  startedAtMs: number;
  startedBy: string;
  updatedAtMs: number;
}

export interface TransitionRow {
  id: number;
  atMs: number;
  actor: string;
  event: Record<string, unknown>;
  from: string;
  to: string;
  rationale: string | null;
}

interface DbRun {
  id: number;
  runbook_id: string;
  runbook_version: string;
  status: 'active' | 'done';
  snapshot: string;
  started_at_ms: number;
  started_by: string;
  updated_at_ms: number;
}

function fromRow(r: DbRun): RunRow {
  return {
    id: r.id,
    runbookId: r.runbook_id,
    runbookVersion: r.runbook_version,
    status: r.status,
    snapshot: JSON.parse(r.snapshot) as unknown,
    startedAtMs: r.started_at_ms,
    startedBy: r.started_by,
    updatedAtMs: r.updated_at_ms,
  };
}

/** The hash of a persisted snapshot, kept in the audit entry of the write that saved it. */
export function snapshotSha256(snapshot: unknown): string {
  return createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
}

export function insertRun(
  w: WriteContext,
  runbookId: string,
  version: string,
  snapshot: unknown,
): number {
  return Number(
    w.db
      .prepare(
        `INSERT INTO runbook_runs (runbook_id, runbook_version, status, snapshot, started_at_ms, started_by, updated_at_ms)
         VALUES (?, ?, 'active', ?, ?, ?, ?)`,
      )
      .run(runbookId, version, JSON.stringify(snapshot), w.nowMs, w.actor, w.nowMs).lastInsertRowid,
  );
}

export function saveSnapshot(
  w: WriteContext,
  runId: number,
  snapshot: unknown,
  done: boolean,
): void {
  w.db
    .prepare('UPDATE runbook_runs SET snapshot = ?, status = ?, updated_at_ms = ? WHERE id = ?')
    .run(JSON.stringify(snapshot), done ? 'done' : 'active', w.nowMs, runId);
}

export function insertTransition(
  w: WriteContext,
  runId: number,
  t: { event: Record<string, unknown>; from: string; to: string; rationale: string | null },
): void {
  w.db
    .prepare(
      'INSERT INTO runbook_transitions (run_id, at_ms, actor, event, from_state, to_state, rationale, audit_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(runId, w.nowMs, w.actor, canonicalJson(t.event), t.from, t.to, t.rationale, w.auditSeq);
}

export function getRun(db: Db, runId: number): RunRow {
  const r = db.prepare('SELECT * FROM runbook_runs WHERE id = ?').get(runId) as DbRun | undefined;
  if (!r)
    throw new CairnError(
      'NOT_FOUND',
      `no runbook run #${runId} in this case`,
      'cairn runbook status FILE lists the runs',
    );
  return fromRow(r);
}

export function listRuns(db: Db): RunRow[] {
  return (db.prepare('SELECT * FROM runbook_runs ORDER BY id').all() as DbRun[]).map(fromRow);
}

/** The run a command means when none is named: the newest active one, else the newest. */
export function currentRun(db: Db): RunRow | null {
  const r =
    (db
      .prepare("SELECT * FROM runbook_runs ORDER BY status = 'active' DESC, id DESC LIMIT 1")
      .get() as DbRun | undefined) ?? null;
  return r ? fromRow(r) : null;
}

export function transitions(db: Db, runId: number): TransitionRow[] {
  return (
    db
      .prepare(
        'SELECT id, at_ms, actor, event, from_state, to_state, rationale FROM runbook_transitions WHERE run_id = ? ORDER BY id',
      )
      .all(runId) as {
      id: number;
      at_ms: number;
      actor: string;
      event: string;
      from_state: string;
      to_state: string;
      rationale: string | null;
    }[]
  ).map((t) => ({
    id: t.id,
    atMs: t.at_ms,
    actor: t.actor,
    event: JSON.parse(t.event) as Record<string, unknown>,
    from: t.from_state,
    to: t.to_state,
    rationale: t.rationale,
  }));
}
