// `cairn tabletop generate`: a practice incident as real-looking logs plus its ground truth.
import { callOp } from '../../../api';
import { CairnError } from '../../../shared/errors';
import { TABLETOP_SCENARIOS, type TabletopSummary } from '../../../shared/ops/tabletop';
import { optInt, optString } from '../args';
import type { Command, CommandIO } from '../command';

function required(value: string | undefined, flag: string): string {
  if (value === undefined) throw new CairnError('INVALID_INPUT', `${flag} is required`);
  return value;
}

function containAfter(v: string | undefined): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === 'never') return null;
  if (!/^\d+$/.test(v)) {
    throw new CairnError(
      'INVALID_INPUT',
      `--contain-after: "${v}" is not a whole number of minutes or "never"`,
    );
  }
  return Number(v);
}

function progressLine(io: CommandIO): { update(p: unknown): void; done(): void } {
  let shown = false;
  return {
    update(p) {
      if (!io.interactive) return;
      const { records, total, elapsedMs } = p as {
        records: number;
        total: number;
        elapsedMs: number;
      };
      const rate = elapsedMs > 0 ? Math.round((records / elapsedMs) * 1000) : 0;
      io.stderr(
        `\r\x1b[2Kgenerating: ${records.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} records, ${rate.toLocaleString('en-US')}/s`,
      );
      shown = true;
    },
    done() {
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}

export const tabletopGenerate: Command = {
  path: ['tabletop', 'generate'],
  usage:
    'cairn tabletop generate --scenario leaked-key|public-bucket|enumeration --seed N --out DIR [--events N] [--start ISO] [--hours N] [--contain-after MINUTES|never] [--no-persistence] [--no-writes] [--no-data-events] [--json]',
  summary:
    'Generate a practice incident: CloudTrail and S3 access logs that look real, and truth.json with the answers',
  details: [
    'Writes DIR/logs/cloudtrail (a trail tree: AWSLogs/o-…/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz),',
    'DIR/logs/s3-access (server access logs) and DIR/truth.json (the ground truth: keep it from the players).',
    'The same --seed and options give byte-identical output. --events counts CloudTrail records in all',
    '(default 50000); --hours is the length of the window (default 72) from --start (default 2026-03-16T00:00:00Z).',
    '--contain-after: minutes from the first malicious use to containment (default: from the seed), or never.',
    'Ingest the result with: cairn ingest CASE DIR/logs',
  ].join('\n'),
  options: {
    scenario: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    events: { type: 'string' },
    start: { type: 'string' },
    hours: { type: 'string' },
    'contain-after': { type: 'string' },
    'no-persistence': { type: 'boolean' },
    'no-writes': { type: 'boolean' },
    'no-data-events': { type: 'boolean' },
  },
  positionals: [],
  minPositionals: 0,
  fieldNames: {
    scenario: '--scenario',
    seed: '--seed',
    out: '--out',
    events: '--events',
    start: '--start',
    hours: '--hours',
    containAfterMinutes: '--contain-after',
  },
  async run({ values, ctx, io }) {
    const scenario = required(optString(values, 'scenario'), '--scenario');
    if (!(TABLETOP_SCENARIOS as readonly string[]).includes(scenario)) {
      throw new CairnError(
        'INVALID_INPUT',
        `--scenario: "${scenario}" is not one of ${TABLETOP_SCENARIOS.join(', ')}`,
      );
    }
    const seed = optInt(values, 'seed');
    if (seed === undefined) throw new CairnError('INVALID_INPUT', '--seed is required');
    const contain = containAfter(optString(values, 'contain-after'));
    const job = await callOp(
      'tabletop.generate',
      {
        scenario,
        seed,
        out: required(optString(values, 'out'), '--out'),
        events: optInt(values, 'events'),
        start: optString(values, 'start'),
        hours: optInt(values, 'hours'),
        ...(contain !== undefined ? { containAfterMinutes: contain } : {}),
        persistence: values['no-persistence'] !== true,
        writes: values['no-writes'] !== true,
        dataEvents: values['no-data-events'] !== true,
      },
      ctx,
    );
    const bar = progressLine(io);
    const onUpdate = (s: { id: string; progress: unknown }): void => {
      if (s.id === job.id && s.progress) bar.update(s.progress);
    };
    ctx.jobs.on('update', onUpdate);
    const final = await ctx.jobs.wait(job.id);
    ctx.jobs.off('update', onUpdate);
    bar.done();
    if (final.status === 'failed' || !final.result) {
      throw new CairnError(
        (final.error?.code as CairnError['code'] | undefined) ?? 'INTERNAL',
        final.error?.message ?? 'the generation failed',
        final.error?.hint,
      );
    }
    const s = final.result as TabletopSummary;
    const n = (x: number): string => x.toLocaleString('en-US');
    const human = [
      `${s.title} (seed ${s.seed})`,
      `  ${n(s.records)} CloudTrail records (${n(s.incidentRecords)} from the incident) in ${n(s.trailFiles)} files`,
      `  ${n(s.accessLogLines)} S3 access log lines in ${n(s.accessLogFiles)} files`,
      `  window ${s.window.start} to ${s.window.end}`,
      `  logs:  ${s.cloudTrailRoot}`,
      `         ${s.s3AccessLogRoot}`,
      `  truth: ${s.truthPath} (the answers: keep it from the players)`,
      `  done in ${(s.elapsedMs / 1000).toFixed(1)} s (${n(s.recordsPerSecond)} records/s)`,
    ].join('\n');
    return { json: s, human };
  },
};
