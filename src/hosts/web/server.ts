// The browser host: the same handler map as the CLI and Electron, over HTTP+JSON on 127.0.0.1
// only, with a random per-launch token on every API request, server-sent events for progress,
// and the built renderer as static files.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { callOp } from '../../api';
import type { ApiContext } from '../../api/context';
import { isOpName } from '../../shared/contract';
import { ExportResultSchema } from '../../shared/export';
import type { JobState } from '../../shared/domain';
import { CairnError, toErrorShape, type ErrorCode } from '../../shared/errors';
import { serveStatic } from './static';

/** Timeline exports and after-action reports alike: what a download needs, nothing more. */
const DownloadableSchema = ExportResultSchema.pick({ out: true, manifestPath: true, format: true });

const EXPORT_CONTENT_TYPES = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
} as const;

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
    // EventSource cannot send headers, so the progress stream alone takes the token in its URL.
    const isStream = url.pathname === '/api/events' && req.method === 'GET';
    // An export is downloaded by following a link, which cannot send headers either.
    const download =
      req.method === 'GET'
        ? /^\/api\/export\/([0-9a-f-]{36})\/(file|manifest)$/.exec(url.pathname)
        : null;
    const given =
      isStream || download
        ? (url.searchParams.get('token') ?? undefined)
        : typeof header === 'string' && header.startsWith('Bearer ')
          ? header.slice(7)
          : undefined;
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
    if (isStream) {
      streamJobs(req, res);
      return;
    }
    if (download) {
      sendExport(res, download[1]!, download[2] === 'manifest');
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

  /** The file (or manifest) an export job of this session wrote, as a download; nothing else. */
  function sendExport(res: ServerResponse, jobId: string, manifest: boolean): void {
    const job = opts.ctx.jobs.get(jobId);
    const result = job?.kind === 'export' && job.status === 'done' ? job.result : null;
    const parsed = DownloadableSchema.safeParse(result);
    if (!parsed.success) {
      sendJson(res, 404, {
        ok: false,
        error: { code: 'NOT_FOUND', message: `no finished export ${jobId} in this session` },
      });
      return;
    }
    const path = manifest ? parsed.data.manifestPath : parsed.data.out;
    const type = manifest ? 'application/json' : EXPORT_CONTENT_TYPES[parsed.data.format];
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch (err) {
      sendError(
        res,
        new CairnError('NOT_FOUND', `${path} cannot be read: ${(err as Error).message}`),
      );
      return;
    }
    res.writeHead(200, {
      'content-type': type,
      'content-length': body.length,
      // Always a download, never rendered here: an exported page must not run in this origin.
      'content-disposition': `attachment; filename="${basename(path).replace(/["\\\r\n]/g, '_')}"`,
      'content-security-policy': "default-src 'none'",
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  }

  /** Server-sent events: every job update (ingest progress, export done …) as it happens. */
  function streamJobs(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': cairn job stream\n\n');
    const send = (job: JobState): void => {
      res.write(`event: job\ndata: ${JSON.stringify(job)}\n\n`);
    };
    opts.ctx.jobs.on('update', send);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      opts.ctx.jobs.off('update', send);
    });
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
