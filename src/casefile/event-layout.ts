// How an events row is stored since case format 9, and the SQL that reads it back. A case holds
// millions of rows, so every byte of a row counts (the case must stay within twice the gzip logs):
// - time is whole seconds since 2000-01-01 (`time_s`, 4 bytes until 2068). The rare sub-second
//   part sits in the flags; `time_ms` is a VIRTUAL column that adds both back, exact to the ms.
//   The events_time index is on the whole second; rows are still listed by time_ms, then id.
// - read-only, data-event and principal type share one small `flags` integer (VIRTUAL columns
//   `read_only`, `data_event` and `principal_type_code` take them apart again).
// - account, Region and provenance (source, kept file, record index) are the same for long runs
//   of consecutive rows, so `event_ranges` stores them once per run: a row's record index is the
//   run's first index plus the row's offset in the run. A run ends at a new file, account or
//   Region, or a hole in the record indexes (a duplicate or rejected record).
// - the S3 bucket and object key, which only data events and bucket calls name, sit in
//   `event_objects`, one row per event that names either: every other row saves their two
//   header bytes (SQLite spends a byte per column even on NULL).
import type { Db } from './sqlite';
import { statement } from './statements';

/** Seconds from the Unix epoch to 2000-01-01T00:00:00Z, the origin of `events.time_s`. */
export const TIME_ORIGIN_S = 946_684_800;

/** Bit positions in `events.flags`. */
const READ_ONLY_BITS = 0; // 2 bits: 0 unknown, 1 false, 2 true
const DATA_EVENT_BITS = 2; // 2 bits: 0 NULL, 1 → 0, 2 → 1 (see migration 6 for the codes)
const PRINCIPAL_TYPE_BITS = 4; // 20 bits: principal_types.code, 0 when none
const SUB_SECOND_BITS = 24; // the milliseconds past the whole second, 0–999

/** The largest principal_types code the flags can hold. */
export const MAX_PRINCIPAL_TYPE_CODE = (1 << (SUB_SECOND_BITS - PRINCIPAL_TYPE_BITS)) - 1;

const tri = (v: number | null): number => (v === null ? 0 : v ? 2 : 1);

/** Whole seconds since TIME_ORIGIN_S, and the milliseconds past them. */
export function splitTime(timeMs: number): { timeS: number; subMs: number } {
  const whole = Math.floor(timeMs / 1000);
  return { timeS: whole - TIME_ORIGIN_S, subMs: timeMs - whole * 1000 };
}

/** The flags integer of a row (readOnly and dataEvent: 1, 0 or null, as the columns hold). */
export function eventFlags(
  readOnly: number | null,
  dataEvent: number | null,
  principalTypeCode: number,
  subMs: number,
): number {
  // Multiplication, not shifts: the sub-second part can pass bit 31.
  return (
    (tri(readOnly) << READ_ONLY_BITS) +
    (tri(dataEvent) << DATA_EVENT_BITS) +
    principalTypeCode * 2 ** PRINCIPAL_TYPE_BITS +
    subMs * 2 ** SUB_SECOND_BITS
  );
}

const field = (shift: number, width: number): string => `((flags >> ${shift}) & ${2 ** width - 1})`;
const triSql = (shift: number): string =>
  `(CASE ${field(shift, 2)} WHEN 0 THEN NULL ELSE ${field(shift, 2)} - 1 END)`;

/** The VIRTUAL columns of events, as written in its CREATE TABLE. */
export const EVENT_VIRTUAL_COLUMNS = `
  time_ms             INTEGER GENERATED ALWAYS AS ((time_s + ${TIME_ORIGIN_S}) * 1000 + (flags >> ${SUB_SECOND_BITS})) VIRTUAL,
  read_only           INTEGER GENERATED ALWAYS AS ${triSql(READ_ONLY_BITS)} VIRTUAL,
  data_event          INTEGER GENERATED ALWAYS AS ${triSql(DATA_EVENT_BITS)} VIRTUAL,
  principal_type_code INTEGER GENERATED ALWAYS AS ${field(PRINCIPAL_TYPE_BITS, SUB_SECOND_BITS - PRINCIPAL_TYPE_BITS)} VIRTUAL`;

/** SQL for the flags of a row given its parts as SQL expressions (the migration's form). */
export function eventFlagsSql(
  readOnly: string,
  dataEvent: string,
  principalTypeCode: string,
  subMs: string,
): string {
  const triOf = (v: string): string =>
    `(CASE WHEN ${v} IS NULL THEN 0 WHEN ${v} THEN 2 ELSE 1 END)`;
  return `(${triOf(readOnly)} << ${READ_ONLY_BITS}) + (${triOf(dataEvent)} << ${DATA_EVENT_BITS})
    + (coalesce(${principalTypeCode}, 0) << ${PRINCIPAL_TYPE_BITS}) + (${subMs} << ${SUB_SECOND_BITS})`;
}

