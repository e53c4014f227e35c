// Migration 3: what people record about notification deadlines.
// The tracker derives every due time and status from the case facts, the clock anchors, the
// notices given and the not-required decisions (src/deadlines/tracking.ts); it never reads a due
// time or status back from a row. So the case keeps only those human inputs:
// - `clock_anchors`: instants the responder recorded that start clocks (determination of the
//   breach, materiality determination, a separate discovery time, …), with who, when and why.
//   The awareness time stays in case_info (aware_at_ms, aware_set_by, aware_reason).
// - `deadlines` (from migration 1), one row per rule a person acted on: the notice (notified_at_ms,
//   evidence, notified_by, notice_recorded_at_ms) and the not-required decision (rationale,
//   decided_by, decided_at_ms); NULL when absent or withdrawn. Its derived columns
//   (applicability, reason, clock_start_ms, clock_basis, due_ms, status) are a snapshot of what
//   Cairn showed when the person acted, for anyone reading the raw file; Cairn never trusts them.
// Every change to either table is also in the audit chain with the previous values.
import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'deadline notices, decisions and clock anchors',
  sql: `
ALTER TABLE deadlines ADD COLUMN notified_by TEXT;
ALTER TABLE deadlines ADD COLUMN notice_recorded_at_ms INTEGER;
ALTER TABLE deadlines ADD COLUMN decided_by TEXT;
ALTER TABLE deadlines ADD COLUMN decided_at_ms INTEGER;
ALTER TABLE deadlines ADD COLUMN audit_seq INTEGER;   -- audit entry of the last change to the row

CREATE TABLE clock_anchors (
  anchor      TEXT    PRIMARY KEY,           -- a clock anchor name, e.g. determination_of_breach
  at_ms       INTEGER NOT NULL,              -- when it happened (UTC ms)
  set_by      TEXT    NOT NULL,
  set_at_ms   INTEGER NOT NULL,
  reason      TEXT,
  audit_seq   INTEGER NOT NULL
);
`,
};
