// What people recorded about notification deadlines (see migrations/003-deadlines.ts): the case
// facts, the clock anchors, notices given and not-required decisions. Writes run only inside the
// case writer; due times and statuses are never read back from here.
import type { Db } from '../sqlite';
import type { WriteContext } from '../writer';

export interface AnchorRow {
  atMs: number;
  setBy: string;
  setAtMs: number;
  reason: string | null;
}

export interface NoticeRow {
  atMs: number;
  evidence: string;
  recordedBy: string;
  recordedAtMs: number;
}

export interface DecisionRow {
  rationale: string;
  decidedBy: string;
  decidedAtMs: number;
}

/** What Cairn showed when a person acted on a rule, kept in the row's derived columns. */
export interface ObligationSnapshot {
  applicability: string;
  reason: string | null;
  clockStartMs: number | null;
  clockBasis: string | null;
  dueMs: number | null;
  status: string;
}

interface DeadlineDbRow {
  rule_id: string;
  notified_at_ms: number | null;
  evidence: string | null;
  notified_by: string | null;
  notice_recorded_at_ms: number | null;
  rationale: string | null;
  decided_by: string | null;
  decided_at_ms: number | null;
}

export function readAnchors(db: Db): Map<string, AnchorRow> {
  const rows = db
    .prepare('SELECT anchor, at_ms, set_by, set_at_ms, reason FROM clock_anchors ORDER BY anchor')
    .all() as Array<{
    anchor: string;
    at_ms: number;
    set_by: string;
    set_at_ms: number;
    reason: string | null;
  }>;
  return new Map(
    rows.map((r) => [
      r.anchor,
      { atMs: r.at_ms, setBy: r.set_by, setAtMs: r.set_at_ms, reason: r.reason },
    ]),
  );
}

/** Records (or, with null, removes) the instant an anchor happened. */
export function writeAnchor(
  w: WriteContext,
  anchor: string,
  atMs: number | null,
  reason: string | null,
): void {
  if (atMs === null) {
    w.db.prepare('DELETE FROM clock_anchors WHERE anchor = ?').run(anchor);
    return;
  }
  w.db
    .prepare(
      `INSERT INTO clock_anchors (anchor, at_ms, set_by, set_at_ms, reason, audit_seq)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (anchor) DO UPDATE SET at_ms = excluded.at_ms, set_by = excluded.set_by,
         set_at_ms = excluded.set_at_ms, reason = excluded.reason, audit_seq = excluded.audit_seq`,
    )
    .run(anchor, atMs, w.actor, w.nowMs, reason, w.auditSeq);
}

export function readObligationRecords(db: Db): {
  notices: Map<string, NoticeRow>;
  decisions: Map<string, DecisionRow>;
} {
  const rows = db
    .prepare(
      `SELECT rule_id, notified_at_ms, evidence, notified_by, notice_recorded_at_ms, rationale,
              decided_by, decided_at_ms
       FROM deadlines ORDER BY rule_id`,
    )
    .all() as DeadlineDbRow[];
  const notices = new Map<string, NoticeRow>();
  const decisions = new Map<string, DecisionRow>();
  for (const r of rows) {
    if (r.notified_at_ms !== null) {
      notices.set(r.rule_id, {
        atMs: r.notified_at_ms,
        evidence: r.evidence ?? '',
        recordedBy: r.notified_by ?? 'unknown',
        recordedAtMs: r.notice_recorded_at_ms ?? r.notified_at_ms,
      });
    }
    if (r.decided_at_ms !== null && r.rationale !== null) {
      decisions.set(r.rule_id, {
        rationale: r.rationale,
        decidedBy: r.decided_by ?? 'unknown',
        decidedAtMs: r.decided_at_ms,
      });
    }
  }
  return { notices, decisions };
}

function ensureRow(w: WriteContext, ruleId: string, snapshot: ObligationSnapshot): void {
  w.db
    .prepare(
      `INSERT INTO deadlines (rule_id, applicability, reason, clock_start_ms, clock_basis, due_ms,
         status, updated_at_ms, audit_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (rule_id) DO UPDATE SET applicability = excluded.applicability,
         reason = excluded.reason, clock_start_ms = excluded.clock_start_ms,
         clock_basis = excluded.clock_basis, due_ms = excluded.due_ms, status = excluded.status,
         updated_at_ms = excluded.updated_at_ms, audit_seq = excluded.audit_seq`,
    )
    .run(
      ruleId,
      snapshot.applicability,
      snapshot.reason,
      snapshot.clockStartMs,
      snapshot.clockBasis,
      snapshot.dueMs,
      snapshot.status,
      w.nowMs,
      w.auditSeq,
    );
}

/** Records (or, with null, withdraws) the notice given under a rule. */
export function writeNotice(
  w: WriteContext,
  ruleId: string,
  notice: { atMs: number; evidence: string } | null,
  snapshot: ObligationSnapshot,
): void {
  ensureRow(w, ruleId, snapshot);
  w.db
    .prepare(
      `UPDATE deadlines SET notified_at_ms = ?, evidence = ?, notified_by = ?,
         notice_recorded_at_ms = ? WHERE rule_id = ?`,
    )
    .run(
      notice?.atMs ?? null,
      notice?.evidence ?? null,
      notice ? w.actor : null,
      notice ? w.nowMs : null,
      ruleId,
    );
}

/** Records (or, with null, withdraws) a not-required decision and its rationale. */
export function writeDecision(
  w: WriteContext,
  ruleId: string,
  rationale: string | null,
  snapshot: ObligationSnapshot,
): void {
  ensureRow(w, ruleId, snapshot);
  w.db
    .prepare(
      'UPDATE deadlines SET rationale = ?, decided_by = ?, decided_at_ms = ? WHERE rule_id = ?',
    )
    .run(
      rationale,
      rationale === null ? null : w.actor,
      rationale === null ? null : w.nowMs,
      ruleId,
    );
}

export function writeFacts(w: WriteContext, facts: unknown): void {
  w.db.prepare('UPDATE case_info SET facts = ? WHERE id = 1').run(JSON.stringify(facts));
}

export function writeAwareness(w: WriteContext, atMs: number, reason: string): void {
  w.db
    .prepare(
      'UPDATE case_info SET aware_at_ms = ?, aware_set_by = ?, aware_reason = ? WHERE id = 1',
    )
    .run(atMs, w.actor, reason);
}