// Both joins are CROSS JOINs, which SQLite never reorders: the other order would look for each
// run's rows through the correlated subquery, row by row.

/**
 * Joins each events row `e` to its run `r` in event_ranges (account, region, source_id, file_id,
 * and the record index through RECORD_INDEX_SQL): one index seek per row. A row outside every
 * run (cairn verify reports one) drops out rather than take its neighbour's provenance.
 */
export const RANGE_OF_ROW = `CROSS JOIN event_ranges r ON r.first_row = (
    SELECT first_row FROM event_ranges WHERE first_row <= e.id ORDER BY first_row DESC LIMIT 1)
    AND e.id < r.first_row + r.row_count`;

/** Joins each events row `e` to its bucket and object key `o` (NULL when it names none). */
export const OBJECT_OF_ROW = 'LEFT JOIN event_objects o ON o.id = e.id';

/** Every events row `e` with its run `r`, in row order: for reading the whole table. */
export const EVENTS_BY_RANGE = `event_ranges r CROSS JOIN events e
    ON e.id BETWEEN r.first_row AND r.first_row + r.row_count - 1`;

/** The record index (array index or line number) of row `e` in run `r`. */
export const RECORD_INDEX_SQL = '(r.first_index + e.id - r.first_row)';

/** The text of a row's principal type, from its code. */
export const PRINCIPAL_TYPE_SQL =
  '(SELECT type FROM principal_types WHERE code = e.principal_type_code)';

/**
 * WHERE terms for `e.time_ms` in [fromMs, toMs]: the whole seconds first, so that SQLite can use
 * events_time, then the exact bound for a row with a sub-second part.
 */
export function timeRangeSql(
  range: { fromMs?: number | undefined; toMs?: number | undefined },
  alias = 'e',
): { where: string[]; params: number[] } {
  const where: string[] = [];
  const params: number[] = [];
  if (range.fromMs !== undefined) {
    where.push(`${alias}.time_s >= ?`, `${alias}.time_ms >= ?`);
    params.push(splitTime(range.fromMs).timeS, range.fromMs);
  }
  if (range.toMs !== undefined) {
    where.push(`${alias}.time_s <= ?`, `${alias}.time_ms <= ?`);
    params.push(splitTime(range.toMs).timeS, range.toMs);
  }
  return { where, params };
}

/** The smallest flags value of a row whose time has a sub-second part. */
const SUB_SECOND_FLAGS = 2 ** SUB_SECOND_BITS;

/** A partial index of the (rare) rows whose time has milliseconds: empty for CloudTrail's own. */
export const SUB_SECOND_INDEX_SQL = `CREATE INDEX events_subsecond ON events(id) WHERE flags >= ${SUB_SECOND_FLAGS}`;

/**
 * The order rows are listed in: time to the millisecond, then row id. When no row has
 * milliseconds (CloudTrail writes whole seconds) that is the events_time index's own order;
 * otherwise SQLite walks the index and sorts within each second, which costs more.
 */
export function eventOrderSql(db: Db, alias = 'e'): string {
  const exact = `${alias}.time_s, ${alias}.time_ms, ${alias}.id`;
  // A case of an older format, read through views (legacy-events.ts), has neither flags nor index.
  const current = statement(
    db,
    "SELECT 1 FROM main.sqlite_master WHERE type = 'index' AND name = 'events_subsecond'",
  ).get();
  if (!current) return exact;
  const subSecond = statement(
    db,
    `SELECT EXISTS (SELECT 1 FROM events INDEXED BY events_subsecond WHERE flags >= ${SUB_SECOND_FLAGS})`,
  )
    .pluck()
    .get();
  return subSecond ? exact : `${alias}.time_s, ${alias}.id`;
}

/** WHERE term and parameters for the rows after `after` in eventOrderSql order. */
export function afterSql(
  after: { timeMs: number; id: number },
  alias = 'e',
): { where: string; params: number[] } {
  const s = splitTime(after.timeMs).timeS;
  return {
    where: `(${alias}.time_s > ? OR (${alias}.time_s = ? AND (${alias}.time_ms > ? OR (${alias}.time_ms = ? AND ${alias}.id > ?))))`,
    params: [s, s, after.timeMs, after.timeMs, after.id],
  };
}
