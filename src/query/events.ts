// Listing CloudTrail events from the case: filters by access key, principal, event name, source
// IP and time, oldest first, a page at a time (keyset paging on time and row id).
import { eventIdFromStored } from '../casefile/event-id';
import { FIELD } from '../casefile/postings';
import type { Db } from '../casefile/sqlite';
import type { EventRow } from '../shared/domain';
import { candidates, type TermFilter } from './rows';

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

const COLUMNS = `e.id, e.event_id, e.time_ms, n.value AS event_name, src.value AS event_source, reg.value AS aws_region,
  p.value AS principal_arn, pt.value AS principal_type, k.value AS access_key_id, iss.value AS session_issuer_arn,
  ip.value AS source_ip, ua.value AS user_agent, e.read_only, err.value AS error_code, b.value AS bucket,
  ok.value AS object_key, acct.value AS recipient_account, e.source_id, e.file_id, e.record_index`;

const JOINS = `JOIN strings n ON n.id = e.event_name
  LEFT JOIN strings src ON src.id = e.event_source LEFT JOIN strings reg ON reg.id = e.aws_region
  LEFT JOIN strings p ON p.id = e.principal_arn LEFT JOIN strings pt ON pt.id = e.principal_type
  LEFT JOIN strings k ON k.id = e.access_key_id LEFT JOIN strings iss ON iss.id = e.session_issuer_arn
  LEFT JOIN strings ip ON ip.id = e.source_ip LEFT JOIN strings ua ON ua.id = e.user_agent
  LEFT JOIN strings err ON err.id = e.error_code LEFT JOIN strings b ON b.id = e.bucket
  LEFT JOIN strings ok ON ok.id = e.object_key LEFT JOIN strings acct ON acct.id = e.recipient_account`;

interface Row {
  id: number;
  event_id: Buffer | string;
  time_ms: number;
  event_name: string;
  event_source: string | null;
  aws_region: string | null;
  principal_arn: string | null;
  principal_type: string | null;
  access_key_id: string | null;
  session_issuer_arn: string | null;
  source_ip: string | null;
  user_agent: string | null;
  read_only: number | null;
  error_code: string | null;
  bucket: string | null;
  object_key: string | null;
  recipient_account: string | null;
  source_id: number;
  file_id: number;
  record_index: number;
}

function toEventRow(r: Row): EventRow {
  return {
    rowId: r.id,
    eventId: eventIdFromStored(r.event_id),
    eventTime: new Date(r.time_ms).toISOString(),
    eventName: r.event_name,
    eventSource: r.event_source,
    awsRegion: r.aws_region,
    sourceIp: r.source_ip,
    principalArn: r.principal_arn,
    principalType: r.principal_type,
    accessKeyId: r.access_key_id,
    sessionIssuerArn: r.session_issuer_arn,
    userAgent: r.user_agent,
    errorCode: r.error_code,
    readOnly: r.read_only === null ? null : r.read_only === 1,
    bucket: r.bucket,
    objectKey: r.object_key,
    recipientAccountId: r.recipient_account,
    provenance: { sourceId: r.source_id, fileId: r.file_id, recordIndex: r.record_index },
  };
}

export function termFilters(f: EventFilter): TermFilter[] {
  const out: TermFilter[] = [];
  if (f.accessKeyIds?.length)
    out.push({ field: FIELD.accessKeyId, column: 'e.access_key_id', values: f.accessKeyIds });
  if (f.principalArns?.length)
    out.push({ field: FIELD.principalArn, column: 'e.principal_arn', values: f.principalArns });
  if (f.eventNames?.length)
    out.push({ field: FIELD.eventName, column: 'e.event_name', values: f.eventNames });
  if (f.sourceIps?.length)
    out.push({ field: FIELD.sourceIp, column: 'e.source_ip', values: f.sourceIps });
  if (f.buckets?.length) out.push({ field: FIELD.bucket, column: 'e.bucket', values: f.buckets });
  return out;
}

export function listEvents(
  db: Db,
  f: EventFilter,
): { events: EventRow[]; next: { timeMs: number; id: number } | null } {
  const range = {
    ...(f.fromMs !== undefined ? { fromMs: f.fromMs } : {}),
    ...(f.toMs !== undefined ? { toMs: f.toMs } : {}),
  };
  const c = candidates(db, termFilters(f), range);
  if (c.kind === 'none') return { events: [], next: null };
  const where: string[] = [];
  const params: (number | string)[] = [];
  if (c.kind === 'rows') {
    where.push('e.id IN (SELECT value FROM json_each(?))', ...c.where);
    params.push(JSON.stringify(c.ids), ...c.params);
  }
  if (f.fromMs !== undefined) {
    where.push('e.time_ms >= ?');
    params.push(f.fromMs);
  }
  if (f.toMs !== undefined) {
    where.push('e.time_ms <= ?');
    params.push(f.toMs);
  }
  if (f.after) {
    where.push('(e.time_ms > ? OR (e.time_ms = ? AND e.id > ?))');
    params.push(f.after.timeMs, f.after.timeMs, f.after.id);
  }
  const sql = `SELECT ${COLUMNS} FROM events e ${JOINS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY e.time_ms, e.id LIMIT ?`;
  const rows = db.prepare(sql).all(...params, f.limit + 1) as Row[];
  const page = rows.slice(0, f.limit).map(toEventRow);
  const last = rows.length > f.limit ? page[page.length - 1] : undefined;
  return {
    events: page,
    next: last ? { timeMs: Date.parse(last.eventTime), id: last.rowId } : null,
  };
}
