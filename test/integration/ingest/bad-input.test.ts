// Bad input never crashes an ingest or costs what the case already holds: each bad file becomes
// a counted, explained rejection and the other files still go in.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import type { Feed } from '../../../src/sources/feeds/types';
import { runIngest } from '../../../src/sources/ingest/runner';
import { newCase, testContext } from '../../helpers/case';
import { cli } from '../../helpers/cli';
import { ingest } from '../../helpers/ingest';
import { freshDir } from '../../helpers/tmp';

const record = (id: string): Record<string, unknown> => ({
  eventVersion: '1.08',
  eventID: id,
  eventTime: '2026-03-27T20:00:00Z',
  eventName: 'ListBuckets',
  eventSource: 's3.amazonaws.com',
  awsRegion: 'us-east-1',
  userIdentity: {
    type: 'IAMUser',
    arn: 'arn:aws:iam::111122223333:user/dev',
    accessKeyId: 'AKIAEXAMPLE000000001',
  },
});

const records = (ids: string[]): string => JSON.stringify({ Records: ids.map(record) });
const S3_LINE =
  '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be awsexamplebucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - 3E57427F3EXAMPLE REST.GET.OBJECT secret.csv "GET /awsexamplebucket1/secret.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20190206%2Fus-west-1%2Fs3%2Faws4_request HTTP/1.1" 200 - 113 113 7 - "-" "curl/8.4.0" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 QueryString awsexamplebucket1.s3.us-west-1.amazonaws.com TLSv1.2 - -';

