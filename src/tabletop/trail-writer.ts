// Writes records as a CloudTrail trail delivers them: gzip {"Records":[…]} files per account and
// region, each holding about five minutes of events (or up to ~1000 records), under
// AWSLogs/[o-orgid/]<acct>/CloudTrail/<region>/YYYY/MM/DD/ with the real file naming
// <acct>_CloudTrail_<region>_YYYYMMDDTHHmmZ_<16 alphanumerics>.json.gz (delivery time, UTC).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Rng } from './random';

/** Where finished files go: by default gzip and write now; the generator compresses in parallel. */
export interface FileSink {
  write(path: string, body: string): void;
}

export class SyncGzipSink implements FileSink {
  bytes = 0;
  constructor(private readonly level = 6) {}
  write(path: string, body: string): void {
    const gz = gzipSync(body, { level: this.level });
    writeFileSync(path, gz);
    this.bytes += gz.length;
  }
}

interface Pending {
  account: string;
  region: string;
  records: string[];
  firstMs: number;
  lastMs: number;
}

export class TrailWriter {
  private readonly buffers = new Map<string, Pending>();
  private readonly dirs = new Set<string>();
  private readonly sink: FileSink;
  private readonly ownSink: SyncGzipSink | null;
  files = 0;
  records = 0;

  constructor(
    private readonly root: string,
    private readonly rng: Rng,
    private readonly opts: {
      recordsPerFile?: number;
      gzipLevel?: number;
      /** Close a file once it spans this long (CloudTrail delivers about every 5 minutes). */
      maxSpanMs?: number;
      /** Organization trails add the organization ID to the path. */
      orgId?: string;
      sink?: FileSink;
    } = {},
  ) {
    this.ownSink = opts.sink ? null : new SyncGzipSink(opts.gzipLevel ?? 6);
    this.sink = opts.sink ?? this.ownSink!;
  }

  /** Compressed bytes written (only known here when this writer owns its sink). */
  get bytes(): number {
    return this.ownSink?.bytes ?? 0;
  }

  add(record: Record<string, unknown>): void {
    const account = String(record['recipientAccountId']);
    const region = String(record['awsRegion']);
    const timeMs = Date.parse(String(record['eventTime']));
    const k = `${account}/${region}`;
    let b = this.buffers.get(k);
    if (b && this.opts.maxSpanMs !== undefined && timeMs - b.firstMs >= this.opts.maxSpanMs) {
      this.flush(k);
    }
    if (!b) {
      b = { account, region, records: [], firstMs: timeMs, lastMs: timeMs };
      this.buffers.set(k, b);
    }
    if (b.records.length === 0) b.firstMs = timeMs;
    b.records.push(JSON.stringify(record));
    if (timeMs > b.lastMs || b.records.length === 1) b.lastMs = timeMs;
    this.records++;
    if (b.records.length >= (this.opts.recordsPerFile ?? 1000)) this.flush(k);
  }

  finish(): void {
    for (const k of [...this.buffers.keys()]) this.flush(k);
  }

  private flush(key: string): void {
    const b = this.buffers.get(key);
    if (!b || b.records.length === 0) return;
    // Files are named for the delivery time, a few minutes after the newest record.
    const delivered = new Date(b.lastMs + this.rng.int(2, 9) * 60 * 1000);
    const iso = delivered.toISOString();
    const [y, m, d] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
    const stamp = `${y}${m}${d}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
    const base = this.opts.orgId
      ? join(this.root, 'AWSLogs', this.opts.orgId, b.account)
      : join(this.root, 'AWSLogs', b.account);
    const dir = join(base, 'CloudTrail', b.region, y, m, d);
    if (!this.dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.dirs.add(dir);
    }
    const name = `${b.account}_CloudTrail_${b.region}_${stamp}_${this.rng.alnum(16)}.json.gz`;
    this.sink.write(join(dir, name), `{"Records":[${b.records.join(',')}]}`);
    this.files++;
    b.records = [];
  }
}
