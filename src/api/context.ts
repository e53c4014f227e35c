import type { Clock } from '../casefile/writer';
import { CaseStore } from './case-store';

/** What every handler gets from its host: who is acting, what time it is, and open cases. */
export interface ApiContext {
  actor: string;
  clock: Clock;
  cases: CaseStore;
}

export function createApiContext(opts: { actor: string; clock?: Clock }): ApiContext {
  const clock = opts.clock ?? Date.now;
  return { actor: opts.actor, clock, cases: new CaseStore(clock) };
}
