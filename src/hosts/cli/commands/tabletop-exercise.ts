// `cairn tabletop run | control | status`: a tabletop exercise from a terminal. `run` generates
// the incident and starts the clock; the clock keeps going without any process (it is worked out
// from the exercise's log), so `status` and `control` can be run from anywhere, any time.
import { callOp } from '../../../api';
import { CairnError } from '../../../shared/errors';
import { TABLETOP_SCENARIOS } from '../../../shared/ops/tabletop';
import {
  EXERCISE_ACTIONS,
  type ExerciseAction,
  type ExerciseCreated,
  type ExerciseView,
} from '../../../shared/ops/tabletop-exercise';
import { formatInZone } from '../../../shared/time';
import { optInt, optString } from '../args';
import type { Command, CommandRun } from '../command';

const utc = (iso: string): string =>
  formatInZone(Date.parse(iso), 'UTC').replace(/ \+00:00$/, ' UTC');
const hhmm = (iso: string): string => iso.slice(11, 19);

function optSpeed(values: CommandRun['values']): number | undefined {
  const s = optString(values, 'speed');
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!/^\d+(\.\d+)?$/.test(s) || !Number.isFinite(n)) {
    throw new CairnError('INVALID_INPUT', `--speed: "${s}" is not a number (1 is real time)`);
  }
  return n;
}

function containAfter(v: string | undefined): number | null {
  if (v === undefined || v === 'never') return null;
  if (!/^\d+$/.test(v)) {
    throw new CairnError(
      'INVALID_INPUT',
      `--contain-after: "${v}" is not a whole number of minutes or "never"`,
    );
  }
  return Number(v);
}

/** The exercise for people: the clock, then what a role may see. */
export function formatExercise(v: ExerciseView): string {
  const c = v.clock;
  const lines: string[] = [];
  const state = c.state === 'running' ? `running ×${c.speed}` : c.state;
  if (v.role === 'facilitator') lines.push(`${v.title} (${v.scenario}, seed ${v.seed})`);
  lines.push(
    `  ${state}: simulated time ${utc(c.simNow)}${c.atEnd ? ' (end of the generated logs)' : ''}`,
  );
  if (v.role === 'facilitator') {
    const r = v.released;
    lines.push(
      `  logs released: ${r.files} of ${r.total} files${r.nextAt ? `, next delivered at ${utc(r.nextAt)}` : ''}`,
    );
    lines.push(`  participants ingest: ${v.releasedDir}`);
    lines.push('  injects:');
    for (const i of v.schedule) {
      const mark = i.status === 'released' ? 'released' : 'pending ';
      lines.push(
        `    ${mark} ${hhmm(i.releasedAt ?? i.simTime)}  [${i.id}] ${i.source}: ${i.title}`,
      );
    }
    for (const i of v.injects.filter((x) => x.id.startsWith('custom-'))) {
      lines.push(`    released ${hhmm(i.simTime)}  [${i.id}] ${i.source}: ${i.title}`);
    }
    lines.push(`  truth: ${v.truthPath} (keep it from the players)`);
  } else {
    lines.push(`  logs released: ${v.released.files} files in ${v.releasedDir}`);
    lines.push(`  ingest them with: cairn ingest CASE ${v.releasedDir}`);
    lines.push(v.injects.length ? '  injects, newest first:' : '  no injects yet');
    for (const i of v.injects) {
      lines.push(`    ${utc(i.simTime)}  ${i.source}: ${i.title}`, `      ${i.text}`);
    }
  }
  return lines.join('\n');
}

