// Ingesting from an S3 prefix with the real S3 client against a local S3-compatible server:
// pagination, time pruning by the date in the key, gzip objects kept byte-exact, and denials.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import { readEvidenceRaw } from '../../../src/sources/ingest/evidence';
import { makeOrg, routineRecord } from '../../../src/tabletop/background';
import { Rng } from '../../../src/tabletop/random';
import { TrailWriter } from '../../../src/tabletop/trail-writer';
import { startS3Endpoint, type S3Endpoint } from '../../helpers/aws/s3-endpoint';
import { newCase, testContext } from '../../helpers/case';
import { cli } from '../../helpers/cli';
import { ingest } from '../../helpers/ingest';
import { freshDir } from '../../helpers/tmp';

let s3: S3Endpoint;
const saved = { ...process.env };
beforeEach(async () => {
  s3 = await startS3Endpoint({ buckets: ['acme-trail'] });
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIACAIRNTEST0000001';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'cairn-local-test-secret-not-a-real-key';
});
afterEach(async () => {
  process.env = { ...saved };
  await s3.stop();
});

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Three days of trail files, uploaded under AWSLogs/… like a trail bucket. */
async function seedTrail(): Promise<{ local: string; keys: string[] }> {
  const local = freshDir();
  const rng = new Rng(11);
  const org = makeOrg(rng, { accounts: 1, regions: ['us-east-1'] });
  const w = new TrailWriter(local, rng, { recordsPerFile: 50 });
  for (let i = 0, t = Date.UTC(2026, 2, 25, 12); i < 600; i++)
    w.add(routineRecord(rng, org, (t += 6 * 60 * 1000)));
  w.finish();
  const keys = files(local).map((f) => relative(local, f));
  await s3.putObjects(
    'acme-trail',
    keys.map((key) => ({ key, body: readFileSync(join(local, key)) })),
  );
  return { local, keys };
}

describe('ingest from s3://', () => {
  it('reads every object under the prefix and keeps each one byte-exact', async () => {
    const { local, keys } = await seedTrail();
    const ctx = testContext();
    const c = await newCase(ctx);
    const r = await ingest(ctx, {
      path: c.path,
      sources: ['s3://acme-trail/AWSLogs/'],
      endpoint: s3.url,
      region: 'us-east-1',
    });
    const s = r.sources[0]!;
    expect(s).toMatchObject({
      kind: 's3',
      location: 's3://acme-trail/AWSLogs/',
      status: 'complete',
      files: keys.length,
      inserted: 600,
      rejected: 0,
    });
    expect(s3.requests.filter((q) => q.operation === 'GetObject')).toHaveLength(keys.length);
    // The same tree from disk gives the same events (all duplicates now).
    const again = await ingest(ctx, { path: c.path, sources: [local] });
    expect(again.sources[0]).toMatchObject({ inserted: 0, filesSkipped: keys.length });
    const file = ctx.cases.forRead(c.path);
    const firstKey = keys.sort()[0]!;
    expect(readEvidenceRaw(file.db, 1)).toEqual(readFileSync(join(local, firstKey)));
  });

  it('skips objects whose key date is outside --from/--to without downloading them', async () => {
    const { keys } = await seedTrail();
    const ctx = testContext();
    const c = await newCase(ctx);
    const r = await ingest(ctx, {
      path: c.path,
      sources: ['s3://acme-trail/AWSLogs/'],
      endpoint: s3.url,
      region: 'us-east-1',
      from: '2026-03-27T00:00:00Z',
      to: '2026-03-27T23:59:59Z',
    });
    const fetched = s3.requests.filter((q) => q.operation === 'GetObject').map((q) => q.key!);
    // A day of margin either side: files of the 26th to the 28th may hold records of the 27th.
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.length).toBeLessThan(keys.length);
    expect(fetched.every((k) => /\/2026\/03\/2[678]\//.test(k))).toBe(true);
    expect(r.sources[0]!.inserted).toBeGreaterThan(0);
    const listed = await callOp('sources.list', { path: c.path }, ctx);
    expect(listed.sources[0]!.params).toEqual({
      from: '2026-03-27T00:00:00.000Z',
      to: '2026-03-27T23:59:59.000Z',
      region: 'us-east-1',
    });
  });

  it('pages through more than a thousand keys', async () => {
    const line = (i: number): string =>
      `79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be acme-data [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - REQ${String(i).padStart(13, '0')} REST.GET.OBJECT f${i}.csv "GET /acme-data/f${i}.csv HTTP/1.1" 200 - 113 113 7 - "-" "curl/8" -`;
    await s3.putObjects(
      'acme-trail',
      Array.from({ length: 1001 }, (_, i) => ({
        key: `s3logs/2019-02-06-00-00-${String(i).padStart(4, '0')}-X`,
        body: `${line(i)}\n`,
      })),
    );
    const ctx = testContext();
    const c = await newCase(ctx);
    const r = await ingest(ctx, {
      path: c.path,
      sources: ['s3://acme-trail/s3logs/'],
      endpoint: s3.url,
      region: 'us-east-1',
      kind: 's3-access',
    });
    expect(r.sources[0]).toMatchObject({ files: 1001, inserted: 1001 });
    expect(s3.requests.filter((q) => q.operation === 'ListObjectsV2')).toHaveLength(2);
  });

  it('reports a denied prefix plainly, with exit 1, and keeps the case as it was', async () => {
    await seedTrail();
    s3.denyPrefix('acme-trail', 'AWSLogs/');
    const ctx = testContext();
    const c = await newCase(ctx);
    const before = await callOp('case.info', { path: c.path }, ctx);
    ctx.cases.closeAll();
    const r = await cli([
      'ingest',
      c.path,
      's3://acme-trail/AWSLogs/',
      '--endpoint-url',
      s3.url,
      '--region',
      'us-east-1',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /error: listing s3:\/\/acme-trail\/AWSLogs\/: access denied .*s3:ListBucket/,
    );
    const after = await callOp('case.info', { path: c.path }, ctx);
    expect(after.counts.events).toBe(before.counts.events);
    expect((await callOp('case.verify', { path: c.path }, ctx)).ok).toBe(true);
  });
});
