// Files and folder trees on disk. Folders are walked recursively in a stable order; hidden
// files are skipped; a file that cannot be read becomes a counted failure, not a crash.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CairnError } from '../../shared/errors';
import { mayHoldRange } from './key-dates';
import type { Feed, FeedFile, TimeRange } from './types';

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) yield* walk(full);
    else if (e.isFile()) yield full;
  }
}

/** The file's bytes, read synchronously; a failure rejects like an asynchronous read. */
function readNow(path: string): Promise<Buffer> {
  try {
    return Promise.resolve(readFileSync(path));
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

export async function localFeed(path: string, range: TimeRange): Promise<Feed> {
  const root = resolve(path);
  let info: Stats;
  try {
    info = await stat(root);
  } catch {
    throw new CairnError('NOT_FOUND', `no such file or folder: ${root}`);
  }
  const isDir = info.isDirectory();
  async function* files(): AsyncGenerator<FeedFile> {
    if (!isDir) {
      yield { location: root, size: info.size, read: () => readFile(root) };
      return;
    }
    // Per file, synchronous stat and read: a trail is thousands of small files, and four
    // thread-pool round trips per file (open, stat, read, close) cost more than reading it.
    for await (const p of walk(root)) {
      if (!mayHoldRange(p, range)) continue;
      let size: number | null;
      try {
        size = statSync(p).size;
      } catch {
        size = null;
      }
      yield { location: p, size, read: () => readNow(p) };
    }
  }
  return {
    sourceKind: 'files',
    location: root,
    params: {
      ...(range.fromMs !== undefined ? { from: new Date(range.fromMs).toISOString() } : {}),
      ...(range.toMs !== undefined ? { to: new Date(range.toMs).toISOString() } : {}),
    },
    limitations: null,
    files,
    async totalBytes() {
      let total = 0;
      for await (const f of files()) total += f.size ?? 0;
      return total;
    },
  };
}
