// Fresh temporary folders, removed afterwards: per test by default, or per test file for state
// built in beforeAll. Tests never share a case file or folder across files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

const perTest: string[] = [];
const perFile: string[] = [];

afterEach(() => {
  while (perTest.length > 0) rmSync(perTest.pop()!, { recursive: true, force: true });
});

afterAll(() => {
  while (perFile.length > 0) rmSync(perFile.pop()!, { recursive: true, force: true });
});

export function freshDir(prefix = 'cairn-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  perTest.push(dir);
  return dir;
}

/** A folder that lives until the end of the test file (for beforeAll fixtures). */
export function fileScopedDir(prefix = 'cairn-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  perFile.push(dir);
  return dir;
}
