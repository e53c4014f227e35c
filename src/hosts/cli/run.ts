import { main } from './main';

/** Runs the CLI against the real process: argv, stdout/stderr, exit code. */
export async function runCli(): Promise<void> {
  const code = await main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    interactive: process.stderr.isTTY === true,
    env: process.env,
  });
  process.exitCode = code;
}
