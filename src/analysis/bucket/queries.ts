// The read queries of the bucket analysis. Postings pick the candidate rows (the bucket's, the
// read operations', the anonymous principal's — whichever is rarest drives), then ONE query per
// question fetches only the integer columns it needs; strings are resolved once per distinct id.
// This is what keeps a busy bucket fast: no per-row joins, no paging that recomputes candidates.
import { eventIdFromStored } from '../../casefile/event-id';
import { OBJECT_OF_ROW, RANGE_OF_ROW, RECORD_INDEX_SQL } from '../../casefile/event-layout';
import { FIELD, decodePosting } from '../../casefile/postings';
import type { Db } from '../../casefile/sqlite';
import { candidates, stringIds, stringsById, type TermFilter } from '../../query/rows';
import { ACCESS_LOG_READ_OPERATIONS, DATA_EVENT_READS, type Read } from './external';

export interface TimeRange {
  fromMs?: number;
  toMs?: number;
}

/** A data-event read and where its raw record is, for bytes and request ID. */
export interface DataEventRead extends Read {
  rowId: number;
  fileId: number;
  recordIndex: number;
}

function rangeSql(column: string, range: TimeRange, where: string[], params: number[]): void {
  if (range.fromMs !== undefined) {
    where.push(`${column} >= ?`);
    params.push(range.fromMs);
  }
  if (range.toMs !== undefined) {
    where.push(`${column} <= ?`);
    params.push(range.toMs);
  }
}

/** id, event_id, time_ms, event_name, source_ip, principal_arn, object_key, error_code, file_id, record_index */
type EventReadRow = [
  number,
  Buffer | string,
  number,
  number,
  number | null,
  number | null,
  number | null,
  number | null,
  number,
  number,
];

/** CloudTrail data events reading the bucket (GetObject, HeadObject, ListObjects …), oldest first. */
export function dataEventReads(
  db: Db,
  bucket: string,
  range: TimeRange,
  opts: { anonymousOnly?: boolean } = {},
): DataEventRead[] {
  const filters: TermFilter[] = [
    { field: FIELD.bucket, column: 'e.bucket', values: [bucket] },
    { field: FIELD.eventName, column: 'e.event_name', values: [...DATA_EVENT_READS] },
  ];
  if (opts.anonymousOnly)
    filters.push({
      field: FIELD.principalArn,
      column: 'e.principal_arn',
      values: ['account:anonymous'],
    });
  const c = candidates(db, filters, range);
  if (c.kind !== 'rows') return [];
  const where = ['e.id IN (SELECT value FROM json_each(?))'];
  const params: (string | number)[] = [JSON.stringify(c.ids)];
  const timeParams: number[] = [];
  rangeSql('e.time_ms', range, where, timeParams);
  // Rows come back as arrays and unsorted (row ids already follow time within a file): sorting
  // in JS is cheaper than SQLite's temp b-tree on a busy bucket.
  const rows = db
    .prepare(
      `SELECT e.id, e.event_id, e.time_ms, e.event_name, e.source_ip, e.principal_arn, o.object_key, e.error_code,
         r.file_id, ${RECORD_INDEX_SQL}
       FROM events e ${RANGE_OF_ROW} ${OBJECT_OF_ROW} WHERE ${where.join(' AND ')}`,
    )
    .raw()
    .all(...params, ...timeParams) as EventReadRow[];
  const s = stringsById(
    db,
    rows.flatMap((r) => [r[3], r[4], r[5], r[6], r[7]]),
  );
  const str = (id: number | null): string | null => (id === null ? null : (s.get(id) ?? null));
  const reads = rows.map((r): DataEventRead => {
    const principal = str(r[5]);
    const error = str(r[7]);
    return {
      source: 'cloudtrail',
      timeMs: r[2],
      ip: str(r[4]),
      requester: principal,
      anonymous: principal === 'account:anonymous',
      key: str(r[6]),
      operation: str(r[3]) ?? '?',
      ok: error === null,
      denied: error !== null && /denied|forbidden|unauthori/i.test(error),
      bytes: 0,
      requestId: null,
      ref: { type: 'event', id: eventIdFromStored(r[1]) },
      rowId: r[0],
      fileId: r[8],
      recordIndex: r[9],
    };
  });
  return reads.sort((a, b) => a.timeMs - b.timeMs || a.rowId - b.rowId);
}

/** id, time_ms, remote_ip, requester, request_id, operation, object_key, http_status, bytes_sent */
type AccessReadRow = [
  number,
  number,
  number | null,
  number | null,
  string | null,
  number | null,
  number | null,
  number | null,
  number | null,
];

const ok = (status: number | null): boolean =>
  status !== null && ((status >= 200 && status < 300) || status === 304);

