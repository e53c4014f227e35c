// Folds a batch's deltas (batch.ts) into the stored activity rows: read the row a delta touches,
// merge, write it back. Every merge is a sum, a minimum by (time, row), a maximum or a union, so
// the stored rows do not depend on how the events were split into batches or in which order the
// batches came.
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
} from './codec';
import { BUCKET_MS } from './rules';

interface BucketRow {
  calls: number;
  denied: number;
  first_ms: number;
  last_ms: number;
  write_ms: number | null;
  write_row: number | null;
  apis: Buffer;
}

interface TupleRow {
  calls: number;
  denied: number;
  first_ms: number;
  first_row: number;
  last_ms: number;
  inflection_ok: number;
  has_write: number;
  apis: Buffer;
}

export function writeBucket(db: Db, t: TupleDelta, bucket: number, d: BucketDelta): void {
  const startMs = bucket * BUCKET_MS;
  const old = statement(
    db,
    `SELECT calls, denied, first_ms, last_ms, write_ms, write_row, apis FROM activity_buckets
     WHERE principal_arn = ? AND access_key_id = ? AND source_ip = ? AND bucket = ?`,
  ).get(t.p, t.k, t.ip, bucket) as BucketRow | undefined;
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
  const list = [...apis.values()].sort(byFirstOccurrence);
  statement(
    db,
    `INSERT OR REPLACE INTO activity_buckets (principal_arn, access_key_id, source_ip, bucket, calls,
       denied, first_ms, last_ms, write_ms, write_row, apis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    t.p,
    t.k,
    t.ip,
    bucket,
    calls,
    denied,
    firstMs,
    lastMs,
    writeMs,
    writeRow,
    encodeBucketApis(list, startMs),
  );
}

export function writeTuple(db: Db, t: TupleDelta): void {
  const old = statement(
    db,
    `SELECT calls, denied, first_ms, first_row, last_ms, inflection_ok, has_write, apis
     FROM activity_tuples WHERE principal_arn = ? AND access_key_id = ? AND source_ip = ?`,
  ).get(t.p, t.k, t.ip) as TupleRow | undefined;
  const apis = t.apis;
  let { calls, denied, firstMs, firstRow, lastMs, inflectionOk, hasWrite } = t;
  if (old) {
    calls += old.calls;
    denied += old.denied;
    if (before(old.first_ms, old.first_row, firstMs, firstRow)) {
      firstMs = old.first_ms;
      firstRow = old.first_row;
    }
    lastMs = Math.max(lastMs, old.last_ms);
    inflectionOk ||= old.inflection_ok === 1;
    hasWrite ||= old.has_write === 1;
    for (const a of decodeTupleApis(old.apis)) {
      const key = `${a.source},${a.name}`;
      const n = apis.get(key);
      if (!n) apis.set(key, a);
      else n.flags |= a.flags;
    }
  }
  const list = [...apis.values()].sort((a, b) => a.source - b.source || a.name - b.name);
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
       first_ms, first_row, last_ms, names, read_apis, read_services, inflection_ok, has_write, apis)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    hasWrite ? 1 : 0,
    encodeTupleApis(list),
  );
}
