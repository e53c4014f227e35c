// Parses files on worker threads (one fewer than the cores, at most three), or inline when the
// machine has a single core. Results come back packed and are consumed in submission order.
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

function revive(p: PackedFile): PackedFile {
  // Structured clone turns Buffers into plain Uint8Arrays.
  const raw = p.raw as Uint8Array;
  return { ...p, raw: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) };
}

export function defaultParserThreads(): number {
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}

export class ParserPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (p: PackedFile) => void; reject: (e: Error) => void }
  >();
  private next = 0;

  constructor(threads: number) {
    for (let i = 0; i < threads; i++) {
      const w = spawnWorker(
        'ingest-parse',
        () => new URL('./parse-worker.ts', import.meta.url),
        {},
      );
      w.on('message', (reply: ParseReply) => {
        const p = this.pending.get(reply.id);
        if (!p) return;
        this.pending.delete(reply.id);
        if ('error' in reply) p.reject(new Error(reply.error));
        else p.resolve(revive(reply.packed));
      });
      w.on('error', (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      this.workers.push(w);
    }
  }

  get threads(): number {
    return this.workers.length;
  }

  parse(req: Omit<ParseRequest, 'id' | 'raw'> & { raw: Buffer }): Promise<PackedFile> {
    const id = this.next++;
    if (this.workers.length === 0) {
      return Promise.resolve(
        packFile(
          parseFile(req.location, req.raw, req.kind, {
            hash: req.sha256,
            ...(req.maxDecodedBytes ? { maxDecodedBytes: req.maxDecodedBytes } : {}),
          }),
        ),
      );
    }
    const worker = this.workers[id % this.workers.length]!;
    const raw = ownBuffer(req.raw);
    return new Promise<PackedFile>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const msg: ParseRequest = { ...req, id, raw };
      worker.postMessage(msg, [raw.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}

export { transferList };
