// Resolves timeline references to evidence (a CloudTrail eventID, an S3 access log row) into the
// record they stand for: what it says, where it came from (source, kept file, line or index) and
// the sha256 of its exact bytes. Raw records are read once per kept file: decompressing is the cost.
import { createHash } from 'node:crypto';
import {
  eventIdFromStored,
  eventIdMatch,
  eventIdParams,
  storedEventId,
} from '../casefile/event-id';
import { RANGE_OF_ROW, RECORD_INDEX_SQL } from '../casefile/event-layout';
import type { Db } from '../casefile/sqlite';
import { rawRecords } from '../sources/raw-record';
import type { EvidenceProvenance, EvidenceRecord } from '../shared/timeline';

export type EvidenceType = EvidenceRecord['type'];
export interface EvidenceKey {
  type: EvidenceType;
  id: string;
}

export const evidenceKey = (k: EvidenceKey): string => `${k.type}:${k.id}`;

/** Kept-file formats whose locator is a line number (1-based); the rest are array indexes. */
const LINE_FORMATS = new Set(['ndjson', 's3-access']);

interface EventRowDb {
  event_id: Buffer | string;
  time_ms: number;
  name: string;
  principal: string | null;
  ip: string | null;
  region: string | null;
  account: string | null;
  key: string | null;
  error: string | null;
  source_id: number;
  file_id: number;
  locator: number;
}

interface S3RowDb {
  id: number;
  time_ms: number;
  name: string | null;
  bucket: string | null;
  object_key: string | null;
  principal: string | null;
  ip: string | null;
  status: number | null;
  source_id: number;
  file_id: number;
  locator: number;
}

const EVENT_SQL = `SELECT e.event_id, e.time_ms, n.value AS name, p.value AS principal, ip.value AS ip,
    reg.value AS region, a.value AS account, k.value AS key, err.value AS error,
    r.source_id, r.file_id, ${RECORD_INDEX_SQL} AS locator
  FROM events e ${RANGE_OF_ROW} JOIN strings n ON n.id = e.event_name
  LEFT JOIN strings p ON p.id = e.principal_arn LEFT JOIN strings ip ON ip.id = e.source_ip
  LEFT JOIN strings reg ON reg.id = r.region LEFT JOIN strings a ON a.id = r.account
  LEFT JOIN strings k ON k.id = e.access_key_id LEFT JOIN strings err ON err.id = e.error_code
  WHERE ${eventIdMatch('e')}`;

const S3_SQL = `SELECT s.id, s.time_ms, op.value AS name, b.value AS bucket, k.value AS object_key,
    rq.value AS principal, ip.value AS ip, s.http_status AS status,
    s.source_id, s.file_id, s.line AS locator
  FROM s3_access s LEFT JOIN strings op ON op.id = s.operation LEFT JOIN strings b ON b.id = s.bucket
  LEFT JOIN strings k ON k.id = s.object_key LEFT JOIN strings rq ON rq.id = s.requester
  LEFT JOIN strings ip ON ip.id = s.remote_ip
  WHERE s.id = ?`;

export const sha256Hex = (data: Buffer | string): string =>
  createHash('sha256').update(data).digest('hex');

function provenance(
  db: Db,
  sourceId: number,
  fileId: number,
  locator: number,
): EvidenceProvenance | null {
  const source = db.prepare('SELECT kind, location FROM sources WHERE id = ?').get(sourceId) as
    { kind: string; location: string } | undefined;
  // A file can be met by several ingestions; prefer the one the row was inserted by.
  const file = db
    .prepare(
      `SELECT sf.location, sf.format, ef.sha256 FROM source_files sf JOIN evidence_files ef ON ef.id = sf.file_id
       WHERE sf.file_id = ? ORDER BY sf.source_id = ? DESC, sf.id LIMIT 1`,
    )
    .get(fileId, sourceId) as
    { location: string; format: string | null; sha256: string } | undefined;
  if (!source || !file) return null;
  return {
    sourceId,
    sourceKind: source.kind,
    sourceLocation: source.location,
    fileId,
    fileLocation: file.location,
    fileSha256: file.sha256,
    locatorKind: LINE_FORMATS.has(file.format ?? '') ? 'line' : 'index',
    locator,
  };
}

