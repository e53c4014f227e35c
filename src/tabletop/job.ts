// Runs a generation on its own worker thread (it is CPU-bound for minutes at 10 M records) and
// relays its progress, so the host that started it stays responsive.
import { relayWorkerJob, type WorkerJobMessage } from '../workers/job';
import { spawnWorker } from '../workers/spawn';
import type { GenerateOptions, GenerateProgress, GenerateSummary } from './generate';

export type GenerateJobParams = Omit<GenerateOptions, 'onProgress'>;

export type GenerateWorkerMessage = WorkerJobMessage<GenerateProgress, 'summary', GenerateSummary>;

export function runGenerateWorker(
  params: GenerateJobParams,
  onProgress: (p: GenerateProgress) => void,
): Promise<GenerateSummary> {
  const worker = spawnWorker('tabletop', () => new URL('./generate-worker.ts', import.meta.url), {
    ...params,
  });
  return relayWorkerJob(
    worker,
    'summary',
    onProgress,
    (code) =>
      `the tabletop generator thread stopped unexpectedly (exit ${code}); generate again into an empty folder`,
  );
}
