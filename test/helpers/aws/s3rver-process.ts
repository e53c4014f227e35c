// Starts s3rver in a child process (see s3rver-child.cjs for why a child) with its own temporary
// store, and keeps one more warming up: loading s3rver costs a few hundred milliseconds, so the
// next test's server starts while the current test runs. Every test still gets a fresh server,
// port and store. A spare nobody takes exits when this process does (its stdin closes).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface S3rverProcess {
  port: number;
  /** s3rver's store; removed by stop(). */
  directory: string;
  stop(): Promise<void>;
}

interface Launch {
  directory: string;
  child: ChildProcess;
  ready: Promise<number>;
}

let spare: Launch | undefined;

export async function startS3rverProcess(): Promise<S3rverProcess> {
  const launch = spare ?? launchS3rver();
  spare = launchS3rver();
  hold(launch.child, true);
  const stop = async () => {
    await stopChild(launch.child);
    rmSync(launch.directory, { recursive: true, force: true });
  };
  try {
    return { port: await launch.ready, directory: launch.directory, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function launchS3rver(): Launch {
  try {
    createRequire(import.meta.url).resolve('s3rver');
  } catch {
    throw new Error(
      's3rver is not installed; the S3 test endpoint needs it as a devDependency (npm install --save-dev s3rver@3.7.1).',
    );
  }
  const directory = mkdtempSync(join(tmpdir(), 'cairn-s3rver-'));
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 's3rver-child.cjs'), JSON.stringify({ directory })],
    {
      env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  hold(child, false);
  const ready = new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0];
      if (!out.includes('\n') || !line) return;
      const parsed = JSON.parse(line) as { port?: unknown };
      if (typeof parsed.port === 'number') resolve(parsed.port);
      else reject(new Error(`s3rver child said: ${line}`));
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`s3rver child exited (${code}) before listening: ${err}`)),
    );
  });
  // A spare that fails is reported when a test takes it, not as an unhandled rejection.
  ready.catch(() => undefined);
  return { directory, child, ready };
}

/** A spare must not keep this process alive; a server in use must. */
function hold(child: ChildProcess, keep: boolean): void {
  for (const handle of [child, child.stdin, child.stdout, child.stderr]) {
    const h = handle as unknown as { ref?: () => void; unref?: () => void } | null;
    if (keep) h?.ref?.();
    else h?.unref?.();
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  child.kill('SIGTERM');
  await exited;
}
