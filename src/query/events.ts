// Listing CloudTrail events from the case: filters by access key, principal, event name, source
// IP, bucket and time, oldest first, a page at a time (keyset paging on time and row id).
import type { Db } from '../casefile/sqlite';
import type { EventRow } from '../shared/domain';
import { runCaseQuery } from './casefile';

export interface EventFilter {
  accessKeyIds?: string[];
  principalArns?: string[];
  eventNames?: string[];
  sourceIps?: string[];
  buckets?: string[];
  fromMs?: number;
  toMs?: number;
  limit: number;
  /** Continue after this (time, row id) position. */
  after?: { timeMs: number; id: number };
}

export function listEvents(
  db: Db,
  f: EventFilter,
): { events: EventRow[]; next: { timeMs: number; id: number } | null } {
  const r = runCaseQuery(
    db,
    {
      ...(f.accessKeyIds ? { accessKeyIds: f.accessKeyIds } : {}),
      ...(f.principalArns ? { principalArns: f.principalArns } : {}),
      ...(f.eventNames ? { eventNames: f.eventNames } : {}),
      ...(f.sourceIps ? { sourceIps: f.sourceIps } : {}),
      ...(f.buckets ? { buckets: f.buckets } : {}),
      ...(f.fromMs !== undefined ? { from: new Date(f.fromMs).toISOString() } : {}),
      ...(f.toMs !== undefined ? { to: new Date(f.toMs).toISOString() } : {}),
      limit: f.limit,
    },
    f.after,
  );
  const last = r.truncated ? r.rows[r.rows.length - 1] : undefined;
  return {
    events: r.rows,
    next: last ? { timeMs: Date.parse(last.eventTime), id: last.rowId } : null,
  };
}
