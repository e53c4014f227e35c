// The export from the workbench in a browser: ingest a real CloudTrail file, pin one of its events
// from the timeline, add a note, export a PDF, download it through the web host, and read it back
// with pdftotext. Screenshots of each step are kept for a person to look at.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportVerifyReport } from '../../src/shared/export';
import { cliJson } from '../helpers/cli';
import { freshDir } from '../helpers/tmp';
import { openSession, screenshot, type Session } from './browser';

const FEDERATION = join(
  import.meta.dirname,
  '../fixtures/data/stratus-red-team/detonation-logs/aws.persistence.sts-federation-token.json',
);
const record = (
  JSON.parse(readFileSync(FEDERATION, 'utf8')) as {
    eventID: string;
    responseElements: { credentials?: { sessionToken: string } } | null;
  }[]
)[0]!;

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('exporting from the workbench', () => {
  it('pins an event, adds a note and exports a PDF that reads back', async () => {
    session = await openSession();
    const { page, caseDir } = session;
    const form = page.getByTestId('new-case-form');
    await form.locator('input[name=title]').fill('Federation token persistence');
    await form.locator('select[name=timezone]').selectOption('Europe/Berlin');
    await form.locator('input[name=awareAt]').fill('2024-11-30T10:00:00Z');
    await form.getByRole('button', { name: 'Create case' }).click();
    await page.getByTestId('case-head').getByText('Federation token persistence').waitFor();
    const path = join(caseDir, 'federation-token-persistence.cairn');
    await cliJson(['ingest', path, FEDERATION]);

    await page.getByTestId('tab-timeline').click();
    await page.getByTestId('toggle-pin').click();
    const search = page.getByTestId('pin-search');
    await search.locator('input[name=eventName]').fill('GetFederationToken');
    await search.getByRole('button', { name: 'Find events' }).click();
    const row = page.getByTestId('event-row').filter({ hasText: record.eventID });
    await row.waitFor();
    await page.locator('input[name=pinComment]').fill('attacker persistence');
    await row.getByRole('button', { name: 'Pin' }).click();
    await row.getByRole('button', { name: 'Pinned' }).waitFor();

    const note = page.getByTestId('note-form');
    await note.locator('input[name=note]').fill('GuardDuty alert reached the on-call responder');
    await note.locator('input[name=at]').fill('2024-11-30T09:30:00Z');
    await note.getByRole('button', { name: 'Add note' }).click();
    const table = page.getByTestId('timeline-table');
    await table.getByText('GuardDuty alert reached the on-call responder').waitFor();
    const pinned = table.locator('tbody tr').filter({ hasText: 'attacker persistence' });
    await expect(pinned.innerText()).resolves.toContain('2024-11-30 08:43:17 UTC');
    await expect(pinned.innerText()).resolves.toContain('2024-11-30 09:43:17 +01:00');
    await expect(pinned.innerText()).resolves.toContain(record.eventID);
    // A correction is a new entry that supersedes the note; the reason stays with it.
    const noteRow = table.locator('tbody tr').filter({ hasText: 'GuardDuty alert reached' });
    await noteRow.getByRole('button', { name: 'Correct' }).click();
    const fix = noteRow.getByTestId('correct-form');
    await fix
      .locator('textarea[name=text]')
      .fill('GuardDuty alert reached the on-call responder at 09:30 UTC');
    await fix.locator('input[name=reason]').fill('added the time');
    await fix.getByRole('button', { name: 'Record correction' }).click();
    // The form's textarea holds the new text too: read the row only once the form has closed.
    await fix.waitFor({ state: 'detached' });
    const corrected = table.locator('tbody tr').filter({ hasText: 'at 09:30 UTC' });
    await expect(corrected.innerText()).resolves.toMatch(/corrects T\d+: added the time/);
    await screenshot(page, 'export-01-timeline-with-pin');

    await page.getByTestId('open-export').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.locator('input[name=redact]').uncheck();
    await page.getByTestId('unredacted-warning').waitFor();
    await screenshot(page, 'export-02-unredacted-warning');
    await dialog.locator('input[name=redact]').check();
    const out = join(freshDir('cairn-e2e-export-'), 'federation.pdf');
    await dialog.locator('input[name=out]').fill(out);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByTestId('export-result').waitFor();
    await screenshot(page, 'export-03-done');
    const manifestHash = await page.getByTestId('export-manifest-hash').innerText();
    expect(existsSync(out)).toBe(true);

    const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Executive summary');
    expect(text).toContain(record.eventID);
    expect(text).toContain('attacker persistence');
    expect(text).toContain('GuardDuty alert reached the on-call responder at 09:30 UTC');
    expect(text).toContain('Corrections and withdrawn entries');
    expect(text).toContain(manifestHash);
    expect(text.replace(/\s+/g, '')).not.toContain(
      record.responseElements!.credentials!.sessionToken.replace(/\s+/g, ''),
    );

    // The web host serves the very file that was written, and only with the token.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-download').click(),
    ]);
    const saved = join(freshDir('cairn-e2e-download-'), 'download.pdf');
    await download.saveAs(saved);
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(sha(saved)).toBe(sha(out));
    const href = await page.getByTestId('export-download').getAttribute('href');
    const anonymous = await fetch(
      new URL(href!.replace(/token=[0-9a-f]+/, 'token=0'), session.host.url),
    );
    expect(anonymous.status).toBe(401);

    const report = await cliJson<ExportVerifyReport>(['verify-export', out, '--case', path]);
    expect(report).toMatchObject({ ok: true, evidenceChecked: 1 });
  });
});
