// Log coverage on real logs: every expected value is computed here from the files as published
// (JSON.parse, plain grouping and sorting), never by the coverage code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import type { CoverageReport } from '../../../src/shared/coverage';
import {
  startCloudTrailEndpoint,
  type CloudTrailEndpoint,
} from '../../helpers/aws/cloudtrail-endpoint';
import { newCase, testContext } from '../../helpers/case';
import { cliJson } from '../../helpers/cli';
import { ingest } from '../../helpers/ingest';
import { acceptedId, DATA, elements, readText, walk } from '../../integration/ingest/oracle';

type Rec = Record<string, unknown> & { eventTime?: string; '@timestamp'?: string };
const HOUR = 3_600_000;
const STRATUS = join(DATA, 'stratus-red-team/detonation-logs');
const OTRF = join(DATA, 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json');
const FEDERATION = join(STRATUS, 'aws.persistence.sts-federation-token.json');
const ACCESS_LOG = join(DATA, 's3-access/awsdocs_LogFormat_examples.log');

function records(files: string[]): Rec[] {
  const seen = new Set<string>();
  const out: Rec[] = [];
  for (const f of files)
    for (const e of elements(readText(f))) {
      const id = acceptedId(e);
      if (id === null || seen.has(id)) continue;
      seen.add(id);
      out.push(e as Rec);
    }
  return out;
}

/** Record time in ms; a time written without a zone is UTC (as CloudTrail's always are). */
function timeOf(r: Rec): number {
  const t = (r.eventTime ?? r['@timestamp'])!;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d{1,3})?\d*$/.exec(t);
  return Date.parse(m ? `${m[1]}T${m[2]}${m[3] ?? ''}Z` : t);
}
const PANTHER = join(DATA, 'panther-analysis/panther_cloudtrail_records.json');

/** Groups by account and Region with first, last, count and gaps over the threshold. */
function expectedGroups(recs: Rec[], thresholdMs: number) {
  const groups = new Map<string, number[]>();
  for (const r of recs) {
    const key = `${String(r['recipientAccountId'])}|${String(r['awsRegion'])}`;
    groups.set(key, [...(groups.get(key) ?? []), timeOf(r)]);
  }
  return [...groups].map(([key, times]) => {
    times.sort((a, b) => a - b);
    let gaps = 0;
    for (let i = 1; i < times.length; i++) if (times[i]! - times[i - 1]! > thresholdMs) gaps++;
    const [account, region] = key.split('|');
    return {
      account: account!,
      region: region!,
      records: times.length,
      first: new Date(times[0]!).toISOString(),
      last: new Date(times[times.length - 1]!).toISOString(),
      gapCount: gaps,
    };
  });
}

type Group = ReturnType<typeof expectedGroups>[number];
const order = (a: Group, b: Group): number =>
  `${a.account}|${a.region}`.localeCompare(`${b.account}|${b.region}`);
function summarize(c: CoverageReport): Group[] {
  return c.cloudtrail.map((g) => ({
    account: g.account ?? 'undefined',
    region: g.region ?? 'undefined',
    records: g.records,
    first: g.first,
    last: g.last,
    gapCount: g.gapCount,
  }));
}

