import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliJson } from '../helpers/cli';
import { openSession, screenshot, type Session } from './browser';
import type { VerifyReport } from '../../src/shared/domain';

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('the workbench in a browser', () => {
  it('creates a case, adds a note to its timeline and shows it intact', async () => {
    session = await openSession();
    const { page, caseDir } = session;
    await expect(page.getByRole('heading', { name: 'Recent cases' }).isVisible()).resolves.toBe(
      true,
    );
    await page.getByText('No cases yet on this machine').waitFor();
    await screenshot(page, '01-home');

    const form = page.getByTestId('new-case-form');
    await form.locator('input[name=title]').fill('Public bucket acme-exports');
    await form.locator('select[name=timezone]').selectOption('Europe/Berlin');
    await form.locator('input[name=awareAt]').fill('2026-03-27T23:30:00Z');
    await form.getByRole('button', { name: 'Create case' }).click();

    const head = page.getByTestId('case-head');
    await head.getByRole('heading', { name: 'Public bucket acme-exports' }).waitFor();
    await expect(head.innerText()).resolves.toContain('2026-03-28 00:30:00 +01:00');
    const path = join(caseDir, 'public-bucket-acme-exports.cairn');
    expect(existsSync(path)).toBe(true);
    await screenshot(page, '02-case-overview');

    await page.getByTestId('tab-timeline').click();
    const note = page.getByTestId('note-form');
    await note.locator('input[name=note]').fill('Researcher emailed security@ about the bucket');
    await note.locator('input[name=at]').fill('2026-03-27T22:00:00Z');
    await note.getByRole('button', { name: 'Add note' }).click();
    const table = page.getByTestId('timeline-table');
    await table.getByText('Researcher emailed security@ about the bucket').waitFor();
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('2026-03-27 22:00:00 UTC');
    expect(rows[0]).toContain('e2e-responder');
    await screenshot(page, '03-timeline');

    await page.keyboard.press('Alt+7');
    await page.getByTestId('integrity').getByText('Intact.').waitFor();
    await screenshot(page, '04-integrity');

    // The browser wrote the same file the CLI reads.
    const report = await cliJson<VerifyReport>(['verify', path]);
    expect(report).toMatchObject({ ok: true, auditEntries: 2, timelineEntries: 2 });

    await page.getByTestId('home').click();
    await page.getByTestId('recent-cases').getByText('Public bucket acme-exports').waitFor();
  });

  it('shows why an action failed without leaving the screen', async () => {
    session = await openSession();
    const { page, caseDir } = session;
    await page.locator('input[name=openPath]').fill(join(caseDir, 'nope.cairn'));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByTestId('error').first().innerText()).resolves.toContain(
      'no such case file',
    );
  });

  it('refuses API calls without the launch token', async () => {
    session = await openSession();
    const res = await fetch(`${session.host.url}api/op/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });
});
