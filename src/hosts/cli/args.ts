import { CairnError } from '../../shared/errors';
import type { CommandRun } from './command';

/** A string flag's value, or undefined when absent; a repeated flag keeps the last value. */
export function optString(values: CommandRun['values'], name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return optString({ [name]: v[v.length - 1] }, name);
  if (typeof v !== 'string') throw new CairnError('INVALID_INPUT', `--${name} needs a value`);
  return v;
}

/** All values of a repeatable string flag. */
export function optStrings(values: CommandRun['values'], name: string): string[] {
  const v = values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

/** A positive integer flag, with the flag named in the error. */
export function optInt(values: CommandRun['values'], name: string): number | undefined {
  const s = optString(values, name);
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s))
    throw new CairnError('INVALID_INPUT', `--${name}: "${s}" is not a whole number`);
  return Number(s);
}
