// Starts engine worker threads. From source, a worker is its .ts module run through the tsx
// bootstrap; a bundled host registers prebuilt .cjs files per worker name instead, and every
// worker inherits that list so the workers it starts are found the same way.
import { Worker } from 'node:worker_threads';

const bundled = new Map<string, string>();

/** Used by bundled hosts: run worker `name` from this prebuilt file. */
export function registerBundledWorker(name: string, file: string): void {
  bundled.set(name, file);
}

/** A worker that starts workers of its own calls this with its workerData first. */
export function inheritBundledWorkers(workerData: unknown): void {
  const list = (workerData as { __bundled?: Record<string, string> } | null)?.__bundled ?? {};
  for (const [name, file] of Object.entries(list)) bundled.set(name, file);
}

export function spawnWorker(
  name: string,
  sourceModule: () => URL,
  data: Record<string, unknown>,
): Worker {
  const prebuilt = bundled.get(name);
  const workerData = { ...data, __bundled: Object.fromEntries(bundled) };
  if (prebuilt) return new Worker(prebuilt, { workerData });
  return new Worker(new URL('./tsx-bootstrap.mjs', import.meta.url), {
    workerData: { ...workerData, __module: sourceModule().href },
  });
}
