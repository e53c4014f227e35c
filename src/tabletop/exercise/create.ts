// Making an exercise: the generator writes the incident into the (new or empty) folder, then the
// inject schedule is derived from its truth and exercise.json is written last, so a folder with
// exercise.json is always a complete exercise.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CairnError } from '../../shared/errors';
import type { ExerciseCreated } from '../../shared/ops/tabletop-exercise';
import type { GenerateOptions, GenerateSummary } from '../generate';
import type { ScenarioId } from '../truth';
import { scheduleInjects, simStartFor } from './injects';
import { listLogFiles } from './release';
import { RELEASED_DIR, type ExerciseFile } from './schema';
import { createLog, readTruth, writeExercise } from './store';

export interface CreateExerciseOptions {
  dir: string;
  scenario: ScenarioId;
  seed: number;
  events?: number | undefined;
  hours?: number | undefined;
  speed: number;
  containAfterMinutes: number | null;
}

/** Refuses a file or a folder with anything in it, before any work starts. */
export function checkExerciseDir(dir: string): string {
  const abs = resolve(dir);
  if (existsSync(abs)) {
    if (!statSync(abs).isDirectory()) {
      throw new CairnError('INVALID_INPUT', `dir: ${abs} is a file, not a folder`);
    }
    if (readdirSync(abs).length > 0) {
      throw new CairnError(
        'INVALID_INPUT',
        `dir: ${abs} is not empty`,
        'give a new or empty folder for the exercise',
      );
    }
  }
  return abs;
}

export async function createExercise(
  opts: CreateExerciseOptions,
  deps: {
    /** The generator: in-process, or on a worker thread through a job. */
    generate: (o: Omit<GenerateOptions, 'onProgress'>) => Promise<GenerateSummary>;
    nowMs: number;
    actor: string;
  },
): Promise<ExerciseCreated> {
  const dir = checkExerciseDir(opts.dir);
  const summary = await deps.generate({
    scenario: opts.scenario,
    seed: opts.seed,
    out: dir,
    containAfterMinutes: opts.containAfterMinutes,
    ...(opts.events !== undefined ? { events: opts.events } : {}),
    ...(opts.hours !== undefined ? { hours: opts.hours } : {}),
  });
  const truth = readTruth(dir);
  const injects = scheduleInjects(truth);
  const simStartMs = simStartFor(truth, injects);
  const files = listLogFiles(dir).files;
  // The clock may run until the last file is delivered, which can be after the window's end.
  const simEndMs = Math.max(Date.parse(truth.window.end), files.at(-1)?.deliveredMs ?? 0);
  const exercise: ExerciseFile = {
    format: 'cairn.tabletop.exercise',
    version: 1,
    createdAt: new Date(deps.nowMs).toISOString(),
    createdBy: deps.actor,
    scenario: opts.scenario,
    title: truth.title,
    seed: opts.seed,
    events: truth.parameters.events,
    hours: truth.parameters.hours,
    containAfterMinutes: opts.containAfterMinutes,
    speed: opts.speed,
    simStart: new Date(simStartMs).toISOString(),
    simEnd: new Date(simEndMs).toISOString(),
    injects,
  };
  mkdirSync(join(dir, RELEASED_DIR), { recursive: true });
  createLog(dir);
  writeExercise(dir, exercise);
  return {
    dir,
    scenario: opts.scenario,
    title: truth.title,
    simStart: exercise.simStart,
    simEnd: exercise.simEnd,
    injects: injects.length,
    logFiles: files.length,
    records: summary.records,
  };
}
