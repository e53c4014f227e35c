// Full CloudTrail records for event rows, read back from the kept evidence files (one
// decompression per file), for the fields the rows do not hold: requestParameters,
// responseElements, additionalEventData.
import type { Db } from '../casefile/sqlite';
import type { EventRow } from '../shared/domain';
import { unwrapRecord } from '../sources/cloudtrail/normalize';
import { rawRecords } from '../sources/raw-record';

export type CloudTrailRecord = Record<string, unknown>;

export function fullRecords(db: Db, rows: readonly EventRow[]): Map<number, CloudTrailRecord> {
  const byFile = new Map<number, EventRow[]>();
  for (const r of rows) {
    const list = byFile.get(r.provenance.fileId) ?? [];
    list.push(r);
    byFile.set(r.provenance.fileId, list);
  }
  const out = new Map<number, CloudTrailRecord>();
  for (const [fileId, list] of byFile) {
    const raw = rawRecords(
      db,
      fileId,
      list.map((r) => r.provenance.recordIndex),
    );
    for (const r of list) {
      const bytes = raw.get(r.provenance.recordIndex);
      if (!bytes) continue;
      const unwrapped = unwrapRecord(JSON.parse(bytes.toString('utf8')) as unknown);
      if ('record' in unwrapped) out.set(r.rowId, unwrapped.record);
    }
  }
  return out;
}

/** A value at a dotted path of a record, or undefined. */
export function at(record: CloudTrailRecord | undefined, path: string): unknown {
  let node: unknown = record;
  for (const p of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[p];
  }
  return node;
}

export function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/**
 * Times as CloudTrail writes them inside responses: ISO-8601, or the IAM/STS form
 * "Nov 30, 2024, 8:43:17 PM" / "Mar 24, 2014 9:11:59 PM" (UTC).
 */
export function parseAwsTime(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}T/.test(v)) {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? null : ms;
  }
  const m = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/.exec(
    v.trim(),
  );
  if (!m) return null;
  const month = MONTHS[m[1]!];
  if (month === undefined) return null;
  let hour = Number(m[4]) % 12;
  if (m[7] === 'PM') hour += 12;
  return Date.UTC(Number(m[3]), month, Number(m[2]), hour, Number(m[5]), Number(m[6]));
}
