// The CloudTrail LookupEvents API as a source, with the real CloudTrail client against a local
// endpoint: pagination, one attribute filter, the 2 requests/s budget, retry after throttling,
// and the limits of this source stated with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import { lookupEventsFeed, LOOKUP_LIMITATIONS } from '../../../src/sources/feeds/lookup-events';
import { runIngest } from '../../../src/sources/ingest/runner';
import { manualClock } from '../../helpers/aws/clock';
import {
  startCloudTrailEndpoint,
  type CloudTrailEndpoint,
} from '../../helpers/aws/cloudtrail-endpoint';
import { newCase, testContext } from '../../helpers/case';
import { ingest } from '../../helpers/ingest';
import { DATA, walk } from './oracle';

type Rec = Record<string, unknown> & {
  eventID: string;
  eventTime: string;
  userIdentity?: { accessKeyId?: string };
};
const stratus: Rec[] = walk(join(DATA, 'stratus-red-team')).flatMap(
  (f) => JSON.parse(readFileSync(f, 'utf8')) as Rec[],
);
const otrf: Rec[] = readFileSync(
  join(DATA, 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json'),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => {
    const r = JSON.parse(l) as Rec & { '@timestamp': string };
    return { ...r, eventTime: r['@timestamp'] };
  });

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

describe('ingest from lookup-events:REGION', () => {
  it('pages through the API, keeps each page as evidence, and says what this source cannot see', async () => {
    // The Stratus captures use invented Regions, so the endpoint serves them to any Region here.
    ct = await startCloudTrailEndpoint({
      records: [...stratus, ...otrf],
      regionScoped: false,
      retentionDays: null,
    });
    const ctx = testContext();
    const c = await newCase(ctx);
    // A simulated clock stands in for the 2-requests-a-second pacing, so the test never waits.
    let now = 0;
    const feed = lookupEventsFeed(
      'lookup-events:us-east-1',
      {},
      { endpoint: ct.url },
      { now: () => now, sleep: (ms) => Promise.resolve(void (now += ms)) },
    );
    const r = await runIngest(ctx.cases.forWrite(c.path), [feed], {
      actor: 'tester',
      kind: 'auto',
    });
    const managementOnly = [...stratus, ...otrf].filter(
      (x) =>
        x['eventCategory'] !== 'Data' &&
        !['GetObject', 'ListObjects'].includes(x['eventName'] as string),
    );
    const s = r.sources[0]!;
    expect(s).toMatchObject({
      kind: 'lookup-events',
      status: 'complete',
      limitations: LOOKUP_LIMITATIONS,
      rejected: 0,
    });
    expect(s.inserted).toBe(new Set(managementOnly.map((x) => x.eventID)).size);
    expect(s.files).toBe(Math.ceil(managementOnly.length / 50));
    expect(
      ct.requests.every(
        (q) =>
          q.operation === 'LookupEvents' && (q.body as { MaxResults: number }).MaxResults === 50,
      ),
    ).toBe(true);
    const listed = await callOp('sources.list', { path: c.path }, ctx);
    expect(listed.sources[0]!.limitations).toMatch(
      /management events only \(no data events such as S3 GetObject/,
    );
    // What the API never returns is not in the case: the OTRF GetObject data events.
    const reads = await callOp(
      'events.list',
      { path: c.path, eventNames: ['GetObject'], limit: 10 },
      ctx,
    );
    expect(reads.events).toEqual([]);
  });

  it('sends the one attribute filter and the time range', async () => {
    ct = await startCloudTrailEndpoint({
      records: stratus,
      regionScoped: false,
      retentionDays: null,
    });
    const key = stratus.find((x) => x.userIdentity?.accessKeyId?.startsWith('AKIA'))!.userIdentity!
      .accessKeyId!;
    const ctx = testContext();
    const c = await newCase(ctx);
    const r = await ingest(ctx, {
      path: c.path,
      sources: ['lookup-events:us-east-1'],
      endpoint: ct.url,
      lookupAttribute: { key: 'AccessKeyId', value: key },
      from: '2020-01-01T00:00:00Z',
      to: '2026-01-01T00:00:00Z',
    });
    const expected = stratus.filter((x) => x.userIdentity?.accessKeyId === key).length;
    expect(r.sources[0]!.inserted).toBe(expected);
    expect(ct.requests[0]!.body).toMatchObject({
      LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: key }],
      StartTime: Date.UTC(2020, 0, 1) / 1000,
      EndTime: Date.UTC(2026, 0, 1) / 1000,
    });
  });

  it('keeps to 2 requests a second and retries with backoff when throttled', async () => {
    const clock = manualClock('2026-03-28T00:00:00Z');
    ct = await startCloudTrailEndpoint({
      records: stratus,
      regionScoped: false,
      retentionDays: null,
      clock,
      throttle: { nthRequests: [2, 3] },
    });
    const waits: number[] = [];
    const feed = lookupEventsFeed(
      'lookup-events:us-east-1',
      {},
      { endpoint: ct.url },
      {
        now: () => clock.now(),
        sleep: (ms) => {
          waits.push(ms);
          clock.advance(ms);
          return Promise.resolve();
        },
      },
    );
    const ctx = testContext();
    const c = await newCase(ctx);
    const r = await runIngest(ctx.cases.forWrite(c.path), [feed], {
      actor: 'tester',
      kind: 'auto',
      parserThreads: 0,
    });
    expect(r.sources[0]).toMatchObject({
      status: 'complete',
      inserted: new Set(stratus.map((x) => x.eventID)).size,
    });
    const sent = ct.requests.map((q) => q.atMs);
    for (let i = 1; i < sent.length; i++)
      expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(500);
    expect(ct.requests.filter((q) => q.errorType === 'ThrottlingException')).toHaveLength(2);
    // Backoff after each throttle: 0.5 s, then 1 s, on top of the 2-per-second spacing.
    expect(waits).toContain(500);
    expect(waits).toContain(1000);
  });

  it('rejects a location that is not lookup-events:REGION before doing anything', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    await expect(
      callOp('ingest.start', { path: c.path, sources: ['lookup-events:mars'] }, ctx),
    ).rejects.toThrow(/lookup-events:mars is not lookup-events:REGION/);
  });
});
