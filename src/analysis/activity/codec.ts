// Compact encodings of the activity summary's API lists: unsigned LEB128 varints (7 bits a byte,
// low bits first), the same bytes the SQL rebuild writes (see rebuild.ts). Values stay below
// 2^53, so arithmetic is done with numbers, never 32-bit bit operations.

/** One API's calls in one bucket, and where it first occurred (orders a session's API list). */
export interface BucketApi {
  source: number;
  name: number;
  calls: number;
  denied: number;
  firstMs: number;
  firstRow: number;
}

/**
 * One API a tuple ever called: its calls over the tuple's life and where it first occurred (a
 * tuple whose calls form one session is that session), and what the skip test needs to know.
 */
export interface TupleApi extends BucketApi {
  /** TUPLE_API_* bits. */
  flags: number;
}

/** Some call of this API was denied. */
export const TUPLE_API_DENIED = 1;
/** The API may count as a read API (its name has a read prefix, or its source has a colon). */
export const TUPLE_API_READISH = 2;
/** Its name has a read prefix: its service counts as a read service. */
export const TUPLE_API_READ_NAME = 4;

class Bytes {
  private buf = Buffer.allocUnsafe(256);
  private at = 0;

  varint(value: number): void {
    if (this.at + 10 > this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.at);
      this.buf = bigger;
    }
    let v = value;
    while (v >= 0x80) {
      this.buf[this.at++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.at++] = v;
  }

  done(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.at));
  }
}

export class VarintReader {
  at = 0;
  constructor(private readonly buf: Uint8Array) {}

  more(): boolean {
    return this.at < this.buf.length;
  }

  next(): number {
    let b = this.buf[this.at++]!;
    if (b < 0x80) return b;
    let value = b & 0x7f;
    let scale = 0x80;
    for (;;) {
      if (this.at >= this.buf.length) throw new Error('activity summary: truncated varint');
      b = this.buf[this.at++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
    }
  }
}

const zigzag = (d: number): number => (d >= 0 ? d * 2 : -d * 2 - 1);
const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

/** Orders a bucket's APIs by first occurrence: time, then row (ingest order). */
export function byFirstOccurrence(a: BucketApi, b: BucketApi): number {
  return a.firstMs - b.firstMs || a.firstRow - b.firstRow;
}

/**
 * Per API, in first-occurrence order: source, name, calls, denied, first time as a delta from
 * the previous API's (the first from `startMs`, the bucket's start), first row as a zigzag delta.
 */
export function encodeBucketApis(apis: readonly BucketApi[], startMs: number): Buffer {
  return encodeApis(apis, startMs, (a) => a.name);
}

/** The list as encodeBucketApis writes it, with `nameField` written in the name's place. */
function encodeApis<A extends BucketApi>(
  apis: readonly A[],
  startMs: number,
  nameField: (a: A) => number,
): Buffer {
  const out = new Bytes();
  let prevMs = startMs;
  let prevRow = 0;
  for (const a of apis) {
    out.varint(a.source);
    out.varint(nameField(a));
    out.varint(a.calls);
    out.varint(a.denied);
    out.varint(a.firstMs - prevMs);
    out.varint(zigzag(a.firstRow - prevRow));
    prevMs = a.firstMs;
    prevRow = a.firstRow;
  }
  return out.done();
}

export function decodeBucketApis(blob: Uint8Array, startMs: number): BucketApi[] {
  const r = new VarintReader(blob);
  const out: BucketApi[] = [];
  let prevMs = startMs;
  let prevRow = 0;
  while (r.more()) {
    const source = r.next();
    const name = r.next();
    const calls = r.next();
    const denied = r.next();
    prevMs += r.next();
    prevRow += unzigzag(r.next());
    out.push({ source, name, calls, denied, firstMs: prevMs, firstRow: prevRow });
  }
  return out;
}

/**
 * As a bucket's list (first-occurrence order, steps from `startMs`, the tuple's first call), with
 * name × 8 + flags in the name's place.
 */
export function encodeTupleApis(apis: readonly TupleApi[], startMs: number): Buffer {
  return encodeApis(apis, startMs, (a) => a.name * 8 + a.flags);
}

export function decodeTupleApis(blob: Uint8Array, startMs: number): TupleApi[] {
  return decodeBucketApis(blob, startMs).map((a) => ({
    ...a,
    name: Math.floor(a.name / 8),
    flags: a.name % 8,
  }));
}
