// The desktop-only helpers the page may ask for: native dialogs to open a case, name a new one,
// and choose where an export is saved. Only Cairn's own page may ask (a refused caller gets null
// and no dialog opens); the page only ever receives the chosen path, and the engine still checks
// it when the operation runs. Kept apart from main.ts so tests can run it with stand-ins.
import type {
  BrowserWindow,
  IpcMainInvokeEvent,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';
import { basename, isAbsolute, join } from 'node:path';
import { DESKTOP_CHANNELS } from './channels';
import { isTrustedSender } from './ipc';

/** The part of ipcMain this module uses. */
export interface DesktopIpc {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<string | null>,
  ): void;
}

/** The part of Electron's dialog module this module uses. */
export interface DesktopDialog {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
}

export interface DesktopOptions {
  win: () => BrowserWindow | null;
  /** Where dialogs start when the page gives no folder (the user's Documents). */
  documents: string;
}

const CASE_FILTER = [{ name: 'Cairn case', extensions: ['cairn'] }];

/** What an export of each format is called in the save dialog's type list. */
const EXPORT_FILTERS: Record<string, string> = {
  pdf: 'PDF document',
  html: 'Web page',
  csv: 'CSV spreadsheet',
  json: 'JSON',
};

/** A suggested file: absolute as given, a bare name goes to Documents, anything else is dropped. */
function startPath(suggested: unknown, fallbackName: string, documents: string): string {
  if (typeof suggested !== 'string' || suggested.trim() === '' || suggested.includes('\0'))
    return join(documents, fallbackName);
  return isAbsolute(suggested) ? suggested : join(documents, basename(suggested));
}

/** Save-dialog filters for the suggested file's extension, then "all files". */
export function saveFilters(path: string): { name: string; extensions: string[] }[] {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  const known = ext ? EXPORT_FILTERS[ext] : undefined;
  return [
    ...(known && ext ? [{ name: known, extensions: [ext] }] : []),
    { name: 'All files', extensions: ['*'] },
  ];
}

export function registerDesktopHelpers(
  ipcMain: DesktopIpc,
  dialog: DesktopDialog,
  opts: DesktopOptions,
): void {
  const open = async (options: OpenDialogOptions): Promise<string | null> => {
    const w = opts.win();
    const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  };
  const save = async (options: SaveDialogOptions): Promise<string | null> => {
    const w = opts.win();
    const r = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
    return r.canceled || !r.filePath ? null : r.filePath;
  };

  ipcMain.handle(DESKTOP_CHANNELS.pickCaseFile, async (event) => {
    if (!isTrustedSender(event)) return null;
    return open({ properties: ['openFile'], filters: CASE_FILTER });
  });

  ipcMain.handle(DESKTOP_CHANNELS.pickNewCaseFile, async (event, suggested: unknown) => {
    if (!isTrustedSender(event)) return null;
    return save({
      defaultPath: join(
        opts.documents,
        typeof suggested === 'string' ? basename(suggested) : 'case.cairn',
      ),
      filters: CASE_FILTER,
    });
  });

  ipcMain.handle(DESKTOP_CHANNELS.pickSavePath, async (event, suggested: unknown) => {
    if (!isTrustedSender(event)) return null;
    const defaultPath = startPath(suggested, 'cairn-export', opts.documents);
    return save({
      title: 'Save the export as',
      defaultPath,
      filters: saveFilters(defaultPath),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });
}
