// The workbench's keyboard and findings in a browser, on a generated tabletop incident whose
// truth.json says what happened: instance-role credentials are stolen, used to enumerate from
// one address and to write (CreateKeyPair) from another. The command palette drives the
// analyses, the Findings tab draws key activity and enumeration, a runbook's gathered evidence
// links to its findings, and every screen is photographed in both themes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/tabletop/generate';
import { newCase, testContext } from '../helpers/case';
import { ingest } from '../helpers/ingest';
import { fileScopedDir } from '../helpers/tmp';
import { openSession, screenshot, type Session } from './browser';

interface Truth {
  keyMoments: { inflectionPoint: { eventId: string; eventName: string; sourceIp: string } };
  attacker: { ips: { ip: string; role: string }[] };
  credentials: { leaked: { accessKeyId: string }[] };
}

let casePath = '';
let truth: Truth;
let stolenKey = '';

beforeAll(async () => {
  const dir = fileScopedDir();
  const out = join(dir, 'drill');
  await generate({ scenario: 'enumeration', seed: 7, out, events: 3000 });
  truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as Truth;
  stolenKey = truth.credentials.leaked[0]!.accessKeyId;
  const ctx = testContext();
  casePath = (await newCase(ctx, { dir, title: 'Stolen instance role', timezone: 'Europe/Berlin' }))
    .path;
  await ingest(ctx, { path: casePath, sources: [join(out, 'logs')] });
  ctx.cases.closeAll();
}, 60_000);

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function openCase(page: Page): Promise<void> {
  await page.locator('input[name=openPath]').fill(casePath);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page
    .getByTestId('case-head')
    .getByRole('heading', { name: 'Stolen instance role' })
    .waitFor();
}

/** The element that has focus, by test id (or tag when it has none). */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('data-testid') ?? el?.tagName.toLowerCase() ?? '';
  });
}

async function palette(page: Page, query: string): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.getByTestId('command-palette').waitFor();
  await page.keyboard.type(query);
}

