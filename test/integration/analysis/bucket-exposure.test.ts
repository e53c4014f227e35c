// Bucket exposure on real evidence, ingested through the API: Panther's rule-test events (the
// `log` objects unwrapped into files, as the ingest test does), StreamAlert's (rejected at ingest:
// their eventIDs are redacted), S3 access logs and CloudTrail data events. Expected windows and
// counts are written by hand from the raw events; each is explained where it is asserted.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import { openCaseFile } from '../../../src/casefile/open';
import type { OpOutput } from '../../../src/shared/contract';
import { newCase, testContext } from '../../helpers/case';
import { cli, cliJson } from '../../helpers/cli';
import { ingest } from '../../helpers/ingest';
import { fileScopedDir, freshDir } from '../../helpers/tmp';

const DATA = join(import.meta.dirname, '../../fixtures/data');
const ctx = testContext();
type Exposure = OpOutput<'analysis.bucketExposure'>;

/** Panther's CloudTrail rule-test events by test name, as the raw `log` objects. */
const panther = new Map(
  readFileSync(join(DATA, 'panther-analysis/panther_cloudtrail_test_events.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { _rule_id: string; _test_name: string; log: unknown })
    .map((t) => [`${t._rule_id}: ${t._test_name}`, t.log]),
);

function pantherFile(dir: string, name: string, tests: string[]): string {
  const path = join(dir, `${name}.ndjson`);
  writeFileSync(path, tests.map((t) => JSON.stringify(panther.get(t) ?? fail(t))).join('\n'));
  return path;
}

function fail(test: string): never {
  throw new Error(`no Panther test ${test}`);
}

/**
 * A PutBucketPolicy written for these tests (no real log pairs a policy change with reads of the
 * same bucket): the shape of Panther's "S3 Made Publicly Accessible" event, granting s3:GetObject
 * on the bucket's objects to everyone.
 */
function publicPolicyEvent(o: {
  id: string;
  time: string;
  bucket: string;
  account: string;
}): unknown {
  return {
    eventVersion: '1.08',
    eventID: o.id,
    eventTime: o.time,
    eventName: 'PutBucketPolicy',
    eventSource: 's3.amazonaws.com',
    eventType: 'AwsApiCall',
    awsRegion: 'us-east-1',
    recipientAccountId: o.account,
    sourceIPAddress: '198.51.100.20',
    userAgent: 'aws-cli/2.13.0',
    userIdentity: {
      type: 'IAMUser',
      arn: `arn:aws:iam::${o.account}:user/ops`,
      accountId: o.account,
      accessKeyId: 'AKIAEXAMPLEOPS00001',
    },
    requestParameters: {
      bucketName: o.bucket,
      bucketPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Public',
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: `arn:aws:s3:::${o.bucket}/*`,
          },
        ],
      },
    },
  };
}

async function caseWith(sources: string[], internalCidrs?: string[]): Promise<string> {
  const { path } = await newCase(ctx);
  for (const s of sources) await ingest(ctx, { path, sources: [s] });
  if (internalCidrs) await callOp('case.settings', { path, internalCidrs }, ctx);
  return path;
}

const analyse = (path: string, bucket: string): Promise<Exposure> =>
  callOp('analysis.bucketExposure', { path, bucket }, ctx);

