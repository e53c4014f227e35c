// A parsed file in columnar form: every string once in a per-file dictionary, columns as typed
// arrays. It crosses from a parser thread to the writer thread by transfer (no copy), and the
// writer interns each distinct string once per file instead of once per field and row.
import type { NormalizedEvent } from '../cloudtrail/normalize';
import { hash52, uuidBytesInto } from '../../casefile/event-id';
import type { ParsedFile, S3AccessRow } from './types';

/** Text columns of an event, in this order (the ones the events table keeps; see migration 6). */
export const EVENT_TEXT = [
  'eventName',
  'eventSource',
  'awsRegion',
  'recipientAccount',
  'principalArn',
  'principalType',
  'accessKeyId',
  'sessionIssuerArn',
  'sourceIp',
  'userAgent',
  'errorCode',
  'bucket',
  'objectKey',
] as const satisfies readonly (keyof NormalizedEvent)[];

export const S3_TEXT = [
  'bucketOwner',
  'bucket',
  'remoteIp',
  'requester',
  'requestId',
  'operation',
  'key',
  'errorCode',
  'userAgent',
  'signatureVersion',
  'authType',
  'hostHeader',
  'tlsVersion',
  'accessKeyId',
] as const satisfies readonly (keyof S3AccessRow)[];

export const S3_NUM = [
  'timeMs',
  'line',
  'httpStatus',
  'bytesSent',
  'objectSize',
] as const satisfies readonly (keyof S3AccessRow)[];

export interface PackedColumns {
  rows: number;
  dict: string[];
  /** rows × text columns, row-major; -1 is null. */
  text: Int32Array;
  /** rows × numeric columns, row-major; NaN is null. */
  nums: Float64Array;
}

export interface PackedEvents extends PackedColumns {
  eventIds: string[];
  /** Per row: time, locator, readOnly (1/0/NaN), dataEvent (1/0/NaN: see dataEventCode). */
  /** Per row: hash52 of the eventID, for the writer's duplicate check. */
  idHashes: Float64Array;
  /** Per row: 16 bytes of the UUID as stored (storedEventId), or zeros when it is not a UUID. */
  idBytes: Uint8Array;
  /** Per row: 1 when idBytes holds the stored form, 0 when the ID is stored as its text. */
  idIsUuid: Uint8Array;
}

export type PackedFile = Omit<ParsedFile, 'events' | 's3'> & {
  events: PackedEvents | null;
  s3: PackedColumns | null;
};

class Dict {
  readonly list: string[] = [];
  private readonly ids = new Map<string, number>();
  id(v: string | null): number {
    if (v === null) return -1;
    let i = this.ids.get(v);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(v);
      this.ids.set(v, i);
    }
    return i;
  }
}

const boolNum = (b: boolean | null): number => (b === null ? Number.NaN : b ? 1 : 0);

export function packFile(parsed: ParsedFile): PackedFile {
  const { events, s3, ...rest } = parsed;
  return {
    ...rest,
    events: events.length ? packEvents(events) : null,
    s3: s3.length ? packS3(s3) : null,
  };
}

/**
 * events.data_event: 1 = a data event (eventCategory Data, or no category and managementEvent
 * false), 0 = the record does not say (the event name decides), NaN (NULL) = another category.
 */
export function dataEventCode(category: string | null, managementEvent: boolean | null): number {
  if (category === 'Data') return 1;
  if (category !== null) return Number.NaN;
  return managementEvent === false ? 1 : 0;
}

function packEvents(events: ParsedFile['events']): PackedEvents {
  const dict = new Dict();
  const T = EVENT_TEXT.length;
  const n = events.length;
  const text = new Int32Array(n * T);
  const nums = new Float64Array(n * 4);
  const eventIds: string[] = new Array<string>(n);
  const idHashes = new Float64Array(n);
  const idBytes = new Uint8Array(n * 16);
  const idIsUuid = new Uint8Array(n);
  // Neighbouring records mostly share a Region, account, source …: compare with the column's
  // previous value before hashing the string into the dictionary.
  const lastValue: (string | null)[] = new Array<string | null>(T).fill(null);
  const lastId = new Int32Array(T).fill(-1);
  const col = (c: number, v: string | null): number => {
    if (v === null) return -1;
    if (v === lastValue[c]) return lastId[c]!;
    const i = dict.id(v);
    lastValue[c] = v;
    lastId[c] = i;
    return i;
  };
  for (let r = 0; r < n; r++) {
    const { event: e, locator } = events[r]!;
    const id = e.eventId;
    eventIds[r] = id;
    idHashes[r] = hash52(id);
    idIsUuid[r] = uuidBytesInto(id, idBytes, r * 16) ? 1 : 0;
    // The order of EVENT_TEXT, spelled out: a fixed property per line stays a fast load.
    const o = r * T;
    text[o] = col(0, e.eventName);
    text[o + 1] = col(1, e.eventSource);
    text[o + 2] = col(2, e.awsRegion);
    text[o + 3] = col(3, e.recipientAccount);
    text[o + 4] = col(4, e.principalArn);
    text[o + 5] = col(5, e.principalType);
    text[o + 6] = col(6, e.accessKeyId);
    text[o + 7] = col(7, e.sessionIssuerArn);
    text[o + 8] = col(8, e.sourceIp);
    text[o + 9] = col(9, e.userAgent);
    text[o + 10] = col(10, e.errorCode);
    text[o + 11] = col(11, e.bucket);
    text[o + 12] = col(12, e.objectKey);
    nums[r * 4] = e.timeMs;
    nums[r * 4 + 1] = locator;
    nums[r * 4 + 2] = boolNum(e.readOnly);
    nums[r * 4 + 3] = dataEventCode(e.eventCategory, e.managementEvent);
  }
  return { rows: n, dict: dict.list, text, nums, eventIds, idHashes, idBytes, idIsUuid };
}

function packS3(rows: S3AccessRow[]): PackedColumns {
  const dict = new Dict();
  const T = S3_TEXT.length;
  const N = S3_NUM.length;
  const text = new Int32Array(rows.length * T);
  const nums = new Float64Array(rows.length * N);
  rows.forEach((row, r) => {
    for (let c = 0; c < T; c++) text[r * T + c] = dict.id(row[S3_TEXT[c]!]);
    for (let c = 0; c < N; c++) nums[r * N + c] = row[S3_NUM[c]!] ?? Number.NaN;
  });
  return { rows: rows.length, dict: dict.list, text, nums };
}

/** Buffers to hand over with postMessage so nothing large is copied between threads. */
export function transferList(p: PackedFile): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (v: ArrayBufferView): void => {
    if (v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
  };
  add(p.raw);
  for (const cols of [p.events, p.s3]) {
    if (!cols) continue;
    add(cols.text);
    add(cols.nums);
  }
  if (p.events) {
    add(p.events.idHashes);
    add(p.events.idBytes);
    add(p.events.idIsUuid);
  }
  return out;
}

/** A Buffer that owns its whole ArrayBuffer, so transferring it moves nothing else. */
export function ownBuffer(buf: Buffer): Buffer {
  if (
    buf.byteOffset === 0 &&
    buf.buffer.byteLength === buf.length &&
    buf.buffer instanceof ArrayBuffer
  )
    return buf;
  const copy = Buffer.from(new ArrayBuffer(buf.length));
  buf.copy(copy);
  return copy;
}
