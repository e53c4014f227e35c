// Drives Debian's Chromium with playwright-core against the web host, each test with its own
// browser profile, case folder, Cairn home and port.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createApiContext } from '../../src/api/context';
import { RecentCases } from '../../src/api/recent';
import { startWebHost, type WebHost } from '../../src/hosts/web/server';
import { freshDir } from '../helpers/tmp';

export const STATIC_DIR = resolve(import.meta.dirname, '../../build/renderer');
export const SCREENSHOT_DIR = resolve(import.meta.dirname, 'screenshots');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Session {
  host: WebHost;
  browser: BrowserContext;
  page: Page;
  caseDir: string;
  close(): Promise<void>;
}

export async function openSession(opts: { actor?: string } = {}): Promise<Session> {
  const caseDir = freshDir('cairn-e2e-cases-');
  const home = freshDir('cairn-e2e-home-');
  const ctx = createApiContext({
    actor: opts.actor ?? 'e2e-responder',
    host: 'web',
    recent: new RecentCases(home),
    defaultCaseDir: caseDir,
  });
  const host = await startWebHost({ ctx, staticDir: STATIC_DIR });
  const browser = await chromium.launchPersistentContext(freshDir('cairn-e2e-profile-'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.launchUrl);
  return {
    host,
    browser,
    page,
    caseDir,
    async close() {
      await browser.close();
      await host.close();
      ctx.cases.closeAll();
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
