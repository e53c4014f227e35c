// Per-access-key roll-ups (migration 5): for each key, its calls by principal, source IP, Region,
// service, user agent and error code, and its write calls by event name — each with the count and
// the first and last call. The key-activity analysis reads these few rows instead of grouping
// every call of the key six times (a leaked key with 34,000 calls in 10 M records took 450 ms).
// Derived data like the activity summary: kept up to date in each ingest batch's transaction
// (KeyRollupBatch, folded by the summary's maintain.ts) and rebuilt from `events` by SQL.
import { EVENTS_BY_RANGE } from '../../casefile/event-layout';
import type { Db } from '../../casefile/sqlite';
import { hasTable, statement } from '../../casefile/statements';

/** The rolled-up dimensions. Stored in case files: never renumber, only add. */
export const KEY_ROLLUP = {
  principalArn: 1,
  sourceIp: 2,
  awsRegion: 3,
  eventSource: 4,
  userAgent: 5,
  errorCode: 6,
  /** Calls with readOnly false, by event name. */
  writeName: 7,
} as const;
export type KeyRollupField = keyof typeof KEY_ROLLUP;

/** The events column each dimension rolls up (the write name is event_name with read_only = 0). */
const COLUMN: Record<KeyRollupField, string> = {
  principalArn: 'e.principal_arn',
  sourceIp: 'e.source_ip',
  awsRegion: 'r.region', // from the row's run: see event-layout.ts
  eventSource: 'e.event_source',
  userAgent: 'e.user_agent',
  errorCode: 'e.error_code',
  writeName: 'e.event_name',
};

interface Agg {
  calls: number;
  firstMs: number;
  lastMs: number;
}

/** One batch's calls per (key, dimension, value), with numeric maps: this runs for every event. */
export class KeyRollupBatch {
  /** key id → dimension → value id (0 for none) → aggregate. */
  readonly keys = new Map<number, Map<number, Agg>[]>();

  /** Adds one call. String ids, null when the event has none; readOnly 1, 0 or null. */
  row(
    timeMs: number,
    accessKey: number | null,
    principal: number | null,
    sourceIp: number | null,
    region: number | null,
    eventSource: number | null,
    userAgent: number | null,
    errorCode: number | null,
    name: number,
    readOnly: number | null,
  ): void {
    if (accessKey === null) return;
    let dims = this.keys.get(accessKey);
    if (!dims) {
      dims = Array.from({ length: KEY_ROLLUP.writeName + 1 }, () => new Map<number, Agg>());
      this.keys.set(accessKey, dims);
    }
    add(dims[KEY_ROLLUP.principalArn]!, principal, timeMs);
    add(dims[KEY_ROLLUP.sourceIp]!, sourceIp, timeMs);
    add(dims[KEY_ROLLUP.awsRegion]!, region, timeMs);
    add(dims[KEY_ROLLUP.eventSource]!, eventSource, timeMs);
    add(dims[KEY_ROLLUP.userAgent]!, userAgent, timeMs);
    add(dims[KEY_ROLLUP.errorCode]!, errorCode, timeMs);
    if (readOnly === 0) add(dims[KEY_ROLLUP.writeName]!, name, timeMs);
  }

  /** Folds the batch into the stored rows: sums, minima and maxima, so batch order is irrelevant. */
  fold(db: Db): void {
    const upsert = statement(
      db,
      `INSERT INTO key_rollups (access_key_id, field, value, calls, first_ms, last_ms)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (access_key_id, field, value) DO UPDATE SET calls = calls + excluded.calls,
         first_ms = min(first_ms, excluded.first_ms), last_ms = max(last_ms, excluded.last_ms)`,
    );
    for (const [key, dims] of this.keys)
      dims.forEach((values, field) => {
        for (const [value, a] of values)
          upsert.run(key, field, value, a.calls, a.firstMs, a.lastMs);
      });
  }
}

function add(values: Map<number, Agg>, id: number | null, timeMs: number): void {
  const value = id ?? 0;
  const a = values.get(value);
  if (!a) values.set(value, { calls: 1, firstMs: timeMs, lastMs: timeMs });
  else {
    a.calls++;
    if (timeMs < a.firstMs) a.firstMs = timeMs;
    if (timeMs > a.lastMs) a.lastMs = timeMs;
  }
}

/** SQL that empties the roll-ups and fills them again from every event in the case. */
export function keyRollupsRebuildSql(): string {
  const selects = (Object.keys(KEY_ROLLUP) as KeyRollupField[]).map(
    (f) => `SELECT e.access_key_id, ${KEY_ROLLUP[f]}, coalesce(${COLUMN[f]}, 0), COUNT(*),
    MIN(e.time_ms), MAX(e.time_ms)
  FROM ${f === 'awsRegion' ? EVENTS_BY_RANGE : 'events e'}
  WHERE e.access_key_id IS NOT NULL${f === 'writeName' ? ' AND e.read_only = 0' : ''}
  GROUP BY e.access_key_id, coalesce(${COLUMN[f]}, 0)`,
  );
  return `
DELETE FROM key_rollups;
INSERT INTO key_rollups (access_key_id, field, value, calls, first_ms, last_ms)
${selects.join('\nUNION ALL\n')};
`;
}

export interface KeyRollupRow {
  /** The value as text, null when the calls had none. */
  value: string | null;
  calls: number;
  firstMs: number;
  lastMs: number;
}

/**
 * The roll-up of one dimension over the given keys (a value's rows of several keys add up),
 * most calls first. Unknown keys contribute nothing. A case opened read-only in an older format
 * has no roll-ups: the same numbers are then grouped from its events.
 */
export function keyRollup(db: Db, keys: readonly string[], field: KeyRollupField): KeyRollupRow[] {
  if (keys.length === 0) return [];
  const keyIds = `(SELECT id FROM strings WHERE value IN (${keys.map(() => '?').join(', ')}))`;
  const sql = hasTable(db, 'key_rollups')
    ? `SELECT s.value AS value, SUM(r.calls) AS calls, MIN(r.first_ms) AS firstMs,
         MAX(r.last_ms) AS lastMs
       FROM key_rollups r LEFT JOIN strings s ON s.id = r.value AND r.value <> 0
       WHERE r.access_key_id IN ${keyIds} AND r.field = ${KEY_ROLLUP[field]}
       GROUP BY r.value ORDER BY calls DESC, firstMs, value`
    : // A format before 5, opened read-only: its events read through legacy-events.ts's views.
      `SELECT s.value AS value, COUNT(*) AS calls, MIN(e.time_ms) AS firstMs,
         MAX(e.time_ms) AS lastMs
       FROM ${EVENTS_BY_RANGE} LEFT JOIN strings s ON s.id = ${COLUMN[field]}
       WHERE e.access_key_id IN ${keyIds}${field === 'writeName' ? ' AND e.read_only = 0' : ''}
       GROUP BY ${COLUMN[field]} ORDER BY calls DESC, firstMs, value`;
  return db.prepare(sql).all(...keys) as KeyRollupRow[];
}
