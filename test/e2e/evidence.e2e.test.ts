import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSession, screenshot, type Session } from './browser';

const DATA = join(import.meta.dirname, '../fixtures/data');

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('evidence in the browser', () => {
  it(
    'ingests real logs with progress, lists the sources, and browses and filters the events',
    { timeout: 90_000 },
    async () => {
      session = await openSession();
      const { page } = session;
      const form = page.getByTestId('new-case-form');
      await form.locator('input[name=title]').fill('Leaked key');
      await form.getByRole('button', { name: 'Create case' }).click();
      await page.getByTestId('tab-evidence').click();

      const ingest = page.getByTestId('ingest-form');
      await ingest
        .locator('textarea[name=sources]')
        .fill(
          `${join(DATA, 'stratus-red-team')}\n${join(DATA, 's3-access')}\n${join(DATA, 'otrf-security-datasets')}`,
        );
      await ingest.getByRole('button', { name: 'Ingest' }).click();
      await page.getByTestId('job-progress').waitFor();
      const report = page.getByTestId('ingest-report');
      await report.waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
        await screenshot(page, 'debug-ingest');
        throw e;
      });
      await expect(report.innerText()).resolves.toContain('310 new');
      await expect(report.innerText()).resolves.toContain(
        'neither CloudTrail JSON nor S3 server access log lines',
      );
      await page.getByTestId('source').nth(2).waitFor();

      // 310 Stratus + 103 OTRF CloudTrail events; then CreateUser, AttachUserPolicy and two CreateAccessKey calls.
      await expect(page.getByTestId('events-count').innerText()).resolves.toBe('413 events');
      await screenshot(page, '10-evidence');

      const filters = page.getByTestId('events-filters');
      await filters
        .locator('input[name=eventName]')
        .fill('CreateUser, AttachUserPolicy, CreateAccessKey');
      await filters.getByRole('button', { name: 'Filter' }).click();
      await page
        .getByText('4 events', { exact: true })
        .waitFor({ timeout: 10_000 })
        .catch(async (e: unknown) => {
          await screenshot(page, 'debug-filter');
          throw e;
        });
      const rows = await page.getByTestId('event-row').allInnerTexts();
      expect(rows.join('\n')).toContain('AttachUserPolicy');

      await page.getByTestId('events-table').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const detail = page.getByTestId('event-detail');
      await detail.waitFor({ timeout: 10_000 }).catch(async (e: unknown) => {
        await screenshot(page, 'debug-detail');
        throw e;
      });
      await expect(page.getByTestId('event-raw').innerText()).resolves.toContain(
        '"eventSource": "iam.amazonaws.com"',
      );
      await screenshot(page, '11-event-detail');
      await page.keyboard.press('Escape');
    },
  );
});