describe('Panther’s public-policy, ACL and public-access-block events', () => {
  let path = '';
  beforeAll(async () => {
    // Three events with distinct eventIDs (Panther reuses IDs across tests, so each case holds
    // only tests whose IDs differ).
    const dir = fileScopedDir();
    const file = pantherFile(dir, 'panther', [
      'AWS.CloudTrail.ResourceMadePublic: S3 Made Publicly Accessible',
      'AWS.S3.BucketPolicyModified: S3 Bucket Policy Modified',
      'AWS.S3.DeletePublicAccessBlock: Public Access Block Deleted Successfully',
    ]);
    const { path: p } = await newCase(ctx, { dir });
    await ingest(ctx, { path: p, sources: [file] });
    path = p;
  });

  it('example-bucket: public from the PutBucketPolicy at 2019-01-01T00:00:00Z, never closed', async () => {
    // requestParameters.bucketPolicy: Principal {"AWS": "*"}, Allow, s3:GetBucketAcl, no Condition.
    // Nothing later touches example-bucket, so the window is still open at the last record.
    const r = await analyse(path, 'example-bucket');
    expect(r.windows).toEqual([
      expect.objectContaining({
        start: '2019-01-01T00:00:00.000Z',
        end: null,
        openStart: false,
        openedBy: {
          eventId: '1111',
          eventName: 'PutBucketPolicy',
          principalArn: 'arn:aws:sts::123456789012:assumed-role/example-role/example-user',
          eventTime: '2019-01-01T00:00:00.000Z',
          sourceIp: '111.111.111.111',
        },
        closedBy: null,
        confidence: 'confirmed',
        exposure: ['bucket policy grants everyone access (not object reads)'],
        // No access logs and no data events in this case: reads cannot be counted, not "zero".
        externalAccess: null,
      }),
    ]);
    expect(r).toMatchObject({ state: 'public', ownerAccountId: '123456789012' });
    expect(r.caveats.join('\n')).toContain('No S3 server access logs were ingested into this case');
    expect(r.caveats.join('\n')).toContain('Neither access logs nor data events cover window 1');
    expect(r.highlights[0]).toEqual({
      at: '2019-01-01T00:00:00.000Z',
      text: 's3://example-bucket became public: PutBucketPolicy by arn:aws:sts::123456789012:assumed-role/example-role/example-user (bucket policy grants everyone access (not object reads))',
      refs: [{ type: 'event', id: '1111' }],
    });
  });

  it('bucket: a canned "private" ACL shows no window, and says the policy was never seen', async () => {
    // requestParameters: {"x-amz-acl": ["private"]} — the ACL is known private; the bucket's
    // policy never appears, so whether it was public stays unknown.
    const r = await analyse(path, 'bucket');
    expect(r.windows).toEqual([]);
    expect(r.state).toBe('unknown');
    expect(r.changes).toEqual([
      expect.objectContaining({
        applied: true,
        exposureAfter: 'unknown',
        text: 'The canned ACL "private" grants nothing to AllUsers or AuthenticatedUsers.',
      }),
    ]);
    expect(r.summary).toContain('No window in which s3://bucket was public can be shown');
  });

  it('corporate-documents: possibly public from the DeleteBucketPublicAccessBlock at 2024-01-15T10:45:23Z', async () => {
    // Removing the block leaves nothing known between the world and a policy or ACL the logs never
    // show: possible, not confirmed, and still open.
    const r = await analyse(path, 'corporate-documents');
    expect(r.windows).toEqual([
      expect.objectContaining({
        start: '2024-01-15T10:45:23.000Z',
        end: null,
        openStart: false,
        openedBy: expect.objectContaining({
          eventName: 'DeleteBucketPublicAccessBlock',
          eventId: '12345678-1234-1234-1234-111111111111',
        }) as unknown,
        confidence: 'possible',
        publicFrom: null,
      }),
    ]);
    expect(r).toMatchObject({ state: 'possible', ownerAccountId: '111111111111' });
    expect(r.caveats.join('\n')).toContain('Window 1 is possible, not confirmed');
  });

  it('answers a bucket the case never saw with an error that names the buckets it knows', async () => {
    await expect(analyse(path, 'acme-exports')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message:
        'bucket acme-exports: no CloudTrail event and no S3 access log line in this case names it',
      hint: expect.stringContaining('example-bucket') as unknown,
    });
  });

  it('gives the field names the issue asks for in the CLI’s --json, and a re-run supersedes the finding', async () => {
    const first = await cliJson<Exposure>([
      'analyze',
      'bucket',
      path,
      '--bucket',
      's3://example-bucket/',
    ]);
    const w = first.windows[0]!;
    expect(Object.keys(w)).toEqual(
      expect.arrayContaining([
        'start',
        'end',
        'openStart',
        'openedBy',
        'closedBy',
        'externalAccess',
      ]),
    );
    expect(Object.keys(w.openedBy!)).toEqual(
      expect.arrayContaining(['eventId', 'eventName', 'principalArn', 'eventTime']),
    );
    expect(first.bucket).toBe('example-bucket');
    const again = await cliJson<Exposure>([
      'analyze',
      'bucket',
      path,
      '--bucket',
      'example-bucket',
    ]);
    expect(again.supersedes).toBe(first.findingId);
    const { findings } = await callOp('findings.list', { path, kind: 'bucket-exposure' }, ctx);
    const f = findings.find((x) => x.id === again.findingId)!;
    expect(f).toMatchObject({
      subject: 'example-bucket',
      engine: 'casefile',
      params: { bucket: 'example-bucket' },
    });
    expect(f.query).toMatch(/SELECT .* FROM events e/);
    expect(f.query).toContain('FROM postings');
    expect((f.result as Exposure).windows[0]!.start).toBe('2019-01-01T00:00:00.000Z');
    const report = await callOp('case.verify', { path }, ctx);
    expect(report.ok).toBe(true);
  });

  it('prints a human answer with the window, the opening event and the caveats', async () => {
    const r = await cli(['analyze', 'bucket', path, '--bucket', 'example-bucket']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('s3://example-bucket — PUBLIC at the last log record');
    expect(r.stdout).toContain('Window 1  CONFIRMED  2019-01-01 00:00:00Z → still open');
    expect(r.stdout).toContain('opened by  2019-01-01 00:00:00Z  PutBucketPolicy');
    expect(r.stdout).toContain('reads      cannot be counted');
    expect(r.stdout).toContain('What the logs cannot show:');
    const missing = await cli(['analyze', 'bucket', path, '--bucket', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('bucket nope: no CloudTrail event and no S3 access log line');
  });
});

describe('Panther events that must not open a window', () => {
  it('a PutBucketPolicy that failed (AccessDenied) changes nothing, but is a moment for the timeline', async () => {
    const path = await caseWith([
      pantherFile(freshDir(), 'p', [
        'AWS.CloudTrail.ResourceMadePublic: S3 Failed to make Publicly Accessible',
      ]),
    ]);
    const r = await analyse(path, 'example-bucket');
    expect(r.windows).toEqual([]);
    expect(r.changes).toEqual([
      expect.objectContaining({ applied: false, failed: 'AccessDenied', exposureAfter: null }),
    ]);
    expect(r.highlights).toEqual([
      expect.objectContaining({
        text: expect.stringContaining(
          'Attempt to open s3://example-bucket failed (AccessDenied)',
        ) as unknown,
      }),
    ]);
  });

  it('a public access block whose record lacks the configuration is reported as unknown, not as a window', async () => {
    // Panther's "Different S3 Event": PutBucketPublicAccessBlock with only bucketName and host.
    const path = await caseWith([
      pantherFile(freshDir(), 'p', ['AWS.S3.DeletePublicAccessBlock: Different S3 Event']),
    ]);
    const r = await analyse(path, 'corporate-documents');
    expect(r.windows).toEqual([]);
    expect(r.caveats.join('\n')).toContain(
      'the record does not carry the configuration it set, so its effect is unknown',
    );
  });

  it('a policy for a service principal is not public', async () => {
    const path = await caseWith([
      pantherFile(freshDir(), 'p', [
        'AWS.CloudTrail.ResourceMadePublic: S3 Not Made Publicly Accessible',
      ]),
    ]);
    const r = await analyse(path, 'example-bucket');
    expect(r.windows).toEqual([]);
    expect(r.changes[0]?.text).toBe('The policy does not grant access to everyone.');
  });
});

describe('StreamAlert’s events', () => {
  it('are rejected at ingest (eventID redacted to "..."), so the bucket is never seen, and the answer says so', async () => {
    const dir = freshDir();
    for (const f of [
      'community__cloudwatch_events__cloudtrail_public_resources.json',
      'community__cloudwatch_events__cloudtrail_critical_api_calls.json',
    ]) {
      (
        JSON.parse(readFileSync(join(DATA, 'streamalert', f), 'utf8')) as { data: unknown }[]
      ).forEach((c, i) =>
        writeFileSync(join(dir, `${basename(f, '.json')}-${i}.json`), JSON.stringify(c.data)),
      );
    }
    const path = await caseWith([dir]);
    await expect(analyse(path, 'test')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      hint: expect.stringContaining('no bucket appears in this case yet') as unknown,
    });
  });
});

describe('external reads inside a window', () => {
  let logsAndPolicy = '';
  beforeAll(() => {
    // Panther's attacker scenario: three REST.GET.OBJECT of acme.customerdata-prod on 2020-11-01 at
    // 10:43:07, 10:44:10 and 10:45:23 from 172.31.77.31 by arn:aws:iam::493859302102:user/tracy_stone,
    // HTTP 200, bytes sent "-" (0). A public policy (owner account 123456789012) goes on at 10:44:00.
    const dir = fileScopedDir();
    logsAndPolicy = join(dir, 'policy.ndjson');
    writeFileSync(
      logsAndPolicy,
      JSON.stringify(
        publicPolicyEvent({
          id: 'policy-acme-1',
          time: '2020-11-01T10:44:00Z',
          bucket: 'acme.customerdata-prod',
          account: '123456789012',
        }),
      ),
    );
  });

  it('counts access-log reads after the window opened, from another account, with internal ranges set', async () => {
    const path = await caseWith(
      [join(DATA, 'panther-analysis/panther_test_scenario_attacker_s3_access.log'), logsAndPolicy],
      ['172.31.0.0/16'],
    );
    const r = await analyse(path, 'acme.customerdata-prod');
    expect(r.windows).toHaveLength(1);
    // 10:43:07 is before the window; 10:44:10 and 10:45:23 are inside. The address is internal,
    // but the requester's account (493859302102) is not the owner's (123456789012).
    expect(r.windows[0]!.externalAccess).toMatchObject({
      requests: 2,
      objects: 2,
      bytes: 0,
      ips: 1,
      first: '2020-11-01T10:44:10.000Z',
      last: '2020-11-01T10:45:23.000Z',
      anonymous: 0,
      denied: 0,
      sources: ['s3-access'],
      topIps: [{ ip: '172.31.77.31', ipClass: 'internal', requests: 2, bytes: 0 }],
    });
    expect(r.windows[0]!.externalAccess!.reads.map((x) => [x.key, x.why])).toEqual([
      ['id-02.pdf', ['account 493859302102']],
      ['id-03.pdf', ['account 493859302102']],
    ]);
    expect(r.caveats.join('\n')).toContain('No CloudTrail data events read acme.customerdata-prod');
    expect(r.caveats.join('\n')).not.toContain('No internal ranges are set');
    expect(r.highlights.map((h) => h.text)).toContain(
      'First external read of s3://acme.customerdata-prod in the exposure: REST.GET.OBJECT id-02.pdf from 172.31.77.31 (account 493859302102)',
    );
  });

  it('counts nothing when the reader is the owner’s own principal from an internal address', async () => {
    const dir = freshDir();
    const own = join(dir, 'policy.ndjson');
    writeFileSync(
      own,
      JSON.stringify(
        publicPolicyEvent({
          id: 'policy-acme-2',
          time: '2020-11-01T10:44:00Z',
          bucket: 'acme.customerdata-prod',
          account: '493859302102',
        }),
      ),
    );
    const path = await caseWith(
      [join(DATA, 'panther-analysis/panther_test_scenario_attacker_s3_access.log'), own],
      ['172.31.0.0/16'],
    );
    const x = (await analyse(path, 'acme.customerdata-prod')).windows[0]!.externalAccess;
    expect(x).toMatchObject({
      requests: 0,
      objects: 0,
      ips: 0,
      first: null,
      sources: ['s3-access'],
    });
  });

  it('counts CloudTrail data events with their bytesTransferredOut (OTRF exfiltration), and says access logs are missing', async () => {
    // OTRF: 2 GetObject (ring.txt, 89 bytes each) and 7 ListObjects of mordors3stack-s3bucket-llp2yingx64a
    // from 1.2.3.4. With the policy public from 01:01:00, inside are ListObjects 01:01:04 (500),
    // GetObject 01:02:34 (89), ListObjects 01:02:34 (500), 01:12:40 (524), 01:12:43 (524),
    // 01:13:20 (500) and GetObject 01:13:20 (89): 7 reads, 1 object, 2726 bytes.
    const dir = freshDir();
    const policy = join(dir, 'policy.ndjson');
    const bucket = 'mordors3stack-s3bucket-llp2yingx64a';
    writeFileSync(
      policy,
      JSON.stringify(
        publicPolicyEvent({
          id: 'policy-mordor',
          time: '2020-09-14T01:01:00Z',
          bucket,
          account: '123456789123',
        }),
      ),
    );
    const path = await caseWith(
      [
        join(DATA, 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json'),
        policy,
      ],
      ['10.0.0.0/8'],
    );
    const r = await analyse(path, bucket);
    expect(r.coverage.dataEvents).toBe(true);
    expect(r.windows[0]!.externalAccess).toMatchObject({
      requests: 7,
      objects: 1,
      bytes: 2726,
      ips: 1,
      first: '2020-09-14T01:01:04.000Z',
      last: '2020-09-14T01:13:20.000Z',
      sources: ['data-events'],
    });
    expect(r.caveats.join('\n')).toContain('No S3 server access logs were ingested into this case');
    await callOp('case.settings', { path, internalCidrs: ['1.2.3.0/24'] }, ctx);
    expect((await analyse(path, bucket)).windows[0]!.externalAccess).toMatchObject({ requests: 0 });
  });

  it('runs only indexed lookups: no statement of the finding scans events, s3_access or postings', async () => {
    // The statements recorded in the findings, each planned with its parameters left unbound: a
    // bucket read through data events (OTRF) and one read through access logs (Panther).
    const dir = freshDir();
    const policies = join(dir, 'policies.ndjson');
    const bucket = 'mordors3stack-s3bucket-llp2yingx64a';
    writeFileSync(
      policies,
      [
        publicPolicyEvent({
          id: 'plan-1',
          time: '2020-09-14T01:01:00Z',
          bucket,
          account: '123456789123',
        }),
        publicPolicyEvent({
          id: 'plan-2',
          time: '2020-11-01T10:44:00Z',
          bucket: 'acme.customerdata-prod',
          account: '123456789012',
        }),
      ]
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    const path = await caseWith([
      join(DATA, 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json'),
      join(DATA, 'panther-analysis/panther_test_scenario_attacker_s3_access.log'),
      policies,
    ]);
    const ids = [
      (await analyse(path, bucket)).findingId,
      (await analyse(path, 'acme.customerdata-prod')).findingId,
    ];
    const { findings } = await callOp('findings.list', { path, kind: 'bucket-exposure' }, ctx);
    const statements = findings
      .filter((f) => ids.includes(f.id))
      .flatMap((f) => f.query.split('\n'))
      .filter((l) => !l.startsWith('--'))
      .map((l) => l.replace(/;$/, ''));
    // Event rows come with their run (account, file, record index): one seek each, no scan.
    expect(
      statements.some((q) =>
        /FROM events e CROSS JOIN event_ranges r ON .* WHERE e\.id IN/.test(q),
      ),
    ).toBe(true);
    expect(statements.some((q) => /FROM s3_access a WHERE a\.id IN/.test(q))).toBe(true);
    const file = openCaseFile(path, { readonly: true });
    try {
      for (const sql of statements) {
        const stmt = file.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
        const steps = stmt.all(...Array<null>((sql.match(/\?/g) ?? []).length).fill(null)) as {
          id: number;
          parent: number;
          detail: string;
        }[];
        // A co-routine (a page of rows already found by id) may be read in full where it is
        // joined, outside it; steps inside it are checked like any other.
        const coroutines = new Map(
          steps.flatMap((p) => {
            const m = /^CO-ROUTINE (\w+)$/.exec(p.detail);
            return m ? [[m[1]!, p.id] as const] : [];
          }),
        );
        // The partial index of rows with milliseconds holds none of CloudTrail's own rows.
        const plan = steps
          .filter((p) => !/^SCAN events USING (COVERING )?INDEX events_subsecond$/.test(p.detail))
          .filter((p) => {
            const name = /^SCAN (\w+)$/.exec(p.detail)?.[1];
            const co = name === undefined ? undefined : coroutines.get(name);
            return co === undefined || p.parent === co;
          })
          .map((p) => p.detail)
          .join(' | ');
        expect(plan, sql).not.toMatch(/\bSCAN (e|a|p|r|events|s3_access|postings|event_ranges)\b/);
      }
    } finally {
      file.close();
    }
  });

  it('shows a bucket seen only in access logs, with a successful anonymous read, as public since before the logs', async () => {
    // logstash-patterns-core: mybucket, 2014-05-12 07:54:01, 10.0.1.2, requester "-", REST.GET.OBJECT
    // foo/bar.html, HTTP 304. Anonymous success proves it public; CloudTrail never names it.
    const path = await caseWith(
      [join(DATA, 's3-access/logstash-patterns-core_aws_spec.log')],
      ['10.0.0.0/8'],
    );
    const r = await analyse(path, 'mybucket');
    expect(r.windows).toEqual([
      expect.objectContaining({
        start: '2014-02-06T00:00:38.000Z', // the first access-log line for mybucket
        end: null,
        openStart: true,
        openedBy: null,
        confidence: 'confirmed',
        publicFrom: '2014-05-12T07:54:01.000Z',
        exposure: [
          'public before the first log record cannot be ruled out',
          'anonymous reads succeeded',
        ],
      }),
    ]);
    expect(r.windows[0]!.externalAccess).toMatchObject({
      requests: 1,
      objects: 1,
      anonymous: 1,
      ips: 1,
    });
    expect(r.caveats[0]).toBe(
      'CloudTrail in this case never names mybucket; only S3 access logs do. Without its policy, ACL and public access block history Cairn cannot replay when it was public.',
    );
    expect(r.coverage).toMatchObject({
      cloudTrail: null,
      accessLogs: { lines: 2 },
      dataEvents: false,
    });
  });

  it('says when the case holds access logs, but none for the bucket', async () => {
    const dir = freshDir();
    const path = await caseWith([
      join(DATA, 's3-access/awsdocs_LogFormat_examples.log'),
      pantherFile(dir, 'p', ['AWS.CloudTrail.ResourceMadePublic: S3 Made Publicly Accessible']),
    ]);
    const r = await analyse(path, 'example-bucket');
    expect(r.caveats).toContain(
      'The case holds S3 server access logs, but none for example-bucket.',
    );
    // Access logs exist, but not for this bucket: reads are still not countable for the window.
    expect(r.windows[0]!.externalAccess).toBeNull();
  });
});
