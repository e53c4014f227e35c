// Compresses and writes trail files off the main thread (zlib runs on libuv's thread pool), a
// few at a time, so generating the next records overlaps compressing the last ones. Names and
// contents are fixed before a file is handed over, so output stays byte-identical.
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FileSink } from './trail-writer';

const gzipAsync = promisify(gzip);

export class AsyncGzipSink implements FileSink {
  private readonly pending = new Set<Promise<void>>();
  private failure: Error | null = null;
  bytes = 0;

  constructor(private readonly level = 6) {}

  write(path: string, body: string): void {
    const job = gzipAsync(body, { level: this.level })
      .then(async (gz) => {
        await writeFile(path, gz);
        this.bytes += gz.length;
      })
      .catch((err: unknown) => {
        this.failure ??= err instanceof Error ? err : new Error(`writing ${path}: ${String(err)}`);
      });
    this.pending.add(job);
    void job.finally(() => this.pending.delete(job));
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Waits until at most `max` files are still being compressed; rethrows a write failure. */
  async drain(max = 0): Promise<void> {
    while (this.pending.size > max) await Promise.race(this.pending);
    if (this.failure !== null) throw this.failure;
  }
}
