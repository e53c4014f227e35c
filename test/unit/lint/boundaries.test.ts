// Proves that the import boundaries of DESIGN.md are enforced by lint, not only written down:
// each forbidden import below must produce a no-restricted-imports error from the real config.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({
  cwd: root,
  // Only the boundary rule, and no type information: these snippets are not files of the project.
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});

async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['src/casefile/x.ts', "import { app } from 'electron';"],
    ['src/analysis/x.ts', "import React from 'react';"],
    ['src/api/x.ts', "import { App } from '../../renderer/App';"],
    ['renderer/x.tsx', "import { readFileSync } from 'node:fs';"],
    ['renderer/x.tsx', "import Database from 'better-sqlite3';"],
    ['renderer/x.tsx', "import { openCaseFile } from '../src/casefile/open';"],
    ['renderer/x.tsx', "import { ipcRenderer } from 'electron';"],
    ['runbooks/x.ts', "import { openCaseFile } from '../src/casefile/open';"],
    ['runbooks/x.ts', "import { z } from 'zod';"],
    ['test/x.ts', "import { app } from 'electron';"],
  ])('%s may not %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/casefile/x.ts', "import Database from 'better-sqlite3';"],
    ['renderer/x.tsx', "import { contract } from '../src/shared/contract';"],
    ['renderer/x.tsx', "import { useState } from 'react';"],
    ['runbooks/x.ts', "import { setup } from 'xstate';"],
    ['runbooks/x.ts', "import type { TimelineEntry } from '../src/shared/domain';"],
    ['electron/x.ts', "import { app } from 'electron';"],
  ])('%s may %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
