// Runs a generation on its own worker thread (it is CPU-bound for minutes at 10 M records) and
// relays its progress, so the host that started it stays responsive.
import type { ErrorShape } from '../shared/errors';
import { CairnError } from '../shared/errors';
import { spawnWorker } from '../workers/spawn';
import type { GenerateOptions, GenerateProgress, GenerateSummary } from './generate';

export type GenerateJobParams = Omit<GenerateOptions, 'onProgress'>;

export type GenerateWorkerMessage =
  | { type: 'progress'; progress: GenerateProgress }
  | { type: 'done'; summary: GenerateSummary }
  | { type: 'error'; error: ErrorShape };

export function runGenerateWorker(
  params: GenerateJobParams,
  onProgress: (p: GenerateProgress) => void,
): Promise<GenerateSummary> {
  const worker = spawnWorker('tabletop', () => new URL('./generate-worker.ts', import.meta.url), {
    ...params,
  });
  return new Promise<GenerateSummary>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: GenerateWorkerMessage) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.summary);
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
      if (!settled)
        reject(
          new CairnError(
            'INTERNAL',
            `the tabletop generator thread stopped unexpectedly (exit ${code}); generate again into an empty folder`,
          ),
        );
    });
  });
}
