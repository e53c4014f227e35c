// Tabletop exercise operations: create (a job: the generator runs on a worker thread), status
// for a role, and the facilitator's controls. The wall clock is the host's (ctx.clock).
import { runGenerateWorker } from '../../tabletop/job';
import {
  checkExerciseDir,
  controlExercise,
  createExercise,
  exerciseStatus,
} from '../../tabletop/exercise';
import type { Handlers } from './types';

export const tabletopExerciseHandlers: Pick<
  Handlers,
  'tabletop.exerciseCreate' | 'tabletop.exerciseStatus' | 'tabletop.exerciseControl'
> = {
  'tabletop.exerciseCreate': (input, ctx) => {
    const dir = checkExerciseDir(input.dir);
    const nowMs = ctx.clock();
    return ctx.jobs.start('tabletop', dir, nowMs, (progress) =>
      createExercise(
        { ...input, dir },
        {
          generate: (o) => runGenerateWorker(o, progress),
          nowMs,
          actor: ctx.actor,
        },
      ),
    );
  },
  'tabletop.exerciseStatus': (input, ctx) => exerciseStatus(input.dir, input.role, ctx.clock()),
  'tabletop.exerciseControl': (input, ctx) =>
    controlExercise(
      input.dir,
      {
        action: input.action,
        minutes: input.minutes,
        speed: input.speed,
        ...(input.inject ? { inject: input.inject } : {}),
      },
      { nowMs: ctx.clock(), actor: ctx.actor },
    ),
};
