// Postings: for each term (an access key, a principal, an IP, an event name …) and each kept file,
// the rows of that file that carry the term. Rows of one file are a contiguous id range, so a
// posting stores small offsets, delta- and varint-encoded: about a byte per row and field.
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

interface TermRows {
  offsets: number[];
  minTime: number;
  maxTime: number;
}

/** Collects one file's postings while its rows are inserted. */
export class PostingsBuilder {
  private readonly terms = new Map<number, Map<number, TermRows>>();

  add(field: number, term: number | null, offset: number, timeMs: number): void {
    if (term === null) return;
    let byTerm = this.terms.get(field);
    if (!byTerm) this.terms.set(field, (byTerm = new Map<number, TermRows>()));
    const t = byTerm.get(term);
    if (!t) {
      byTerm.set(term, { offsets: [offset], minTime: timeMs, maxTime: timeMs });
      return;
    }
    t.offsets.push(offset);
    if (timeMs < t.minTime) t.minTime = timeMs;
    if (timeMs > t.maxTime) t.maxTime = timeMs;
  }

  write(db: Db, fileId: number): number {
    const put = statement(
      db,
      'INSERT INTO postings (field, term, file_id, n, min_time_ms, max_time_ms, rows) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    let n = 0;
    for (const [field, byTerm] of this.terms) {
      for (const [term, t] of byTerm) {
        put.run(
          field,
          term,
          fileId,
          t.offsets.length,
          t.minTime,
          t.maxTime,
          encodeOffsets(t.offsets),
        );
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
