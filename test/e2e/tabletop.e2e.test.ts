// A tabletop exercise played end to end in the browser host by two people on one web host: the
// facilitator creates a leaked-key exercise, starts the clock and advances it; the participant
// links a fresh case to it, sees the first inject, ingests the released logs, works the
// leaked-key runbook as far as containment and sets the awareness time; the facilitator ends the
// exercise and scores the participant's case.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callOp } from '../../src/api';
import { testContext } from '../helpers/case';
import { openSession, screenshot, type Session } from './browser';

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('a tabletop exercise in the browser', () => {
  it('is played by a facilitator and a participant and ends with a score', async () => {
    session = await openSession({ actor: 'e2e-team' });
    const { page: facilitator, browser, host, caseDir } = session;
    const exerciseDir = join(caseDir, 'drill');

    // Facilitator: from the home screen to a new leaked-key exercise at a minute a second.
    await facilitator.getByTestId('open-tabletop').click();
    const create = facilitator.getByTestId('exercise-create-form');
    await create.locator('select[name=scenario]').selectOption('leaked-key');
    await create.locator('input[name=seed]').fill('7');
    await create.locator('input[name=events]').fill('1500');
    await create.locator('select[name=speed]').selectOption('60');
    await create.locator('input[name=dir]').fill(exerciseDir);
    await screenshot(facilitator, 'tabletop-00-create');
    await facilitator.getByTestId('exercise-create').click();
    const state = facilitator.getByTestId('exercise-state');
    await state.getByText('not started').waitFor({ timeout: 30_000 });
    const exercise = JSON.parse(readFileSync(join(exerciseDir, 'exercise.json'), 'utf8')) as {
      simStart: string;
      injects: { id: string; title: string }[];
    };
    const firstInject = exercise.injects[0]!;
    expect(firstInject.id).toBe('github-secret-scanning');
    await facilitator.getByTestId('ex-start').click();
    await state.getByText('running ×60').waitFor();
    await expect(facilitator.getByTestId('released-count').innerText()).resolves.toMatch(
      /^\d+ of \d+ log files released/,
    );

    // Participant: a second page on the same host, a fresh case linked to the exercise.
    const participant = await browser.newPage();
    const errors: string[] = [];
    participant.on('pageerror', (e) => errors.push(e.message));
    await participant.goto(host.launchUrl);
    const form = participant.getByTestId('new-case-form');
    await form.locator('input[name=title]').fill('Team blue drill');
    await form.getByRole('button', { name: 'Create case' }).click();
    await participant
      .getByTestId('case-head')
      .getByRole('heading', { name: 'Team blue drill' })
      .waitFor();
    const casePath = join(caseDir, 'team-blue-drill.cairn');
    await participant.getByTestId('exercise-join').locator('summary').click();
    await participant.locator('input[name=exerciseDir]').fill(exerciseDir);
    await participant.getByTestId('exercise-link').click();
    const banner = participant.getByTestId('exercise-banner');
    await banner.getByText('No injects yet').waitFor();

    // Facilitator advances 15 minutes: the first inject (10 minutes in) goes out.
    await facilitator.getByTestId('ex-advance').click();
    await facilitator
      .getByTestId(`inject-row-${firstInject.id}`)
      .and(facilitator.locator('[data-status=released]'))
      .waitFor();
    await screenshot(facilitator, 'tabletop-01-facilitator-running');

    // The participant sees it at the next poll, and the leaked key it names.
    const inject = banner.getByTestId('exercise-inject').first();
    await inject.getByText(firstInject.title).waitFor();
    const key = /AKIA[A-Z0-9]{16}/.exec(await inject.innerText())?.[0];
    expect(key).toBeDefined();
    await banner.getByTestId('ingest-released').click();
    await banner.getByTestId('released-ingest-report').waitFor({ timeout: 30_000 });
    await expect(banner.getByTestId('released-ingest-report').innerText()).resolves.toMatch(
      /^[1-9]\d* new records/,
    );
    await screenshot(participant, 'tabletop-02-participant-inject');

    // The leaked-key runbook, as far as containment (recorded as done by hand).
    await participant.keyboard.press('Alt+2');
    const start = participant.getByTestId('runbook-start');
    await start.getByText('Leaked access key', { exact: true }).click();
    await start.getByTestId('field-accessKeyId').fill(key!);
    await start.getByTestId('runbook-start-submit').click();
    const card = participant.getByTestId('step-card');
    const title = participant.getByTestId('step-title');
    await title.getByText('What leaked, and since when').waitFor();
    await card.getByTestId('field-exposedAt').fill(exercise.simStart.replace('.000Z', 'Z'));
    await card.getByTestId('step-input').click();
    await title.getByText('Confirm the key is yours').waitFor();
    await card.getByTestId('check-0').check();
    await card.getByTestId('check-1').check();
    await card.getByTestId('step-complete').click();
    await title.getByText('Deactivate the key now').waitFor();
    await card.getByTestId('act-manual-open').click();
    await card.getByTestId('manual-note').fill('deactivated in the console during the drill');
    await card.getByTestId('act-manual').click();
    await title.getByText('Everything the key did, and what it created').waitFor();

    // Awareness: when the GitHub alert arrived, in simulated time.
    const alertAt = await facilitator
      .getByTestId(`inject-row-${firstInject.id}`)
      .locator('td')
      .first()
      .innerText();
    const awareIso = `${alertAt.replace(' UTC', '').replace(' ', 'T')}Z`;
    await participant.keyboard.press('Alt+6');
    const aware = participant.getByTestId('awareness-form');
    await aware.locator('input[name=awareAt]').fill(awareIso);
    await aware.locator('input[name=awareReason]').fill('GitHub secret scanning alert');
    await aware.getByRole('button', { name: 'Set awareness' }).click();
    await aware.getByText('GitHub secret scanning alert').waitFor();
    // The clocks run on the incident's simulated time, not on today's.
    const simNote = participant.getByTestId('deadlines-simulated');
    await simNote.waitFor();
    const shown = /(\d{4}-\d\d-\d\d) (\d\d:\d\d)/.exec(await simNote.locator('.utc').innerText());
    const simNowMs = Date.parse(`${shown?.[1]}T${shown?.[2]}:00Z`);
    expect(simNowMs).toBeGreaterThanOrEqual(Date.parse(awareIso) - 60_000);
    expect(simNowMs - Date.parse(exercise.simStart)).toBeLessThan(48 * 3600_000);

    // Facilitator ends the exercise and scores the participant's case.
    await facilitator.getByTestId('ex-end').click();
    await facilitator.getByTestId('ex-end-confirm').click();
    await state.getByText('ended').waitFor();
    const score = facilitator.getByTestId('exercise-score');
    await score.locator('input[name=scoreCase]').fill(casePath);
    await score.getByTestId('score-run').click();
    await score.getByTestId('score-overall').waitFor({ timeout: 20_000 });
    expect(
      Number(await score.getByTestId('score-overall').getAttribute('data-score')),
    ).toBeGreaterThan(0);
    // The manual deactivation is placed on the incident's clock: minutes, not wall seconds.
    await expect(score.getByTestId('score-metric-containment').innerText()).resolves.toMatch(
      /^Time to containment\t\d+\/100\t[\s\S]*Contained \d+ min after the first malicious use[\s\S]*manual-confirmed/,
    );
    await score.getByTestId('report-run').click();
    await score.getByTestId('report-done').waitFor({ timeout: 30_000 });
    const reportPath = join(exerciseDir, 'after-action-team-blue-drill.pdf');
    expect(readFileSync(reportPath).subarray(0, 5).toString()).toBe('%PDF-');
    await expect(score.getByTestId('report-done').innerText()).resolves.toContain(reportPath);
    // Full-page shots from the top, so sticky table headers sit where they belong.
    await facilitator.evaluate(() => window.scrollTo(0, 0));
    await screenshot(facilitator, 'tabletop-03-facilitator-scored');
    await banner.getByTestId('exercise-state').getByText('ended').waitFor();
    await screenshot(participant, 'tabletop-04-participant-ended');

    // What the two pages did is in the files: the facilitator's log and the participant's case.
    const log = readFileSync(join(exerciseDir, 'exercise-log.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { action: string; actor: string }).action);
    expect(log).toEqual(['start', 'advance', 'end']);
    const check = testContext();
    const runs = await callOp('runbook.runs', { path: casePath }, check);
    expect(runs.runs).toHaveLength(1);
    const info = await callOp('case.info', { path: casePath }, check);
    expect(info.awareness?.at).toBe(new Date(awareIso).toISOString());
    check.cases.closeAll();
    expect(errors).toEqual([]);
  }, 90_000);
});
