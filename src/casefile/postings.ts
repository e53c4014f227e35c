// Postings: for each term (an access key, a principal, an IP, an event name …) and each block of
// rows (contiguous ids), the rows of that block that carry the term, as offsets from its first
// row. Two encodings, chosen per posting by size (postings.enc):
// - ENC.list: delta- and varint-encoded offsets, about a byte per row (rare terms);
// - ENC.bitmap: one bit per row of the block up to the last one set (dense terms: a Region, an
//   account, a common event name), so never more than an eighth of a byte per row.
// Postings written before migration 6 are all lists (enc defaults to 0).
import type { Db } from './sqlite';
import { statement } from './statements';

/** Indexed fields. The numbers are stored in case files: never renumber, only add. */
export const FIELD = {
  accessKeyId: 1,
  principalArn: 2,
  sessionIssuerArn: 3,
  sourceIp: 4,
  eventName: 5,
  bucket: 6,
  errorCode: 7,
  userAgent: 8,
  awsRegion: 9,
  recipientAccount: 10,
  eventSource: 11,
  s3Bucket: 101,
  s3RemoteIp: 102,
  s3Requester: 103,
  s3Operation: 104,
  s3AccessKeyId: 105,
  s3ErrorCode: 106,
} as const;
export type FieldName = keyof typeof FIELD;

/** postings.enc values. Stored in case files: never renumber, only add. */
export const ENC = { list: 0, bitmap: 1 } as const;

export function encodeOffsets(offsets: readonly number[]): Buffer {
  const out = Buffer.allocUnsafe(offsets.length * 5);
  let p = 0;
  let prev = 0;
  for (let i = 0; i < offsets.length; i++) {
    let v = offsets[i]! - prev;
    prev = offsets[i]!;
    while (v >= 0x80) {
      out[p++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    out[p++] = v;
  }
  return out.subarray(0, p);
}

export function decodeOffsets(buf: Uint8Array, into: number[] = [], base = 0): number[] {
  let value = 0;
  let scale = 1;
  let prev = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    value += (b & 0x7f) * scale;
    if (b & 0x80) {
      scale *= 128;
    } else {
      prev += value;
      into.push(base + prev);
      value = 0;
      scale = 1;
    }
  }
  return into;
}

/** Offsets (ascending, distinct) as a bitmap: bit (o % 8) of byte (o >> 3) is set for each. */
export function encodeBitmap(offsets: readonly number[]): Buffer {
  const last = offsets[offsets.length - 1] ?? -1;
  const out = Buffer.alloc((last >> 3) + 1);
  for (const o of offsets) out[o >> 3]! |= 1 << (o & 7);
  return out;
}

export function decodeBitmap(buf: Uint8Array, into: number[] = [], base = 0): number[] {
  for (let i = 0; i < buf.length; i++) {
    let b = buf[i]!;
    while (b !== 0) {
      const bit = 31 - Math.clz32(b & -b);
      into.push(base + i * 8 + bit);
      b &= b - 1;
    }
  }
  return into;
}

/** Decodes a posting's rows in whichever encoding it was written. */
export function decodePosting(
  enc: number,
  buf: Uint8Array,
  into: number[] = [],
  base = 0,
): number[] {
  return enc === ENC.bitmap ? decodeBitmap(buf, into, base) : decodeOffsets(buf, into, base);
}

/** The smaller encoding of ascending offsets: [enc, bytes]. */
export function encodePosting(offsets: readonly number[]): [number, Buffer] {
  const list = encodeOffsets(offsets);
  const bitmapBytes = ((offsets[offsets.length - 1] ?? 0) >> 3) + 1;
  return bitmapBytes < list.length ? [ENC.bitmap, encodeBitmap(offsets)] : [ENC.list, list];
}

/** The rows of one block that carry one term, collected while they are inserted. */
export interface TermRows {
  offsets: number[];
  minTime: number;
  maxTime: number;
}

/** Records that the row at `offset` (ascending from call to call) carries the term. */
export function addTermRow(t: TermRows, offset: number, timeMs: number): void {
  t.offsets.push(offset);
  if (timeMs < t.minTime) t.minTime = timeMs;
  if (timeMs > t.maxTime) t.maxTime = timeMs;
}

/** Collects one file's postings while its rows are inserted. */
export class PostingsBuilder {
  private readonly terms = new Map<number, Map<number, TermRows>>();

  add(field: number, term: number | null, offset: number, timeMs: number): void {
    if (term !== null) addTermRow(this.rows(field, term), offset, timeMs);
  }

  /** The rows collected for (field, term); a caller may keep it and add to it (addTermRow). */
  rows(field: number, term: number): TermRows {
    let byTerm = this.terms.get(field);
    if (!byTerm) this.terms.set(field, (byTerm = new Map<number, TermRows>()));
    let t = byTerm.get(term);
    if (!t) {
      t = { offsets: [], minTime: Number.MAX_SAFE_INTEGER, maxTime: Number.MIN_SAFE_INTEGER };
      byTerm.set(term, t);
    }
    return t;
  }

  write(db: Db, fileId: number): number {
    const put = statement(
      db,
      'INSERT INTO postings (field, term, file_id, n, min_time_ms, max_time_ms, rows, enc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let n = 0;
    for (const [field, byTerm] of this.terms) {
      for (const [term, t] of byTerm) {
        if (t.offsets.length === 0) continue;
        const [enc, rows] = encodePosting(t.offsets);
        put.run(field, term, fileId, t.offsets.length, t.minTime, t.maxTime, rows, enc);
        n++;
      }
    }
    return n;
  }
}

/** How many rows carry the term, without decoding them. */
export function countWithTerm(db: Db, field: number, term: number): number {
  const r = db
    .prepare('SELECT COALESCE(SUM(n), 0) AS n FROM postings WHERE field = ? AND term = ?')
    .get(field, term) as { n: number };
  return r.n;
}
