// The browser host: the same handler map as the CLI and Electron, over HTTP+JSON on 127.0.0.1
// only, with a random per-launch token on every API request, server-sent events for progress,
// and the built renderer as static files.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callOp } from '../../api';
import type { ApiContext } from '../../api/context';
import { isOpName } from '../../shared/contract';
import { CairnError, toErrorShape, type ErrorCode } from '../../shared/errors';
import { serveStatic } from './static';

const MAX_BODY_BYTES = 1024 * 1024;

const STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  CASE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  CASE_EXISTS: 409,
  CONFLICT: 409,
  NOT_SQLITE: 422,
  NOT_A_CASE: 422,
  NEWER_VERSION: 422,
  READ_ONLY: 423,
  LOCKED: 423,
  INTEGRITY: 422,
  IO: 500,
  INTERNAL: 500,
};

export interface WebHost {
  url: string;
  /** The URL a browser opens: carries the token in the fragment, which is never sent to a server. */
  launchUrl: string;
  token: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export interface WebHostOptions {
  ctx: ApiContext;
  port?: number;
  /** Folder of the built renderer (index.html + assets). */
  staticDir: string;
  token?: string;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: unknown): void {
  const shape = toErrorShape(err);
  sendJson(res, STATUS[shape.code], { ok: false, error: shape });
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new CairnError('INVALID_INPUT', 'request body is larger than 1 MiB');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CairnError('INVALID_INPUT', 'request body is not valid JSON');
  }
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  let allowedHosts = new Set<string>();

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      // Refuse other Host names: defeats DNS rebinding from a web page the responder visits.
      if (!allowedHosts.has(req.headers.host ?? '')) {
        sendJson(res, 421, {
          ok: false,
          error: { code: 'INVALID_INPUT', message: 'unexpected Host header' },
        });
        return;
      }
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (url.pathname.startsWith('/api/')) {
        await handleApi(req, res, url);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, {
          ok: false,
          error: { code: 'INVALID_INPUT', message: 'method not allowed' },
        });
        return;
      }
      serveStatic(opts.staticDir, url.pathname, req, res);
    } catch (err) {
      if (!res.headersSent) sendError(res, err);
      else res.end();
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const header = req.headers['authorization'];
    const given =
      typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!sameToken(given, token)) {
      sendJson(res, 401, {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'missing or wrong token' },
      });
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      sendJson(res, 403, {
        ok: false,
        error: { code: 'INVALID_INPUT', message: `origin ${origin} not allowed` },
      });
      return;
    }
    const m = /^\/api\/op\/([a-zA-Z0-9.]+)$/.exec(url.pathname);
    if (!m || req.method !== 'POST') {
      sendJson(res, 404, {
        ok: false,
        error: { code: 'NOT_FOUND', message: `no API route ${req.method} ${url.pathname}` },
      });
      return;
    }
    const name = m[1] ?? '';
    if (!isOpName(name)) {
      sendJson(res, 404, {
        ok: false,
        error: { code: 'NOT_FOUND', message: `no operation named ${name}` },
      });
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'send the input as application/json' },
      });
      return;
    }
    const input = await readBody(req);
    try {
      const result = await callOp(name, input, opts.ctx);
      sendJson(res, 200, { ok: true, result });
    } catch (err) {
      sendError(res, err);
    }
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    launchUrl: `${url}#token=${token}`,
    token,
    port,
    server,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
