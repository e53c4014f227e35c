// What the generator writes: a trail tree in CloudTrail's real layout and naming, S3 access logs
// in S3's naming and line format (every line parses), one request told the same way in both,
// and byte-identical output for the same seed and options.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateSummary } from '../../../src/tabletop/generate';
import { freshDir, fileScopedDir } from '../../helpers/tmp';
import { scanTree, treeHash, type Scanned } from './scan';

let out = '';
let summary: GenerateSummary;
let scan: Scanned;

beforeAll(async () => {
  out = join(fileScopedDir('cairn-tabletop-output-'), 'run');
  summary = await generate({ scenario: 'public-bucket', seed: 2, out, events: 5000, hours: 24 });
  scan = scanTree(out);
}, 120_000);

describe('the CloudTrail tree', () => {
  const NAME =
    /^AWSLogs\/(o-[a-z0-9]{10})\/(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d\d)\/(\d\d)\/(\d{12})_CloudTrail_([a-z0-9-]+)_(\d{8})T(\d{4})Z_[A-Za-z0-9]{16}\.json\.gz$/;

  it('uses the real folder layout and file naming, and each file holds its account and Region', () => {
    expect(scan.trailFiles.length).toBe(summary.trailFiles);
    for (const f of scan.trailFiles) {
      const rel = relative(join(out, 'logs', 'cloudtrail'), f);
      const m = NAME.exec(rel);
      expect(m, rel).not.toBeNull();
      const [, , acct, region, y, mo, d, acct2, region2, ymd, hm] = m!;
      expect(acct2).toBe(acct);
      expect(region2).toBe(region);
      expect(ymd).toBe(`${y}${mo}${d}`);
      const delivered = Date.UTC(
        Number(y),
        Number(mo) - 1,
        Number(d),
        Number(hm!.slice(0, 2)),
        Number(hm!.slice(2)),
      );
      const inFile = scan.records.filter((r) => r._file === f);
      expect(inFile.length).toBeGreaterThan(0);
      for (const r of inFile) {
        expect(r['recipientAccountId']).toBe(acct);
        expect(r['awsRegion']).toBe(region);
        // A file is delivered after every record it holds.
        expect(Date.parse(r.eventTime)).toBeLessThan(delivered + 60_000);
      }
    }
  });

  it('holds exactly the records the summary counts, each event ID once, across accounts and Regions', () => {
    expect(scan.records.length).toBe(summary.records);
    expect(summary.records).toBe(5000);
    expect(new Set(scan.records.map((r) => r.eventID)).size).toBe(scan.records.length);
    expect(new Set(scan.records.map((r) => r['recipientAccountId'])).size).toBe(3);
    expect(new Set(scan.records.map((r) => r['awsRegion'])).size).toBeGreaterThanOrEqual(3);
    const times = scan.records.map((r) => Date.parse(r.eventTime));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse(summary.window.start));
    expect(Math.max(...times)).toBeLessThan(Date.parse(summary.window.end));
  });

  it('puts most activity in working hours, as real organisations do', () => {
    const byHour = new Array<number>(24).fill(0);
    for (const r of scan.records) byHour[new Date(r.eventTime).getUTCHours()]!++;
    const working = [14, 15, 16, 17, 18, 19].reduce((a, h) => a + byHour[h]!, 0) / 6;
    const night = [5, 6, 7, 8, 9].reduce((a, h) => a + byHour[h]!, 0) / 5;
    expect(working / night).toBeGreaterThan(2);
  });
});

describe('the S3 server access logs', () => {
  it('are named <prefix>YYYY-mm-DD-HH-MM-SS-<16 upper hex> under a prefix per bucket', () => {
    expect(scan.accessFiles.length).toBe(summary.accessLogFiles);
    for (const f of scan.accessFiles) {
      const rel = relative(join(out, 'logs', 's3-access'), f);
      expect(rel).toMatch(/^[a-z0-9.-]+\/\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d-[0-9A-F]{16}$/);
    }
  });

  it('parse line by line with the S3 access log parser, in the 26- or 27-field format', () => {
    expect(scan.lines.length).toBe(summary.accessLogLines);
    expect(scan.lines.length).toBeGreaterThan(50);
    for (const l of scan.lines) {
      expect(l.reason, l.text).toBeNull();
      expect([26, 27]).toContain(l.record!.fieldCount);
      expect(l.record!.requestId).toMatch(/^[0-9A-F]{16}$/);
      expect(l.record!.hostId).toMatch(/^[A-Za-z0-9+/]{75}=$/);
    }
    const anonymous = scan.lines.filter((l) => l.record!.anonymous);
    expect(anonymous.length).toBeGreaterThan(10);
    for (const l of anonymous) {
      expect(l.record!.signatureVersion).toBeNull();
      expect(l.record!.authType).toBeNull();
    }
  });

  it('share request ID, x-amz-id-2, bytes and key with the data event of the same request', () => {
    const byRequest = new Map(
      scan.records
        .filter((r) => r.eventSource === 's3.amazonaws.com')
        .map((r) => [String(r['requestID']), r]),
    );
    let joined = 0;
    for (const l of scan.lines) {
      const r = byRequest.get(l.record!.requestId!);
      if (!r) continue;
      joined++;
      const extra = r['additionalEventData'] as Record<string, unknown>;
      const params = r['requestParameters'] as Record<string, unknown>;
      expect(extra['x-amz-id-2']).toBe(l.record!.hostId);
      expect(r.sourceIPAddress).toBe(l.record!.remoteIp);
      expect(params['bucketName']).toBe(l.record!.bucket);
      expect(Date.parse(r.eventTime)).toBe(l.record!.time);
      if (r.eventName === 'GetObject') {
        expect(params['key']).toBe(l.record!.key);
        if (!r['errorCode']) expect(extra['bytesTransferredOut']).toBe(l.record!.bytesSent);
      }
    }
    expect(joined).toBeGreaterThan(50);
  });
});

describe('determinism', () => {
  it('gives byte-identical trees for the same seed and options, and different ones for another seed', async () => {
    const a = join(freshDir(), 'a');
    const b = join(freshDir(), 'b');
    const c = join(freshDir(), 'c');
    const opts = { scenario: 'leaked-key', events: 3000, hours: 24 } as const;
    await generate({ ...opts, seed: 42, out: a });
    await generate({ ...opts, seed: 42, out: b });
    await generate({ ...opts, seed: 43, out: c });
    expect(treeHash(a)).toBe(treeHash(b));
    expect(treeHash(a)).not.toBe(treeHash(c));
  }, 60_000);

  it('keeps the incident (its event IDs) when only the amount of background changes', async () => {
    const small = join(freshDir(), 's');
    const large = join(freshDir(), 'l');
    await generate({ scenario: 'enumeration', seed: 9, events: 1000, hours: 24, out: small });
    await generate({ scenario: 'enumeration', seed: 9, events: 4000, hours: 24, out: large });
    const truth = (dir: string): { attacker: { eventIds: string[] } } =>
      JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as {
        attacker: { eventIds: string[] };
      };
    expect(truth(small).attacker.eventIds).toEqual(truth(large).attacker.eventIds);
  }, 60_000);

  it('refuses a folder that already holds files', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await expect(generate({ scenario: 'leaked-key', seed: 1, out: dir })).rejects.toThrow(
      /is not empty/,
    );
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});
