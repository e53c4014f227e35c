// What a case file promises about its runbook runs: an edited decision in the saved run state is
// found by `verify`, and a run keeps the runbook version it started with.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import { newCase, testContext } from '../../helpers/case';

const sqlite3 = (path: string, sql: string): string =>
  execFileSync('sqlite3', [path, sql], { encoding: 'utf8' });

async function runToDecision() {
  const ctx = testContext();
  const path = (await newCase(ctx)).path;
  const s = await callOp(
    'runbook.start',
    { path, runbook: 'suspicious-enumeration', facts: {} },
    ctx,
  );
  const go = (step: string, request: Record<string, unknown>) =>
    callOp('runbook.step', { path, runId: s.runId, step, request: request as never }, ctx);
  await go('intake', { kind: 'input', values: { trigger: 'GuardDuty' } });
  await go('profile', { kind: 'complete', checked: [0, 1] });
  await go('sessions', { kind: 'skip', reason: 'no logs yet' });
  await go('classify', { kind: 'decide', choice: 'benign', rationale: 'our CSPM scanner' });
  ctx.cases.close(path);
  return { ctx, path, runId: s.runId };
}

describe('runbook runs in the case file', () => {
  it('verify finds a decision changed in the saved run state, and a changed transition row', async () => {
    const { ctx, path } = await runToDecision();
    expect((await callOp('case.verify', { path }, ctx)).ok).toBe(true);
    sqlite3(
      path,
      `UPDATE runbook_runs SET snapshot = replace(snapshot, '"classify":"benign"', '"classify":"recon-only"')`,
    );
    expect(sqlite3(path, 'SELECT snapshot FROM runbook_runs')).toContain('"classify":"recon-only"');
    const tampered = await callOp('case.verify', { path }, ctx);
    expect(tampered.ok).toBe(false);
    expect(tampered.problems).toEqual([
      expect.objectContaining({ kind: 'runbook', ref: 'runbook_run#1' }),
    ]);
    ctx.cases.close(path);
    sqlite3(
      path,
      `DROP TRIGGER runbook_transitions_no_update; UPDATE runbook_transitions SET rationale = 'someone else' WHERE rationale = 'our CSPM scanner'`,
    );
    const worse = await callOp('case.verify', { path }, ctx);
    expect(worse.problems.map((p) => p.ref)).toEqual(
      expect.arrayContaining(['runbook_run#1', 'runbook_transitions_no_update']),
    );
    expect(worse.problems.find((p) => p.ref.startsWith('runbook_transition#'))?.message).toMatch(
      /profile|classify/,
    );
  });

  it('keeps the version a run started with, and says so when this Cairn does not have it', async () => {
    const { ctx, path, runId } = await runToDecision();
    sqlite3(path, `UPDATE runbook_runs SET runbook_version = '0.9.0' WHERE id = ${runId}`);
    const err = await callOp('runbook.status', { path, runId }, ctx).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err?.code).toBe('NEWER_VERSION');
    expect(err?.message).toMatch(
      /uses runbook suspicious-enumeration 0\.9\.0, which this Cairn does not have \(it has 1\.0\.0\)/,
    );
  });
});