describe('log coverage of real CloudTrail and S3 access logs', () => {
  it('gives first, last, count and gaps per account and Region of the Stratus captures', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    await ingest(ctx, { path: c.path, sources: [STRATUS] });
    // Each detonation lasts seconds: gaps longer than 5 s show the pauses between API calls.
    const { coverage, finding } = await callOp(
      'analysis.coverage',
      { path: c.path, gapThresholdHours: 5 / 3600 },
      ctx,
    );
    const expected = expectedGroups(records(walk(STRATUS)), 5000);
    expect(expected.some((g) => g.gapCount > 0)).toBe(true);
    expect(summarize(coverage).sort(order)).toEqual(expected.sort(order));
    // Stored as a finding, with the SQL that produced it.
    expect(finding).toMatchObject({ kind: 'coverage', subject: 'case', engine: 'casefile' });
    expect(finding.query).toContain('LAG(time_ms) OVER');
    expect(finding.result).toEqual(coverage);
  });

  it('lists silences longer than an hour in hand-made records spread over years', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    await ingest(ctx, { path: c.path, sources: [PANTHER] });
    const { coverage } = await callOp('analysis.coverage', { path: c.path }, ctx);
    const expected = expectedGroups(records([PANTHER]), HOUR);
    expect(expected.filter((g) => g.gapCount > 0).length).toBeGreaterThan(3);
    expect(summarize(coverage).sort(order)).toEqual(expected.sort(order));
    for (const g of coverage.cloudtrail)
      for (const gap of g.gaps) {
        expect(Date.parse(gap.to) - Date.parse(gap.from)).toBeGreaterThan(HOUR);
        expect(gap.hours).toBeCloseTo((Date.parse(gap.to) - Date.parse(gap.from)) / HOUR, 1);
      }
    const silences = coverage.limitations.filter((l) =>
      /silence\(s\) longer than 1 h/.test(l.text),
    );
    expect(silences).toHaveLength(expected.filter((g) => g.gapCount > 0).length);
  });

  it('finds the data events of the OTRF exfiltration and the buckets they touched', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    await ingest(ctx, { path: c.path, sources: [OTRF, FEDERATION, ACCESS_LOG] });
    const { coverage } = await callOp('analysis.coverage', { path: c.path }, ctx);
    const otrf = records([OTRF]);
    const data = otrf.filter((r) => r['eventCategory'] === 'Data');
    const buckets = [
      ...new Set(data.map((r) => (r['requestParameters'] as { bucketName: string }).bucketName)),
    ];
    const g = coverage.cloudtrail.find((x) => x.sourceLocation === OTRF)!;
    expect(g).toMatchObject({
      account: '123456789123',
      region: 'us-east-1',
      records: otrf.length,
      dataEvents: data.length,
      dataEventBuckets: buckets,
    });
    expect(data.length).toBeGreaterThan(0);
    // The federation-token capture has management events only: said plainly.
    const fed = coverage.cloudtrail.find((x) => x.sourceLocation === FEDERATION)!;
    expect(fed.dataEvents).toBe(0);
    expect(coverage.limitations.map((l) => l.text)).toContainEqual(
      expect.stringContaining(`${FEDERATION}: no CloudTrail data events`),
    );
    // S3 access logs per bucket, counted from the lines as published.
    const lines = readFileSync(ACCESS_LOG, 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    const perBucket = new Map<string, number>();
    for (const l of lines)
      perBucket.set(l.split(' ')[1]!, (perBucket.get(l.split(' ')[1]!) ?? 0) + 1);
    expect(Object.fromEntries(coverage.s3Access.map((s) => [s.bucket, s.lines]))).toEqual(
      Object.fromEntries(perBucket),
    );
    expect(coverage.buckets.find((b) => b.bucket === buckets[0])).toMatchObject({
      dataEvents: data.length,
      accessLogLines: 0,
      objectLevelBlind: false,
    });
  });

  it('lists gaps over a chosen threshold, oldest first', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    await ingest(ctx, { path: c.path, sources: [OTRF] });
    const minute = 60_000;
    const { coverage } = await callOp(
      'analysis.coverage',
      { path: c.path, gapThresholdHours: 1 / 60 },
      ctx,
    );
    const times = records([OTRF])
      .map(timeOf)
      .sort((a, b) => a - b);
    const gaps: { from: string; to: string }[] = [];
    for (let i = 1; i < times.length; i++)
      if (times[i]! - times[i - 1]! > minute)
        gaps.push({
          from: new Date(times[i - 1]!).toISOString(),
          to: new Date(times[i]!).toISOString(),
        });
    expect(gaps.length).toBeGreaterThan(0);
    expect(coverage.cloudtrail[0]!.gaps.map(({ from, to }) => ({ from, to }))).toEqual(gaps);
    expect(coverage.cloudtrail[0]!.gapCount).toBe(gaps.length);
  });

  it('says what a case with nothing in it cannot see', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    const r = await cliJson<{ coverage: CoverageReport }>(['coverage', c.path]);
    expect(r.coverage.cloudtrail).toEqual([]);
    expect(r.coverage.limitations.map((l) => l.text)).toEqual([
      'No CloudTrail events are in the case.',
      expect.stringContaining('No S3 server access logs are in the case'),
    ]);
  });
});

describe('coverage of a LookupEvents source', () => {
  let ct: CloudTrailEndpoint | undefined;
  const saved = { ...process.env };
  beforeEach(() => {
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIACAIRNTEST0000001';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'cairn-local-test-secret-not-a-real-key';
  });
  afterEach(async () => {
    process.env = { ...saved };
    await ct?.stop();
    ct = undefined;
  });

  it('carries the source’s own limitation: no data events, 90 days', async () => {
    const recs = JSON.parse(readFileSync(FEDERATION, 'utf8')) as Rec[];
    ct = await startCloudTrailEndpoint({ records: recs, regionScoped: false, retentionDays: null });
    const ctx = testContext();
    const c = await newCase(ctx);
    await ingest(ctx, { path: c.path, sources: ['lookup-events:us-east-1'], endpoint: ct.url });
    const { coverage } = await callOp('analysis.coverage', { path: c.path }, ctx);
    expect(coverage.cloudtrail[0]).toMatchObject({ sourceKind: 'lookup-events', records: 2 });
    const texts = coverage.limitations.filter((l) => l.sourceId === 1).map((l) => l.text);
    expect(texts.join('\n')).toMatch(
      /management events only \(no data events such as S3 GetObject/,
    );
  });
});
