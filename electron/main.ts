// The Electron main process: one hardened window showing the built renderer from app://cairn,
// every engine operation registered on IPC, native dialogs and a menu. Everything else is the
// same engine and UI the browser host serves.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  type MenuItemConstructorOptions,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { createApiContext } from '../src/api/context';
import { RecentCases } from '../src/api/recent';
import { setSqliteNativeBinding } from '../src/casefile/sqlite';
import { CONTENT_SECURITY_POLICY } from '../src/hosts/web/static';
import { registerBundledWorker } from '../src/workers/spawn';
import { DESKTOP_CHANNELS } from './channels';
import { registerDesktopHelpers } from './desktop';
import { APP_ORIGIN, registerOperations } from './ipc';
import { denyPermissions, lockNavigation, windowOptions } from './window';

const RENDERER_DIR = join(__dirname, '..', 'renderer');
const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

// `npm start` builds better-sqlite3 for Electron's ABI beside node_modules (which keeps the
// Node build for the CLI and tests); a packaged app has it rebuilt in place.
if (process.env['CAIRN_SQLITE_BINDING'])
  setSqliteNativeBinding(process.env['CAIRN_SQLITE_BINDING']);

// Long work runs on worker threads built beside this file (see scripts/build-electron.js).
registerBundledWorker('ingest', join(__dirname, 'ingest-worker.cjs'));
registerBundledWorker('ingest-parse', join(__dirname, 'parse-worker.cjs'));
registerBundledWorker('tabletop', join(__dirname, 'tabletop-worker.cjs'));

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const ctx = createApiContext({
  actor: process.env['CAIRN_ACTOR'] ?? safeUserName(),
  host: 'electron',
  recent: new RecentCases(app.getPath('userData')),
  defaultCaseDir: join(app.getPath('documents'), 'Cairn'),
  ...(process.env['CAIRN_SQLITE_BINDING']
    ? { sqliteBinding: process.env['CAIRN_SQLITE_BINDING'] }
    : {}),
});

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

async function serveApp(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const rel = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '') || 'index.html';
  const file = join(RENDERER_DIR, rel);
  const target = file.startsWith(RENDERER_DIR + sep) ? file : join(RENDERER_DIR, 'index.html');
  try {
    const body = await readFile(target);
    return new Response(body, {
      headers: {
        'content-type': MIME[extname(target)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
      },
    });
  } catch {
    const index = await readFile(join(RENDERER_DIR, 'index.html'));
    return new Response(index, {
      headers: { 'content-type': 'text/html', 'content-security-policy': CONTENT_SECURITY_POLICY },
    });
  }
}

function buildMenu(openCase: (path: string) => void, win: () => BrowserWindow | null): void {
  const recent = ctx.recent?.list().filter((c) => c.exists) ?? [];
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        {
          label: 'Open Case…',
          accelerator: 'CmdOrCtrl+O',
          click: () => {
            const w = win();
            const options = {
              properties: ['openFile' as const],
              filters: [{ name: 'Cairn case', extensions: ['cairn'] }],
            };
            void (w ? dialog.showOpenDialog(w, options) : dialog.showOpenDialog(options)).then(
              (r) => {
                if (!r.canceled && r.filePaths[0]) openCase(r.filePaths[0]);
              },
            );
          },
        },
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((c) => ({
                label: `${c.title} (${c.path})`,
                click: () => openCase(c.path),
              }))
            : [{ label: 'None', enabled: false }],
        },
        {
          label: 'All Cases',
          accelerator: 'CmdOrCtrl+Shift+H',
          click: () => void win()?.loadURL(`${APP_ORIGIN}/index.html`),
        },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

let mainWindow: BrowserWindow | null = null;

function openCase(path: string): void {
  app.addRecentDocument(path);
  void mainWindow?.loadURL(`${APP_ORIGIN}/index.html?case=${encodeURIComponent(path)}`);
}

app.on('web-contents-created', (_event, contents) => lockNavigation(contents));
ctx.jobs.on('update', (job) => mainWindow?.webContents.send(DESKTOP_CHANNELS.job, job));

void app.whenReady().then(() => {
  denyPermissions(session.defaultSession);
  protocol.handle('app', serveApp);
  registerOperations(ipcMain, ctx);
  registerDesktopHelpers(ipcMain, dialog, {
    win: () => mainWindow,
    documents: app.getPath('documents'),
  });
  buildMenu(openCase, () => mainWindow);
  mainWindow = new BrowserWindow(windowOptions(join(__dirname, 'preload.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
});

app.on('window-all-closed', () => {
  ctx.cases.closeAll();
  app.quit();
});