function describeEvent(r: EventRowDb): string {
  const parts = [r.name];
  if (r.principal) parts.push(`by ${r.principal}`);
  if (r.key) parts.push(`(key ${r.key})`);
  if (r.ip) parts.push(`from ${r.ip}`);
  if (r.region) parts.push(`in ${r.region}`);
  if (r.error) parts.push(`failed: ${r.error}`);
  return parts.join(' ');
}

function describeS3(r: S3RowDb): string {
  const target = r.bucket ? ` s3://${r.bucket}${r.object_key ? `/${r.object_key}` : ''}` : '';
  const who = r.principal ? ` by ${r.principal}` : ' (anonymous)';
  return `${r.name ?? 'S3 request'}${target}${who}${r.ip ? ` from ${r.ip}` : ''}${r.status !== null ? `, HTTP ${r.status}` : ''}`;
}

function notFound(k: EvidenceKey): EvidenceRecord {
  return {
    type: k.type,
    id: k.id,
    found: false,
    time: null,
    summary: `${k.type === 'event' ? 'CloudTrail event' : 'S3 access log line'} ${k.id} is not in the case`,
    name: null,
    principal: null,
    sourceIp: null,
    region: null,
    account: null,
    provenance: null,
    recordSha256: null,
  };
}

/** One evidence record without its hash (cheap: no evidence file is read). */
export function lookupEvidence(db: Db, k: EvidenceKey): EvidenceRecord {
  if (k.type === 'event') {
    const r = db.prepare(EVENT_SQL).get(...eventIdParams(storedEventId(k.id))) as
      EventRowDb | undefined;
    if (!r) return notFound(k);
    return {
      type: 'event',
      id: eventIdFromStored(r.event_id),
      found: true,
      time: new Date(r.time_ms).toISOString(),
      summary: describeEvent(r),
      name: r.name,
      principal: r.principal,
      sourceIp: r.ip,
      region: r.region,
      account: r.account,
      provenance: provenance(db, r.source_id, r.file_id, r.locator),
      recordSha256: null,
    };
  }
  const rowId = Number(k.id);
  const r = Number.isInteger(rowId)
    ? (db.prepare(S3_SQL).get(rowId) as S3RowDb | undefined)
    : undefined;
  if (!r) return notFound(k);
  return {
    type: 's3_access',
    id: String(r.id),
    found: true,
    time: new Date(r.time_ms).toISOString(),
    summary: describeS3(r),
    name: r.name,
    principal: r.principal,
    sourceIp: r.ip,
    region: null,
    account: null,
    provenance: provenance(db, r.source_id, r.file_id, r.locator),
    recordSha256: null,
  };
}

export interface RawEvidence {
  record: EvidenceRecord;
  /** The record's exact bytes, or why they could not be read. */
  raw: Buffer | null;
  error: string | null;
}

/**
 * Resolves many references at once, reading each kept file once, and fills in recordSha256.
 * A file that can no longer be read leaves its records with a null hash and the reason.
 */
export function resolveEvidence(db: Db, keys: readonly EvidenceKey[]): Map<string, RawEvidence> {
  const out = new Map<string, RawEvidence>();
  const byFile = new Map<number, RawEvidence[]>();
  for (const k of keys) {
    const key = evidenceKey(k);
    if (out.has(key)) continue;
    const record = lookupEvidence(db, k);
    const item: RawEvidence = { record, raw: null, error: null };
    out.set(key, item);
    if (record.provenance) {
      const list = byFile.get(record.provenance.fileId) ?? [];
      list.push(item);
      byFile.set(record.provenance.fileId, list);
    } else if (record.found) {
      item.error = 'its kept file is not recorded in the case';
    }
  }
  for (const [fileId, items] of byFile) {
    let raws: Map<number, Buffer>;
    try {
      raws = rawRecords(
        db,
        fileId,
        items.map((i) => i.record.provenance!.locator),
      );
    } catch (err) {
      for (const i of items)
        i.error = `evidence file #${fileId} cannot be read: ${(err as Error).message}`;
      continue;
    }
    for (const i of items) {
      const raw = raws.get(i.record.provenance!.locator);
      if (!raw) {
        i.error = `record ${i.record.provenance!.locator} is not in evidence file #${fileId}`;
        continue;
      }
      i.raw = raw;
      i.record = { ...i.record, recordSha256: sha256Hex(raw) };
    }
  }
  return out;
}
