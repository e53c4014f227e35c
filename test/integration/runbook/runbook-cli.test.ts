// The runbooks from the terminal, on real captures: the enumeration runbook on the Stratus
// detonations suggests active compromise and hands the key over to the leaked-key runbook; the
// public-bucket runbook on Panther's events suggests blocking and records the command to run by
// hand; a host killed between steps leaves a run that resumes where it stopped.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callOp, createApiContext } from '../../../src/api';
import { cli, REPO_ROOT } from '../../helpers/cli';
import { freshDir } from '../../helpers/tmp';

const DATA = join(REPO_ROOT, 'test/fixtures/data');
const STRATUS = join(DATA, 'stratus-red-team/detonation-logs');

async function ok(args: string[]): Promise<string> {
  const r = await cli(args);
  if (r.code !== 0) throw new Error(`cairn ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

describe('cairn runbook', () => {
  it('runs the enumeration runbook on the Stratus captures and hands the key to the leaked-key runbook', async () => {
    const file = join(freshDir(), 'enum.cairn');
    await ok(['case', 'create', file, '--title', 'GuardDuty recon finding']);
    await ok(['ingest', file, STRATUS]);
    expect(await ok(['runbook', 'list'])).toMatch(/suspicious-enumeration \(v1\.0\.0\)/);
    const started = await ok(['runbook', 'start', file, 'suspicious-enumeration']);
    expect(started).toContain('▶ Who, according to the alert');
    await ok([
      'runbook',
      'do',
      file,
      'input',
      '--value',
      'trigger=Discovery:IAMUser/AnomalousBehavior',
    ]);
    const r = await cli(['runbook', 'do', file, 'complete', '--check', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not everything is checked');
    await ok(['runbook', 'do', file, 'complete', '--check', 'all']);
    const evidence = await ok(['runbook', 'do', file, 'evidence']);
    expect(evidence).toMatch(
      /Cairn suggests: active-compromise — Recon followed by a successful write: \w+ at 2024-/,
    );
    expect(evidence).toMatch(/evidence: finding #1 \(enumeration\)/);
    const noReason = await cli(['runbook', 'do', file, 'decide', '--choice', 'active-compromise']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toMatch(/--reason/);
    const credential = await ok([
      'runbook',
      'do',
      file,
      'decide',
      '--choice',
      'active-compromise',
      '--reason',
      'recon then CreateAccessKey from an unknown address',
    ]);
    const key =
      /Cairn suggests: user-key — The activity was signed with the IAM user key (AKIA\w+)/.exec(
        credential,
      )?.[1];
    expect(key).toBeDefined();
    const handover = await ok([
      'runbook',
      'do',
      file,
      'decide',
      '--choice',
      'user-key',
      '--reason',
      'an IAM user key',
    ]);
    expect(handover).toContain('Finished: Continue as a leaked access key');
    const command = new RegExp(
      `cairn runbook start \\S+ leaked-access-key --fact accessKeyId=${key}`,
    );
    expect(handover).toMatch(command);
    const next = await ok([
      'runbook',
      'start',
      file,
      'leaked-access-key',
      '--fact',
      `accessKeyId=${key}`,
    ]);
    expect(next).toContain('Run #2: Leaked access key');
    const all = await ok(['runbook', 'status', file, '--all']);
    expect(all).toMatch(/#1 +done +Suspicious enumeration/);
    expect(all).toMatch(/#2 +active +Leaked access key/);
    const json = JSON.parse(await ok(['runbook', 'status', file, '--run', '1', '--json'])) as {
      status: string;
      handover: { facts: Record<string, string> };
    };
    expect(json.status).toBe('done');
    expect(json.handover.facts['accessKeyId']).toBe(key);
  });

  it('runs the public-bucket runbook on Panther’s events: suggests blocking and records the manual command of a dry run', async () => {
    const file = join(freshDir(), 'bucket.cairn');
    await ok(['case', 'create', file, '--title', 'Public bucket']);
    // Panther's rule tests wrap each CloudTrail record in `log`: unwrap the ones about the bucket.
    const records = readFileSync(
      join(DATA, 'panther-analysis/panther_cloudtrail_test_events.ndjson'),
      'utf8',
    )
      .split('\n')
      .filter((l) => l.includes('corporate-documents'))
      .map((l) => JSON.stringify((JSON.parse(l) as { log: unknown }).log));
    expect(records.length).toBeGreaterThan(0);
    const logs = join(freshDir(), 'corporate-documents.ndjson');
    writeFileSync(logs, records.join('\n'));
    await ok(['ingest', file, logs]);
    await ok([
      'runbook',
      'start',
      file,
      'public-bucket',
      '--fact',
      'bucket=corporate-documents',
      '--fact',
      'ownerAccountId=123456789012',
    ]);
    await ok([
      'runbook',
      'do',
      file,
      'input',
      '--value',
      'reportedBy=GuardDuty Policy:S3/BucketBlockPublicAccessDisabled',
    ]);
    const preserve = await ok(['runbook', 'status', file]);
    expect(preserve).toContain('aws s3api get-bucket-policy --bucket corporate-documents');
    expect(preserve).toContain('aws s3control get-public-access-block --account-id 123456789012');
    await ok(['runbook', 'do', file, 'skip', '--reason', 'the test has no bucket to copy from']);
    const exposure = await ok(['runbook', 'do', file, 'evidence']);
    expect(exposure).toMatch(
      /Cairn suggests: block — s3:\/\/corporate-documents: a change exposed grants the logs never show/,
    );
    await ok([
      'runbook',
      'do',
      file,
      'decide',
      '--choice',
      'block',
      '--reason',
      'possible window still open',
    ]);
    const none = await cli(['runbook', 'do', file, 'act']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give exactly one of --dry-run, --confirm');
    const dry = await ok(['runbook', 'do', file, 'act', '--dry-run']);
    expect(dry).toContain('Dry run: nothing was sent to AWS.');
    expect(dry).not.toContain('dry-run: Dry run');
    expect(dry).toContain(
      'aws s3api put-public-access-block --bucket corporate-documents --expected-bucket-owner 123456789012 --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    );
    expect(dry).toContain('Last attempt: dry-run');
    const manual = await ok([
      'runbook',
      'do',
      file,
      'act',
      '--manual',
      '--note',
      'ran it from the console as bob',
    ]);
    expect(manual).toContain('Done: Block public access on the bucket');
    expect(manual).toContain('Now: Get the logs that can see reads');
  });
});

describe('a host killed between steps', () => {
  it('leaves every committed step in the case, and the run resumes where it stopped', async () => {
    const path = join(freshDir(), 'killed.cairn');
    const ctx = createApiContext({ actor: 'tester' });
    await callOp('case.create', { path, title: 'Killed host' }, ctx);
    const s = await callOp(
      'runbook.start',
      { path, runbook: 'leaked-access-key', facts: { accessKeyId: 'AKIAEXAMPLEKEY000001' } },
      ctx,
    );
    ctx.cases.close(path);

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'step-until-killed.ts'), path, String(s.runId)],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if ((out.match(/^stepped /gm) ?? []).length >= 3) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () =>
        reject(new Error(`the host exited before it was killed: ${out}${err}`)),
      );
    });
    expect(await exited).toBe('SIGKILL');

    const after = createApiContext({ actor: 'tester' });
    const verify = await callOp('case.verify', { path }, after);
    expect(verify.ok).toBe(true);
    const status = await callOp('runbook.status', { path, runId: s.runId }, after);
    const stepped = (out.match(/^stepped (\w+)$/gm) ?? []).map((l) => l.split(' ')[1]);
    // Every step the host reported is in the case; at most one more committed before the kill landed.
    expect(stepped.length).toBeGreaterThanOrEqual(3);
    expect(status.history.length - 1).toBeGreaterThanOrEqual(stepped.length);
    expect(status.history.length - 1).toBeLessThanOrEqual(stepped.length + 1);
    expect(status.history.slice(1, stepped.length + 1).map((h) => h.from.split('.').pop())).toEqual(
      stepped,
    );
    // The run goes on from there.
    const c = status.step.content;
    const request =
      c.kind === 'decision'
        ? {
            kind: 'decide' as const,
            choice: c.options[0]!.id,
            rationale: 'resumed after the crash',
          }
        : { kind: 'skip' as const, reason: 'resumed after the crash' };
    const next = await callOp(
      'runbook.step',
      { path, runId: s.runId, step: status.step.id, request },
      after,
    );
    expect(next.status.history).toHaveLength(status.history.length + 1);
  });
});
