// `cairn tabletop score` and `cairn tabletop report`: a team's case scored against the scenario's
// truth.json, and the after-action report written from it.
import { join } from 'node:path';
import { callOp } from '../../../api';
import { CairnError } from '../../../shared/errors';
import { TRUTH_FILE } from '../../../tabletop/exercise/schema';
import type {
  ExerciseClockInput,
  ScoreMetric,
  TabletopReportResult,
  TabletopScore,
} from '../../../shared/ops/tabletop-score';
import { optString } from '../args';
import type { Command, CommandRun } from '../command';

/**
 * The truth to score against and, with --exercise, the exercise's clock: what the team did is
 * recorded in wall time and is placed on the incident's simulated clock through it.
 */
async function scoringFlags(
  values: CommandRun['values'],
  ctx: CommandRun['ctx'],
): Promise<{ truth: string; exerciseClock?: ExerciseClockInput }> {
  const dir = optString(values, 'exercise');
  const truth =
    optString(values, 'truth') ?? (dir === undefined ? undefined : join(dir, TRUTH_FILE));
  if (truth === undefined)
    throw new CairnError(
      'INVALID_INPUT',
      '--truth: required (the truth.json `cairn tabletop generate` wrote), or --exercise DIR',
    );
  if (dir === undefined) return { truth };
  const view = await callOp('tabletop.exerciseStatus', { dir, role: 'facilitator' }, ctx);
  if (view.role !== 'facilitator' || view.exerciseClock === null)
    throw new CairnError(
      'CONFLICT',
      `--exercise: ${dir} has not been started, so nothing the team did is on its clock`,
      'start it with `cairn tabletop control DIR start`, or score with --truth alone',
    );
  return { truth, exerciseClock: view.exerciseClock };
}

function shown(m: ScoreMetric): string {
  if (m.value === null) return '—';
  switch (m.unit) {
    case 'minutes':
      return `${m.value} min`;
    case 'ratio':
      return m.value.toFixed(2);
    case 'count':
      return m.target === null ? String(m.value) : `${m.value} of ${m.target}`;
    case 'percent':
      return `${m.value}%`;
  }
}

function describeScore(s: TabletopScore): string {
  const rows = s.metrics.map((m) => [
    m.title,
    shown(m),
    m.applicable ? `${m.score}` : 'n/a',
    m.applicable ? `${s.overall.weights.find((w) => w.metric === m.id)?.weight ?? 0}%` : '-',
  ]);
  const head = ['Metric', 'Value', 'Score', 'Weight'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
  return [
    `${s.scenarioTitle} (seed ${s.seed})`,
    `Case: ${s.case.title} (${s.case.path})`,
    '',
    line(head),
    ...rows.map(line),
    '',
    `Overall score: ${s.overall.score} / 100`,
    '',
    ...s.metrics.map((m) => `${m.title}: ${m.explanation}`),
  ].join('\n');
}

export const tabletopScore: Command = {
  path: ['tabletop', 'score'],
  usage: 'cairn tabletop score FILE (--truth DIR/truth.json | --exercise DIR) [--json]',
  summary:
    'Score a team’s case against the scenario’s truth.json: containment time, exposure window, attacker addresses, lineage, deadlines, steps and decisions',
  details: [
    'Each metric has a value, its target, a score from 0 to 100 and the evidence behind it (finding and',
    'timeline entry numbers). The overall score is their weighted mean: containment 25, exposure window 20,',
    'attacker addresses 15, lineage 15, deadlines 15, steps and decisions 10 (metrics the scenario gives',
    'nothing to measure are left out). Work not done scores 0 and says so.',
    'For a case worked in a live exercise, give --exercise DIR: its truth.json is used and the team’s',
    'actions (recorded in wall time) are placed on the incident’s simulated clock.',
  ].join('\n'),
  options: { truth: { type: 'string' }, exercise: { type: 'string' } },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', truth: '--truth', dir: '--exercise' },
  async run({ positionals, values, ctx }) {
    const flags = await scoringFlags(values, ctx);
    const score = await callOp('tabletop.score', { path: positionals[0], ...flags }, ctx);
    return { json: score, human: describeScore(score) };
  },
};

export const tabletopReport: Command = {
  path: ['tabletop', 'report'],
  usage:
    'cairn tabletop report FILE (--truth DIR/truth.json | --exercise DIR) --format pdf|html|csv|json --out PATH [--force] [--json]',
  summary:
    'Write the after-action report of a tabletop (score, metrics, what went well and what to improve, the team’s timeline beside the truth, the runbook steps) with PATH.manifest.json beside it',
  details: [
    'Redacted like every export (session tokens, secret keys, passwords, strings marked with `cairn redact`),',
    'and recorded in the case audit log. --force replaces PATH. --exercise DIR as for `cairn tabletop score`.',
  ].join('\n'),
  options: {
    truth: { type: 'string' },
    exercise: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
  },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: {
    path: 'FILE',
    truth: '--truth',
    dir: '--exercise',
    format: '--format',
    out: '--out',
  },
  async run({ positionals, values, ctx }) {
    const flags = await scoringFlags(values, ctx);
    const format = optString(values, 'format');
    if (format === undefined)
      throw new CairnError('INVALID_INPUT', '--format: required (pdf, html, csv or json)');
    const out = optString(values, 'out');
    if (out === undefined) throw new CairnError('INVALID_INPUT', '--out: required');
    const job = await callOp(
      'tabletop.report',
      { path: positionals[0], ...flags, format, out, overwrite: values['force'] === true },
      ctx,
    );
    const done = await ctx.jobs.wait(job.id);
    if (done.status !== 'done' || !done.result)
      throw new CairnError(
        (done.error?.code as CairnError['code'] | undefined) ?? 'INTERNAL',
        done.error?.message ?? 'the report failed',
        done.error?.hint,
      );
    const r = done.result as TabletopReportResult;
    return {
      json: r,
      human: [
        `Wrote ${r.out} (${r.format}, ${r.size} bytes): overall score ${r.overall} / 100`,
        `  sha256            ${r.sha256}`,
        `  manifest          ${r.manifestPath}`,
        `  manifest sha256   ${r.manifestSha256}`,
        `  redacted          yes (${r.redactions} value(s) removed)`,
        `  recorded in the case's audit log as entry #${r.auditSeq}`,
      ].join('\n'),
    };
  },
};

export const TABLETOP_SCORE_COMMANDS: readonly Command[] = [tabletopScore, tabletopReport];
