// The desktop helpers' IPC registration with Electron's ipcMain and dialog replaced by stand-ins:
// each native dialog is registered on its channel, only Cairn's own page can open one, and the
// save dialog for an export starts at the suggested path with a matching file type.
import type {
  BrowserWindow,
  IpcMainInvokeEvent,
  OpenDialogOptions,
  SaveDialogOptions,
} from 'electron';
import { describe, expect, it } from 'vitest';
import { DESKTOP_CHANNELS } from '../../../electron/channels';
import {
  registerDesktopHelpers,
  saveFilters,
  type DesktopDialog,
  type DesktopIpc,
} from '../../../electron/desktop';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<string | null>;

function event(url: string, parent: unknown = null): IpcMainInvokeEvent {
  return { senderFrame: { url, parent } } as unknown as IpcMainInvokeEvent;
}

const APP = event('app://cairn/index.html?case=%2Fcases%2Fa.cairn');
const WINDOW = { id: 1 } as unknown as BrowserWindow;

/** A dialog that records what it was asked and answers with the next scripted reply. */
function fakeDialog(replies: { canceled: boolean; path?: string }[]) {
  const calls: { kind: 'open' | 'save'; window: unknown; options: unknown }[] = [];
  const next = () => replies.shift() ?? { canceled: true };
  const dialog = {
    showOpenDialog: (a: unknown, b?: unknown) => {
      calls.push({ kind: 'open', window: b ? a : null, options: b ?? a });
      const r = next();
      return Promise.resolve({ canceled: r.canceled, filePaths: r.path ? [r.path] : [] });
    },
    showSaveDialog: (a: unknown, b?: unknown) => {
      calls.push({ kind: 'save', window: b ? a : null, options: b ?? a });
      const r = next();
      return Promise.resolve({ canceled: r.canceled, ...(r.path ? { filePath: r.path } : {}) });
    },
  } as unknown as DesktopDialog;
  return { dialog, calls };
}

function setup(
  replies: { canceled: boolean; path?: string }[],
  win: BrowserWindow | null = WINDOW,
) {
  const handlers = new Map<string, Listener>();
  const ipc: DesktopIpc = { handle: (c, l) => void handlers.set(c, l) };
  const { dialog, calls } = fakeDialog(replies);
  registerDesktopHelpers(ipc, dialog, { win: () => win, documents: '/home/r/Documents' });
  return { handlers, calls };
}

describe('desktop helpers over IPC', () => {
  it('registers the three dialogs on their channels', () => {
    const { handlers } = setup([]);
    expect([...handlers.keys()].sort()).toEqual(
      [
        DESKTOP_CHANNELS.pickCaseFile,
        DESKTOP_CHANNELS.pickNewCaseFile,
        DESKTOP_CHANNELS.pickSavePath,
      ].sort(),
    );
    expect(DESKTOP_CHANNELS.pickSavePath).toBe('cairn:desktop:pickSavePath');
  });

  it('opens a save dialog at the suggested export path, over the window, and returns the choice', async () => {
    const { handlers, calls } = setup([{ canceled: false, path: '/home/r/out/acme.pdf' }]);
    const pick = handlers.get(DESKTOP_CHANNELS.pickSavePath)!;
    await expect(pick(APP, '/cases/exports/acme-20260327T200000Z.pdf')).resolves.toBe(
      '/home/r/out/acme.pdf',
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]!.kind).toBe('save');
    expect(calls[0]!.window).toBe(WINDOW);
    const options = calls[0]!.options as SaveDialogOptions;
    expect(options.defaultPath).toBe('/cases/exports/acme-20260327T200000Z.pdf');
    expect(options.filters).toEqual([
      { name: 'PDF document', extensions: ['pdf'] },
      { name: 'All files', extensions: ['*'] },
    ]);
    expect(options.properties).toContain('showOverwriteConfirmation');
  });

  it('returns null when the responder cancels', async () => {
    const { handlers } = setup([{ canceled: true }]);
    await expect(
      handlers.get(DESKTOP_CHANNELS.pickSavePath)!(APP, '/cases/x.csv'),
    ).resolves.toBeNull();
  });

  it('starts in Documents for a bare or missing name, never elsewhere', async () => {
    const { handlers, calls } = setup([], null);
    const pick = handlers.get(DESKTOP_CHANNELS.pickSavePath)!;
    await pick(APP, '../../etc/timeline.html');
    await pick(APP, 42);
    await pick(APP, '');
    const paths = calls.map((c) => (c.options as SaveDialogOptions).defaultPath);
    expect(paths).toEqual([
      '/home/r/Documents/timeline.html',
      '/home/r/Documents/cairn-export',
      '/home/r/Documents/cairn-export',
    ]);
    // No window (e.g. while it is being created): an application-wide dialog.
    expect(calls.every((c) => c.window === null)).toBe(true);
  });

  it('refuses every other sender without opening a dialog', async () => {
    const { handlers, calls } = setup([{ canceled: false, path: '/tmp/stolen' }]);
    for (const bad of [
      event('https://evil.example/'),
      event('file:///tmp/x.html'),
      event('app://cairn/index.html', {}),
    ]) {
      for (const channel of handlers.keys()) {
        await expect(handlers.get(channel)!(bad, '/tmp/x.pdf')).resolves.toBeNull();
      }
    }
    expect(calls).toHaveLength(0);
  });

  it('keeps opening and naming case files as before', async () => {
    const { handlers, calls } = setup([
      { canceled: false, path: '/cases/a.cairn' },
      { canceled: false, path: '/home/r/Documents/new.cairn' },
    ]);
    await expect(handlers.get(DESKTOP_CHANNELS.pickCaseFile)!(APP)).resolves.toBe('/cases/a.cairn');
    await expect(handlers.get(DESKTOP_CHANNELS.pickNewCaseFile)!(APP, 'new.cairn')).resolves.toBe(
      '/home/r/Documents/new.cairn',
    );
    expect((calls[0]!.options as OpenDialogOptions).filters).toEqual([
      { name: 'Cairn case', extensions: ['cairn'] },
    ]);
    expect((calls[1]!.options as SaveDialogOptions).defaultPath).toBe(
      '/home/r/Documents/new.cairn',
    );
  });
});

describe('save dialog file types', () => {
  it('offers the export format first, then all files', () => {
    expect(saveFilters('/x/t.CSV')[0]).toEqual({ name: 'CSV spreadsheet', extensions: ['csv'] });
    expect(saveFilters('/x/t.html')[0]?.extensions).toEqual(['html']);
    expect(saveFilters('/x/t.json')[0]?.extensions).toEqual(['json']);
    expect(saveFilters('/x/t')).toEqual([{ name: 'All files', extensions: ['*'] }]);
    expect(saveFilters('/x/t.exe')).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });
});
