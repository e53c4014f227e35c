// Starts an ingest on its own worker thread and relays its progress.
import { relayWorkerJob, type WorkerJobMessage } from '../../workers/job';
import { spawnWorker } from '../../workers/spawn';
import type { AwsOptions } from '../aws';
import type { TimeRange } from '../feeds/types';
import type { LookupAttribute } from '../feeds/lookup-events';
import type { ContentKind } from './parse-file';
import type { IngestProgress, IngestReport } from './runner';

export interface IngestJobParams {
  casePath: string;
  sources: string[];
  kind: ContentKind;
  range: TimeRange;
  aws: AwsOptions;
  lookup?: { attribute?: { key: LookupAttribute; value: string }; ratePerSecond?: number };
  bulk?: 'auto' | 'always' | 'never';
  actor: string;
  sqliteBinding?: string;
  parserThreads?: number;
  maxDecodedBytes?: number;
}

export type IngestWorkerMessage = WorkerJobMessage<IngestProgress, 'report', IngestReport>;

export function runIngestWorker(
  params: IngestJobParams,
  onProgress: (p: IngestProgress) => void,
): Promise<IngestReport> {
  const worker = spawnWorker('ingest', () => new URL('./ingest-worker.ts', import.meta.url), {
    ...params,
  });
  return relayWorkerJob(
    worker,
    'report',
    onProgress,
    (code) =>
      `the ingest thread stopped unexpectedly (exit ${code}); run the same ingest again to resume`,
  );
}
