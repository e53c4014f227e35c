// `cairn runbook list|start|status|plan|do`: run a runbook from the terminal, one step at a time.
// Each step acts on the step the run stands at and prints where the run goes next.
import { callOp } from '../../../api';
import type { ApiContext } from '../../../api/context';
import { CairnError } from '../../../shared/errors';
import type { StepRequestInput } from '../../../shared/ops/runbook';
import type { FactValue, FieldSpec, RunStatus } from '../../../shared/runbook';
import { optInt, optString, optStrings } from '../args';
import type { Command, CommandRun } from '../command';
import { runText } from './runbook-format';

/** `k=v` pairs, typed by the fields they fill (yes/no, numbers); unknown keys stay text. */
function pairs(items: string[], flag: string, fields: FieldSpec[]): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new CairnError('INVALID_INPUT', `${flag}: "${item}" is not NAME=VALUE`);
    const key = item.slice(0, eq).trim();
    const text = item.slice(eq + 1).trim();
    const kind = fields.find((f) => f.id === key)?.kind;
    if (kind === 'boolean') {
      const t = text.toLowerCase();
      if (!['yes', 'no', 'true', 'false', 'y', 'n'].includes(t))
        throw new CairnError('INVALID_INPUT', `${flag} ${key}: "${text}" is not yes or no`);
      out[key] = ['yes', 'true', 'y'].includes(t);
    } else if (kind === 'number') {
      if (!/^-?\d+(\.\d+)?$/.test(text))
        throw new CairnError('INVALID_INPUT', `${flag} ${key}: "${text}" is not a number`);
      out[key] = Number(text);
    } else {
      out[key] = text;
    }
  }
  return out;
}

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

const AWS_OPTIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
} as const;

function awsOf(values: CommandRun['values']): {
  profile?: string;
  region?: string;
  endpoint?: string;
} {
  const profile = optString(values, 'profile');
  const region = optString(values, 'region');
  const endpoint = optString(values, 'endpoint');
  return {
    ...(profile ? { profile } : {}),
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
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

const VERBS = ['complete', 'skip', 'input', 'decide', 'evidence', 'act', 'timer'] as const;

function requestOf(verb: string, s: RunStatus, values: CommandRun['values']): StepRequestInput {
  const c = s.step.content;
  switch (verb) {
    case 'complete': {
      const checks = optStrings(values, 'check');
      const all = c.kind === 'instruction' ? c.checklist.map((_, i) => i) : [];
      const checked = checks.includes('all')
        ? all
        : checks.map((x) => {
            if (!/^\d+$/.test(x))
              throw new CairnError(
                'INVALID_INPUT',
                `--check: "${x}" is not a checklist item number (or "all")`,
              );
            return Number(x);
          });
      return { kind: 'complete', checked };
    }
    case 'skip':
      return { kind: 'skip', reason: optString(values, 'reason') ?? '' };
    case 'input':
      return {
        kind: 'input',
        values: pairs(optStrings(values, 'value'), '--value', c.kind === 'input' ? c.fields : []),
      };
    case 'decide':
      return {
        kind: 'decide',
        choice: optString(values, 'choice') ?? '',
        rationale: optString(values, 'reason') ?? '',
      };
    case 'evidence':
      return { kind: 'evidence' };
    case 'timer':
      return { kind: 'timer' };
    case 'act': {
      const modes = [
        values['dry-run'] === true && 'dry-run',
        values['confirm'] === true && 'execute',
        values['manual'] === true && 'confirm-manual',
      ].filter((m): m is 'dry-run' | 'execute' | 'confirm-manual' => Boolean(m));
      if (modes.length !== 1)
        throw new CairnError(
          'INVALID_INPUT',
          'act: give exactly one of --dry-run, --confirm (Cairn makes the change) or --manual (you did it by hand)',
          `see the calls first: cairn runbook plan FILE --run ${s.runId}`,
        );
      const note = optString(values, 'note');
      return {
        kind: 'act',
        mode: modes[0]!,
        confirm: values['confirm'] === true,
        params: pairs(optStrings(values, 'param'), '--param', []),
        aws: awsOf(values),
        verify: values['verify'] === true,
        ...(note !== undefined ? { note } : {}),
      };
    }
    default:
      throw new CairnError(
        'INVALID_INPUT',
        `"${verb}" is not something to do at a step`,
        `one of: ${VERBS.join(', ')}`,
      );
  }
}

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
          `${outcome.status}: ${outcome.message}`,
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