/** S3 server access log reads of the bucket, oldest first; anonymousOnly keeps requester "-". */
export function accessLogReads(
  db: Db,
  bucket: string,
  range: TimeRange,
  opts: { anonymousOnly?: boolean } = {},
): Read[] {
  const c = candidates(
    db,
    [
      { field: FIELD.s3Bucket, column: 'a.bucket', values: [bucket] },
      { field: FIELD.s3Operation, column: 'a.operation', values: [...ACCESS_LOG_READ_OPERATIONS] },
    ],
    range,
  );
  if (c.kind !== 'rows') return [];
  const where = ['a.id IN (SELECT value FROM json_each(?))'];
  const params: (string | number)[] = [JSON.stringify(c.ids)];
  if (opts.anonymousOnly) where.push('a.requester IS NULL');
  const timeParams: number[] = [];
  rangeSql('a.time_ms', range, where, timeParams);
  const rows = db
    .prepare(
      `SELECT a.id, a.time_ms, a.remote_ip, a.requester, a.request_id, a.operation, a.object_key, a.http_status, a.bytes_sent
       FROM s3_access a WHERE ${where.join(' AND ')}`,
    )
    .raw()
    .all(...params, ...timeParams) as AccessReadRow[];
  const s = stringsById(
    db,
    rows.flatMap((r) => [r[2], r[3], r[5], r[6]]),
  );
  const str = (id: number | null): string | null => (id === null ? null : (s.get(id) ?? null));
  const reads = rows.map((r): Read & { rowId: number } => {
    const requester = str(r[3]);
    // "-" is stored as no value; very old logs wrote "Anonymous".
    const anonymous = requester === null || requester === 'Anonymous';
    return {
      source: 's3-access',
      timeMs: r[1],
      ip: str(r[2]),
      requester: anonymous ? null : requester,
      anonymous,
      key: str(r[6]),
      operation: str(r[5]) ?? '-',
      ok: ok(r[7]),
      denied: r[7] === 401 || r[7] === 403,
      bytes: r[8] ?? 0,
      requestId: r[4],
      ref: { type: 's3_access', id: r[0] },
      rowId: r[0],
    };
  });
  return reads.sort((a, b) => a.timeMs - b.timeMs || a.rowId - b.rowId);
}

/**
 * Times of the bucket's successful anonymous reads, from both sources, oldest first: only the
 * time column is read (a busy bucket has tens of thousands of lines; building each read cost
 * more than the exposure replay that needs only their times). Anonymous and successful as
 * accessLogReads and dataEventReads judge them: requester "-" with a 2xx or 304 status, and the
 * anonymous principal with no error code.
 */
export function successfulAnonymousReadTimes(db: Db, bucket: string): number[] {
  let times: number[] = [];
  const lines = candidates(
    db,
    [
      { field: FIELD.s3Bucket, column: 'a.bucket', values: [bucket] },
      { field: FIELD.s3Operation, column: 'a.operation', values: [...ACCESS_LOG_READ_OPERATIONS] },
    ],
    {},
  );
  if (lines.kind === 'rows')
    times = times.concat(
      db
        .prepare(
          `SELECT a.time_ms FROM s3_access a WHERE a.id IN (SELECT value FROM json_each(?))
             AND a.requester IS NULL
             AND ((a.http_status >= 200 AND a.http_status < 300) OR a.http_status = 304)`,
        )
        .pluck()
        .all(JSON.stringify(lines.ids)) as number[],
    );
  const events = candidates(
    db,
    [
      { field: FIELD.bucket, column: 'e.bucket', values: [bucket] },
      { field: FIELD.eventName, column: 'e.event_name', values: [...DATA_EVENT_READS] },
      { field: FIELD.principalArn, column: 'e.principal_arn', values: ['account:anonymous'] },
    ],
    {},
  );
  if (events.kind === 'rows')
    times = times.concat(
      db
        .prepare(
          `SELECT e.time_ms FROM events e WHERE e.id IN (SELECT value FROM json_each(?))
             AND e.error_code IS NULL`,
        )
        .pluck()
        .all(JSON.stringify(events.ids)) as number[],
    );
  return times.sort((a, b) => a - b);
}

/**
 * Does any CloudTrail data event read the bucket? Compares the bucket's postings with the read
 * event names' postings file by file, stopping at the first row they share.
 */
export function hasDataEventReads(db: Db, bucket: string): boolean {
  const bucketId = stringIds(db, [bucket])[0];
  const nameIds = stringIds(db, DATA_EVENT_READS);
  if (bucketId === undefined || nameIds.length === 0) return false;
  const pairs = db
    .prepare(
      `SELECT a.rows AS a, a.enc AS ae, b.rows AS b, b.enc AS be FROM postings a
       JOIN postings b ON b.file_id = a.file_id AND b.field = ? AND b.term IN (SELECT value FROM json_each(?))
       WHERE a.field = ? AND a.term = ?`,
    )
    .iterate(FIELD.eventName, JSON.stringify(nameIds), FIELD.bucket, bucketId) as IterableIterator<{
    a: Buffer;
    ae: number;
    b: Buffer;
    be: number;
  }>;
  for (const p of pairs) {
    const rows = new Set(decodePosting(p.ae, p.a));
    if (decodePosting(p.be, p.b).some((o) => rows.has(o))) return true;
  }
  return false;
}

/** The most common recipient account among (at most 2,000 of) the bucket's CloudTrail rows. */
export function commonRecipientAccount(db: Db, bucket: string): string | null {
  const c = candidates(db, [{ field: FIELD.bucket, column: 'e.bucket', values: [bucket] }], {});
  if (c.kind !== 'rows' || c.ids.length === 0) return null;
  const r = db
    .prepare(
      `SELECT s.value AS account, COUNT(*) AS n FROM events e ${RANGE_OF_ROW}
       JOIN strings s ON s.id = r.account WHERE e.id IN (SELECT value FROM json_each(?)) GROUP BY s.value ORDER BY n DESC LIMIT 1`,
    )
    .get(JSON.stringify(c.ids.slice(0, 2000))) as { account: string } | undefined;
  return r?.account ?? null;
}
