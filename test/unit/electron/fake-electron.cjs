// A stand-in for the electron module, for loading the built main bundle under plain Node.
// It records what the main process registers and creates, and prints it as JSON on exit.
const Module = require('node:module');
const record = {
  schemes: [],
  protocols: [],
  channels: [],
  windows: [],
  loaded: [],
  menu: null,
  permissionsDenied: false,
  navigationLocked: 0,
};
let ready;
const whenReady = new Promise((r) => (ready = r));
class BrowserWindow {
  constructor(options) {
    record.windows.push(options);
    this.webContents = {};
  }
  once() {}
  on() {}
  show() {}
  loadURL(url) {
    record.loaded.push(url);
    return Promise.resolve();
  }
}
const electron = {
  app: {
    getPath: (name) => `${process.env.FAKE_ELECTRON_HOME}/${name}`,
    whenReady: () => whenReady,
    on: (name, fn) => {
      if (name === 'web-contents-created') {
        fn(
          {},
          {
            on: () => record.navigationLocked++,
            setWindowOpenHandler: () => record.navigationLocked++,
          },
        );
      }
    },
    addRecentDocument() {},
    quit() {},
  },
  protocol: {
    registerSchemesAsPrivileged: (s) => record.schemes.push(...s.map((x) => x.scheme)),
    handle: (scheme) => record.protocols.push(scheme),
  },
  ipcMain: { handle: (channel) => record.channels.push(channel) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => (record.permissionsDenied = true),
      setPermissionCheckHandler() {},
    },
  },
  Menu: {
    buildFromTemplate: (t) => t.map((m) => m.label ?? m.role),
    setApplicationMenu: (m) => (record.menu = m),
  },
  BrowserWindow,
  dialog: {},
};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'electron') return electron;
  return load.call(this, request, ...rest);
};
require(process.argv[2]);
ready();
setTimeout(() => {
  process.stdout.write(JSON.stringify(record));
  process.exit(0);
}, 50);
