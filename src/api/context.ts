import type { Clock } from '../casefile/writer';
import { CaseStore } from './case-store';
import { JobRegistry } from './jobs';
import type { RecentCases } from './recent';

export type HostKind = 'cli' | 'web' | 'electron';

/** What every handler gets from its host: who is acting, what time it is, and open cases. */
export interface ApiContext {
  actor: string;
  clock: Clock;
  cases: CaseStore;
  host: HostKind;
  /** Long-lived hosts remember recently used cases; the CLI does not. */
  recent?: RecentCases;
  /** Folder the UI suggests for new case files. */
  defaultCaseDir?: string;
  jobs: JobRegistry;
  /** A better-sqlite3 binary for this host's ABI, handed to worker threads (Electron). */
  sqliteBinding?: string;
}

export function createApiContext(opts: {
  actor: string;
  clock?: Clock;
  host?: HostKind;
  recent?: RecentCases;
  defaultCaseDir?: string;
  sqliteBinding?: string;
}): ApiContext {
  const clock = opts.clock ?? Date.now;
  return {
    actor: opts.actor,
    clock,
    cases: new CaseStore(clock),
    jobs: new JobRegistry(),
    host: opts.host ?? 'cli',
    ...(opts.sqliteBinding ? { sqliteBinding: opts.sqliteBinding } : {}),
    ...(opts.recent ? { recent: opts.recent } : {}),
    ...(opts.defaultCaseDir ? { defaultCaseDir: opts.defaultCaseDir } : {}),
  };
}
