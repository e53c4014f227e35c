// One CloudTrail event row as the engine returns it: string ids resolved, eventID in its text
// form, provenance back to the kept file.
import { eventIdFromStored } from '../casefile/event-id';
import {
  OBJECT_OF_ROW,
  PRINCIPAL_TYPE_SQL,
  RANGE_OF_ROW,
  RECORD_INDEX_SQL,
} from '../casefile/event-layout';
import type { Db } from '../casefile/sqlite';
import type { EventRow } from '../shared/domain';
import { statement } from '../casefile/statements';
import { stringsById } from './rows';

export const EVENT_COLUMNS = `e.id, e.event_id, e.time_ms, n.value AS event_name, src.value AS event_source, reg.value AS aws_region,
  p.value AS principal_arn, ${PRINCIPAL_TYPE_SQL} AS principal_type, k.value AS access_key_id, iss.value AS session_issuer_arn,
  ip.value AS source_ip, ua.value AS user_agent, e.read_only, err.value AS error_code, b.value AS bucket,
  ok.value AS object_key, acct.value AS recipient_account, r.source_id, r.file_id,
  ${RECORD_INDEX_SQL} AS record_index`;

/**
 * The join that reads each string column's text, by the alias EVENT_COLUMNS gives it (columns of
 * the row's run `r` and objects `o`: see event-layout.ts).
 */
export const STRING_JOIN = {
  n: 'JOIN strings n ON n.id = e.event_name',
  src: 'LEFT JOIN strings src ON src.id = e.event_source',
  reg: 'LEFT JOIN strings reg ON reg.id = r.region',
  p: 'LEFT JOIN strings p ON p.id = e.principal_arn',
  k: 'LEFT JOIN strings k ON k.id = e.access_key_id',
  iss: 'LEFT JOIN strings iss ON iss.id = e.session_issuer_arn',
  ip: 'LEFT JOIN strings ip ON ip.id = e.source_ip',
  ua: 'LEFT JOIN strings ua ON ua.id = e.user_agent',
  err: 'LEFT JOIN strings err ON err.id = e.error_code',
  b: 'LEFT JOIN strings b ON b.id = o.bucket',
  ok: 'LEFT JOIN strings ok ON ok.id = o.object_key',
  acct: 'LEFT JOIN strings acct ON acct.id = r.account',
} as const;

/** The joins EVENT_COLUMNS reads. */
export const EVENT_JOINS = `${RANGE_OF_ROW} ${OBJECT_OF_ROW}
  ${Object.values(STRING_JOIN).join('\n  ')}`;

export interface EventDbRow {
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

export function toEventRow(r: EventDbRow): EventRow {
  return buildEventRow(r, (v) => v, r.principal_type);
}

/**
 * The EventRow of a row whose string columns hold `T` (text, or strings.id), turned into text by
 * `str`. Built in one step: a page of 5,000 rows copied through an intermediate object cost a
 * quarter of the query.
 */
function buildEventRow<T>(
  r: Omit<EventDbRow, (typeof STRING_COLUMNS)[number] | 'principal_type'> &
    Record<(typeof STRING_COLUMNS)[number], T>,
  str: (v: T) => string | null,
  principalType: string | null,
): EventRow {
  return {
    rowId: r.id,
    eventId: eventIdFromStored(r.event_id),
    eventTime: new Date(r.time_ms).toISOString(),
    eventName: str(r.event_name) ?? '',
    eventSource: str(r.event_source),
    awsRegion: str(r.aws_region),
    sourceIp: str(r.source_ip),
    principalArn: str(r.principal_arn),
    principalType,
    accessKeyId: str(r.access_key_id),
    sessionIssuerArn: str(r.session_issuer_arn),
    userAgent: str(r.user_agent),
    errorCode: str(r.error_code),
    readOnly: r.read_only === null ? null : r.read_only === 1,
    bucket: str(r.bucket),
    objectKey: str(r.object_key),
    recipientAccountId: str(r.recipient_account),
    provenance: { sourceId: r.source_id, fileId: r.file_id, recordIndex: r.record_index },
  };
}

/** The columns of an events row that hold string ids, in EventDbRow's names. */
const STRING_COLUMNS = [
  'event_name',
  'event_source',
  'aws_region',
  'principal_arn',
  'access_key_id',
  'session_issuer_arn',
  'source_ip',
  'user_agent',
  'error_code',
  'bucket',
  'object_key',
  'recipient_account',
] as const;

/** The string columns that come from the row's run or objects rather than the row. */
const JOINED_COLUMNS: Partial<Record<(typeof STRING_COLUMNS)[number], string>> = {
  aws_region: 'r.region',
  recipient_account: 'r.account',
  bucket: 'o.bucket',
  object_key: 'o.object_key',
};

/**
 * An events row `e` with the string columns still holding ids (and the principal type as text):
 * FROM events e, then STORED_EVENT_JOINS.
 */
export const STORED_EVENT_COLUMNS = `e.id, e.event_id, e.time_ms, e.read_only, r.source_id, r.file_id,
  ${RECORD_INDEX_SQL} AS record_index, e.principal_type_code,
  ${STRING_COLUMNS.map((c) => `${JOINED_COLUMNS[c] ?? `e.${c}`} AS ${c}`).join(', ')}`;

/** What STORED_EVENT_COLUMNS reads besides `events e`. */
export const STORED_EVENT_JOINS = `${RANGE_OF_ROW} ${OBJECT_OF_ROW}`;

export type StoredEventRow = Omit<EventDbRow, (typeof STRING_COLUMNS)[number] | 'principal_type'> &
  Record<(typeof STRING_COLUMNS)[number], number | null> & { principal_type_code: number };

/**
 * Rows read with STORED_EVENT_COLUMNS, their strings resolved in one query: a page of rows holds
 * a few hundred distinct strings, and joining `strings` thirteen times per row cost three times
 * as much as reading the rows.
 */
export function resolveEventRows(db: Db, rows: readonly StoredEventRow[]): EventRow[] {
  const text = stringsById(
    db,
    rows.flatMap((r) => STRING_COLUMNS.map((c) => r[c])),
  );
  const str = (id: number | null): string | null => (id === null ? null : (text.get(id) ?? null));
  // A handful of principal types per case: one small read instead of a lookup per row.
  const codes = [...new Set(rows.map((r) => r.principal_type_code))];
  const types = new Map(
    statement(
      db,
      'SELECT code, type FROM principal_types WHERE code IN (SELECT value FROM json_each(?))',
    )
      .raw()
      .all(JSON.stringify(codes)) as [number, string][],
  );
  return rows.map((r) => buildEventRow(r, str, types.get(r.principal_type_code) ?? null));
}
