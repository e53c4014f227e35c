// A million CloudTrail records ingested from the Evidence tab, and the page stays usable while it
// runs: the progress bar moves, a shortcut and a tab switch answer, the palette opens, and the
// events table shows rows the ingest has already written. Afterwards the table filters and
// scrolls to the end of a long answer. The worst main-thread stall seen is printed, not asserted:
// on a loaded two-core machine any bound tight enough to mean something would be flaky.
//
// The records come from the tabletop generator (enumeration scenario, fixed seed), cached under
// the system's temp folder by seed and size: generating them takes most of a minute.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/tabletop/generate';
import { openSession, screenshot, type Session } from './browser';

const SCENARIO = 'enumeration';
const SEED = 4242;
const RECORDS = 1_000_000;
const DRILL = join(tmpdir(), `cairn-e2e-million-${SCENARIO}-${SEED}-${RECORDS}`);

interface Truth {
  window: { start: string; end: string };
  attacker: { ips: { ip: string }[]; eventIds: string[] };
  counts: { cloudTrailRecords: number };
}

/** The generated folder, made once per seed and size; a half-written one is never reused. */
async function drill(): Promise<string> {
  if (existsSync(join(DRILL, 'complete.json'))) return DRILL;
  const partial = `${DRILL}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const summary = await generate({ scenario: SCENARIO, seed: SEED, out: partial, events: RECORDS });
  writeFileSync(join(partial, 'complete.json'), JSON.stringify(summary));
  rmSync(DRILL, { recursive: true, force: true });
  renameSync(partial, DRILL);
  return DRILL;
}

let truth: Truth;
beforeAll(async () => {
  await drill();
  truth = JSON.parse(readFileSync(join(DRILL, 'truth.json'), 'utf8')) as Truth;
}, 180_000);

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Records every gap between animation frames and every long task, from now on. */
function probeStalls(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __stalls: { worst: number; frames: number; longTasks: number[] };
    };
    w.__stalls = { worst: 0, frames: 0, longTasks: [] };
    let last = performance.now();
    const frame = (t: number): void => {
      w.__stalls.worst = Math.max(w.__stalls.worst, t - last);
      w.__stalls.frames++;
      last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__stalls.longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
    } catch {
      // No long-task timing in this browser: the frame gaps still say it.
    }
  });
}

function stalls(page: Page): Promise<{ worst: number; frames: number; longTasks: number[] }> {
  return page.evaluate(
    () =>
      (window as unknown as { __stalls: { worst: number; frames: number; longTasks: number[] } })
        .__stalls,
  );
}

const progressValue = (page: Page): Promise<number> =>
  page
    .getByRole('progressbar')
    .getAttribute('aria-valuenow')
    .then((v) => Number(v ?? -1));

/** Milliseconds from pressing `key` until `testId` is on screen. */
async function answer(page: Page, key: string, testId: string): Promise<number> {
  const t = Date.now();
  await page.keyboard.press(key);
  await page.getByTestId(testId).first().waitFor({ timeout: 30_000 });
  return Date.now() - t;
}

/** Scrolls the events table to its end and reads the last of `n` rows once it has loaded. */
async function lastRow(page: Page, n: number): Promise<{ name: string; time: string }> {
  await page.getByTestId('events-table').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const row = page.locator(`[data-testid=event-row][data-index="${n - 1}"]`);
  await row.locator('.c-name').getByText(/\w/).waitFor({ timeout: 30_000 });
  const time = (await row.locator('.c-time').innerText()).replace(' ', 'T');
  return { name: await row.locator('.c-name').innerText(), time };
}

/** The table's count once it has one (it says "counting…" while the first page loads). */
const eventsShown = async (page: Page): Promise<number> => {
  const count = page.getByTestId('events-count');
  await count.getByText(/^[\d,]+ events?$/).waitFor();
  return Number((await count.innerText()).replace(/\D/g, ''));
};

describe('a million records from the UI', () => {
  it(
    'keeps the page answering while it ingests, then filters and scrolls the result',
    { timeout: 300_000 },
    async () => {
      session = await openSession();
      const { page } = session;
      const form = page.getByTestId('new-case-form');
      await form.locator('input[name=title]').fill('A million records');
      await form.getByRole('button', { name: 'Create case' }).click();
      await page
        .getByTestId('case-head')
        .getByRole('heading', { name: 'A million records' })
        .waitFor();
      await page.keyboard.press('Alt+3');
      await expect(eventsShown(page)).resolves.toBe(0);
      await probeStalls(page);

      const started = Date.now();
      const ingest = page.getByTestId('ingest-form');
      await ingest.locator('textarea[name=sources]').fill(join(DRILL, 'logs'));
      await ingest.getByRole('button', { name: 'Ingest' }).click();
      await page.getByRole('progressbar').waitFor();

      // The bar moves: three rises in a row, each waited for, not slept for.
      const samples = [await progressValue(page)];
      while (samples.length < 4) {
        const prev = samples[samples.length - 1]!;
        await page.waitForFunction(
          (p) => {
            const v = document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow');
            return v !== null && v !== undefined && Number(v) > p;
          },
          prev,
          { timeout: 60_000, polling: 250 },
        );
        samples.push(await progressValue(page));
      }
      expect(samples.every((v, i) => i === 0 || v > samples[i - 1]!)).toBe(true);

      // The page answers meanwhile: a tab switch, the palette, and back to a progress bar that
      // picked the running job up again.
      const toOverview = await answer(page, 'Alt+1', 'overview');
      const palette = await answer(page, 'Control+K', 'command-palette');
      await page.keyboard.press('Escape');
      const toEvidence = await answer(page, 'Alt+3', 'job-progress');
      const resumedAt = await progressValue(page);
      expect(resumedAt).toBeGreaterThanOrEqual(samples[samples.length - 1]!);

      // The events table shows what is already in the case while the ingest goes on.
      const tableAsked = Date.now();
      await page.waitForFunction(
        () => {
          const n = Number(
            document.querySelector('[data-testid=events-count]')?.textContent?.replace(/\D/g, ''),
          );
          const row = document.querySelector('[data-testid=event-row] .c-name');
          return n > 0 && Boolean(row?.textContent);
        },
        undefined,
        { timeout: 60_000, polling: 250 },
      );
      const tableAnswered = Date.now() - tableAsked;
      const midway = await eventsShown(page);
      await screenshot(page, '60-million-ingesting');
      // And keeps up without being touched: the count grows while the ingest still runs.
      const grownAsked = Date.now();
      await page.waitForFunction(
        (before) =>
          Number(
            document.querySelector('[data-testid=events-count]')?.textContent?.replace(/\D/g, ''),
          ) > before,
        midway,
        { timeout: 60_000, polling: 250 },
      );
      const tableGrew = Date.now() - grownAsked;
      const later = await eventsShown(page);
      const stillRunning = (await page.getByTestId('ingest-report').count()) === 0;

      await page.getByTestId('ingest-report').waitFor({ timeout: 240_000 });
      const ingestMs = Date.now() - started;
      const during = await stalls(page);

      await page
        .getByText(`${truth.counts.cloudTrailRecords.toLocaleString('en-US')} events`, {
          exact: true,
        })
        .waitFor({ timeout: 30_000 });
      await expect(eventsShown(page)).resolves.toBe(RECORDS);
      const table = page.getByTestId('events-table');

      // The end of all of them: the page at offset 999,800 comes as fast as the first.
      const endAsked = Date.now();
      const newest = await lastRow(page, RECORDS);
      const endOfAll = Date.now() - endAsked;
      expect(Date.parse(newest.time)).toBeLessThanOrEqual(Date.parse(truth.window.end));
      await table.evaluate((el) => el.scrollTo({ top: 0 }));

      // Filter to a long answer and scroll to its end: the last row is the newest of them.
      const filters = page.getByTestId('events-filters');
      await filters.locator('input[name=eventName]').fill('DescribeInstances');
      const filterAsked = Date.now();
      await filters.getByRole('button', { name: 'Filter' }).click();
      await page.waitForFunction(
        () => {
          const n = Number(
            document.querySelector('[data-testid=events-count]')?.textContent?.replace(/\D/g, ''),
          );
          return n > 0 && n < 1_000_000;
        },
        undefined,
        { timeout: 30_000 },
      );
      const filterAnswered = Date.now() - filterAsked;
      const matching = await eventsShown(page);
      expect(matching).toBeGreaterThan(1000);
      const scrollAsked = Date.now();
      const last = await lastRow(page, matching);
      const scrollAnswered = Date.now() - scrollAsked;
      const rendered = await page.getByTestId('event-row').count();
      expect(rendered).toBeLessThan(100); // virtualised: only what is in view
      expect(last.name).toBe('DescribeInstances');
      expect(Date.parse(last.time)).toBeLessThanOrEqual(Date.parse(truth.window.end));
      expect(Date.parse(last.time)).toBeGreaterThan(Date.parse(truth.window.start));
      await screenshot(page, '61-million-filtered-end');

      // Every event from the attacker's addresses is one truth.json lists as the attacker's.
      await filters.locator('input[name=eventName]').fill('');
      await filters
        .locator('input[name=sourceIp]')
        .fill(truth.attacker.ips.map((i) => i.ip).join(', '));
      await filters.getByRole('button', { name: 'Filter' }).click();
      await page.waitForFunction(
        () =>
          /^\d+ events?$/.test(
            document.querySelector('[data-testid=events-count]')?.textContent ?? '',
          ),
        undefined,
        { timeout: 30_000 },
      );
      const fromAttacker = await eventsShown(page);
      expect(fromAttacker).toBeGreaterThan(0);
      expect(fromAttacker).toBeLessThanOrEqual(truth.attacker.eventIds.length);

      const after = await stalls(page);
      const report = {
        records: RECORDS,
        ingestSeconds: Math.round(ingestMs / 100) / 10,
        progressSamples: samples,
        answersMs: { toOverview, palette, toEvidence, eventsTable: tableAnswered },
        eventsShownWhileRunning: [midway, later],
        tableRefreshedAfterMs: tableGrew,
        stillRunningWhenRefreshed: stillRunning,
        worstFrameGapMsDuringIngest: Math.round(during.worst),
        framesDuringIngest: during.frames,
        longTasksDuringIngest: during.longTasks.length,
        longestTaskMs: Math.round(Math.max(0, ...during.longTasks)),
        filterMs: filterAnswered,
        scrollToEndOfAllMs: endOfAll,
        scrollToEndFilteredMs: scrollAnswered,
        filteredRows: matching,
        worstFrameGapMsOverall: Math.round(after.worst),
      };
      console.log(`million e2e: ${JSON.stringify(report)}`);
      expect(stillRunning).toBe(true);
    },
  );
});
