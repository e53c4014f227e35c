// Parses a decompressed CloudTrail-bearing document into normalised events and counted,
// explained rejections. Pure: bytes in, values out.
import { NotJsonError, parseDocument } from '../cloudtrail/envelope';
import { normalizeRecord, type NormalizedEvent } from '../cloudtrail/normalize';
import { MAX_REJECTIONS_KEPT, type FileFormat, type FileStatus, type Rejection } from './types';

export interface CloudTrailParse {
  format: FileFormat;
  status: FileStatus;
  recordsRead: number;
  events: { event: NormalizedEvent; locator: number }[];
  rejected: number;
  rejections: Rejection[];
  notes: string[];
  error: string | null;
}

export function parseCloudTrail(data: Buffer, damage: string | null): CloudTrailParse {
  const rejections: Rejection[] = [];
  let rejected = 0;
  const reject = (locator: number | null, reason: string): void => {
    rejected++;
    if (rejections.length < MAX_REJECTIONS_KEPT) rejections.push({ locator, reason });
  };
  let doc;
  try {
    doc = parseDocument(data);
  } catch (err) {
    if (!(err instanceof NotJsonError)) throw err;
    const error = damage ? `${damage}; ${err.message}` : err.message;
    return {
      format: 'unknown',
      status: 'rejected',
      recordsRead: 0,
      events: [],
      rejected: 1,
      rejections: [{ locator: null, reason: error }],
      notes: [],
      error,
    };
  }
  if (doc.envelope === 'digest') {
    return {
      format: 'digest',
      status: 'digest',
      recordsRead: 0,
      events: [],
      rejected: 0,
      rejections: [],
      notes: [
        'CloudTrail digest file: kept as evidence for integrity validation, not read as events',
      ],
      error: null,
    };
  }
  const notes: string[] = [];
  if (damage) notes.push(damage);
  for (const p of doc.problems) {
    if (p.locator === null) notes.push(p.reason);
    else reject(p.locator, p.reason);
  }
  const events: { event: NormalizedEvent; locator: number }[] = [];
  const noteCounts = new Map<string, number>();
  let notCloudTrail = 0;
  for (const el of doc.elements) {
    const n = normalizeRecord(el.value);
    if (!n.ok) {
      if (n.notCloudTrail) notCloudTrail++;
      reject(el.locator, n.reason);
      continue;
    }
    events.push({ event: n.event, locator: el.locator });
    for (const note of n.notes) noteCounts.set(note, (noteCounts.get(note) ?? 0) + 1);
  }
  for (const [note, count] of noteCounts) notes.push(`${count} record(s): ${note}`);
  const recordsRead = doc.elements.length + doc.problems.filter((p) => p.locator !== null).length;
  if (events.length === 0 && notCloudTrail > 0 && notCloudTrail === doc.elements.length) {
    const error = `no CloudTrail records in this ${doc.envelope === 'single' ? 'JSON object' : 'JSON'} (elements have no eventName and eventSource)`;
    return {
      format: doc.envelope,
      status: 'rejected',
      recordsRead,
      events,
      rejected,
      rejections,
      notes,
      error,
    };
  }
  return {
    format: doc.envelope,
    status: 'done',
    recordsRead,
    events,
    rejected,
    rejections,
    notes,
    error: null,
  };
}
