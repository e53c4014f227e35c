// `cairn web`: serves the workbench UI and the API to a browser on this machine.
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApiContext } from '../../../api/context';
import { cairnHome, RecentCases } from '../../../api/recent';
import { CairnError } from '../../../shared/errors';
import { startWebHost } from '../../web/server';
import { optInt, optString } from '../args';
import type { Command } from '../command';

export const DEFAULT_STATIC_DIR = resolve(import.meta.dirname, '../../../../build/renderer');

function openBrowser(url: string): void {
  const cmd =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined); // no browser to open: the printed URL is enough
  child.unref();
}

export const web: Command = {
  path: ['web'],
  usage: 'cairn web [--port N] [--open] [--static DIR]',
  summary: 'Serve the workbench to a browser on 127.0.0.1 (prints the URL with its access token)',
  details:
    'The URL carries a token that is new at every launch; every API request must present it. Only this machine can connect.',
  options: {
    port: { type: 'string' },
    open: { type: 'boolean' },
    static: { type: 'string' },
  },
  positionals: [],
  minPositionals: 0,
  async run({ values, ctx, io }) {
    const port = optInt(values, 'port') ?? 0;
    if (port > 65535) throw new CairnError('INVALID_INPUT', `--port: ${port} is not a TCP port`);
    const webCtx = createApiContext({
      actor: ctx.actor,
      host: 'web',
      recent: new RecentCases(cairnHome(io.env)),
      defaultCaseDir: io.env['CAIRN_CASE_DIR'] ?? join(homedir(), 'Cairn'),
    });
    const host = await startWebHost({
      ctx: webCtx,
      port,
      staticDir: optString(values, 'static') ?? DEFAULT_STATIC_DIR,
    });
    io.stdout(
      `Cairn is serving the workbench on this machine only.\nOpen: ${host.launchUrl}\nPress Ctrl+C to stop.\n`,
    );
    if (values['open'] === true) openBrowser(host.launchUrl);
    await new Promise<void>((done) => {
      const stop = (): void => done();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    webCtx.cases.closeAll();
    return { json: { stopped: true, url: host.url }, human: 'Stopped.' };
  },
};
