// The runbook tab in the browser, on the Stratus "create admin user" capture: start the leaked-key
// runbook, give the exposure time, work the checklist, see the exact containment call and record a
// dry run and a manual confirmation, gather evidence, and decide with Cairn's suggestion.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callOp } from '../../src/api';
import { newCase, testContext } from '../helpers/case';
import { ingest } from '../helpers/ingest';
import { openSession, screenshot, type Session } from './browser';

const CAPTURE = join(
  import.meta.dirname,
  '../fixtures/data/stratus-red-team/detonation-logs/aws.persistence.iam-create-admin-user.json',
);
const KEY = 'AKIAOZUDECYXYM4ONAN4';

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('runbooks in the browser', () => {
  it(
    'works the leaked-key runbook from the start to the compromise decision',
    { timeout: 90_000 },
    async () => {
      const ctx = testContext();
      const path = (await newCase(ctx, { title: 'Leaked key from GitHub' })).path;
      await ingest(ctx, { path, sources: [CAPTURE] });
      ctx.cases.close(path);

      session = await openSession({ actor: 'alice' });
      const { page } = session;
      await page.locator('input[name=openPath]').fill(path);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await page
        .getByTestId('case-head')
        .getByRole('heading', { name: 'Leaked key from GitHub' })
        .waitFor();
      await page.keyboard.press('Alt+2');

      const start = page.getByTestId('runbook-start');
      await start.getByText('Leaked access key', { exact: true }).click();
      await start.getByTestId('field-accessKeyId').fill(KEY);
      await screenshot(page, '20-runbook-start');
      await start.getByTestId('runbook-start-submit').click();

      const card = page.getByTestId('step-card');
      const title = page.getByTestId('step-title');
      await expect(title.innerText()).resolves.toBe('What leaked, and since when');
      await expect(card.getByTestId('field-accessKeyId').inputValue()).resolves.toBe(KEY);
      await card.getByTestId('field-exposedAt').fill('2024-08-01T13:00:00Z');
      await card.getByTestId('step-input').click();

      await title.getByText('Confirm the key is yours').waitFor();
      // The run is listed in full words, and marked as the one shown.
      const current = page.getByTestId('run-list').locator('[aria-current="true"]');
      await expect(current.innerText()).resolves.toMatch(
        /^#\d+ .*Leaked access key[^]*Confirm the key is yours/,
      );
      await expect(card.innerText()).resolves.toContain(
        `aws sts get-access-key-info --access-key-id ${KEY}`,
      );
      await expect(card.getByTestId('step-complete').isDisabled()).resolves.toBe(true);
      await card.getByTestId('check-0').check();
      await card.getByTestId('check-1').check();
      await card.getByTestId('step-complete').click();

      await title.getByText('Deactivate the key now').waitFor();
      await card.getByTestId('plan').waitFor();
      await expect(card.getByTestId('plan-call').first().innerText()).resolves.toContain(
        'iam:UpdateAccessKey',
      );
      await expect(card.getByTestId('manual-command').innerText()).resolves.toContain(
        `--access-key-id ${KEY} --status Inactive`,
      );
      await expect(card.getByTestId('act-execute').isDisabled()).resolves.toBe(true);
      await card.getByTestId('act-dry-run').click();
      await card.getByTestId('outcome').getByText('Dry run: nothing was sent to AWS.').waitFor();
      await expect(card.getByTestId('outcome').innerText()).resolves.not.toContain('dry-run:');
      await expect(card.getByTestId('last-attempt').innerText()).resolves.toContain('dry-run');
      await screenshot(page, '21-runbook-action');
      await card.getByTestId('act-manual-open').click();
      await card.getByTestId('manual-note').fill('alice ran it in the console');
      await card.getByTestId('act-manual').click();

      await title.getByText('Everything the key did, and what it created').waitFor();
      await card.getByTestId('step-evidence').click();
      await title.getByText('Revoke the sessions the key created?').waitFor();
      await expect(card.getByTestId('suggestion').innerText()).resolves.toMatch(
        /Cairn suggests: No sessions to revoke/,
      );
      await expect(card.getByTestId('option-none').isChecked()).resolves.toBe(true);
      await expect(card.getByTestId('step-decide').isDisabled()).resolves.toBe(true);
      await card
        .getByTestId('rationale')
        .fill('only a long-term key was created; it is handled on its own');
      await card.getByTestId('step-decide').click();

      await title.getByText('Watch for the key for 30 minutes').waitFor();
      await expect(card.getByTestId('timer-left').innerText()).resolves.toMatch(
        /^in (29|30):\d\d$/,
      );
      await expect(card.getByTestId('step-timer').isDisabled()).resolves.toBe(true);
      await card.getByTestId('step-skip-open').click();
      await card.getByTestId('skip-reason').fill('historic capture: nothing left to watch');
      await card.getByTestId('step-skip').click();

      await title.getByText('Recon, then writes?').waitFor();
      await card.getByTestId('step-evidence').click();
      await title.getByText('How far did it go?').waitFor();
      await expect(card.getByTestId('suggestion').innerText()).resolves.toMatch(
        /Active compromise[\s\S]*successful write/,
      );
      await screenshot(page, '22-runbook-decision');

      const states = async (id: string) =>
        page.getByTestId(`run-step-${id}`).getAttribute('data-state');
      await expect(states('deactivate')).resolves.toBe('done');
      await expect(states('watch')).resolves.toBe('skipped');
      await expect(states('compromise')).resolves.toBe('current');
      await expect(states('closed')).resolves.toBe('pending');

      // What the UI did is in the case: the run's history and the audited timeline.
      const check = testContext();
      const runs = await callOp('runbook.runs', { path }, check);
      const status = await callOp('runbook.status', { path, runId: runs.runs[0]!.runId }, check);
      expect(status.history.map((h) => h.event)).toEqual([
        'START',
        'INPUT',
        'COMPLETE',
        'ACTION',
        'ACTION',
        'EVIDENCE',
        'DECIDE',
        'SKIP',
        'EVIDENCE',
      ]);
      expect(status.history.slice(1).every((h) => h.actor === 'alice')).toBe(true);
      expect((await callOp('case.verify', { path }, check)).ok).toBe(true);
      check.cases.closeAll();
    },
  );
});
