// Writes S3 server access logs as S3 delivers them: plain-text objects of a few minutes of lines
// each, named `<prefix>YYYY-mm-DD-HH-MM-SS-<16 upper hex>` for the delivery time, under the
// target prefix `<source bucket>/` of the log bucket (here a folder per source bucket).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rng } from './random';

interface Pending {
  bucket: string;
  lines: string[];
  firstMs: number;
  lastMs: number;
}

export class AccessLogWriter {
  private readonly pending = new Map<string, Pending>();
  private readonly dirs = new Set<string>();
  files = 0;
  lines = 0;
  bytes = 0;

  constructor(
    private readonly root: string,
    private readonly rng: Rng,
    private readonly opts: { maxSpanMs?: number; maxLines?: number } = {},
  ) {}

  add(bucket: string, timeMs: number, line: string): void {
    let p = this.pending.get(bucket);
    if (p && p.lines.length > 0 && timeMs - p.firstMs >= (this.opts.maxSpanMs ?? 10 * 60_000)) {
      this.flush(p);
    }
    if (!p) {
      p = { bucket, lines: [], firstMs: timeMs, lastMs: timeMs };
      this.pending.set(bucket, p);
    }
    if (p.lines.length === 0) p.firstMs = timeMs;
    p.lines.push(line);
    p.lastMs = Math.max(p.lastMs, timeMs);
    this.lines++;
    if (p.lines.length >= (this.opts.maxLines ?? 2000)) this.flush(p);
  }

  finish(): void {
    for (const p of this.pending.values()) this.flush(p);
  }

  private flush(p: Pending): void {
    if (p.lines.length === 0) return;
    // S3 delivers within the hour after the requests; the name is the delivery time.
    const d = new Date(p.lastMs + this.rng.int(60, 3000) * 1000).toISOString();
    const stamp = `${d.slice(0, 10)}-${d.slice(11, 13)}-${d.slice(14, 16)}-${d.slice(17, 19)}`;
    const dir = join(this.root, p.bucket);
    if (!this.dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.dirs.add(dir);
    }
    const body = `${p.lines.join('\n')}\n`;
    writeFileSync(join(dir, `${stamp}-${this.rng.hexUpper(16)}`), body);
    this.files++;
    this.bytes += Buffer.byteLength(body);
    p.lines = [];
  }
}
