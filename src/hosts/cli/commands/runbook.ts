// `cairn runbook list|start|status|plan|do`: run a runbook from the terminal, one step at a time.
// Each step acts on the step the run stands at and prints where the run goes next.
import { callOp } from '../../../api';
import type { ApiContext } from '../../../api/context';
import { CairnError } from '../../../shared/errors';
import { optInt, optString, optStrings } from '../args';
import type { Command, CommandRun } from '../command';
import { AWS_OPTIONS, awsOf, pairs, requestOf } from './runbook-args';
import { runText } from './runbook-format';

/** The run a command means: --run, else the case's newest active run. */
async function runIdOf(
  ctx: ApiContext,
  path: string,
  values: CommandRun['values'],
): Promise<number> {
  const given = optInt(values, 'run');
  if (given !== undefined) return given;
  const { runs } = await callOp('runbook.runs', { path }, ctx);
  const active = runs.filter((r) => r.status === 'active');
  const pick = active[active.length - 1] ?? runs[runs.length - 1];
  if (!pick)
    throw new CairnError(
      'NOT_FOUND',
      `${path}: no runbook has been started in this case`,
      'cairn runbook list; cairn runbook start FILE RUNBOOK',
    );
  return pick.runId;
}

export const runbookList: Command = {
  path: ['runbook', 'list'],
  usage: 'cairn runbook list [--json]',
  summary: 'The runbooks Cairn can run',
  options: {},
  positionals: [],
  minPositionals: 0,
  async run({ ctx }) {
    const r = await callOp('runbook.list', {}, ctx);
    const human = r.runbooks
      .map((b) =>
        [
          `${b.id} (v${b.version}): ${b.title}`,
          `  ${b.summary}`,
          ...(b.startFacts.length
            ? [
                `  start with: ${b.startFacts.map((f) => `--fact ${f.id}=…${f.required ? '' : ' (optional)'}`).join(' ')}`,
              ]
            : []),
        ].join('\n'),
      )
      .join('\n\n');
    return { json: r, human };
  },
};

export const runbookStart: Command = {
  path: ['runbook', 'start'],
  usage: 'cairn runbook start FILE RUNBOOK [--fact NAME=VALUE]… [--json]',
  summary: 'Start a runbook for the case',
  details:
    'The facts a runbook asks for at the start are listed by `cairn runbook list`; times are ISO-8601 with a zone.',
  options: { fact: { type: 'string', multiple: true } },
  positionals: ['FILE', 'RUNBOOK'],
  minPositionals: 2,
  fieldNames: { path: 'FILE', runbook: 'RUNBOOK', facts: '--fact' },
  async run({ positionals, values, ctx }) {
    const [path, runbook] = positionals as [string, string];
    const { runbooks } = await callOp('runbook.list', {}, ctx);
    const fields = runbooks.find((b) => b.id === runbook)?.startFacts ?? [];
    const s = await callOp(
      'runbook.start',
      { path, runbook, facts: pairs(optStrings(values, 'fact'), '--fact', fields) },
      ctx,
    );
    return { json: s, human: runText(s, path) };
  },
};

export const runbookStatus: Command = {
  path: ['runbook', 'status'],
  usage: 'cairn runbook status FILE [--run N] [--all] [--json]',
  summary: 'Where a run stands, what to do now and what Cairn suggests',
  options: { run: { type: 'string' }, all: { type: 'boolean' } },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', runId: '--run' },
  async run({ positionals, values, ctx }) {
    const path = positionals[0]!;
    if (values['all'] === true) {
      const r = await callOp('runbook.runs', { path }, ctx);
      const human = r.runs.length
        ? r.runs
            .map(
              (x) =>
                `#${x.runId}  ${x.status.padEnd(6)}  ${x.title} v${x.version}  at "${x.stepTitle}"  (started ${x.startedAt} by ${x.startedBy})`,
            )
            .join('\n')
        : 'No runbook has been started in this case.';
      return { json: r, human };
    }
    const s = await callOp(
      'runbook.status',
      { path, runId: await runIdOf(ctx, path, values) },
      ctx,
    );
    return { json: s, human: runText(s, path) };
  },
};

