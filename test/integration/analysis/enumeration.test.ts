import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import type { EnumerationResult } from '../../../src/analysis/enumeration';
import { newCase, testContext } from '../../helpers/case';
import { cliJson } from '../../helpers/cli';
import { ingest } from '../../helpers/ingest';
import { DATA } from '../ingest/oracle';

const stratus = (name: string): string =>
  join(DATA, 'stratus-red-team/detonation-logs', `aws.${name}.json`);
const OTRF = join(DATA, 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json');

async function run(
  sources: string[],
  input: Record<string, unknown> = {},
): Promise<EnumerationResult> {
  const ctx = testContext();
  const c = await newCase(ctx);
  if (sources.length) await ingest(ctx, { path: c.path, sources });
  const r = await callOp('analysis.enumeration', { path: c.path, ...input }, ctx);
  return r.result as unknown as EnumerationResult;
}

describe('enumeration', () => {
  it('calls the Stratus admin-user capture an active compromise, with the write as the inflection point', async () => {
    const r = await run([stratus('persistence.iam-create-admin-user')]);
    expect(r.verdict).toBe('active-compromise');
    expect(['CreateUser', 'AttachUserPolicy', 'CreateAccessKey']).toContain(
      r.inflectionPoint?.eventName,
    );
    expect(r.inflectionPoint?.eventTime).toBe('2024-08-01T13:33:28.000Z');
    expect(r.suggestion).toMatch(/^Treat as active compromise/);
  });

  it('calls a run of denied GetPasswordData calls probing (Stratus)', async () => {
    const r = await run([stratus('credential-access.ec2-get-password-data')]);
    const probing = r.sessions.filter((s) => s.classification === 'probing');
    expect(probing).toHaveLength(1);
    // 32 of the capture's 34 records are AccessDenied / UnauthorizedOperation GetPasswordData calls by one session.
    expect(probing[0]).toMatchObject({ denied: 30, distinctApis: 1 });
    expect(r.verdict).toBe('probing');
  });

  it('calls the OTRF user’s Describe burst across EC2 and other services recon', async () => {
    const r = await run([OTRF], { principalArn: 'arn:aws:iam::123456789123:user/pedro' });
    const recon = r.sessions.filter((s) => s.classification === 'recon');
    expect(recon.length).toBeGreaterThan(0);
    expect(recon[0]!.distinctApis).toBeGreaterThanOrEqual(10);
    expect(recon[0]!.services).toBeGreaterThanOrEqual(3);
  });

  it('follows its thresholds', async () => {
    const r = await run([OTRF], {
      principalArn: 'arn:aws:iam::123456789123:user/pedro',
      minDistinctApis: 50,
    });
    expect(r.sessions.every((s) => s.classification === 'routine')).toBe(true);
    expect(r.verdict).toBe('nothing-suspicious');
    expect(r.suggestion).toMatch(/crosses the thresholds \(50 distinct read APIs/);
  });

  it('says when there is nothing to look at', async () => {
    expect((await run([])).suggestion).toMatch(/holds no CloudTrail events yet/);
    const unknown = await run([OTRF], { principalArn: 'arn:aws:iam::1:user/nobody' });
    expect(unknown.verdict).toBe('no-data');
    expect(unknown.suggestion).toMatch(/No events for principal arn:aws:iam::1:user\/nobody/);
  });

  it('names its session fields plainly in JSON', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    await ingest(ctx, { path: c.path, sources: [stratus('persistence.iam-create-admin-user')] });
    ctx.cases.closeAll();
    const json = await cliJson<{ sessions: Record<string, unknown>[] }>([
      'analyze',
      'enumeration',
      c.path,
    ]);
    for (const k of [
      'principalArn',
      'accessKeyId',
      'sourceIp',
      'start',
      'end',
      'calls',
      'distinctApis',
      'denied',
      'firstWrite',
    ])
      expect(json.sessions[0]).toHaveProperty(k);
  });
});
