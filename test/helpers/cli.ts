// Runs the CLI in-process (fast) or as a real subprocess through bin/cairn.js (what users run).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { main } from '../../src/hosts/cli/main';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    interactive: false,
    env: { ...process.env, ...env },
  });
  return { code, stdout, stderr };
}

export async function cliJson<T>(args: string[], env: NodeJS.ProcessEnv = {}): Promise<T> {
  const r = await cli([...args, '--json'], env);
  if (r.code !== 0) throw new Error(`cairn ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const CAIRN_BIN = resolve(REPO_ROOT, 'bin/cairn.js');

export function cliProcess(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [CAIRN_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    cwd: REPO_ROOT,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