describe('bad files in an ingest', () => {
  it('rejects each with its reason and keeps the good ones', async () => {
    const dir = freshDir();
    const good = gzipSync(records(['g-1', 'g-2', 'g-3']));
    writeFileSync(join(dir, 'a-good.json.gz'), good);
    const truncated = gzipSync(records(Array.from({ length: 300 }, (_, i) => `t-${i}`)));
    writeFileSync(
      join(dir, 'b-truncated.json.gz'),
      truncated.subarray(0, Math.floor(truncated.length / 2)),
    );
    writeFileSync(join(dir, 'c-invalid.json'), '{"Records": [ {"eventID": "x", oops } ]');
    writeFileSync(
      join(dir, 'd-not-cloudtrail.json'),
      JSON.stringify({ users: [{ name: 'alice' }] }),
    );
    writeFileSync(
      join(dir, 'e-not-gzip.json.gz'),
      Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6]),
    );
    writeFileSync(
      join(dir, 'f-access.log'),
      `${S3_LINE}\n${S3_LINE.replace('"curl/8.4.0"', '"curl/8.4.0')}\n`,
    );
    writeFileSync(join(dir, 'g-empty.json'), '');

    const ctx = testContext();
    const c = await newCase(ctx);
    const r = await ingest(ctx, { path: c.path, sources: [dir] });
    const s = r.sources[0]!;
    expect(s.status).toBe('complete');
    const why = (file: string): string[] =>
      s.rejections.filter((x) => x.location.endsWith(file)).map((x) => x.reason);
    // Column 32 is the 'o' of `oops`: {=1, "Records"=2-10, :=11, [=13, {=15, "eventID"=16-24, "x"=27-29, ,=30.
    expect(why('c-invalid.json')).toEqual([
      'element 0 is not valid JSON (Expected double-quoted property name at line 1, column 32)',
    ]);
    expect(
      s.notes.some((n) => n.includes('c-invalid.json') && /the document is not valid JSON/.test(n)),
    ).toBe(true);
    expect(why('d-not-cloudtrail.json')[0]).toBe(
      'not a CloudTrail record (no eventName and eventSource)',
    );
    expect(why('e-not-gzip.json.gz')[0]).toMatch(/gzip/);
    expect(why('f-access.log')[0]).toMatch(/^line 2: userAgent \(field 17\): /);
    expect(why('g-empty.json')[0]).toBe('the file is empty');
    expect(
      s.notes.some((n) => n.includes('b-truncated.json.gz') && /gzip stream is truncated/.test(n)),
    ).toBe(true);

    const events = await callOp('events.list', { path: c.path, limit: 1000 }, ctx);
    const ids = events.events.map((e) => e.eventId);
    expect(ids.slice(0, 3)).toEqual(['g-1', 'g-2', 'g-3']);
    // The truncated file gave up its complete records, in order, and nothing after the damage.
    const salvaged = ids.filter((id) => id.startsWith('t-'));
    expect(salvaged.length).toBeGreaterThan(0);
    expect(salvaged.length).toBeLessThan(300);
    expect(salvaged).toEqual(salvaged.map((_, i) => `t-${i}`));
    // The presigned URL ties the anonymous-looking GET to an access key.
    const byKey = await callOp(
      's3access.list',
      { path: c.path, accessKeyIds: ['AKIAIOSFODNN7EXAMPLE'], limit: 10 },
      ctx,
    );
    expect(byKey.lines).toHaveLength(1);
    expect(byKey.lines[0]).toMatchObject({
      requester: null,
      key: 'secret.csv',
      authType: 'QueryString',
    });
  });

  it('loses and duplicates nothing when the same ingest runs twice', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'one.json'), records(['x-1', 'x-2']));
    writeFileSync(join(dir, 'two.json'), records(['x-2', 'x-3']));
    const ctx = testContext();
    const c = await newCase(ctx);
    const first = (await ingest(ctx, { path: c.path, sources: [dir] })).sources[0]!;
    expect(first).toMatchObject({ inserted: 3, duplicates: 1, files: 2 });
    const again = (await ingest(ctx, { path: c.path, sources: [dir] })).sources[0]!;
    expect(again).toMatchObject({ inserted: 0, files: 0, filesSkipped: 2, resumed: true });
    expect((await callOp('case.info', { path: c.path }, ctx)).counts.events).toBe(3);
  });

  it('counts an unreadable file as a failure, names it, and goes on', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    const file = ctx.cases.forWrite(c.path);
    const feed: Feed = {
      sourceKind: 'files',
      location: '/evidence',
      params: {},
      limitations: null,
      totalBytes: () => Promise.resolve(null),
      async *files() {
        yield {
          location: '/evidence/locked.json',
          size: 10,
          read: () =>
            Promise.reject(
              Object.assign(new Error('EACCES: permission denied, open /evidence/locked.json'), {
                code: 'EACCES',
              }),
            ),
        };
        yield {
          location: '/evidence/ok.json',
          size: 10,
          read: () => Promise.resolve(Buffer.from(records(['ok-1']))),
        };
      },
    };
    const r = await runIngest(file, [feed], { actor: 'tester', kind: 'auto', parserThreads: 0 });
    expect(r.sources[0]).toMatchObject({
      status: 'partial',
      filesFailed: 1,
      inserted: 1,
      errors: ['/evidence/locked.json: EACCES: permission denied, open /evidence/locked.json'],
    });
  });

  it('refuses a file too large to read in one piece, naming it, and reads the rest', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    const file = ctx.cases.forWrite(c.path);
    const big = Buffer.from(records(Array.from({ length: 2000 }, (_, i) => `big-${i}`)));
    const feed: Feed = {
      sourceKind: 'files',
      location: '/evidence',
      params: {},
      limitations: null,
      totalBytes: () => Promise.resolve(null),
      async *files() {
        yield {
          location: '/evidence/huge.json.gz',
          size: big.length,
          read: () => Promise.resolve(gzipSync(big)),
        };
        yield {
          location: '/evidence/ok.json',
          size: 10,
          read: () => Promise.resolve(Buffer.from(records(['ok-1']))),
        };
      },
    };
    // A 2 GB file behaves as this one does against a 100 kB limit (the real limit is 400 MiB).
    const r = await runIngest(file, [feed], {
      actor: 'tester',
      kind: 'auto',
      maxDecodedBytes: 100_000,
      parserThreads: 0,
    });
    expect(r.sources[0]).toMatchObject({ inserted: 1, filesRejected: 1 });
    expect(r.sources[0]!.rejections[0]).toMatchObject({
      location: '/evidence/huge.json.gz',
      reason: expect.stringMatching(
        /decompresses to more than 0 MiB; split it, or query it where it lives/,
      ) as unknown,
    });
  });

  it('fails fast, naming the path, when a source does not exist', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    const r = await cli(['ingest', c.path, join(freshDir(), 'nope')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cairn: no such file or folder: .*nope\n/);
    expect((await callOp('case.info', { path: c.path }, ctx)).counts.sources).toBe(0);
  });
});
