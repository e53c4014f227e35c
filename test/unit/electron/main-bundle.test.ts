// Loads the built Electron main bundle (build/electron/main.cjs) under plain Node with electron
// replaced by a recording stand-in, to prove the shipped bundle wires everything it should.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OP_NAMES } from '../../../src/shared/contract';
import { freshDir } from '../../helpers/tmp';

const root = resolve(import.meta.dirname, '../../..');
const main = resolve(root, 'build/electron/main.cjs');

describe('the built Electron main bundle', () => {
  it('registers every operation, the app protocol and one hardened window', () => {
    expect(existsSync(main), 'run npm run build:electron first').toBe(true);
    const out = execFileSync(
      process.execPath,
      [resolve(import.meta.dirname, 'fake-electron.cjs'), main],
      {
        encoding: 'utf8',
        env: { ...process.env, FAKE_ELECTRON_HOME: freshDir() },
      },
    );
    const r = JSON.parse(out) as {
      schemes: string[];
      protocols: string[];
      channels: string[];
      windows: { webPreferences: Record<string, unknown> }[];
      loaded: string[];
      menu: string[];
      permissionsDenied: boolean;
      navigationLocked: number;
    };
    expect(r.schemes).toEqual(['app']);
    expect(r.protocols).toEqual(['app']);
    for (const name of OP_NAMES) expect(r.channels).toContain(`cairn:op:${name}`);
    expect(r.channels).toContain('cairn:desktop:pickCaseFile');
    expect(r.channels).toContain('cairn:desktop:pickSavePath');
    expect(r.windows).toHaveLength(1);
    expect(r.windows[0]?.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(String(r.windows[0]?.webPreferences['preload'])).toMatch(
      /build\/electron\/preload\.cjs$/,
    );
    expect(r.loaded).toEqual(['app://cairn/index.html']);
    expect(r.permissionsDenied).toBe(true);
    expect(r.navigationLocked).toBeGreaterThan(0);
    expect(r.menu).toContain('File');
  });

  it('keeps the preload free of the engine', () => {
    const preload = readFileSync(resolve(root, 'build/electron/preload.cjs'), 'utf8');
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/better-sqlite3|node:fs|zod/);
    expect(preload.length).toBeLessThan(10_000);
  });
});

describe('the bundled worker threads', () => {
  it('ingest a real file into a case without tsx, as they will inside Electron', async () => {
    const { Worker } = await import('node:worker_threads');
    const { callOp, createApiContext } = await import('../../../src/api');
    const dir = freshDir();
    const ctx = createApiContext({ actor: 'bundle-test' });
    const c = await callOp('case.create', { path: resolve(dir, 'b.cairn'), title: 'bundle' }, ctx);
    ctx.cases.closeAll();
    const stratus = resolve(root, 'test/fixtures/data/stratus-red-team/detonation-logs');
    const result = await new Promise<{
      type: string;
      report?: { sources: { inserted: number }[] };
    }>((done, fail) => {
      const w = new Worker(resolve(root, 'build/electron/ingest-worker.cjs'), {
        workerData: {
          casePath: c.path,
          sources: [stratus],
          kind: 'auto',
          range: {},
          aws: {},
          actor: 'bundle-test',
          parserThreads: 1,
          __bundled: { 'ingest-parse': resolve(root, 'build/electron/parse-worker.cjs') },
        },
      });
      w.on('message', (m: { type: string }) => m.type !== 'progress' && done(m));
      w.on('error', fail);
    });
    expect(result.type).toBe('done');
    expect(result.report?.sources[0]?.inserted).toBe(310);
  });
});
