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
