// The tabletop generator's thread: generates, posting progress as it goes.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorShape } from '../shared/errors';
import { generate } from './generate';
import type { GenerateJobParams, GenerateWorkerMessage } from './job';

const params = workerData as GenerateJobParams;
const post = (m: GenerateWorkerMessage): void => parentPort?.postMessage(m);

generate({ ...params, onProgress: (progress) => post({ type: 'progress', progress }) }).then(
  (summary) => post({ type: 'done', summary }),
  (err: unknown) => post({ type: 'error', error: toErrorShape(err) }),
);
