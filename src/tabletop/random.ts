// A small seeded PRNG (mulberry32) so generated incidents and benchmarks are reproducible.
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Two hex digits per byte value: the hot path of every event ID. */
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** FNV-1a over a label, mixed with a seed: independent, reproducible sub-streams. */
function mix(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /**
   * A stream of its own for one part of a scenario, so adding background records (say) never
   * shifts the attacker's event IDs for the same seed.
   */
  static derive(seed: number, label: string): Rng {
    return new Rng(mix(seed, label));
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: [[item, weight], …]. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  hex(len: number): string {
    let s = '';
    while (s.length < len) {
      const v = (this.next() * 0x100000000) >>> 0;
      s +=
        HEX_BYTE[v >>> 24]! +
        HEX_BYTE[(v >>> 16) & 255]! +
        HEX_BYTE[(v >>> 8) & 255]! +
        HEX_BYTE[v & 255]!;
    }
    return s.length === len ? s : s.slice(0, len);
  }

  /** A version-4-shaped UUID from the seeded stream (not cryptographic; reproducible). */
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Upper-case alphanumerics, as in access key ids and request ids. */
  upper(len: number): string {
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let s = '';
    for (let i = 0; i < len; i++) s += abc[this.int(0, 31)];
    return s;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Mixed-case alphanumerics, as in CloudTrail log file names' unique part. */
  alnum(len: number): string {
    let s = '';
    for (let i = 0; i < len; i++) s += ALNUM[Math.floor(this.next() * 62)];
    return s;
  }

  /** Upper-case hex, as in S3 request IDs and S3 access log file names. */
  hexUpper(len: number): string {
    return this.hex(len).toUpperCase();
  }

  /** Base64 text of `bytes` random bytes (with padding), as in S3's x-amz-id-2 host IDs. */
  base64(bytes: number): string {
    const chars = Math.ceil((bytes * 4) / 3);
    let s = '';
    for (let i = 0; i < chars; i++) s += BASE64[Math.floor(this.next() * 64)];
    return s + '='.repeat((4 - (chars % 4)) % 4);
  }
}
