// An exercise through the API with a wall clock the test moves: what each role sees, what the
// facilitator may do when, and how damaged files are reported.
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { callOp, createApiContext, type ApiContext } from '../../../../src/api';
import { CairnError } from '../../../../src/shared/errors';
import type {
  ExerciseView,
  FacilitatorView,
  ParticipantView,
} from '../../../../src/shared/ops/tabletop-exercise';
import { ExerciseClockInputSchema } from '../../../../src/shared/ops/tabletop-score';
import { CREATED_AT, copyExercise, makeExercise, truthOf } from './fixture';

let base: string;
beforeAll(async () => {
  base = await makeExercise('leaked-key', { seed: 7, speed: 60 });
}, 60_000);

/** An API context whose wall clock only moves when the test says so. */
function clocked(): ApiContext & { tick: (seconds: number) => void } {
  let now = CREATED_AT + 60_000;
  const ctx = createApiContext({ actor: 'fran', clock: () => now });
  return Object.assign(ctx, { tick: (s: number) => void (now += s * 1000) });
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CairnError) return `${err.code}: ${err.message}`;
    throw err;
  }
  throw new Error('expected the call to fail');
}

const participant = async (dir: string, ctx: ApiContext): Promise<ParticipantView> =>
  (await callOp('tabletop.exerciseStatus', { dir, role: 'participant' }, ctx)) as ParticipantView;
const facilitator = async (dir: string, ctx: ApiContext): Promise<FacilitatorView> =>
  (await callOp('tabletop.exerciseStatus', { dir, role: 'facilitator' }, ctx)) as FacilitatorView;
const control = (dir: string, ctx: ApiContext, input: Record<string, unknown>) =>
  callOp('tabletop.exerciseControl', { dir, ...input }, ctx) as Promise<FacilitatorView>;

/** Everything in the truth a participant must not learn from the exercise itself. */
function secrets(dir: string): string[] {
  const t = truthOf(dir);
  return [
    'truth.json',
    t.title,
    ...t.story,
    ...t.attacker.eventIds,
    ...t.attacker.s3RequestIds,
    ...t.attacker.userAgents,
    ...t.credentials.createdPrincipals.map((p) => p.userName),
    ...t.credentials.derived.map((d) => d.accessKeyId),
    t.keyMoments.exposureStart.description,
  ];
}

function expectNoLeak(view: ExerciseView, dir: string, pendingTexts: string[]): void {
  const json = JSON.stringify(view);
  for (const s of [...secrets(dir), ...pendingTexts]) expect(json).not.toContain(s);
  expect(Object.keys(view).sort()).toEqual(
    ['clock', 'dir', 'injects', 'released', 'releasedDir', 'role', 'wallNow'].sort(),
  );
}

describe('what participants see', () => {
  it('sees nothing of the truth or of future injects, at any point of the exercise', async () => {
    const dir = copyExercise(base);
    const ctx = clocked();
    const schedule = (await facilitator(dir, ctx)).schedule;
    const pendingTexts = async () =>
      (await facilitator(dir, ctx)).schedule
        .filter((i) => i.status === 'pending')
        .flatMap((i) => [i.text, i.title, i.id]);

    const ready = await participant(dir, ctx);
    expect(ready.injects).toEqual([]);
    expect(ready.released.files).toBe(0);
    expectNoLeak(ready, dir, await pendingTexts());

    await control(dir, ctx, { action: 'start' });
    ctx.tick(5); // 5 min simulated: still before the first inject
    const started = await participant(dir, ctx);
    expect(started.injects).toEqual([]);
    expect(started.released.files).toBeGreaterThan(0);
    expectNoLeak(started, dir, await pendingTexts());

    await control(dir, ctx, { action: 'advance', minutes: 15 });
    const first = await participant(dir, ctx);
    expect(first.injects.map((i) => i.id)).toEqual([schedule[0]!.id]);
    expect(first.injects[0]).toMatchObject({
      simTime: schedule[0]!.simTime,
      by: 'schedule',
      text: schedule[0]!.text,
    });
    expectNoLeak(first, dir, await pendingTexts());

    await control(dir, ctx, { action: 'end' });
    const ended = await participant(dir, ctx);
    expect(ended.clock.state).toBe('ended');
    expectNoLeak(ended, dir, await pendingTexts());
  });

  it('lists released injects newest first with their simulated times', async () => {
    const dir = copyExercise(base);
    const ctx = clocked();
    await control(dir, ctx, { action: 'start' });
    await control(dir, ctx, { action: 'advance', minutes: 45 });
    const f = await facilitator(dir, ctx);
    const released = f.schedule.filter((i) => i.status === 'released');
    expect(released.length).toBeGreaterThanOrEqual(2);
    const p = await participant(dir, ctx);
    expect(p.injects.map((i) => i.id)).toEqual(released.map((i) => i.id).reverse());
  });
});

