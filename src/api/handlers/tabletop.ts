// Tabletop operations: generate a practice incident on a worker thread, as a job.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CairnError } from '../../shared/errors';
import { parseInstant } from '../../shared/time';
import { runGenerateWorker } from '../../tabletop/job';
import type { Handlers } from './types';

/** Refuses a folder that holds files before any work starts (the generator never mixes). */
function checkOut(out: string): string {
  const dir = resolve(out);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) {
      throw new CairnError('INVALID_INPUT', `out: ${dir} is a file, not a folder`);
    }
    if (readdirSync(dir).length > 0) {
      throw new CairnError(
        'INVALID_INPUT',
        `out: ${dir} is not empty`,
        'give a new or empty folder: the generator never mixes its files with others',
      );
    }
  }
  return dir;
}

export const tabletopHandlers: Pick<Handlers, 'tabletop.generate'> = {
  'tabletop.generate': (input, ctx) => {
    const out = checkOut(input.out);
    if (input.start !== undefined) parseInstant(input.start, 'start');
    return ctx.jobs.start('tabletop', out, ctx.clock(), (progress) =>
      runGenerateWorker(
        {
          scenario: input.scenario,
          seed: input.seed,
          out,
          events: input.events,
          hours: input.hours,
          persistence: input.persistence,
          writes: input.writes,
          dataEvents: input.dataEvents,
          ...(input.start !== undefined ? { start: input.start } : {}),
          ...(input.containAfterMinutes !== undefined
            ? { containAfterMinutes: input.containAfterMinutes }
            : {}),
        },
        progress,
      ),
    );
  },
};
