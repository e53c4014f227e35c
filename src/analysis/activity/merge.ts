// Folds a batch's deltas (batch.ts) into the stored activity rows: read the row a delta touches,
// merge, write it back. Every merge is a sum, a minimum by (time, row), a maximum or a union, so
// the stored rows do not depend on how the events were split into batches or in which order the
// batches came. A bucket's gap (from the tuple's previous bucket's last call to its first) changes
// with it and with the bucket before it, so writing a bucket also sets the next one's gap.
import type { Db } from '../../casefile/sqlite';
import { statement } from '../../casefile/statements';
import { before, type BucketDelta, type TupleDelta } from './batch';
import {
  byFirstOccurrence,
  decodeBucketApis,
  decodeTupleApis,
  encodeBucketApis,
  encodeTupleApis,
  TUPLE_API_DENIED,
  TUPLE_API_READ_NAME,
  TUPLE_API_READISH,
  type TupleApi,
} from './codec';
import { BUCKET_MS } from './rules';

interface BucketRow {
  calls: number;
  denied: number;
  first_ms: number;
  last_ms: number;
  gap_ms: number | null;
  write_ms: number | null;
  write_row: number | null;
  apis: Buffer;
}

export interface TupleRow {
  calls: number;
  denied: number;
  first_ms: number;
  first_row: number;
  last_ms: number;
  inflection_ok: number;
  write_ms: number | null;
  write_row: number | null;
  apis: Buffer;
}

const TUPLE = 'principal_arn = ? AND access_key_id = ? AND source_ip = ?';

/** The tuple's stored row, if it has one: read once, for its buckets and for itself. */
export function storedTuple(db: Db, t: TupleDelta): TupleRow | undefined {
  return statement(
    db,
    `SELECT calls, denied, first_ms, first_row, last_ms, inflection_ok, write_ms, write_row, apis
     FROM activity_tuples WHERE ${TUPLE}`,
  ).get(t.p, t.k, t.ip) as TupleRow | undefined;
}

/**
 * Writes a tuple's buckets in order, so each one's gap is taken from the one before as written.
 * A bucket after the tuple's last stored one (what an ingest in time order brings) has no stored
 * row and no stored bucket after it, and the one before it is known: no lookups.
 */
export function writeBuckets(db: Db, t: TupleDelta, stored: TupleRow | undefined): void {
  const storedLast = stored ? Math.floor(stored.last_ms / BUCKET_MS) : -Infinity;
  let tail = stored ? { bucket: storedLast, lastMs: stored.last_ms } : null;
  for (const bucket of [...t.buckets.keys()].sort((a, b) => a - b)) {
    const beyond = bucket > storedLast;
    const lastMs = writeBucket(db, t, bucket, t.buckets.get(bucket)!, {
      latest: bucket >= storedLast,
      ...(beyond ? { previousLastMs: tail ? tail.lastMs : null } : {}),
    });
    if (bucket >= storedLast) tail = { bucket, lastMs };
  }
}

