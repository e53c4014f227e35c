// The host side of a job on a worker thread: relay its progress, settle with its result or its
// error, and turn a thread that dies without answering into an error that says what to do next.
import type { Worker } from 'node:worker_threads';
import { CairnError, type ErrorShape } from '../shared/errors';

/** What a job's thread posts; the result travels under its own name (`report`, `summary` …). */
export type WorkerJobMessage<P, K extends string, R> =
  | { type: 'progress'; progress: P }
  | ({ type: 'done' } & Record<K, R>)
  | { type: 'error'; error: ErrorShape };

export function relayWorkerJob<P, K extends string, R>(
  worker: Worker,
  resultField: K,
  onProgress: (p: P) => void,
  /** Said when the thread exits without an answer, e.g. "the ingest thread …; run it again". */
  stopped: (exitCode: number) => string,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: WorkerJobMessage<P, K, R>) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') {
        settled = true;
        resolve(m[resultField]);
      } else {
        settled = true;
        reject(new CairnError(m.error.code, m.error.message, m.error.hint));
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new CairnError('INTERNAL', stopped(code)));
    });
  });
}
