// Parses files on worker threads (one fewer than the cores, at most three), or inline when the
// machine has a single core. Results come back packed and are consumed in submission order.
// Each worker is handed only a short run of files ahead; the rest wait here, and the writer
// thread parses them itself whenever it would otherwise wait for a worker (helpUntil): on two
// cores the writer and the parser each do about half of the work, whichever side is slower, and
// the writer is not idle while a worker thread starts up.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../workers/spawn';
import { ownBuffer, packFile, transferList, type PackedFile } from './pack';
import { parseFile, type ContentKind } from './parse-file';

export interface ParseRequest {
  id: number;
  location: string;
  raw: Uint8Array;
  sha256: string;
  kind: ContentKind;
  maxDecodedBytes?: number;
}

export type ParseReply = { id: number; packed: PackedFile } | { id: number; error: string };

type Input = Omit<ParseRequest, 'id' | 'raw'> & { raw: Buffer };

interface Job {
  id: number;
  req: Input;
  /** Raw bytes (the buffer itself moves to the worker). */
  size: number;
  resolve: (p: PackedFile) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Jobs posted to this worker and not answered yet. */
  jobs: Map<number, Job>;
  bytes: number;
}

/**
 * How far ahead a worker is fed: enough to keep it busy while the writer commits a batch
 * without yielding (a few tens of ms), little enough that the writer finds files to parse.
 */
const AHEAD_FILES = 2;
const AHEAD_BYTES = 512 * 1024;

function revive(p: PackedFile): PackedFile {
  // Structured clone turns Buffers into plain Uint8Arrays.
  const raw = p.raw as Uint8Array;
  return { ...p, raw: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) };
}

function parseHere(req: Input): PackedFile {
  return packFile(
    parseFile(req.location, req.raw, req.kind, {
      hash: req.sha256,
      ...(req.maxDecodedBytes ? { maxDecodedBytes: req.maxDecodedBytes } : {}),
    }),
  );
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function defaultParserThreads(): number {
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}

export class ParserPool {
  private readonly slots: Slot[] = [];
  /** Jobs no worker has been given yet, in submission order. */
  private readonly waiting: Job[] = [];
  private next = 0;

  constructor(threads: number) {
    for (let i = 0; i < threads; i++) {
      const worker = spawnWorker(
        'ingest-parse',
        () => new URL('./parse-worker.ts', import.meta.url),
        {},
      );
      const slot: Slot = { worker, jobs: new Map(), bytes: 0 };
      worker.on('message', (reply: ParseReply) => {
        const job = slot.jobs.get(reply.id);
        if (!job) return;
        slot.jobs.delete(reply.id);
        slot.bytes -= job.size;
        if ('error' in reply) job.reject(new Error(reply.error));
        else job.resolve(revive(reply.packed));
        this.dispatch();
      });
      worker.on('error', (err) => {
        for (const job of slot.jobs.values()) job.reject(err);
        slot.jobs.clear();
        slot.bytes = 0;
        // A dead worker gets no more files: the others (or this thread) parse them.
        const at = this.slots.indexOf(slot);
        if (at >= 0) this.slots.splice(at, 1);
        this.dispatch();
      });
      this.slots.push(slot);
    }
  }

  get threads(): number {
    return this.slots.length;
  }

  parse(req: Input): Promise<PackedFile> {
    const id = this.next++;
    if (this.slots.length === 0 && this.waiting.length === 0)
      return Promise.resolve(parseHere(req));
    return new Promise<PackedFile>((resolve, reject) => {
      this.waiting.push({ id, req, size: req.raw.length, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Waits for `result` (a parse this pool returned), parsing waiting files on this thread in
   * the meantime instead of idling.
   */
  async helpUntil<T>(result: Promise<T>): Promise<T> {
    let settled = false;
    result.then(
      () => (settled = true),
      () => (settled = true),
    );
    await Promise.resolve();
    while (!settled) {
      const job = this.waiting.shift();
      if (!job) break;
      try {
        job.resolve(parseHere(job.req));
      } catch (err) {
        job.reject(err instanceof Error ? err : new Error(String(err)));
      }
      // Let worker replies in, so the workers are fed again before the next file here.
      await nextTurn();
    }
    return result;
  }

  /** Hands waiting jobs to workers that are short of work. */
  private dispatch(): void {
    for (const slot of this.slots) {
      while (
        this.waiting.length > 0 &&
        (slot.jobs.size < AHEAD_FILES || slot.bytes < AHEAD_BYTES)
      ) {
        const job = this.waiting.shift()!;
        slot.jobs.set(job.id, job);
        slot.bytes += job.size;
        const raw = ownBuffer(job.req.raw);
        const msg: ParseRequest = { ...job.req, id: job.id, raw };
        slot.worker.postMessage(msg, [raw.buffer as ArrayBuffer]);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}

export { transferList };
