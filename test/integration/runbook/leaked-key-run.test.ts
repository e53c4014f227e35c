// A leaked-key run from start to close through the API, on the real Stratus "create admin user"
// capture, with containment done by the real IAM client against the local IAM endpoint: the exact
// requests, the refusals (stale step, no rationale, unconfirmed change), the suggestions and the
// evidence behind them, the awareness time set from an input step, and the record it leaves.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOp, type ApiContext } from '../../../src/api';
import type { RunStatus } from '../../../src/shared/runbook';
import { startIamEndpoint, type IamEndpoint } from '../../helpers/aws/iam-endpoint';
import { newCase, testContext } from '../../helpers/case';
import { ingest } from '../../helpers/ingest';
import { fileScopedDir, freshDir } from '../../helpers/tmp';
import { useTestCredentials } from '../containment/credentials';

useTestCredentials();

const DATA = join(import.meta.dirname, '../../fixtures/data/stratus-red-team/detonation-logs');
// christophe's key created the user malicious-iam-user, attached AdministratorAccess and made it a key.
const LEAKED = 'AKIAOZUDECYXYM4ONAN4';

let ctx: ApiContext;
let path: string;
let iam: IamEndpoint;
let runId: number;

beforeAll(async () => {
  ctx = testContext({ actor: 'alice' });
  path = (await newCase(ctx, { dir: fileScopedDir() })).path;
  await ingest(ctx, { path, sources: [join(DATA, 'aws.persistence.iam-create-admin-user.json')] });
  iam = await startIamEndpoint({
    accountId: '229654561268',
    users: [
      {
        userName: 'christophe',
        accessKeys: [
          {
            accessKeyId: LEAKED,
            lastUsed: { date: '2024-08-01T13:33:28Z', serviceName: 'iam', region: 'us-east-1' },
          },
        ],
      },
    ],
  });
});

afterAll(async () => {
  await iam.stop();
});

const step = (request: Record<string, unknown>, at?: string) =>
  callOp(
    'runbook.step',
    { path, runId, step: at ?? current.step.id, request: request as never },
    ctx,
  );
let current: RunStatus;

