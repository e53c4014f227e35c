// Keeps the activity summary (migration 4) up to date as events arrive, in the transaction of
// each ingest batch: the ingest hands each row it inserts to a BatchActivity (beginActivityBatch)
// and folds the batch in before committing (finishActivityBatch); summarizeNewEvents does the
// same for rows read back from `events`. The batch's rows are grouped by tuple and bucket
// (batch.ts) and folded into the stored rows (merge.ts). The result is the same as rebuilding from
// every event (rebuild.ts), whatever the batch boundaries or file order.
import { EVENTS_BY_RANGE } from '../../casefile/event-layout';
import type { Db } from '../../casefile/sqlite';
import { hasTable, statement } from '../../casefile/statements';
import { BatchActivity, collect, type NewEvent } from './batch';
import { storedTuple, writeBuckets, writeTuple } from './merge';
import { rebuildActivity } from './rebuild';
import { ACTIVITY_RULES_FINGERPRINT } from './rules';

/** The highest events.id now: pass it to summarizeNewEvents after the batch is written. */
export function lastEventRow(db: Db): number {
  return (statement(db, 'SELECT MAX(id) FROM events').pluck().get() as number | null) ?? 0;
}

/** True when the case has a summary built under the current rules. */
export function activitySummaryCurrent(db: Db): boolean {
  if (!hasTable(db, 'activity_summary')) return false;
  const rules = statement(db, 'SELECT rules FROM activity_summary WHERE id = 1').pluck().get();
  return rules === ACTIVITY_RULES_FINGERPRINT;
}

/**
 * Folds the events with id > `afterRow` into the summary. A summary built under other rules
 * (or none) is rebuilt from every event instead; returns whether that happened.
 */
export function summarizeNewEvents(db: Db, afterRow: number): { rebuilt: boolean } {
  if (!activitySummaryCurrent(db)) {
    rebuildActivity(db);
    return { rebuilt: true };
  }
  const rows = statement(
    db,
    `SELECT e.id, e.time_ms, coalesce(e.principal_arn, 0) AS p, coalesce(e.access_key_id, 0) AS k,
       coalesce(e.source_ip, 0) AS ip, coalesce(e.event_source, 0) AS src, e.event_name AS n,
       e.error_code, e.read_only, r.region AS reg, e.user_agent AS ua
     FROM ${EVENTS_BY_RANGE} WHERE r.first_row + r.row_count > ? AND e.id > ? ORDER BY e.id`,
  ).all(afterRow, afterRow) as NewEvent[];
  fold(db, collect(db, rows));
  return { rebuilt: false };
}

/**
 * A collector for the rows an ingest batch inserts (reading them back would cost as much as the
 * summary itself), or null when the summary is not current and the batch must rebuild it.
 */
export function beginActivityBatch(db: Db): BatchActivity | null {
  return activitySummaryCurrent(db) ? new BatchActivity(db) : null;
}

/** Folds the batch's rows into the summary, or rebuilds it from every event when it had none. */
export function finishActivityBatch(db: Db, batch: BatchActivity | null): { rebuilt: boolean } {
  if (!batch) {
    rebuildActivity(db);
    return { rebuilt: true };
  }
  fold(db, batch);
  return { rebuilt: false };
}

function fold(db: Db, batch: BatchActivity): void {
  for (const t of batch.tuples.values()) {
    // Taken before the buckets are written: writing a bucket merges its stored APIs into the delta.
    const apis = batch.tupleApis(t);
    const stored = storedTuple(db, t);
    writeBuckets(db, t, stored);
    writeTuple(db, t, apis, stored);
  }
  batch.keyRollups.fold(db);
}
