// What the bucket analysis reads from the case besides the reads (queries.ts): the access-control
// events with their raw records, how far each kind of log reaches, and the raw records of data
// events for their bytes. Every lookup starts from postings (bucket, event name), never a scan.
import { countWithTerm, FIELD } from '../../casefile/postings';
import type { Db } from '../../casefile/sqlite';
import { listEvents, type EventFilter } from '../../query/events';
import { stringIds } from '../../query/rows';
import type { EventRow } from '../../shared/domain';
import { unwrapRecord } from '../../sources/cloudtrail/normalize';
import { rawRecords } from '../../sources/raw-record';
import { fullRecords } from '../records';
import { ACCOUNT_CHANGE_EVENTS, BUCKET_CHANGE_EVENTS, readChange, type Change } from './changes';
import type { DataEventRead } from './queries';

const PAGE = 10_000;

export function allEvents(db: Db, f: Omit<EventFilter, 'limit' | 'after'>): EventRow[] {
  const out: EventRow[] = [];
  let after: EventFilter['after'];
  do {
    const page = listEvents(db, { ...f, limit: PAGE, ...(after ? { after } : {}) });
    out.push(...page.events);
    after = page.next ?? undefined;
  } while (after);
  return out;
}

export interface Sightings {
  /** CloudTrail rows naming the bucket (management and data events). */
  events: number;
  accessLogLines: number;
  accessLogRange: { fromMs: number; toMs: number } | null;
}

/** How often the case mentions the bucket, from the postings' counts alone. */
export function sightings(db: Db, bucket: string): Sightings {
  const id = stringIds(db, [bucket])[0];
  if (id === undefined) return { events: 0, accessLogLines: 0, accessLogRange: null };
  const range = db
    .prepare(
      'SELECT MIN(min_time_ms) AS fromMs, MAX(max_time_ms) AS toMs FROM postings WHERE field = ? AND term = ?',
    )
    .get(FIELD.s3Bucket, id) as { fromMs: number | null; toMs: number | null };
  return {
    events: countWithTerm(db, FIELD.bucket, id),
    accessLogLines: countWithTerm(db, FIELD.s3Bucket, id),
    accessLogRange:
      range.fromMs === null || range.toMs === null
        ? null
        : { fromMs: range.fromMs, toMs: range.toMs },
  };
}

/** Time span of one evidence table in the case (from its blocks), or null when it is empty. */
export function tableRange(
  db: Db,
  table: 'events' | 's3_access',
): { fromMs: number; toMs: number } | null {
  const r = db
    .prepare(
      'SELECT MIN(min_time_ms) AS fromMs, MAX(max_time_ms) AS toMs FROM evidence_blocks WHERE table_name = ?',
    )
    .get(table) as { fromMs: number | null; toMs: number | null };
  return r.fromMs === null || r.toMs === null ? null : { fromMs: r.fromMs, toMs: r.toMs };
}

/** Buckets the case knows, for a "did you mean" hint. */
export function knownBuckets(db: Db, limit = 8): string[] {
  return db
    .prepare(
      `SELECT s.value FROM postings p JOIN strings s ON s.id = p.term WHERE p.field IN (?, ?)
       GROUP BY s.value ORDER BY SUM(p.n) DESC LIMIT ?`,
    )
    .pluck()
    .all(FIELD.bucket, FIELD.s3Bucket, limit) as string[];
}

export interface OwnerAccount {
  account: string | null;
  /** Where the account came from: the bucket's access-control events, or its other events. */
  basis: 'access-control' | 'other-events' | null;
}

export interface ChangeEvidence {
  bucketRows: EventRow[];
  accountRows: EventRow[];
  changes: Change[];
}

/** The bucket's access-control changes and, for its account, the account-level ones. */
export function accessControlChanges(
  db: Db,
  bucket: string,
  ownerOf: (bucketRows: EventRow[]) => OwnerAccount,
): ChangeEvidence & { owner: OwnerAccount; otherAccountRows: EventRow[] } {
  const bucketRows = allEvents(db, { buckets: [bucket], eventNames: [...BUCKET_CHANGE_EVENTS] });
  const owner = ownerOf(bucketRows);
  const ownerAccountId = owner.account;
  const accountAll = allEvents(db, { eventNames: [...ACCOUNT_CHANGE_EVENTS] });
  const accountRows = ownerAccountId
    ? accountAll.filter((r) => r.recipientAccountId === ownerAccountId)
    : [];
  const otherAccountRows = accountAll.filter((r) => !accountRows.includes(r));
  const records = fullRecords(db, [...bucketRows, ...accountRows]);
  const changes = [...bucketRows, ...accountRows]
    .map((r) => readChange(r, records.get(r.rowId) ?? null, bucket))
    .sort((a, b) => a.timeMs - b.timeMs);
  return { bucketRows, accountRows, changes, owner, otherAccountRows };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** bytesTransferredOut and requestID from a data event's full record. */
export function dataEventDetails(record: Obj | undefined): {
  bytes: number;
  requestId: string | null;
} {
  if (!record) return { bytes: 0, requestId: null };
  let extra = record['additionalEventData'];
  if (typeof extra === 'string') {
    try {
      extra = JSON.parse(extra) as unknown; // CloudTrail Lake rows carry it as JSON text
    } catch {
      extra = {};
    }
  }
  const bytes = Number(isObj(extra) ? (extra['bytesTransferredOut'] ?? 0) : 0);
  const id = record['requestID'];
  return {
    bytes: Number.isFinite(bytes) ? bytes : 0,
    requestId: typeof id === 'string' && id ? id : null,
  };
}

/**
 * Fills in bytes and request ID of data-event reads from their raw records, reading at most
 * `maxFiles` kept files (oldest first): decompressing is the cost. Returns how many reads were
 * left without their raw record.
 */
export function fillFromRaw(db: Db, reads: readonly DataEventRead[], maxFiles: number): number {
  const byFile = new Map<number, DataEventRead[]>();
  for (const r of reads) {
    const list = byFile.get(r.fileId) ?? [];
    list.push(r);
    byFile.set(r.fileId, list);
  }
  let missing = 0;
  let files = 0;
  for (const [fileId, list] of byFile) {
    if (files++ >= maxFiles) {
      missing += list.length;
      continue;
    }
    const raw = rawRecords(
      db,
      fileId,
      list.map((r) => r.recordIndex),
    );
    for (const r of list) {
      const bytes = raw.get(r.recordIndex);
      const u = bytes ? unwrapRecord(JSON.parse(bytes.toString('utf8')) as unknown) : null;
      if (!u || 'reason' in u) {
        missing++;
        continue;
      }
      Object.assign(r, dataEventDetails(u.record));
    }
  }
  return missing;
}
