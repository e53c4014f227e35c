// The main process's IPC registration with Electron replaced by stand-ins: every operation is
// registered, callers other than our own top-level app page are refused, and input is parsed
// with the operation's zod schema before anything runs.
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { createApiContext } from '../../../src/api/context';
import { OP_NAMES } from '../../../src/shared/contract';
import { opChannel } from '../../../electron/channels';
import { registerOperations, type IpcReply } from '../../../electron/ipc';
import { denyPermissions, lockNavigation, windowOptions } from '../../../electron/window';
import { freshDir } from '../../helpers/tmp';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcReply>;

function fakeIpc(): { handlers: Map<string, Listener>; handle: (c: string, l: Listener) => void } {
  const handlers = new Map<string, Listener>();
  return { handlers, handle: (c, l) => void handlers.set(c, l) };
}

function event(url: string, parent: unknown = null): IpcMainInvokeEvent {
  return { senderFrame: { url, parent } } as unknown as IpcMainInvokeEvent;
}

describe('IPC registration', () => {
  const ctx = createApiContext({ actor: 'desk', host: 'electron' });

  it('registers one handler per contract operation', () => {
    const ipc = fakeIpc();
    registerOperations(ipc, ctx);
    expect([...ipc.handlers.keys()].sort()).toEqual(OP_NAMES.map(opChannel).sort());
  });

  it('answers the app page and refuses any other sender', async () => {
    const ipc = fakeIpc();
    registerOperations(ipc, ctx);
    const info = ipc.handlers.get(opChannel('app.info'))!;
    await expect(info(event('app://cairn/index.html'), {})).resolves.toMatchObject({
      ok: true,
      result: { host: 'electron', actor: 'desk' },
    });
    for (const bad of [
      event('https://evil.example/'),
      event('file:///tmp/x.html'),
      event('app://cairn/index.html', {}),
    ]) {
      await expect(info(bad, {})).resolves.toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/refused app.info/) as unknown },
      });
    }
  });

  it('rejects input that fails the operation’s schema, naming the field', async () => {
    const ipc = fakeIpc();
    registerOperations(ipc, ctx);
    const create = ipc.handlers.get(opChannel('case.create'))!;
    const dir = freshDir();
    await expect(
      create(event('app://cairn/'), { path: join(dir, 'c.cairn'), title: 42 }),
    ).resolves.toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^case\.create: title: /) as unknown,
      },
    });
    await expect(create(event('app://cairn/'), 'not an object')).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

describe('window hardening', () => {
  it('isolates and sandboxes the page', () => {
    expect(windowOptions('/x/preload.cjs').webPreferences).toMatchObject({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('denies every permission request', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyPermissions({
      setPermissionRequestHandler: (h: unknown) => (request = h as typeof request),
      setPermissionCheckHandler: (h: unknown) => (check = h as typeof check),
    });
    let granted: boolean | undefined;
    request?.({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(check?.()).toBe(false);
  });

  it('blocks navigation away from the app and every new window', () => {
    const listeners = new Map<string, (e: { preventDefault: () => void }, url: string) => void>();
    let openHandler: (() => { action: string }) | undefined;
    lockNavigation({
      on: (name: string, l: (e: { preventDefault: () => void }, url: string) => void) =>
        listeners.set(name, l),
      setWindowOpenHandler: (h: () => { action: string }) => (openHandler = h),
    } as never);
    const prevented: string[] = [];
    for (const url of ['https://evil.example/', 'app://cairn/index.html?case=x']) {
      listeners.get('will-navigate')?.({ preventDefault: () => prevented.push(url) }, url);
    }
    expect(prevented).toEqual(['https://evil.example/']);
    expect(openHandler?.()).toEqual({ action: 'deny' });
  });
});
