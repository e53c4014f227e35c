// The deadlines screen in a browser: answer the questions, set the awareness time, watch the
// GDPR clock count down, get a reminder banner when a reminder point passes, mark the notice.
// The web host runs on the real clock, so the awareness time is set relative to now and the
// expected due time is worked out from it in the comments.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeadlineList } from '../../src/shared/deadlines';
import type { VerifyReport } from '../../src/shared/domain';
import { cliJson } from '../helpers/cli';
import { openSession, screenshot, type Session } from './browser';

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

const HOUR = 3_600_000;

describe('the deadlines screen', () => {
  it('tracks a clock from the questions to the notice, with a live countdown and reminders', async () => {
    session = await openSession({ actor: 'e2e-responder' });
    const { page, caseDir } = session;

    const form = page.getByTestId('new-case-form');
    await form.locator('input[name=title]').fill('Leaked key with EU customers');
    await form.locator('select[name=timezone]').selectOption('Europe/Berlin');
    await form.getByRole('button', { name: 'Create case' }).click();
    await page
      .getByTestId('case-head')
      .getByRole('heading', { name: 'Leaked key with EU customers' })
      .waitFor();
    const path = join(caseDir, 'leaked-key-with-eu-customers.cairn');

    // Alt+6 opens the Deadlines tab; with no awareness time the form for it comes first.
    await page.keyboard.press('Alt+6');
    const panel = page.getByTestId('deadlines-panel');
    await panel.getByText('Research, not legal advice: confirm with counsel.').first().waitFor();
    await panel.getByText('Not set. Most clocks run from it').waitFor();

    // Answer what GDPR Art. 33 needs: EU nexus, whose data, what data, the harm assessment.
    const questions = page.getByTestId('questions-form');
    await questions.getByRole('button', { name: /^Show all \d+ questions$/ }).click();
    await questions
      .locator('select[name="q-flags.euEstablishmentOrDataSubjects"]')
      .selectOption('yes');
    await questions.locator('select[name="q-dataRole"]').selectOption('owner');
    await questions.locator('select[name="q-riskOfHarm"]').selectOption('likely');
    await questions.getByRole('checkbox', { name: 'online credentials' }).check();
    await screenshot(page, '05-deadlines-questions');
    await questions.getByRole('button', { name: 'Save answers' }).click();
    await questions.locator('select[name="q-dataRole"]').waitFor({ state: 'detached' });
    // The categories were saved too: their question is answered and gone.
    await questions
      .getByRole('checkbox', { name: 'online credentials' })
      .waitFor({ state: 'detached' });

    // Aware 71 h ago less 20 s: GDPR's 72 h then end 1 h 20 s from now. Its 80 % reminder
    // (57.6 h in) has passed; the "1 hour before due" one passes 20 s from now.
    const awareMs = Math.floor((Date.now() - 71 * HOUR + 20_000) / 1000) * 1000;
    const awareIso = new Date(awareMs).toISOString().replace('.000Z', 'Z');
    const dueMs = awareMs + 72 * HOUR;
    const aware = page.getByTestId('awareness-form');
    await aware.locator('input[name=awareAt]').fill(awareIso);
    await aware.locator('input[name=awareReason]').fill('GuardDuty finding on the leaked key');
    await aware.getByRole('button', { name: 'Set awareness' }).click();

    const clock = page.getByTestId('clock-eu-gdpr-art33');
    const dueUtc = `${new Date(dueMs).toISOString().slice(0, 10)} ${new Date(dueMs).toISOString().slice(11, 19)} UTC`;
    // The card is there before the awareness time lands ("not started"): wait for its due time.
    await clock.filter({ hasText: dueUtc }).waitFor();
    const text = await clock.innerText();
    expect(text).toContain('GDPR Art. 33(1), (4) notice to Competent (lead) supervisory authority');
    expect(text).toContain('as of 2018-05-25 (unchanged); confidence high');
    expect(text).toMatch(/Due soon/i);

    // The countdown is live: it reads about 1 h left and changes by itself.
    const countdown = clock.getByTestId('countdown');
    const first = await countdown.innerText();
    expect(first).toMatch(/^01:00:\d\d left$/);
    await page.waitForFunction(
      ([sel, before]) => document.querySelector(sel)?.textContent !== before,
      ['[data-testid="clock-eu-gdpr-art33"] [data-testid="countdown"]', first] as const,
    );

    // The 80 % reminder is due now; dismissing it hides it until the next point passes.
    const banner = page.getByTestId('reminder-banner');
    await expect(banner.innerText()).resolves.toContain(
      'REMINDER: GDPR Art. 33(1), (4) notice to Competent (lead) supervisory authority is due in 1 h 00 min',
    );
    // The explanation names the rule and ends by sending the reader to counsel.
    await clock.getByText('Why this deadline (explanation, caveats)').click();
    await expect(clock.innerText()).resolves.toContain('per GDPR Art. 33(1), (4)');
    await screenshot(page, '06-deadlines-clocks');
    await banner.getByRole('button', { name: /^Dismiss/ }).click();
    await banner.waitFor({ state: 'detached' });
    await banner.getByText(/is due in 59 min/).waitFor({ timeout: 40_000 });

    // Record the notice: now, with its evidence. It is on time, so it moves to the done list.
    await clock.getByRole('button', { name: 'Mark notified…' }).click();
    const mark = clock.getByTestId('mark-form');
    await mark.locator('input[name=evidence]').fill('DPC portal reference 2026-4411');
    await mark.getByRole('button', { name: 'Record notice' }).click();
    const done = page.getByTestId('done-list');
    await done.getByText('DPC portal reference 2026-4411', { exact: false }).waitFor();
    await expect(done.innerText()).resolves.toMatch(/Notified/i);
    await clock.waitFor({ state: 'detached' });
    await expect(page.getByTestId('reminder-banner').count()).resolves.toBe(0);
    await screenshot(page, '07-deadlines-notified');

    // The other theme than the one the page started in (the browser's preference decides that).
    await page.getByTestId('theme-toggle').click();
    const theme = await page.evaluate(() => document.documentElement.dataset['theme']);
    expect(['dark', 'light']).toContain(theme);
    await screenshot(page, `08-deadlines-${theme}`);

    // The browser wrote the same file the CLI reads: met, audited, intact.
    const list = await cliJson<DeadlineList>(['deadlines', path]);
    const gdpr = list.obligations.find((o) => o.rule.id === 'eu-gdpr-art33');
    expect(gdpr).toMatchObject({
      status: 'met',
      notice: {
        evidence: 'DPC portal reference 2026-4411',
        onTime: true,
        recordedBy: 'e2e-responder',
      },
      clock: { due: { ms: dueMs } },
    });
    const report = await cliJson<VerifyReport>(['verify', path]);
    // case.create, facts, awareness, notice.
    expect(report).toMatchObject({ ok: true, auditEntries: 4, timelineEntries: 3 });
  });
});