describe('what the facilitator sees', () => {
  it('has the schedule, the release counts, the truth and the log', async () => {
    const dir = copyExercise(base);
    const ctx = clocked();
    const truth = truthOf(dir);
    await control(dir, ctx, { action: 'start' });
    ctx.tick(30); // 30 simulated minutes at ×60
    const f = await facilitator(dir, ctx);
    expect(f.clock).toMatchObject({ state: 'running', speed: 60 });
    expect(Date.parse(f.clock.simNow) - Date.parse(f.clock.simStart)).toBe(30 * 60_000);
    expect(f.truth.leakedKeys).toEqual([truth.credentials.leaked[0]!.accessKeyId]);
    expect(f.truth.story).toEqual(truth.story);
    expect(f.released.files).toBe(
      readdirSync(join(dir, 'released'), { recursive: true }).filter((n) =>
        /(\.json\.gz|-[0-9A-F]{16})$/.test(String(n)),
      ).length,
    );
    expect(f.released.total).toBeGreaterThan(f.released.files);
    expect(f.log).toEqual([
      expect.objectContaining({
        line: 1,
        action: 'start',
        actor: 'fran',
        simTime: f.clock.simStart,
      }),
    ]);
    const due = f.schedule.filter((i) => Date.parse(i.simTime) <= Date.parse(f.clock.simNow));
    expect(f.schedule.filter((i) => i.status === 'released')).toEqual(
      due.map((i) => ({ ...i, releasedAt: i.simTime, by: 'schedule' })),
    );
  });
  it('gives the wall-to-simulated clock mapping that scoring takes', async () => {
    const dir = copyExercise(base);
    const ctx = clocked();
    expect((await facilitator(dir, ctx)).exerciseClock).toBeNull();
    const t0 = ctx.clock();
    await control(dir, ctx, { action: 'start' });
    ctx.tick(10);
    await control(dir, ctx, { action: 'pause' });
    ctx.tick(5);
    await control(dir, ctx, { action: 'resume' });
    await control(dir, ctx, { action: 'advance', minutes: 15 });
    const f = await facilitator(dir, ctx);
    const s = Date.parse(f.clock.simStart);
    // 10 s at ×60 = 600 s; paused 5 s; then the 15-minute jump at the same wall instant.
    expect(ExerciseClockInputSchema.parse(f.exerciseClock)).toEqual({
      startedAtWallMs: t0,
      simStartMs: s,
      speed: 60,
      segments: [
        { wallFromMs: t0, simFromMs: s, rate: 60 },
        { wallFromMs: t0 + 10_000, simFromMs: s + 600_000, rate: 0 },
        { wallFromMs: t0 + 15_000, simFromMs: s + 600_000, rate: 60 },
        { wallFromMs: t0 + 15_000, simFromMs: s + 1_500_000, rate: 60 },
      ],
    });
  });
});

