// Host-level operations: what the host is, and the recent-cases list.
import { LATEST_SCHEMA_VERSION } from '../../casefile/migrations';
import { toIso } from '../../shared/time';
import { CAIRN_VERSION } from '../../version';
import type { ApiContext } from '../context';
import type { Handlers } from './types';

/** Remembers a case in the host's recent list, if the host keeps one. */
export function rememberCase(ctx: ApiContext, path: string, title: string): void {
  ctx.recent?.remember({ path, title, openedAt: toIso(ctx.clock()) });
}

export const appHandlers: Pick<Handlers, 'app.info' | 'app.recentCases' | 'app.forgetCase'> = {
  'app.info': (_input, ctx) => ({
    version: CAIRN_VERSION,
    host: ctx.host,
    actor: ctx.actor,
    defaultCaseDir: ctx.defaultCaseDir ?? null,
    schemaVersion: LATEST_SCHEMA_VERSION,
  }),
  'app.recentCases': (_input, ctx) => ({ cases: ctx.recent?.list() ?? [] }),
  'app.forgetCase': (input, ctx) => {
    ctx.recent?.forget(input.path);
    return { cases: ctx.recent?.list() ?? [] };
  },
};