describe('the workbench', () => {
  it(
    'runs commands from the palette and draws key activity and enumeration',
    { timeout: 90_000 },
    async () => {
      session = await openSession();
      const { page } = session;
      await openCase(page);

      // The palette is a dialog whose input owns the list; focus comes back where it was.
      await page.getByTestId('tab-evidence').focus();
      await page.keyboard.press('Control+K');
      const dialog = page.getByRole('dialog', { name: 'Command palette' });
      await dialog.waitFor();
      await expect(focused(page)).resolves.toBe('palette-input');
      const input = page.getByTestId('palette-input');
      await expect(input.getAttribute('role')).resolves.toBe('combobox');
      await page.keyboard.type('fnd');
      const options = page.getByTestId('palette-option');
      await expect(options.first().getAttribute('data-command')).resolves.toBe('tab:findings');
      await expect(options.first().innerText()).resolves.toContain('Alt+4');
      await page.keyboard.press('ArrowDown');
      const selected = page.locator('[role=option][aria-selected=true]');
      await expect(input.getAttribute('aria-activedescendant')).resolves.toBe(
        await selected.getAttribute('id'),
      );
      await page.keyboard.press('ArrowUp');
      await screenshot(page, '40-palette');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect(focused(page)).resolves.toBe('tab-evidence');

      // Ctrl+Shift+P opens it too; Enter runs the best match.
      await page.keyboard.press('Control+Shift+P');
      await page.keyboard.type('go findings');
      await page.keyboard.press('Enter');
      await page.getByTestId('findings-panel').waitFor();
      await expect(page.getByTestId('tab-findings').getAttribute('aria-selected')).resolves.toBe(
        'true',
      );
      // Focus was on the Evidence tab: it follows to the tab now shown.
      await expect(focused(page)).resolves.toBe('tab-findings');

      // Enumeration for the stolen key, asked inline: the inflection point is truth's write.
      await palette(page, 'enumeration');
      await page.keyboard.press('Enter');
      await page.keyboard.type(stolenKey);
      await page.keyboard.press('Enter');
      const result = page.getByTestId('enumeration-result');
      await result.waitFor({ timeout: 20_000 });
      const inflection = truth.keyMoments.inflectionPoint;
      await expect(result.getByTestId('inflection').innerText()).resolves.toContain(
        inflection.eventId,
      );
      await expect(result.getByTestId('inflection').innerText()).resolves.toContain(
        inflection.eventName,
      );
      const marked = result.locator('tr.inflection-row[data-testid=enumeration-session]');
      await expect(marked.count()).resolves.toBe(1);
      await expect(marked.getAttribute('data-class')).resolves.toBe('active-compromise');
      await expect(marked.innerText()).resolves.toContain(inflection.sourceIp);
      await expect(result.getByTestId('enumeration-thresholds').innerText()).resolves.toMatch(
        /after 30 min without a call.*10 distinct read APIs over 3 services.*5 denied calls/s,
      );
      await screenshot(page, '41-findings-enumeration');

      // Key activity: a wrong value is refused in the palette, the right one runs.
      await page.keyboard.press('Control+K');
      await page.keyboard.type('key activity');
      await page.keyboard.press('Enter');
      await page.keyboard.type('not-a-key');
      await page.keyboard.press('Enter');
      await page
        .getByTestId('palette-problem')
        .getByText(/access key ID/)
        .waitFor();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(stolenKey);
      await page.keyboard.press('Enter');
      const key = page.getByTestId('key-result');
      await key.waitFor({ timeout: 20_000 });
      await expect(
        page.getByTestId('key-form').locator('input[name=accessKeyId]').inputValue(),
      ).resolves.toBe(stolenKey);
      await expect(key.getByTestId('key-window-basis').innerText()).resolves.toMatch(/\w/);
      const byIp = await key.getByTestId('key-by-ip').innerText();
      for (const ip of truth.attacker.ips) expect(byIp).toContain(ip.ip);
      await expect(
        key.getByTestId('lineage-tree').locator(`[data-key="${stolenKey}"]`).count(),
      ).resolves.toBe(1);
      await screenshot(page, '42-findings-key-activity');

      // Both are recorded; the earlier one opens again from the list.
      await expect(page.getByTestId('key-runs').locator('li').count()).resolves.toBe(1);
      const enumItem = page.getByTestId('enumeration-runs').locator('li');
      await expect(enumItem.count()).resolves.toBe(1);
      const enumId = await enumItem.getAttribute('data-finding');
      await enumItem.getByRole('button', { name: /^Open finding/ }).click();
      await expect(page.getByTestId('finding-shown').getAttribute('data-finding')).resolves.toBe(
        enumId,
      );
      await page.getByTestId('enumeration-result').waitFor();

      // Alt+N asks for a note and puts it on the timeline.
      await page.keyboard.press('Alt+N');
      await page.getByTestId('palette-input').waitFor();
      await page.keyboard.type('Instance role credentials used from 40.168.226.4');
      await page.keyboard.press('Enter');
      await page.getByTestId('timeline-table').getByText('used from 40.168.226.4').waitFor();

      // The export dialog, verification and the theme, from the palette.
      await palette(page, 'export');
      await page.keyboard.press('Enter');
      await page.getByTestId('export-dialog').waitFor();
      await palette(page, 'verify');
      await page.keyboard.press('Enter');
      await page.getByTestId('integrity').getByText('Intact.').waitFor();
      const theme = () => page.evaluate(() => document.documentElement.dataset['theme']);
      const before = await theme();
      await palette(page, 'theme');
      await page.keyboard.press('Enter');
      await expect(theme()).resolves.not.toBe(before);

      // Outside a case, commands that need one are not offered.
      await page.keyboard.press('Alt+H');
      await page.getByTestId('new-case-form').waitFor();
      await page.keyboard.press('Control+K');
      const commands = await page
        .getByTestId('palette-option')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-command')));
      expect(commands.sort()).toEqual(['home', 'theme']);
      await page.keyboard.press('Escape');
    },
  );

  it(
    'shows a runbook’s gathered evidence with links to its findings',
    { timeout: 90_000 },
    async () => {
      session = await openSession({ actor: 'bob' });
      const { page } = session;
      await openCase(page);

      await palette(page, 'start enumeration');
      await page.keyboard.press('Enter');
      const start = page.getByTestId('runbook-start');
      await expect(start.locator('input[value=suspicious-enumeration]').isChecked()).resolves.toBe(
        true,
      );
      await start.getByTestId('field-accessKeyId').fill(stolenKey);
      await start.getByTestId('runbook-start-submit').click();

      const card = page.getByTestId('step-card');
      const title = page.getByTestId('step-title');
      await title.getByText('Who, according to the alert').waitFor();
      await card.getByTestId('step-input').click();
      await title.getByText('Is this someone we know?').waitFor();
      await card.getByTestId('check-0').check();
      await card.getByTestId('check-1').check();
      await card.getByTestId('step-complete').click();
      await title.getByText('Recon sessions, denials, and the first write').waitFor();
      await expect(page.getByTestId('evidence-gathered').innerText()).resolves.toContain(
        'Evidence gathered (0)',
      );
      await card.getByTestId('step-evidence').click();
      await title.getByText('Scanner, probing, or compromise?').waitFor();

      // The gathered evidence and the suggestion load after the step changes: wait for them.
      const gathered = page.getByTestId('evidence-item');
      await gathered.first().waitFor();
      await expect(gathered.count()).resolves.toBe(1);
      await expect(gathered.getAttribute('data-analysis')).resolves.toBe('enumeration');
      const text = await gathered.innerText();
      expect(text).toContain('active compromise');
      expect(text).toContain(`Inflection point: ${truth.keyMoments.inflectionPoint.eventName}`);
      const links = page.getByTestId('suggestion-evidence').getByTestId('finding-link');
      await links.first().waitFor();
      await expect(links.count()).resolves.toBe(1);
      const findingId = await links.getAttribute('data-finding');
      await screenshot(page, '43-runbook-evidence');

      // The link opens the Findings tab on that finding.
      await gathered.getByTestId('finding-link').click();
      const shown = page.getByTestId('finding-shown');
      await shown.waitFor();
      await expect(shown.getAttribute('data-finding')).resolves.toBe(findingId);
      await shown.getByTestId('inflection').waitFor();

      // Alt+S goes back to the step, focused, so the keyboard carries on from there.
      await page.keyboard.press('Alt+S');
      await card.waitFor();
      await page.waitForFunction(() => document.activeElement?.classList.contains('step-focus'));
    },
  );

  it('draws every screen in the dark and the light theme', { timeout: 90_000 }, async () => {
    session = await openSession();
    const { page } = session;
    for (const theme of ['dark', 'light'] as const) {
      await page.evaluate((t) => localStorage.setItem('cairn.theme', t), theme);
      await page.reload();
      await page.getByTestId('new-case-form').waitFor();
      await expect(page.evaluate(() => document.documentElement.dataset['theme'])).resolves.toBe(
        theme,
      );
      await screenshot(page, `50-${theme}-home`);
      await openCase(page);
      const tabs = ['overview', 'runbook', 'evidence', 'findings', 'timeline', 'deadlines'];
      for (const [i, tab] of tabs.entries()) {
        await page.keyboard.press(`Alt+${i + 1}`);
        await expect(page.getByTestId(`tab-${tab}`).getAttribute('aria-selected')).resolves.toBe(
          'true',
        );
        if (tab === 'evidence') await page.getByTestId('event-row').first().waitFor();
        const findings = page.getByTestId('finding-item');
        if (tab === 'findings' && (await findings.count()) > 0) {
          await findings.first().getByRole('button', { name: /^Open/ }).click();
          await page.getByTestId('finding-shown').waitFor();
        }
        await screenshot(page, `5${i + 1}-${theme}-${tab}`);
      }
      await page.keyboard.press('Alt+7');
      await page.getByTestId('integrity').getByText('Intact.').waitFor();
      await screenshot(page, `58-${theme}-integrity`);
      await page.keyboard.press('Alt+H');
    }
  });
});
