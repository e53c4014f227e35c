// The browser host's HTTP boundary: token on every API call, this machine only, input parsed
// against the contract, errors as JSON with a status that matches, and no file outside the UI.
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiContext, type ApiContext } from '../../src/api/context';
import { RecentCases } from '../../src/api/recent';
import { startWebHost, type WebHost } from '../../src/hosts/web/server';
import { freshDir } from '../helpers/tmp';
import { writeFileSync } from 'node:fs';

let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start(
  ctx = createApiContext({ actor: 'web-test', host: 'web', recent: new RecentCases(freshDir()) }),
): Promise<WebHost> {
  const staticDir = freshDir();
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Cairn</title>');
  host = await startWebHost({ ctx, staticDir });
  return host;
}

/** Lets the jobs registry settle a job started in the same tick. */
async function finished(ctx: ApiContext, id: string): Promise<void> {
  for (let i = 0; i < 100 && ctx.jobs.get(id)?.status === 'running'; i++)
    await new Promise((r) => setImmediate(r));
}

function post(
  h: WebHost,
  op: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${h.url}api/op/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${h.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A raw request, so the Host header can be forged (fetch will not allow it). */
function rawGet(h: WebHost, path: string, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: h.port, path, headers: { host: hostHeader } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 only and hands out a launch URL with the token in the fragment', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(h.launchUrl).toBe(`${h.url}#token=${h.token}`);
    expect(h.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('runs an operation for a caller with the token', async () => {
    const h = await start();
    const path = join(freshDir(), 'w.cairn');
    const res = await post(h, 'case.create', { path, title: 'From the browser' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      result: { path, title: 'From the browser' },
    });
    const recent = (await (await post(h, 'app.recentCases', {})).json()) as {
      result: { cases: { path: string }[] };
    };
    expect(recent.result.cases.map((c) => c.path)).toEqual([path]);
  });

  it('refuses a missing or wrong token, a foreign Origin and a forged Host', async () => {
    const h = await start();
    expect((await post(h, 'app.info', {}, { authorization: '' })).status).toBe(401);
    expect(
      (await post(h, 'app.info', {}, { authorization: `Bearer ${'0'.repeat(48)}` })).status,
    ).toBe(401);
    expect((await post(h, 'app.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect(await rawGet(h, '/', 'evil.example')).toBe(421);
    expect(await rawGet(h, '/', `localhost:${h.port}`)).toBe(200);
  });

  it('answers bad input with the field named, as JSON with a matching status', async () => {
    const h = await start();
    const bad = await post(h, 'case.create', { path: join(freshDir(), 'x.cairn') });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'case.create: title: required' },
    });
    const missing = await post(h, 'case.info', { path: join(freshDir(), 'none.cairn') });
    expect(missing.status).toBe(404);
    expect((await post(h, 'case.info', '{not json')).status).toBe(400);
    expect((await post(h, 'no.such.op', {})).status).toBe(404);
  });

  it('serves the UI with a strict CSP and never a file outside it', async () => {
    const h = await start();
    const res = await fetch(h.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await (await fetch(`${h.url}..%2f..%2f..%2fetc%2fpasswd`)).text()).toContain(
      '<title>Cairn</title>',
    );
    expect(await (await fetch(`${h.url}assets/../../package.json`)).text()).toContain(
      '<title>Cairn</title>',
    );
  });

  it('hands out a finished after-action report as a download, like a timeline export', async () => {
    const ctx = createApiContext({
      actor: 'web-test',
      host: 'web',
      recent: new RecentCases(freshDir()),
    });
    const h = await start(ctx);
    const dir = freshDir();
    const out = join(dir, 'after-action.html');
    writeFileSync(out, '<!doctype html><title>After action</title>');
    writeFileSync(`${out}.manifest.json`, '{"sha256":"x"}');
    // The shape tabletop.report's job returns: no timeline entries or evidence rows, a score.
    const report = ctx.jobs.start('export', join(dir, 'team.cairn'), Date.now(), () =>
      Promise.resolve({
        out,
        manifestPath: `${out}.manifest.json`,
        format: 'html',
        sha256: 'x',
        size: 42,
        manifestSha256: 'y',
        redacted: true,
        redactions: 0,
        overall: 73,
        auditSeq: 9,
      }),
    );
    const ingest = ctx.jobs.start('ingest', join(dir, 'team.cairn'), Date.now(), () =>
      Promise.resolve({ out }),
    );
    await finished(ctx, report.id);
    await finished(ctx, ingest.id);

    const file = await fetch(`${h.url}api/export/${report.id}/file?token=${h.token}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(
      'attachment; filename="after-action.html"',
    );
    expect(await file.text()).toContain('After action');
    const manifest = await fetch(`${h.url}api/export/${report.id}/manifest?token=${h.token}`);
    expect(await manifest.json()).toEqual({ sha256: 'x' });
    // Only export jobs, and only with the token.
    expect((await fetch(`${h.url}api/export/${ingest.id}/file?token=${h.token}`)).status).toBe(404);
    expect((await fetch(`${h.url}api/export/${report.id}/file`)).status).toBe(401);
  });
});
