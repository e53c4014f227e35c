// The shape of a CLI command. Each command parses its own flags (node:util parseArgs, strict),
// calls the engine through the contract, and returns both a JSON value (printed with --json,
// stable field names) and text for people.
import type { ParseArgsConfig } from 'node:util';
import type { ApiContext } from '../../api/context';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal, so progress bars may be drawn. */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
}

export interface CommandRun {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  ctx: ApiContext;
  io: CommandIO;
  json: boolean;
}

export interface CommandResult {
  json: unknown;
  human: string;
  /** 0 unless the command found something wrong (e.g. verify). */
  exitCode?: number;
}

export interface Command {
  path: readonly string[];
  usage: string;
  summary: string;
  details?: string;
  options: OptionSpec;
  /** Names of positional arguments, for help and arity checks; a trailing "..." is variadic. */
  positionals: readonly string[];
  minPositionals: number;
  /** Contract field name → the flag or argument a user typed, to word errors in CLI terms. */
  fieldNames?: Readonly<Record<string, string>>;
  run(args: CommandRun): Promise<CommandResult>;
}

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  integrity: 3,
} as const;