/** Returns the bucket's last call as written. */
function writeBucket(
  db: Db,
  t: TupleDelta,
  bucket: number,
  d: BucketDelta,
  /**
   * latest: no stored bucket of the tuple comes after this one. previousLastMs: the last call of
   * the bucket before it (null: none), given when this bucket has no stored row.
   */
  at: { latest: boolean; previousLastMs?: number | null },
): number {
  const startMs = bucket * BUCKET_MS;
  const old =
    at.previousLastMs !== undefined
      ? undefined
      : (statement(
          db,
          `SELECT calls, denied, first_ms, last_ms, gap_ms, write_ms, write_row, apis
           FROM activity_buckets WHERE ${TUPLE} AND bucket = ?`,
        ).get(t.p, t.k, t.ip, bucket) as BucketRow | undefined);
  let calls = d.calls;
  let denied = d.denied;
  let firstMs = d.firstMs;
  let lastMs = d.lastMs;
  let writeMs = d.writeMs;
  let writeRow = d.writeRow;
  const apis = d.apis;
  if (old) {
    calls += old.calls;
    denied += old.denied;
    firstMs = Math.min(firstMs, old.first_ms);
    lastMs = Math.max(lastMs, old.last_ms);
    if (
      old.write_ms !== null &&
      (writeMs === null || before(old.write_ms, old.write_row!, writeMs, writeRow!))
    ) {
      writeMs = old.write_ms;
      writeRow = old.write_row;
    }
    for (const a of decodeBucketApis(old.apis, startMs)) {
      const key = `${a.source},${a.name}`;
      const n = apis.get(key);
      if (!n) apis.set(key, a);
      else {
        n.calls += a.calls;
        n.denied += a.denied;
        if (before(a.firstMs, a.firstRow, n.firstMs, n.firstRow)) {
          n.firstMs = a.firstMs;
          n.firstRow = a.firstRow;
        }
      }
    }
  }
  // The gap before this bucket changes only with its first call; after it, only with its last.
  let gapMs = old?.gap_ms ?? null;
  if (at.previousLastMs !== undefined)
    gapMs = at.previousLastMs === null ? null : firstMs - at.previousLastMs;
  else if (!old || firstMs !== old.first_ms) {
    const previousLast = statement(
      db,
      `SELECT last_ms FROM activity_buckets WHERE ${TUPLE} AND bucket < ?
       ORDER BY bucket DESC LIMIT 1`,
    )
      .pluck()
      .get(t.p, t.k, t.ip, bucket) as number | undefined;
    gapMs = previousLast === undefined ? null : firstMs - previousLast;
  }
  if (!at.latest && (!old || lastMs !== old.last_ms)) {
    const next = statement(
      db,
      `SELECT bucket, first_ms FROM activity_buckets WHERE ${TUPLE} AND bucket > ?
       ORDER BY bucket LIMIT 1`,
    ).get(t.p, t.k, t.ip, bucket) as { bucket: number; first_ms: number } | undefined;
    if (next)
      statement(db, `UPDATE activity_buckets SET gap_ms = ? WHERE ${TUPLE} AND bucket = ?`).run(
        next.first_ms - lastMs,
        t.p,
        t.k,
        t.ip,
        next.bucket,
      );
  }
  const list = [...apis.values()].sort(byFirstOccurrence);
  statement(
    db,
    `INSERT OR REPLACE INTO activity_buckets (principal_arn, access_key_id, source_ip, bucket, calls,
       denied, first_ms, last_ms, gap_ms, write_ms, write_row, apis)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    t.p,
    t.k,
    t.ip,
    bucket,
    calls,
    denied,
    firstMs,
    lastMs,
    gapMs,
    writeMs,
    writeRow,
    encodeBucketApis(list, startMs),
  );
  return lastMs;
}

/** `apis`: the tuple's APIs in this batch (BatchActivity.tupleApis), merged into here. */
export function writeTuple(
  db: Db,
  t: TupleDelta,
  apis: Map<string, TupleApi>,
  old: TupleRow | undefined,
): void {
  let { calls, denied, firstMs, firstRow, lastMs, inflectionOk, writeMs, writeRow } = t;
  if (old) {
    calls += old.calls;
    denied += old.denied;
    if (before(old.first_ms, old.first_row, firstMs, firstRow)) {
      firstMs = old.first_ms;
      firstRow = old.first_row;
    }
    lastMs = Math.max(lastMs, old.last_ms);
    inflectionOk ||= old.inflection_ok === 1;
    if (
      old.write_ms !== null &&
      (writeMs === null || before(old.write_ms, old.write_row!, writeMs, writeRow!))
    ) {
      writeMs = old.write_ms;
      writeRow = old.write_row;
    }
    for (const a of decodeTupleApis(old.apis, old.first_ms)) {
      const key = `${a.source},${a.name}`;
      const n = apis.get(key);
      if (!n) apis.set(key, a);
      else {
        n.flags |= a.flags;
        n.calls += a.calls;
        n.denied += a.denied;
        if (before(a.firstMs, a.firstRow, n.firstMs, n.firstRow)) {
          n.firstMs = a.firstMs;
          n.firstRow = a.firstRow;
        }
      }
    }
  }
  const list = [...apis.values()].sort(byFirstOccurrence);
  const names = new Set<number>();
  const readServices = new Set<number>();
  let readApis = 0;
  for (const a of list) {
    names.add(a.name);
    if (a.flags & TUPLE_API_READISH) readApis++;
    if (a.flags & (TUPLE_API_READ_NAME | TUPLE_API_DENIED)) readServices.add(a.source);
  }
  statement(
    db,
    `INSERT OR REPLACE INTO activity_tuples (principal_arn, access_key_id, source_ip, calls, denied,
       first_ms, first_row, last_ms, names, read_apis, read_services, inflection_ok, write_ms,
       write_row, apis)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    t.p,
    t.k,
    t.ip,
    calls,
    denied,
    firstMs,
    firstRow,
    lastMs,
    names.size,
    readApis,
    readServices.size,
    inflectionOk ? 1 : 0,
    writeMs,
    writeRow,
    encodeTupleApis(list, firstMs),
  );
}