export const runbookPlan: Command = {
  path: ['runbook', 'plan'],
  usage:
    'cairn runbook plan FILE [--run N] [--param NAME=VALUE]… [--profile P] [--region R] [--endpoint URL] [--json]',
  summary: 'The exact AWS calls the current action step will make, and the command to run by hand',
  options: { run: { type: 'string' }, param: { type: 'string', multiple: true }, ...AWS_OPTIONS },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', runId: '--run', params: '--param' },
  async run({ positionals, values, ctx }) {
    const path = positionals[0]!;
    const r = await callOp(
      'runbook.plan',
      {
        path,
        runId: await runIdOf(ctx, path, values),
        params: pairs(optStrings(values, 'param'), '--param', []),
        aws: awsOf(values),
      },
      ctx,
    );
    const p = r.plan as {
      title: string;
      why: string;
      lookups: { cli: string }[];
      changes: { operation: string; input: unknown; cli: string }[];
      checks: { cli: string; expect: string }[];
      manualCommand: string;
      breaks: string[];
      undo: { summary: string; cli: string[] };
      notes: string[];
    };
    const human = [
      `${p.title}`,
      `  Why: ${p.why}`,
      ...(p.lookups.length ? ['  First, read-only:', ...p.lookups.map((l) => `    ${l.cli}`)] : []),
      '  The change:',
      ...p.changes.map((c) => `    ${c.operation} ${JSON.stringify(c.input)}`),
      '  By hand:',
      ...p.manualCommand.split('\n').map((l) => `    ${l}`),
      '  Then verify:',
      ...p.checks.map((c) => `    ${c.cli}\n      expect: ${c.expect}`),
      ...(p.breaks.length ? ['  What stops working:', ...p.breaks.map((b) => `    - ${b}`)] : []),
      `  Undo: ${p.undo.summary}`,
      ...p.undo.cli.map((c) => `    ${c}`),
      ...p.notes.map((n) => `  note: ${n}`),
    ].join('\n');
    return { json: r, human };
  },
};

export const runbookDo: Command = {
  path: ['runbook', 'do'],
  usage:
    'cairn runbook do FILE complete|skip|input|decide|evidence|act|timer [--run N] [--step ID] [options] [--json]',
  summary: 'Act on the current step of a run',
  details: [
    'complete --check all | --check N…      an instruction step, every checklist item checked',
    'skip --reason TEXT                     any step but a decision; the reason is recorded',
    'input --value NAME=VALUE…              an input step (times: ISO-8601 with a zone; yes/no)',
    'decide --choice OPTION --reason TEXT   a decision, with your rationale',
    'evidence                               run the step’s analyses and record them as findings',
    'act --dry-run | --confirm | --manual --note TEXT [--verify]  [--param NAME=VALUE] [--profile P --region R --endpoint URL]',
    'timer                                  a timer step once it is due',
    '--step names the step you are acting on; the command refuses if the run has moved on.',
  ].join('\n'),
  options: {
    run: { type: 'string' },
    step: { type: 'string' },
    check: { type: 'string', multiple: true },
    reason: { type: 'string' },
    value: { type: 'string', multiple: true },
    choice: { type: 'string' },
    'dry-run': { type: 'boolean' },
    confirm: { type: 'boolean' },
    manual: { type: 'boolean' },
    verify: { type: 'boolean' },
    note: { type: 'string' },
    param: { type: 'string', multiple: true },
    ...AWS_OPTIONS,
  },
  positionals: ['FILE', 'VERB'],
  minPositionals: 2,
  fieldNames: {
    path: 'FILE',
    runId: '--run',
    step: '--step',
    'request.reason': '--reason',
    'request.rationale': '--reason',
    'request.choice': '--choice',
    'request.values': '--value',
    'request.checked': '--check',
    'request.note': '--note',
  },
  async run({ positionals, values, ctx }) {
    const [path, verb] = positionals as [string, string];
    const runId = await runIdOf(ctx, path, values);
    const before = await callOp('runbook.status', { path, runId }, ctx);
    const step = optString(values, 'step') ?? before.step.id;
    const r = await callOp(
      'runbook.step',
      { path, runId, step, request: requestOf(verb, before, values) },
      ctx,
    );
    const outcome = r.outcome as {
      status: string;
      message: string;
      manualCommand?: string;
      undo?: string;
    } | null;
    const head = outcome
      ? [
          // A dry run's message says so itself.
          outcome.status === 'dry-run' ? outcome.message : `${outcome.status}: ${outcome.message}`,
          ...(outcome.manualCommand
            ? ['By hand:', ...outcome.manualCommand.split('\n').map((l) => `  ${l}`)]
            : []),
          ...(outcome.undo ? [`Undo: ${outcome.undo}`] : []),
          '',
        ]
      : [];
    const moved =
      r.status.step.id !== before.step.id
        ? `Done: ${before.step.content.title}`
        : `Recorded at: ${before.step.content.title}`;
    return { json: r, human: [...head, moved, '', runText(r.status, path)].join('\n') };
  },
};

export const RUNBOOK_COMMANDS: readonly Command[] = [
  runbookList,
  runbookStart,
  runbookStatus,
  runbookPlan,
  runbookDo,
];