describe('facilitator controls', () => {
  it('refuses what the state does not allow, saying why', async () => {
    const dir = copyExercise(base);
    const ctx = clocked();
    expect(await failure(control(dir, ctx, { action: 'pause' }))).toBe(
      'CONFLICT: cannot pause: the exercise is not running (it is ready)',
    );
    expect(await failure(control(dir, ctx, { action: 'advance', minutes: 5 }))).toBe(
      'CONFLICT: cannot advance: the exercise has not started yet: start it first',
    );
    await control(dir, ctx, { action: 'start' });
    expect(await failure(control(dir, ctx, { action: 'resume' }))).toBe(
      'CONFLICT: cannot resume: the exercise is not paused (it is running); resume only continues a paused exercise',
    );
    expect(await failure(control(dir, ctx, { action: 'start' }))).toBe(
      'CONFLICT: cannot start: the exercise has already started (it is running)',
    );
    expect(await failure(control(dir, ctx, { action: 'advance' }))).toBe(
      'INVALID_INPUT: minutes: required to advance',
    );
    expect(await failure(control(dir, ctx, { action: 'speed', speed: 0.5 }))).toBe(
      'INVALID_INPUT: tabletop.exerciseControl: speed: at least 1 (real time)',
    );
    await control(dir, ctx, { action: 'end' });
    expect(await failure(control(dir, ctx, { action: 'resume' }))).toBe(
      'CONFLICT: cannot resume: the exercise has ended; nothing more can change',
    );
    // Refused actions leave no trace in the log.
    expect(readFileSync(join(dir, 'exercise-log.ndjson'), 'utf8').trim().split('\n')).toHaveLength(
      2,
    );
  });

  it('releases a scheduled inject now, once, at the current simulated time', async () => {
    const dir = copyExercise(base);
    const ctx = clocked();
    await control(dir, ctx, { action: 'start' });
    ctx.tick(2); // 2 simulated minutes in
    const last = (await facilitator(dir, ctx)).schedule.at(-1)!;
    const f = await control(dir, ctx, { action: 'inject', inject: { id: last.id } });
    const row = f.schedule.find((i) => i.id === last.id)!;
    expect(row).toMatchObject({
      status: 'released',
      by: 'facilitator',
      releasedAt: f.clock.simNow,
    });
    expect(Date.parse(f.clock.simNow) - Date.parse(f.clock.simStart)).toBe(2 * 60_000);
    expect((await participant(dir, ctx)).injects.map((i) => i.id)).toEqual([last.id]);
    expect(await failure(control(dir, ctx, { action: 'inject', inject: { id: last.id } }))).toBe(
      `CONFLICT: inject "${last.id}" has already been released`,
    );
    expect(await failure(control(dir, ctx, { action: 'inject', inject: { id: 'nope' } }))).toBe(
      'INVALID_INPUT: inject.id: "nope" is not in the schedule',
    );
  });

  it('sends a custom inject to the participants', async () => {
    const dir = copyExercise(base);
    const ctx = clocked();
    await control(dir, ctx, { action: 'start' });
    ctx.tick(1);
    await control(dir, ctx, {
      action: 'inject',
      inject: { title: 'The CEO calls', text: 'Are we on the news tomorrow?' },
    });
    const p = await participant(dir, ctx);
    expect(p.injects).toEqual([
      {
        id: 'custom-2',
        source: 'Facilitator',
        title: 'The CEO calls',
        text: 'Are we on the news tomorrow?',
        simTime: new Date(Date.parse(p.clock.simStart) + 60_000).toISOString(),
        by: 'facilitator',
      },
    ]);
  });
});

describe('exercise files', () => {
  it('names the log file and line of a damaged entry', async () => {
    const dir = copyExercise(base);
    const ctx = clocked();
    const log = join(dir, 'exercise-log.ndjson');
    await control(dir, ctx, { action: 'start' });
    const started = readFileSync(log, 'utf8');
    appendFileSync(
      log,
      '{"at":"2026-11-29T08:01:00.000Z","actor":"x","action":"advance","minutes":-3}\n',
    );
    expect(await failure(participant(dir, ctx))).toBe(
      `INVALID_INPUT: ${log} line 2: minutes: Too small: expected number to be >=1`,
    );
    writeFileSync(log, `${started}not json\n`);
    expect(await failure(participant(dir, ctx))).toBe(
      `INVALID_INPUT: ${log} line 2: not a JSON object`,
    );
    writeFileSync(
      log,
      `${started}{"at":"2026-11-29T08:01:00.000Z","actor":"x","action":"start"}\n`,
    );
    expect(await failure(participant(dir, ctx))).toBe(
      `INVALID_INPUT: ${log} line 2: start cannot follow here: the exercise has already started (it is running)`,
    );
  });

  it('names exercise.json and the field that is wrong', async () => {
    const dir = copyExercise(base);
    const path = join(dir, 'exercise.json');
    const ex = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...ex, speed: 0 }));
    expect(await failure(participant(dir, clocked()))).toBe(
      `INVALID_INPUT: ${path}: speed: at least 1 (real time)`,
    );
  });

  it('says so when a folder is not an exercise', async () => {
    const dir = copyExercise(base);
    expect(await failure(participant(join(dir, 'logs'), clocked()))).toBe(
      `NOT_FOUND: ${join(dir, 'logs', 'exercise.json')}: not found`,
    );
  });
});