describe('leaked access key, end to end', () => {
  it('starts at the intake with the key as a fact, and lists the runbooks', async () => {
    const list = await callOp('runbook.list', {}, ctx);
    expect(list.runbooks.map((r) => r.id).sort()).toEqual([
      'leaked-access-key',
      'public-bucket',
      'suspicious-enumeration',
    ]);
    const s = await callOp(
      'runbook.start',
      { path, runbook: 'leaked-access-key', facts: { accessKeyId: LEAKED } },
      ctx,
    );
    runId = s.runId;
    current = s;
    expect(s.step.id).toBe('intake');
    expect(s.context.facts['accessKeyId']).toBe(LEAKED);
    await expect(
      callOp('runbook.start', { path, runbook: 'leaked-access-key', facts: {} }, ctx),
    ).rejects.toThrow(/accessKeyId: .*required/);
  });

  it('takes the exposure time, refusing one in the future', async () => {
    await expect(
      step({ kind: 'input', values: { exposedAt: '2099-01-01T00:00:00Z' } }),
    ).rejects.toThrow(/exposedAt: .* is in the future/);
    await expect(step({ kind: 'input', values: { exposedAt: 'yesterday' } })).rejects.toThrow(
      /exposedAt/,
    );
    const r = await step({
      kind: 'input',
      values: { exposedAt: '2024-08-01T13:00:00Z', exposedWhere: 'public GitHub repo' },
    });
    expect(r.status.step.id).toBe('verifyOwnership');
    expect(r.status.context.facts['exposedAt']).toBe('2024-08-01T13:00:00.000Z');
    current = r.status;
    // The instruction names the key in the command to paste.
    expect(current.step.content.do.join('\n')).toContain(
      `aws sts get-access-key-info --access-key-id ${LEAKED}`,
    );
  });

  it('refuses a step the run has moved past, and a checklist not fully checked', async () => {
    await expect(step({ kind: 'input', values: {} }, 'intake')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(step({ kind: 'complete', checked: [0] })).rejects.toThrow(
      /checked: not everything is checked .*Owner \(user\) of the key identified/,
    );
    const r = await step({ kind: 'complete', checked: [0, 1] });
    expect(r.status.step.id).toBe('deactivate');
    current = r.status;
  });

  it('shows the exact call first, refuses an unconfirmed change, and records a dry run without sending anything', async () => {
    const plan = await callOp('runbook.plan', { path, runId, aws: { endpoint: iam.url } }, ctx);
    expect(plan.action).toEqual({ kind: 'deactivate-access-key', accessKeyId: LEAKED });
    expect(JSON.stringify(plan.plan)).toContain('"operation":"UpdateAccessKey"');
    await expect(
      step({ kind: 'act', mode: 'execute', confirm: false, aws: { endpoint: iam.url } }),
    ).rejects.toThrow(/not confirmed: it would call UpdateAccessKey/);
    expect(iam.requests).toHaveLength(0);
    const dry = await step({ kind: 'act', mode: 'dry-run', aws: { endpoint: iam.url } });
    expect(dry.outcome?.['status']).toBe('dry-run');
    expect(dry.status.step.id).toBe('deactivate');
    expect(dry.status.context.actions['deactivate']).toBe('dry-run');
    expect(iam.requests).toHaveLength(0);
    const tl = await callOp('timeline.list', { path }, ctx);
    expect(tl.entries.at(-1)?.text).toMatch(
      /Dry run.*aws iam update-access-key .*--access-key-id AKIAOZUDECYXYM4ONAN4 --status Inactive/,
    );
  });

  it('deactivates the key with the real IAM client once confirmed, and reads it back', async () => {
    const r = await step({
      kind: 'act',
      mode: 'execute',
      confirm: true,
      aws: { endpoint: iam.url },
    });
    expect(r.outcome?.['status']).toBe('done-verified');
    const update = iam.requests.find((q) => q.action === 'UpdateAccessKey');
    expect(update?.params).toMatchObject({
      AccessKeyId: LEAKED,
      Status: 'Inactive',
      UserName: 'christophe',
    });
    expect(iam.requests.map((q) => q.action)).toEqual([
      'GetAccessKeyLastUsed',
      'UpdateAccessKey',
      'ListAccessKeys',
    ]);
    expect(r.status.step.id).toBe('keyActivity');
    current = r.status;
  });

  it('gathers the key activity as a finding and suggests from it, naming the finding', async () => {
    const r = await step({ kind: 'evidence' });
    current = r.status;
    expect(current.step.id).toBe('sessions');
    const finding = current.context.findings['keyActivity'];
    expect(finding?.summary).toMatchObject({ found: true, userName: 'christophe', writes: 3 });
    expect(finding?.summary['createdPrincipals']).toEqual(
      expect.arrayContaining([expect.stringContaining('malicious-iam-user')]),
    );
    expect(current.suggestion).toMatchObject({
      choice: 'none',
      evidence: [{ findingId: finding!.findingId, analysis: 'keyActivity' }],
    });
    const findings = await callOp('findings.list', { path }, ctx);
    expect(findings.findings.find((f) => f.id === finding!.findingId)?.kind).toBe('key-activity');
  });

  it('needs a rationale to decide, and records a decision against the suggestion as such', async () => {
    await expect(step({ kind: 'decide', choice: 'revoke', rationale: '' })).rejects.toThrow(
      /rationale/,
    );
    await expect(step({ kind: 'decide', choice: 'maybe', rationale: 'unsure' })).rejects.toThrow(
      /"maybe" is not an option here \(revoke, none\)/,
    );
    const r = await step({
      kind: 'decide',
      choice: 'revoke',
      rationale: 'the attacker may hold console sessions we cannot see',
    });
    current = r.status;
    expect(current.step.id).toBe('revokeSessions');
    const tl = await callOp('timeline.list', { path }, ctx);
    expect(tl.entries.at(-1)?.text).toContain('Cairn suggested "No sessions to revoke"');
    expect(current.actionParams).toMatchObject({ principal: 'user', name: 'christophe' });
  });

  it('attaches the revoke-older-sessions policy to the key’s user', async () => {
    const r = await step({
      kind: 'act',
      mode: 'execute',
      confirm: true,
      aws: { endpoint: iam.url },
    });
    expect(r.outcome?.['status']).toBe('done-verified');
    const put = iam.requests.find((q) => q.action === 'PutUserPolicy');
    expect(put?.params['UserName']).toBe('christophe');
    expect(put?.params['PolicyName']).toBe('AWSRevokeOlderSessions');
    expect(JSON.parse(put!.params['PolicyDocument']!) as unknown).toMatchObject({
      Statement: [
        {
          Effect: 'Deny',
          Condition: { DateLessThan: { 'aws:TokenIssueTime': expect.any(String) as unknown } },
        },
      ],
    });
    current = r.status;
    expect(current.step.id).toBe('watch');
    expect(current.timerDue).not.toBeNull();
  });

  it('holds the timer until it is due, or skips it with a reason', async () => {
    await expect(step({ kind: 'timer' })).rejects.toThrow(/is due at .* \(in 30 min\)/);
    await expect(step({ kind: 'skip', reason: '' })).rejects.toThrow(/reason/);
    current = (
      await step({ kind: 'skip', reason: 'the capture is historic: nothing left to watch' })
    ).status;
    expect(current.step.id).toBe('enumeration');
  });

  it('suggests active compromise from the writes, and goes on to remove persistence', async () => {
    current = (await step({ kind: 'evidence' })).status;
    expect(current.step.id).toBe('compromise');
    expect(current.suggestion?.choice).toBe('active-compromise');
    expect(current.suggestion?.evidence.map((e) => e.analysis).sort()).toEqual([
      'enumeration',
      'keyActivity',
    ]);
    current = (
      await step({
        kind: 'decide',
        choice: 'active-compromise',
        rationale: 'the key created an admin user and its key',
      })
    ).status;
    expect(current.step.id).toBe('removePersistence');
    current = (await step({ kind: 'complete', checked: [0, 1, 2] })).status;
  });

  it('sets the case awareness time from the personal-data step', async () => {
    expect(current.step.id).toBe('personalData');
    await expect(step({ kind: 'input', values: {} })).rejects.toThrow(
      /personalData: .* is required/,
    );
    await expect(step({ kind: 'input', values: { personalData: 'yes' } })).rejects.toThrow(
      /personalData: .*yes or no/,
    );
    current = (
      await step({ kind: 'input', values: { personalData: true, awareAt: '2026-03-28T08:30:00Z' } })
    ).status;
    const info = await callOp('case.info', { path }, ctx);
    expect(info.awareness?.at).toBe('2026-03-28T08:30:00.000Z');
    expect(info.awareness?.reason).toContain('Leaked access key');
  });

  it('finishes, keeps every transition with its actor, and leaves the case verifiable', async () => {
    for (let i = 0; i < 3; i++) {
      const c = current.step.content;
      current = (
        await step({
          kind: 'complete',
          checked: c.kind === 'instruction' ? c.checklist.map((_, n) => n) : [],
        })
      ).status;
    }
    expect(current.status).toBe('done');
    expect(current.step.id).toBe('closed');
    expect(current.steps.filter((s) => s.state === 'skipped').map((s) => s.id)).toEqual(['watch']);
    expect(current.steps.every((s) => s.state !== 'pending' || s.id === 'closed')).toBe(true);
    const events = current.history.map((h) => h.event);
    expect(events.filter((e) => e === 'ACTION')).toHaveLength(3);
    expect(current.history.every((h) => h.actor === 'alice')).toBe(true);
    await expect(step({ kind: 'skip', reason: 'too late' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const verify = await callOp('case.verify', { path }, ctx);
    expect(verify.ok).toBe(true);
    const runs = await callOp('runbook.runs', { path }, ctx);
    expect(runs.runs).toEqual([expect.objectContaining({ runId, status: 'done', step: 'closed' })]);
  });
});

describe('a run in a copied case file', () => {
  it('resumes on another machine at the same step, with its findings', async () => {
    const c1 = testContext({ actor: 'bob' });
    const p1 = (await newCase(c1)).path;
    await ingest(c1, {
      path: p1,
      sources: [join(DATA, 'aws.persistence.iam-create-admin-user.json')],
    });
    const s = await callOp(
      'runbook.start',
      { path: p1, runbook: 'leaked-access-key', facts: { accessKeyId: LEAKED } },
      c1,
    );
    await callOp(
      'runbook.step',
      { path: p1, runId: s.runId, step: 'intake', request: { kind: 'input', values: {} } },
      c1,
    );
    await callOp(
      'runbook.step',
      {
        path: p1,
        runId: s.runId,
        step: 'verifyOwnership',
        request: { kind: 'skip', reason: 'known key' },
      },
      c1,
    );
    await callOp(
      'runbook.step',
      {
        path: p1,
        runId: s.runId,
        step: 'deactivate',
        request: { kind: 'act', mode: 'confirm-manual', note: 'done in the console by bob' },
      },
      c1,
    );
    await callOp(
      'runbook.step',
      { path: p1, runId: s.runId, step: 'keyActivity', request: { kind: 'evidence' } },
      c1,
    );
    c1.cases.close(p1);
    const p2 = join(freshDir(), 'copied.cairn');
    copyFileSync(p1, p2);
    const c2 = testContext({ actor: 'carol' });
    const there = await callOp('runbook.status', { path: p2, runId: s.runId }, c2);
    expect(there.step.id).toBe('sessions');
    expect(there.suggestion?.choice).toBe('none');
    expect(there.history.map((h) => h.actor)).toEqual(['bob', 'bob', 'bob', 'bob', 'bob']);
    const next = await callOp(
      'runbook.step',
      {
        path: p2,
        runId: s.runId,
        step: 'sessions',
        request: { kind: 'decide', choice: 'none', rationale: 'no sessions' },
      },
      c2,
    );
    expect(next.status.step.id).toBe('watch');
    expect(next.status.history.at(-1)?.actor).toBe('carol');
  });
});
