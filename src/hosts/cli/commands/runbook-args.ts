// How `cairn runbook` spells a step request on the command line: NAME=VALUE pairs typed by the
// fields they fill, the AWS target flags, and one verb per kind of step.
import { CairnError } from '../../../shared/errors';
import type { StepRequestInput } from '../../../shared/ops/runbook';
import type { FactValue, FieldSpec, RunStatus } from '../../../shared/runbook';
import { optString, optStrings } from '../args';
import type { CommandRun } from '../command';

/** `k=v` pairs, typed by the fields they fill (yes/no, numbers); unknown keys stay text. */
export function pairs(
  items: string[],
  flag: string,
  fields: FieldSpec[],
): Record<string, FactValue> {
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

export const AWS_OPTIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
} as const;

export function awsOf(values: CommandRun['values']): {
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

export const VERBS = ['complete', 'skip', 'input', 'decide', 'evidence', 'act', 'timer'] as const;

export function requestOf(
  verb: string,
  s: RunStatus,
  values: CommandRun['values'],
): StepRequestInput {
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
