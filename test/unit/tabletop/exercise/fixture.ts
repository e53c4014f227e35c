// Generated exercises for the tests: made once per test file (in-process generator, small), and
// copied into a fresh folder for each test that changes one.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../../../src/tabletop/generate';
import { createExercise } from '../../../../src/tabletop/exercise/create';
import { TruthSchema, type ScenarioId, type Truth } from '../../../../src/tabletop/truth';
import { fileScopedDir, freshDir } from '../../../helpers/tmp';

export const CREATED_AT = Date.UTC(2026, 10, 29, 8, 0, 0);

export async function makeExercise(
  scenario: ScenarioId,
  opts: { seed?: number; speed?: number; events?: number } = {},
): Promise<string> {
  const dir = join(fileScopedDir('cairn-exercise-'), 'ex');
  await createExercise(
    {
      dir,
      scenario,
      seed: opts.seed ?? 7,
      events: opts.events ?? 1500,
      hours: 24,
      speed: opts.speed ?? 60,
      containAfterMinutes: null,
    },
    { generate, nowMs: CREATED_AT, actor: 'facilitator' },
  );
  return dir;
}

/** A private copy of an exercise folder for one test. */
export function copyExercise(dir: string): string {
  const to = join(freshDir('cairn-exercise-copy-'), 'ex');
  cpSync(dir, to, { recursive: true });
  return to;
}

export function truthOf(dir: string): Truth {
  return TruthSchema.parse(JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')));
}
