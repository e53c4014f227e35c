// The exercise through its other doors: tabletop.exerciseCreate as a job (the generator on a
// worker thread) and the `cairn tabletop run | control | status` commands.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callOp } from '../../../../src/api';
import { CairnError } from '../../../../src/shared/errors';
import {
  ExerciseCreatedSchema,
  ExerciseViewSchema,
} from '../../../../src/shared/ops/tabletop-exercise';
import { newCase, testContext } from '../../../helpers/case';
import { copyExercise, makeExercise } from './fixture';
import { cli, cliJson } from '../../../helpers/cli';
import { freshDir } from '../../../helpers/tmp';

describe('tabletop.exerciseCreate', () => {
  it('generates the incident as a job and leaves a ready exercise', async () => {
    const ctx = testContext({ actor: 'fran' });
    const dir = join(freshDir(), 'drill');
    const job = await callOp(
      'tabletop.exerciseCreate',
      { dir, scenario: 'public-bucket', seed: 5, events: 800, hours: 12, speed: 30 },
      ctx,
    );
    expect(job).toMatchObject({ kind: 'tabletop', status: 'running', casePath: dir });
    const done = await ctx.jobs.wait(job.id);
    expect(done.error).toBeNull();
    const created = ExerciseCreatedSchema.parse(done.result);
    expect(created).toMatchObject({ dir, scenario: 'public-bucket', records: 800 });
    expect(readdirSync(dir).sort()).toEqual(
      ['exercise-log.ndjson', 'exercise.json', 'logs', 'released', 'truth.json'].sort(),
    );
    expect(readFileSync(join(dir, 'exercise-log.ndjson'), 'utf8')).toBe('');
    expect(readdirSync(join(dir, 'released'))).toEqual([]);
    const status = await callOp('tabletop.exerciseStatus', { dir, role: 'facilitator' }, ctx);
    expect(status.role === 'facilitator' && status.createdBy).toBe('fran');
    expect(status.clock).toMatchObject({ state: 'ready', speed: 30 });
    expect(status.released.files).toBe(0);
  }, 60_000);

  it('refuses a folder with files in it before starting a job', async () => {
    const ctx = testContext();
    const dir = freshDir();
    writeFileSync(join(dir, 'notes.txt'), 'x');
    let err: unknown;
    try {
      await callOp('tabletop.exerciseCreate', { dir, scenario: 'leaked-key', seed: 1 }, ctx);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CairnError);
    expect((err as CairnError).message).toBe(`dir: ${dir} is not empty`);
    expect(ctx.jobs.list()).toEqual([]);
  });
});

describe('cairn tabletop run, control and status', () => {
  it('creates and starts an exercise, then pauses, advances and ends it', async () => {
    const dir = join(freshDir(), 'drill');
    const run = await cliJson<{ created: unknown; status: unknown }>([
      'tabletop',
      'run',
      dir,
      '--scenario',
      'leaked-key',
      '--seed',
      '3',
      '--events',
      '800',
      '--hours',
      '12',
      '--speed',
      '60',
    ]);
    expect(ExerciseCreatedSchema.parse(run.created).dir).toBe(dir);
    const started = ExerciseViewSchema.parse(run.status);
    expect(started.clock.state).toBe('running');

    const paused = ExerciseViewSchema.parse(await cliJson(['tabletop', 'control', dir, 'pause']));
    expect(paused.clock.state).toBe('paused');
    const advanced = ExerciseViewSchema.parse(
      await cliJson(['tabletop', 'control', dir, 'advance', '--minutes', '20']),
    );
    expect(Date.parse(advanced.clock.simNow) - Date.parse(paused.clock.simNow)).toBe(20 * 60_000);
    expect(advanced.injects.length).toBeGreaterThan(0); // the first inject is 10 min in

    const custom = await cli(['tabletop', 'control', dir, 'inject', '--text', 'Press is calling']);
    expect(custom.code).toBe(0);
    expect(custom.stdout).toContain('Facilitator: Message from the facilitator');

    const seen = await cli(['tabletop', 'status', dir, '--participant']);
    expect(seen.code).toBe(0);
    expect(seen.stdout).toContain('Press is calling');
    expect(seen.stdout).toContain(`cairn ingest CASE ${join(dir, 'released')}`);
    expect(seen.stdout).not.toContain('truth');

    const ended = ExerciseViewSchema.parse(await cliJson(['tabletop', 'control', dir, 'end']));
    expect(ended.clock.state).toBe('ended');
    const log = readFileSync(join(dir, 'exercise-log.ndjson'), 'utf8').trim().split('\n');
    expect(log.map((l) => (JSON.parse(l) as { action: string }).action)).toEqual([
      'start',
      'pause',
      'advance',
      'inject',
      'end',
    ]);
  }, 60_000);

  it('words mistakes in CLI terms: a missing flag is a usage error, a wrong state a failure', async () => {
    const dir = join(freshDir(), 'drill');
    expect(
      (
        await cli([
          'tabletop',
          'run',
          dir,
          '--scenario',
          'enumeration',
          '--seed',
          '2',
          '--events',
          '500',
          '--hours',
          '12',
        ])
      ).code,
    ).toBe(0);
    const noMinutes = await cli(['tabletop', 'control', dir, 'advance']);
    expect(noMinutes.code).toBe(2);
    expect(noMinutes.stderr).toContain('--minutes: required to advance');
    const resume = await cli(['tabletop', 'control', dir, 'resume']);
    expect(resume.code).toBe(1);
    expect(resume.stderr).toContain(
      'cannot resume: the exercise is not paused (it is running); resume only continues a paused exercise',
    );
    const bad = await cli(['tabletop', 'control', dir, 'rewind']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ACTION: "rewind" is not one of start, pause, resume');
    expect(existsSync(join(dir, 'exercise.json'))).toBe(true);
  }, 60_000);
});

describe('cairn tabletop score --exercise', () => {
  it('scores against the exercise’s truth on the exercise’s clock, once it has started', async () => {
    const ctx = testContext({ actor: 'fran' });
    const dir = copyExercise(await makeExercise('leaked-key', { events: 600 }));
    const team = await newCase(ctx, { title: 'Team blue' });

    const early = await cli(['tabletop', 'score', team.path, '--exercise', dir]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`--exercise: ${dir} has not been started`);

    await callOp('tabletop.exerciseControl', { dir, action: 'start' }, ctx);
    const view = await callOp('tabletop.exerciseStatus', { dir, role: 'facilitator' }, ctx);
    const clock = view.role === 'facilitator' ? view.exerciseClock : null;
    expect(clock).not.toBeNull();
    const byFlag = await cliJson<object>([
      'tabletop',
      'score',
      team.path,
      '--exercise',
      dir,
      '--json',
    ]);
    const byOp = await callOp(
      'tabletop.score',
      { path: team.path, truth: join(dir, 'truth.json'), exerciseClock: clock! },
      ctx,
    );
    expect({ ...byFlag, scoredAt: null }).toEqual({
      ...JSON.parse(JSON.stringify(byOp)),
      scoredAt: null,
    });
  }, 60_000);
});
