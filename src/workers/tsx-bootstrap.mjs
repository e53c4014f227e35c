// Runs a TypeScript worker module from source (development, CLI, tests): registers tsx in this
// thread, then loads the module named in workerData. Bundled hosts (Electron) use prebuilt
// worker files instead and never load this.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.__module);
