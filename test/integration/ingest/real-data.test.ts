// Every sample in the shared data that holds CloudTrail records or S3 access-log lines, ingested
// through the API into one case, with the counts worked out independently (./oracle.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import type { IngestReport } from '../../../src/sources/ingest/runner';
import { newCase, testContext } from '../../helpers/case';
import { ingest } from '../../helpers/ingest';
import { fileScopedDir, freshDir } from '../../helpers/tmp';
import { DATA, elements, expectCloudTrail, walk } from './oracle';

const ctx = testContext();
let path = '';
const seen = new Set<string>();
const only = (r: IngestReport) => r.sources[0]!;

beforeAll(async () => {
  path = (await newCase(ctx, { dir: fileScopedDir() })).path;
});

describe('ingesting the real samples', () => {
  it('reads the 35 Stratus Red Team captures (JSON arrays) completely', async () => {
    const files = walk(join(DATA, 'stratus-red-team'));
    expect(files).toHaveLength(35);
    const want = expectCloudTrail(files, seen);
    const s = only(await ingest(ctx, { path, sources: [join(DATA, 'stratus-red-team')] }));
    expect(s).toMatchObject({ ...want, files: 35, status: 'complete', filesRejected: 0 });
    expect(want.inserted).toBe(310);
  });

  it('reads the one real gzip trail file and its uncompressed twin (duplicates, not twice)', async () => {
    const files = walk(join(DATA, 'openregister-sumologic-fixture'));
    const want = expectCloudTrail(files, seen);
    const s = only(
      await ingest(ctx, { path, sources: [join(DATA, 'openregister-sumologic-fixture')] }),
    );
    expect(s).toMatchObject(want);
    expect(want).toMatchObject({ inserted: 2, duplicates: 2 });
  });

  it('reads OTRF NDJSON whose records have @timestamp instead of eventTime, and rejects the CSV summary', async () => {
    const json = join(
      DATA,
      'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json',
    );
    const want = expectCloudTrail([json], seen);
    const s = only(await ingest(ctx, { path, sources: [join(DATA, 'otrf-security-datasets')] }));
    expect(s).toMatchObject({
      inserted: want.inserted,
      duplicates: want.duplicates,
      filesRejected: 1,
      files: 2,
    });
    expect(s.rejected).toBe(want.rejected + 1);
    expect(s.rejections.find((r) => r.location.endsWith('.csv'))?.reason).toBe(
      'neither CloudTrail JSON nor S3 server access log lines',
    );
    expect(s.notes.join('\n')).toContain(
      `${want.inserted} record(s): eventTime taken from @timestamp`,
    );
  });

  it('reads `aws cloudtrail lookup-events` output, as one JSON document and one event a line', async () => {
    const files = [
      join(DATA, 'lookup-events/aws-cli_examples_cloudtrail_lookup-events.json'),
      join(DATA, 'plaso/test_data__jsonl__aws_cloudtrail.jsonl'),
    ];
    const want = expectCloudTrail(files, seen);
    const r = await ingest(ctx, { path, sources: files });
    expect(r.sources.map((s) => s.inserted).reduce((a, b) => a + b)).toBe(want.inserted);
    expect(r.sources[0]).toMatchObject({ inserted: 1 });
    expect(r.sources[1]).toMatchObject({ inserted: 6, rejected: 0 });
  });

  it('reads Panther’s Records file, counting its repeated and missing eventIDs', async () => {
    const file = join(DATA, 'panther-analysis/panther_cloudtrail_records.json');
    const want = expectCloudTrail([file], seen);
    const s = only(await ingest(ctx, { path, sources: [file] }));
    expect(s).toMatchObject(want);
    expect(s.notes.some((n) => /already in the case with different content/.test(n))).toBe(true);
  });

  it('reads the records inside Panther’s and StreamAlert’s rule-test files once unwrapped', async () => {
    const dir = freshDir();
    const panther = readFileSync(
      join(DATA, 'panther-analysis/panther_cloudtrail_test_events.ndjson'),
      'utf8',
    )
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.stringify((JSON.parse(l) as { log: unknown }).log));
    writeFileSync(join(dir, 'panther.ndjson'), panther.join('\n'));
    for (const f of walk(join(DATA, 'streamalert'))) {
      (JSON.parse(readFileSync(f, 'utf8')) as { data: unknown }[]).forEach((c, i) =>
        writeFileSync(
          join(dir, `${basename(f, '.json')}-${String(i).padStart(2, '0')}.json`),
          JSON.stringify(c.data),
        ),
      );
    }
    const want = expectCloudTrail(walk(dir), seen);
    const s = only(await ingest(ctx, { path, sources: [dir] }));
    expect(s).toMatchObject(want);
    expect(s.rejections.some((r) => /placeholder|not an ISO-8601 time/.test(r.reason))).toBe(true);
  });

  it('reads S3 server access logs of 18 to 27 fields, and knows a file it already holds', async () => {
    const dir = freshDir();
    const raw = readFileSync(
      join(DATA, 'panther-analysis/panther_s3serveraccess_test_events.ndjson'),
      'utf8',
    )
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { raw?: string }).raw)
      .filter((l): l is string => typeof l === 'string');
    writeFileSync(join(dir, 'panther-raw.log'), `${raw.join('\n')}\n`);
    const sources = [
      join(DATA, 's3-access'),
      join(DATA, 'panther-analysis/panther_test_scenario_attacker_s3_access.log'),
      dir,
    ];
    const lines = [...walk(join(DATA, 's3-access')), sources[1]!, join(dir, 'panther-raw.log')].map(
      (f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .filter((l) => l.trim()).length,
    );
    const r = await ingest(ctx, { path, sources, kind: 's3-access' });
    // Panther's raw test lines are byte-for-byte its attacker-scenario log: same sha256, skipped.
    expect(readFileSync(join(dir, 'panther-raw.log'))).toEqual(readFileSync(sources[1]!));
    expect(r.sources.map((s) => s.inserted)).toEqual([lines[0]! + lines[1]!, lines[2], 0]);
    expect(r.sources[2]).toMatchObject({ filesSkipped: 1, files: 0 });
    expect(r.sources.every((s) => s.rejected === 0)).toBe(true);
    const all = await callOp('s3access.list', { path, limit: 1000 }, ctx);
    expect(all.lines).toHaveLength(lines[0]! + lines[1]! + lines[2]!);
    const anonymous = await callOp('s3access.list', { path, anonymous: true, limit: 1000 }, ctx);
    expect(anonymous.lines.map((l) => l.operation)).toContain('REST.GET.OBJECT');
    expect(anonymous.lines.every((l) => l.requester === null)).toBe(true);
  });

  it('answers queries over what it holds, and the whole case still verifies', async () => {
    const admin = await callOp(
      'events.list',
      { path, eventNames: ['CreateUser', 'AttachUserPolicy', 'CreateAccessKey'], limit: 100 },
      ctx,
    );
    const fromStratus = JSON.parse(
      readFileSync(
        join(DATA, 'stratus-red-team/detonation-logs/aws.persistence.iam-create-admin-user.json'),
        'utf8',
      ),
    ) as { eventID: string }[];
    for (const r of fromStratus) expect(admin.events.map((e) => e.eventId)).toContain(r.eventID);
    const info = await callOp('case.info', { path }, ctx);
    expect(info.counts.events).toBe(seen.size);
    expect((await callOp('case.verify', { path }, ctx)).ok).toBe(true);
    const sources = await callOp('sources.list', { path }, ctx);
    expect(sources.sources.length).toBeGreaterThanOrEqual(9);
    expect(elements('[1,2]')).toHaveLength(2);
  });
});
