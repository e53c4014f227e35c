// Writes records as a CloudTrail trail delivers them: gzip {"Records":[…]} files of up to ~1000
// records per account and region, under AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/ with the
// real file naming <acct>_CloudTrail_<region>_YYYYMMDDTHHmmZ_<16 chars>.json.gz.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Rng } from './random';

export class TrailWriter {
  private readonly buffers = new Map<
    string,
    { account: string; region: string; records: string[] }
  >();
  files = 0;
  bytes = 0;

  constructor(
    private readonly root: string,
    private readonly rng: Rng,
    private readonly opts: { recordsPerFile?: number; gzipLevel?: number } = {},
  ) {}

  add(record: Record<string, unknown>): void {
    const account = String(record['recipientAccountId']);
    const region = String(record['awsRegion']);
    const k = `${account}/${region}`;
    let b = this.buffers.get(k);
    if (!b) this.buffers.set(k, (b = { account, region, records: [] }));
    b.records.push(JSON.stringify(record));
    if (b.records.length >= (this.opts.recordsPerFile ?? 1000)) this.flush(k);
  }

  finish(): void {
    for (const k of [...this.buffers.keys()]) this.flush(k);
  }

  private flush(key: string): void {
    const b = this.buffers.get(key);
    if (!b || b.records.length === 0) return;
    const last = JSON.parse(b.records[b.records.length - 1]!) as { eventTime: string };
    // Files are named for the delivery time, a few minutes after the newest record.
    const delivered = new Date(Date.parse(last.eventTime) + 5 * 60 * 1000);
    const iso = delivered.toISOString();
    const [y, m, d] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
    const stamp = `${y}${m}${d}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
    const dir = join(this.root, 'AWSLogs', b.account, 'CloudTrail', b.region, y, m, d);
    mkdirSync(dir, { recursive: true });
    const body = gzipSync(`{"Records":[${b.records.join(',')}]}`, {
      level: this.opts.gzipLevel ?? 6,
    });
    writeFileSync(
      join(dir, `${b.account}_CloudTrail_${b.region}_${stamp}_${this.rng.upper(16)}.json.gz`),
      body,
    );
    this.files++;
    this.bytes += body.length;
    b.records = [];
  }
}
