// Builds cases through the real API, the way every host does.
import { join } from 'node:path';
import { callOp, createApiContext, type ApiContext } from '../../src/api';
import type { CaseSummary } from '../../src/shared/domain';
import { freshDir } from './tmp';

export function testContext(opts: { nowMs?: number; actor?: string } = {}): ApiContext {
  let now = opts.nowMs ?? Date.UTC(2026, 2, 28, 9, 0, 0);
  // A clock that moves forward 1 s per reading, so recorded times are distinct and known.
  const clock = (): number => (now += 1000);
  return createApiContext({ actor: opts.actor ?? 'test-responder', clock });
}

export async function newCase(
  ctx: ApiContext,
  opts: { dir?: string; title?: string; awareAt?: string; timezone?: string } = {},
): Promise<CaseSummary> {
  const dir = opts.dir ?? freshDir();
  return callOp(
    'case.create',
    {
      path: join(dir, 'case.cairn'),
      title: opts.title ?? 'Leaked access key AKIAEXAMPLE',
      ...(opts.awareAt ? { awareAt: opts.awareAt } : {}),
      timezone: opts.timezone ?? 'UTC',
    },
    ctx,
  );
}
