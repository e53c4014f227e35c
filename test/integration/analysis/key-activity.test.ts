// What a key did and begot, on the real captures and on a small hand-built story for the parts
// the captures do not show (deactivation, a session that outlives it, reactivation).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import type { KeyActivity } from '../../../src/analysis/key/activity';
import { newCase, testContext } from '../../helpers/case';
import { cliJson } from '../../helpers/cli';
import { ingest } from '../../helpers/ingest';
import { freshDir } from '../../helpers/tmp';
import { DATA } from '../ingest/oracle';

const stratus = (name: string): string =>
  join(DATA, 'stratus-red-team/detonation-logs', `aws.${name}.json`);

async function caseWith(sources: string[]) {
  const ctx = testContext();
  const c = await newCase(ctx);
  await ingest(ctx, { path: c.path, sources });
  return { ctx, path: c.path };
}

async function analyse(
  ctx: ReturnType<typeof testContext>,
  path: string,
  accessKeyId: string,
  exposedAt?: string,
): Promise<KeyActivity> {
  const r = await callOp(
    'analysis.keyActivity',
    { path, accessKeyId, ...(exposedAt ? { exposedAt } : {}) },
    ctx,
  );
  return r.result as unknown as KeyActivity;
}

describe('key activity on real captures', () => {
  it('finds the federated session GetFederationToken derived from the user’s key (Stratus)', async () => {
    const { ctx, path } = await caseWith([stratus('persistence.sts-federation-token')]);
    const r = await analyse(ctx, path, 'AKIA6V1GNZTT65XQH36M');
    expect(r.derivedCredentials).toHaveLength(1);
    // The response says "Nov 30, 2024, 8:43:17 PM" (UTC): 20:43:17 on the 30th.
    expect(r.derivedCredentials[0]).toMatchObject({
      accessKeyId: 'ASIASTJKC5GCM7ZE6LUP',
      kind: 'federated-session',
      derivedFrom: 'AKIA6V1GNZTT65XQH36M',
      principal: 'arn:aws:sts::742491224508:federated-user/stratus_red_team',
      expiration: '2024-11-30T20:43:17.000Z',
      calls: 1,
      createdBy: {
        eventName: 'GetFederationToken',
        eventId: '6e882b9d-2af8-4c67-b91f-aeac6a0e5e70',
      },
    });
    expect(r.events.map((e) => `${e.eventName}/${e.accessKeyId}`)).toEqual([
      'GetFederationToken/AKIA6V1GNZTT65XQH36M',
      'GetCallerIdentity/ASIASTJKC5GCM7ZE6LUP',
    ]);
    expect(r.window).toMatchObject({ start: '2024-11-30T08:43:17.000Z', end: null });
  });

  it('shows CreateUser → AttachUserPolicy(AdministratorAccess) → CreateAccessKey as writes (Stratus)', async () => {
    const { ctx, path } = await caseWith([stratus('persistence.iam-create-admin-user')]);
    const r = await analyse(ctx, path, 'AKIAOZUDECYXYM4ONAN4');
    expect(r.writes.map((w) => w.eventName).sort()).toEqual([
      'AttachUserPolicy',
      'CreateAccessKey',
      'CreateUser',
    ]);
    expect(r.createdPrincipals.map((p) => p.kind)).toEqual(['user']);
    expect(r.byIp).toEqual([
      expect.objectContaining({ ip: '075.050.255.67', class: 'unparseable', calls: 3 }),
    ]);
  });

  it('shows the stolen instance session’s ListBuckets → ListObjects → GetObject (OTRF)', async () => {
    const { ctx, path } = await caseWith([
      join(DATA, 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json'),
    ]);
    const r = await analyse(ctx, path, 'ASIA5FLZVX4OPVKKVBMX');
    const names = r.events.map((e) => e.eventName);
    expect(names.slice(0, 2)).toEqual(['ListBuckets', 'ListObjects']);
    expect(names.indexOf('GetObject')).toBeGreaterThan(names.indexOf('ListObjects'));
    expect(names.filter((n) => n === 'GetObject')).toHaveLength(2);
    expect(r.principals).toEqual([
      'arn:aws:sts::123456789123:assumed-role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0/i-0317f6c6b66ae9c40',
    ]);
    expect(r.firstSeen).toBe('2020-09-14T01:00:04.000Z');
  });

  it('says so when a key is not in the case, instead of an empty success', async () => {
    const { ctx, path } = await caseWith([stratus('persistence.iam-create-admin-user')]);
    const r = await analyse(ctx, path, 'AKIAXXXXXXXXXXXXXXXX');
    expect(r.found).toBe(false);
    expect(r.message).toMatch(
      /does not appear in any CloudTrail event in this case.*before concluding it was not used/,
    );
  });
});

describe('the exposure window', () => {
  const K = 'AKIAEXAMPLEKEY000001';
  const user = 'arn:aws:iam::111122223333:user/dev';
  const rec = (
    id: string,
    time: string,
    name: string,
    extra: Record<string, unknown> = {},
    key = K,
    arn = user,
  ) => ({
    eventVersion: '1.09',
    eventID: id,
    eventTime: time,
    eventName: name,
    eventSource: name.includes('Token') ? 'sts.amazonaws.com' : 'iam.amazonaws.com',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15',
    readOnly: name.startsWith('List'),
    userIdentity: {
      type: 'IAMUser',
      arn,
      accountId: '111122223333',
      accessKeyId: key,
      userName: 'dev',
    },
    requestParameters: null,
    responseElements: null,
    ...extra,
  });

  function story(dir: string, after: object[]): string {
    const file = join(dir, 'story.json');
    writeFileSync(
      file,
      JSON.stringify({
        Records: [
          rec('e1', '2026-03-27T20:10:00Z', 'ListUsers'),
          rec('e2', '2026-03-27T20:12:00Z', 'GetSessionToken', {
            responseElements: {
              credentials: {
                accessKeyId: 'ASIAEXAMPLESESSION01',
                sessionToken: 'IQoJb3JpZ2luX2VjE…',
                expiration: 'Mar 28, 2026, 8:12:00 AM',
              },
            },
          }),
          rec('e3', '2026-03-27T21:00:00Z', 'ListRoles', {}, 'ASIAEXAMPLESESSION01'),
          ...after,
        ],
      }),
    );
    return file;
  }

  it('ends at the deactivation, or at the expiry of a session that outlives it', async () => {
    const dir = freshDir();
    const file = story(dir, [
      rec(
        'e4',
        '2026-03-27T22:00:00Z',
        'UpdateAccessKey',
        { requestParameters: { accessKeyId: K, status: 'Inactive', userName: 'dev' } },
        'AKIASECURITYTEAM0001',
        'arn:aws:iam::111122223333:user/ir',
      ),
    ]);
    const { ctx, path } = await caseWith([file]);
    const r = await analyse(ctx, path, K, '2026-03-27T20:02:00Z');
    expect(r.deactivatedAt).toBe('2026-03-27T22:00:00.000Z');
    expect(r.deactivatedBy?.principalArn).toBe('arn:aws:iam::111122223333:user/ir');
    // "Mar 28, 2026, 8:12:00 AM" is 08:12 UTC on the 28th: later than the deactivation at 22:00 on the 27th.
    expect(r.window.start).toBe('2026-03-27T20:02:00.000Z');
    expect(r.window.end).toBe('2026-03-28T08:12:00.000Z');
    expect(r.window.basis).toMatch(
      /from the exposure time given by the responder .*deactivated at 2026-03-27T22:00:00.000Z, but session credentials it created \(ASIAEXAMPLESESSION01, session\) stay valid/,
    );
    expect(r.caveats.join(' ')).toMatch(/aws:TokenIssueTime/);
  });

  it('sees a deactivation that comes after more than 10,000 other key changes', async () => {
    const dir = freshDir();
    // A busy account: 10,050 rotations of other keys on the 27th, then ours is turned off.
    const rotations = Array.from({ length: 10_050 }, (_, i) =>
      rec(
        `rot-${i}`,
        new Date(Date.parse('2026-03-27T21:00:00Z') + i * 100).toISOString(),
        'UpdateAccessKey',
        {
          requestParameters: {
            accessKeyId: `AKIAROTATED${String(i).padStart(9, '0')}`,
            status: 'Active',
          },
        },
        'AKIASECURITYTEAM0001',
      ),
    );
    const file = story(dir, [
      ...rotations,
      rec(
        'off',
        '2026-03-27T23:30:00Z',
        'UpdateAccessKey',
        { requestParameters: { accessKeyId: K, status: 'Inactive' } },
        'AKIASECURITYTEAM0001',
      ),
    ]);
    const { ctx, path } = await caseWith([file]);
    const r = await analyse(ctx, path, K);
    expect(r.deactivatedAt).toBe('2026-03-27T23:30:00.000Z');
  }, 60_000);

  it('stays open when the key was deactivated and then made active again', async () => {
    const dir = freshDir();
    const file = story(dir, [
      rec(
        'e4',
        '2026-03-27T22:00:00Z',
        'UpdateAccessKey',
        { requestParameters: { accessKeyId: K, status: 'Inactive' } },
        'AKIASECURITYTEAM0001',
      ),
      rec(
        'e5',
        '2026-03-27T23:00:00Z',
        'UpdateAccessKey',
        { requestParameters: { accessKeyId: K, status: 'Active' } },
        'AKIASECURITYTEAM0001',
      ),
    ]);
    const { ctx, path } = await caseWith([file]);
    const r = await analyse(ctx, path, K);
    expect(r.deactivatedAt).toBeNull();
    expect(r.window).toMatchObject({ start: '2026-03-27T20:10:00.000Z', end: null });
  });

  it('is recorded as a finding that a re-run supersedes, and the CLI names its fields plainly', async () => {
    const { ctx, path } = await caseWith([stratus('persistence.sts-federation-token')]);
    await analyse(ctx, path, 'AKIA6V1GNZTT65XQH36M');
    ctx.cases.closeAll();
    const json = await cliJson<Record<string, unknown>>([
      'analyze',
      'key',
      path,
      '--access-key',
      'AKIA6V1GNZTT65XQH36M',
    ]);
    for (const k of [
      'firstSeen',
      'lastSeen',
      'deactivatedAt',
      'window',
      'byIp',
      'writes',
      'derivedCredentials',
      'findingId',
    ])
      expect(json).toHaveProperty(k);
    const findings = await callOp(
      'findings.list',
      { path, kind: 'key-activity', includeSuperseded: true },
      ctx,
    );
    expect(findings.findings.map((f) => f.supersedes)).toEqual([null, findings.findings[0]!.id]);
    expect(findings.findings[1]!.query).toMatch(/accessKeyId = AKIA6V1GNZTT65XQH36M/);
    expect((await callOp('case.verify', { path }, ctx)).ok).toBe(true);
  });
});
