// Listing S3 server access log lines from the case: by bucket, operation, requester and remote IP,
// oldest first, a page at a time.
import { FIELD } from '../casefile/postings';
import type { Db } from '../casefile/sqlite';
import type { S3AccessRowOut } from '../shared/domain';
import { candidates, type TermFilter } from './rows';

export interface S3AccessFilter {
  buckets?: string[];
  operations?: string[];
  requesters?: string[];
  remoteIps?: string[];
  accessKeyIds?: string[];
  /** Only unauthenticated requests (requester "-"). */
  anonymous?: boolean;
  fromMs?: number;
  toMs?: number;
  limit: number;
  after?: { timeMs: number; id: number };
}

interface Row {
  id: number;
  time_ms: number;
  bucket: string | null;
  remote_ip: string | null;
  requester: string | null;
  request_id: string | null;
  operation: string | null;
  object_key: string | null;
  http_status: number | null;
  error_code: string | null;
  bytes_sent: number | null;
  object_size: number | null;
  user_agent: string | null;
  auth_type: string | null;
  access_key_id: string | null;
  source_id: number;
  file_id: number;
  line: number;
}

export function listS3Access(
  db: Db,
  f: S3AccessFilter,
): { lines: S3AccessRowOut[]; next: { timeMs: number; id: number } | null } {
  const filters: TermFilter[] = [];
  if (f.buckets?.length)
    filters.push({ field: FIELD.s3Bucket, column: 'a.bucket', values: f.buckets });
  if (f.operations?.length)
    filters.push({ field: FIELD.s3Operation, column: 'a.operation', values: f.operations });
  if (f.requesters?.length)
    filters.push({ field: FIELD.s3Requester, column: 'a.requester', values: f.requesters });
  if (f.remoteIps?.length)
    filters.push({ field: FIELD.s3RemoteIp, column: 'a.remote_ip', values: f.remoteIps });
  if (f.accessKeyIds?.length)
    filters.push({ field: FIELD.s3AccessKeyId, column: 'a.access_key_id', values: f.accessKeyIds });
  const range = {
    ...(f.fromMs !== undefined ? { fromMs: f.fromMs } : {}),
    ...(f.toMs !== undefined ? { toMs: f.toMs } : {}),
  };
  const c = candidates(db, filters, range);
  if (c.kind === 'none') return { lines: [], next: null };
  const where: string[] = [];
  const params: (number | string)[] = [];
  if (c.kind === 'rows') {
    where.push('a.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(c.ids));
  }
  if (f.anonymous) where.push('a.requester IS NULL');
  if (f.fromMs !== undefined) {
    where.push('a.time_ms >= ?');
    params.push(f.fromMs);
  }
  if (f.toMs !== undefined) {
    where.push('a.time_ms <= ?');
    params.push(f.toMs);
  }
  if (f.after) {
    where.push('(a.time_ms > ? OR (a.time_ms = ? AND a.id > ?))');
    params.push(f.after.timeMs, f.after.timeMs, f.after.id);
  }
  const sql = `SELECT a.id, a.time_ms, b.value AS bucket, ip.value AS remote_ip, rq.value AS requester, a.request_id,
      op.value AS operation, k.value AS object_key, a.http_status, err.value AS error_code, a.bytes_sent, a.object_size,
      ua.value AS user_agent, at.value AS auth_type, ak.value AS access_key_id, a.source_id, a.file_id, a.line
    FROM s3_access a
    LEFT JOIN strings b ON b.id = a.bucket LEFT JOIN strings ip ON ip.id = a.remote_ip
    LEFT JOIN strings rq ON rq.id = a.requester LEFT JOIN strings op ON op.id = a.operation
    LEFT JOIN strings k ON k.id = a.object_key LEFT JOIN strings err ON err.id = a.error_code
    LEFT JOIN strings ua ON ua.id = a.user_agent LEFT JOIN strings at ON at.id = a.auth_type
    LEFT JOIN strings ak ON ak.id = a.access_key_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY a.time_ms, a.id LIMIT ?`;
  const rows = db.prepare(sql).all(...params, f.limit + 1) as Row[];
  const page: S3AccessRowOut[] = rows.slice(0, f.limit).map((r) => ({
    rowId: r.id,
    time: new Date(r.time_ms).toISOString(),
    bucket: r.bucket,
    remoteIp: r.remote_ip,
    requester: r.requester,
    requestId: r.request_id,
    operation: r.operation,
    key: r.object_key,
    httpStatus: r.http_status,
    errorCode: r.error_code,
    bytesSent: r.bytes_sent,
    objectSize: r.object_size,
    userAgent: r.user_agent,
    authType: r.auth_type,
    accessKeyId: r.access_key_id,
    provenance: { sourceId: r.source_id, fileId: r.file_id, recordIndex: r.line },
  }));
  const last = rows.length > f.limit ? page[page.length - 1] : undefined;
  return { lines: page, next: last ? { timeMs: Date.parse(last.time), id: last.rowId } : null };
}
