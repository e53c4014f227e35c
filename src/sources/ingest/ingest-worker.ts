// The ingest job's thread: opens its own connection to the case, reads the sources and writes
// the evidence, posting progress as it goes. The calling thread (CLI, web host, Electron main)
// stays free to answer queries on the same case while this runs.
import { parentPort, workerData } from 'node:worker_threads';
import { openCaseFile } from '../../casefile/open';
import { setSqliteNativeBinding } from '../../casefile/sqlite';
import { toErrorShape } from '../../shared/errors';
import { inheritBundledWorkers } from '../../workers/spawn';
import { resolveFeed } from '../feeds/resolve';
import type { Feed } from '../feeds/types';
import { runIngest } from './runner';
import type { IngestJobParams, IngestWorkerMessage } from './job';

const params = workerData as IngestJobParams;
inheritBundledWorkers(workerData);
const post = (m: IngestWorkerMessage): void => parentPort?.postMessage(m);

async function main(): Promise<void> {
  if (params.sqliteBinding) setSqliteNativeBinding(params.sqliteBinding);
  const file = openCaseFile(params.casePath);
  try {
    const feeds: Feed[] = [];
    for (const source of params.sources) {
      feeds.push(
        await resolveFeed(source, {
          range: params.range,
          aws: params.aws,
          lookup: params.lookup ?? {},
        }),
      );
    }
    const report = await runIngest(file, feeds, {
      actor: params.actor,
      kind: params.kind,
      ...(params.bulk ? { bulk: params.bulk } : {}),
      ...(params.parserThreads !== undefined ? { parserThreads: params.parserThreads } : {}),
      ...(params.maxDecodedBytes !== undefined ? { maxDecodedBytes: params.maxDecodedBytes } : {}),
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', report });
  } finally {
    file.close();
  }
}

main().catch((err: unknown) => post({ type: 'error', error: toErrorShape(err) }));
