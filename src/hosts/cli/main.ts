// The `cairn` command line. Output is for people by default and stable JSON with --json; errors
// go to stderr with a non-zero exit: 1 when the operation failed, 2 for a usage mistake, 3 when
// an integrity check found a problem.
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { createApiContext } from '../../api/context';
import { CairnError, toErrorShape, type ErrorShape } from '../../shared/errors';
import { CAIRN_VERSION } from '../../version';
import { EXIT, type Command, type CommandIO, type OptionSpec } from './command';
import { COMMANDS } from './commands';

const GLOBAL_OPTIONS: OptionSpec = {
  json: { type: 'boolean' },
  actor: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

function defaultActor(env: NodeJS.ProcessEnv): string {
  if (env['CAIRN_ACTOR']) return env['CAIRN_ACTOR'];
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  let best: { command: Command; rest: string[] } | null = null;
  for (const command of COMMANDS) {
    const n = command.path.length;
    if (argv.length >= n && command.path.every((p, i) => argv[i] === p)) {
      if (!best || n > best.command.path.length) best = { command, rest: argv.slice(n) };
    }
  }
  return best;
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length));
  return [
    `cairn ${CAIRN_VERSION}: incident-response runbooks and investigation for AWS`,
    '',
    'Usage: cairn COMMAND [ARGS] [--json] [--actor NAME]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Run `cairn COMMAND --help` for its arguments. Times are ISO-8601 with a zone (…Z or ±hh:mm).',
    'Exit codes: 0 ok, 1 failed, 2 usage mistake, 3 integrity problem found.',
  ].join('\n');
}

function commandHelp(c: Command): string {
  return [
    `Usage: ${c.usage}`,
    '',
    c.summary,
    ...(c.details ? ['', c.details] : []),
    '',
    'Global: --json (stable JSON output), --actor NAME (who is acting; default $CAIRN_ACTOR or your user name)',
  ].join('\n');
}

function usageError(message: string, c: Command | null): CairnError {
  return new CairnError(
    'INVALID_INPUT',
    message,
    c ? `usage: ${c.usage}` : 'run `cairn --help` for the commands',
  );
}

/** Rewords "case.create: awareAt: …" as "--aware-at: …" and adds the usage line. */
function inCliTerms(shape: ErrorShape, command: Command): ErrorShape {
  if (shape.code !== 'INVALID_INPUT') return shape;
  const m = /^(?:[a-z]+\.[a-zA-Z]+: )?([A-Za-z0-9_.]+): (.*)$/.exec(shape.message);
  const message =
    m?.[1] && m[2] !== undefined ? `${command.fieldNames?.[m[1]] ?? m[1]}: ${m[2]}` : shape.message;
  return { code: shape.code, message, hint: shape.hint ?? `usage: ${command.usage}` };
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const wantsJson = argv.includes('--json');
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.stdout(overview() + '\n');
    return EXIT.ok;
  }
  if (argv[0] === '--version' || argv[0] === 'version') {
    io.stdout(`${CAIRN_VERSION}\n`);
    return EXIT.ok;
  }
  const found = findCommand(argv);
  const ctx = createApiContext({ actor: defaultActor(io.env) });
  try {
    if (!found) {
      const prefix = COMMANDS.filter((c) => c.path[0] === argv[0]);
      if (prefix.length > 0 && (argv.length === 1 || argv[1]?.startsWith('-'))) {
        io.stdout(prefix.map((c) => `Usage: ${c.usage}\n  ${c.summary}`).join('\n') + '\n');
        return argv.includes('--help') || argv.includes('-h') ? EXIT.ok : EXIT.usage;
      }
      throw usageError(`unknown command: ${argv.slice(0, 2).join(' ')}`, null);
    }
    const { command, rest } = found;
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...GLOBAL_OPTIONS, ...command.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (err) {
      throw usageError((err as Error).message.split('\n')[0] ?? 'bad arguments', command);
    }
    if (parsed.values['help']) {
      io.stdout(commandHelp(command) + '\n');
      return EXIT.ok;
    }
    if (parsed.positionals.length < command.minPositionals) {
      const missing = command.positionals.slice(parsed.positionals.length, command.minPositionals);
      throw usageError(`missing ${missing.join(' ')}`, command);
    }
    const variadic = command.positionals.at(-1)?.endsWith('...');
    if (!variadic && parsed.positionals.length > command.positionals.length) {
      throw usageError(
        `unexpected argument: ${parsed.positionals[command.positionals.length]}`,
        command,
      );
    }
    const actor = parsed.values['actor'];
    if (typeof actor === 'string') ctx.actor = actor;
    const json = parsed.values['json'] === true;
    const result = await command.run({
      positionals: parsed.positionals,
      values: parsed.values,
      ctx,
      io,
      json,
    });
    io.stdout((json ? JSON.stringify(result.json, null, 2) : result.human) + '\n');
    return result.exitCode ?? EXIT.ok;
  } catch (err) {
    const shape = found ? inCliTerms(toErrorShape(err), found.command) : toErrorShape(err);
    if (wantsJson) {
      io.stderr(JSON.stringify({ error: shape }) + '\n');
    } else {
      io.stderr(`cairn: ${shape.message}\n${shape.hint ? `  ${shape.hint}\n` : ''}`);
      if (shape.code === 'INTERNAL' && io.env['CAIRN_DEBUG'] && err instanceof Error)
        io.stderr(`${err.stack}\n`);
    }
    return shape.code === 'INVALID_INPUT'
      ? EXIT.usage
      : shape.code === 'INTEGRITY'
        ? EXIT.integrity
        : EXIT.failed;
  } finally {
    ctx.cases.closeAll();
  }
}