export const tabletopRun: Command = {
  path: ['tabletop', 'run'],
  usage:
    'cairn tabletop run DIR --scenario leaked-key|public-bucket|enumeration --seed N [--speed X] [--events N] [--hours N] [--contain-after MINUTES|never] [--json]',
  summary: 'Create a tabletop exercise in DIR (a new or empty folder) and start its clock',
  details: [
    'Generates the incident into DIR, schedules its injects, and starts the simulated clock at',
    '--speed simulated seconds per second (1 is real time, 60 a minute a second). Participants',
    'link their case to DIR in the app, or ingest DIR/released as it fills up. By default the logs',
    'never show a containment: the team contains (--contain-after puts one in the logs).',
  ].join('\n'),
  options: {
    scenario: { type: 'string' },
    seed: { type: 'string' },
    speed: { type: 'string' },
    events: { type: 'string' },
    hours: { type: 'string' },
    'contain-after': { type: 'string' },
  },
  positionals: ['DIR'],
  minPositionals: 1,
  fieldNames: { scenario: '--scenario', seed: '--seed', speed: '--speed', events: '--events' },
  async run({ positionals, values, ctx }) {
    const dir = positionals[0]!;
    const scenario = optString(values, 'scenario');
    if (scenario === undefined) throw new CairnError('INVALID_INPUT', '--scenario is required');
    if (!(TABLETOP_SCENARIOS as readonly string[]).includes(scenario)) {
      throw new CairnError(
        'INVALID_INPUT',
        `--scenario: "${scenario}" is not one of ${TABLETOP_SCENARIOS.join(', ')}`,
      );
    }
    const seed = optInt(values, 'seed');
    if (seed === undefined) throw new CairnError('INVALID_INPUT', '--seed is required');
    const job = await callOp(
      'tabletop.exerciseCreate',
      {
        dir,
        scenario,
        seed,
        events: optInt(values, 'events'),
        hours: optInt(values, 'hours'),
        speed: optSpeed(values),
        containAfterMinutes: containAfter(optString(values, 'contain-after')),
      },
      ctx,
    );
    const final = await ctx.jobs.wait(job.id);
    if (final.status === 'failed' || !final.result) {
      throw new CairnError(
        (final.error?.code as CairnError['code'] | undefined) ?? 'INTERNAL',
        final.error?.message ?? 'creating the exercise failed',
        final.error?.hint,
      );
    }
    const created = final.result as ExerciseCreated;
    const status = await callOp('tabletop.exerciseControl', { dir, action: 'start' }, ctx);
    const human = [
      `Exercise created in ${created.dir} and started.`,
      formatExercise(status),
      `Control it with: cairn tabletop control ${created.dir} pause|resume|advance --minutes N|speed --speed X|inject --id ID|inject --text T|end`,
    ].join('\n');
    return { json: { created, status }, human };
  },
};

export const tabletopControl: Command = {
  path: ['tabletop', 'control'],
  usage:
    'cairn tabletop control DIR start|pause|resume|advance --minutes N|speed --speed X|inject (--id ID | --text T [--title T])|end [--json]',
  summary: 'Facilitator: start, pause, resume, advance, speed up or end an exercise, or inject now',
  options: {
    minutes: { type: 'string' },
    speed: { type: 'string' },
    id: { type: 'string' },
    text: { type: 'string' },
    title: { type: 'string' },
  },
  positionals: ['DIR', 'ACTION'],
  minPositionals: 2,
  fieldNames: {
    minutes: '--minutes',
    speed: '--speed',
    'inject.id': '--id',
    'inject.text': '--text',
    'inject.title': '--title',
    inject: '--id or --text',
  },
  async run({ positionals, values, ctx }) {
    const [dir, action] = positionals as [string, string];
    if (!(EXERCISE_ACTIONS as readonly string[]).includes(action)) {
      throw new CairnError(
        'INVALID_INPUT',
        `ACTION: "${action}" is not one of ${EXERCISE_ACTIONS.join(', ')}`,
      );
    }
    const id = optString(values, 'id');
    const text = optString(values, 'text');
    const title = optString(values, 'title');
    const inject =
      id !== undefined || text !== undefined || title !== undefined
        ? {
            ...(id !== undefined ? { id } : {}),
            ...(text !== undefined ? { text } : {}),
            ...(title !== undefined ? { title } : {}),
          }
        : undefined;
    const status = await callOp(
      'tabletop.exerciseControl',
      {
        dir,
        action: action as ExerciseAction,
        minutes: optInt(values, 'minutes'),
        speed: optSpeed(values),
        ...(inject ? { inject } : {}),
      },
      ctx,
    );
    return { json: status, human: formatExercise(status) };
  },
};

export const tabletopStatus: Command = {
  path: ['tabletop', 'status'],
  usage: 'cairn tabletop status DIR [--participant] [--json]',
  summary:
    'An exercise now: the simulated clock, injects and released logs (--participant: only what players see)',
  options: { participant: { type: 'boolean' } },
  positionals: ['DIR'],
  minPositionals: 1,
  async run({ positionals, values, ctx }) {
    const status = await callOp(
      'tabletop.exerciseStatus',
      {
        dir: positionals[0]!,
        role: values['participant'] === true ? 'participant' : 'facilitator',
      },
      ctx,
    );
    return { json: status, human: formatExercise(status) };
  },
};

export const TABLETOP_EXERCISE_COMMANDS: readonly Command[] = [
  tabletopRun,
  tabletopControl,
  tabletopStatus,
];
