// Starts an ingest on its own worker thread and relays its progress.
import type { ErrorShape } from '../../shared/errors';
import { CairnError } from '../../shared/errors';
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

export type IngestWorkerMessage =
  | { type: 'progress'; progress: IngestProgress }
  | { type: 'done'; report: IngestReport }
  | { type: 'error'; error: ErrorShape };

export function runIngestWorker(
  params: IngestJobParams,
  onProgress: (p: IngestProgress) => void,
): Promise<IngestReport> {
  const worker = spawnWorker('ingest', () => new URL('./ingest-worker.ts', import.meta.url), {
    ...params,
  });
  return new Promise<IngestReport>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: IngestWorkerMessage) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.report);
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
            `the ingest thread stopped unexpectedly (exit ${code}); run the same ingest again to resume`,
          ),
        );
    });
  });
}
