// `npm start`: build the UI and the Electron bundles, make sure a better-sqlite3 built for
// Electron's ABI exists (beside node_modules, so the CLI and tests keep the Node build), then
// launch Electron. Electron 42+ downloads its binary on first launch, not at npm install.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  return r.status === 0;
}

function fail(message) {
  console.error(`\ncairn: ${message}`);
  console.error('  The browser host needs no Electron and works offline: npm run web');
  process.exit(1);
}

if (!run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build']))
  fail('building the UI failed');
if (!run(process.execPath, [join(root, 'scripts/build-electron.js')]))
  fail('bundling the Electron main process failed');

const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const nativeDir = join(
  root,
  'build/native',
  `better-sqlite3-electron-${electronVersion}-${process.platform}-${process.arch}`,
);
const binding = join(nativeDir, 'build/Release/better_sqlite3.node');

if (!existsSync(binding)) {
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (once)…`);
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  mkdirSync(nativeDir, { recursive: true });
  for (const part of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    cpSync(join(source, part), join(nativeDir, part), { recursive: true });
  }
  const target = [`--target=${electronVersion}`, `--arch=${process.arch}`];
  const prebuilt = run(
    process.execPath,
    [
      require.resolve('prebuild-install/bin.js'),
      '--runtime=electron',
      ...target,
      `--platform=${process.platform}`,
    ],
    { cwd: nativeDir },
  );
  if (!prebuilt) {
    const nodeGyp =
      process.env.npm_config_node_gyp ??
      join(
        dirname(process.execPath),
        '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
      );
    // Electron's headers, never the local Node's: a machine-wide npm `nodedir` would otherwise
    // produce a module that Electron refuses to load.
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (k.toLowerCase() === 'npm_config_nodedir') delete env[k];
    const built = run(
      process.execPath,
      [
        nodeGyp,
        'rebuild',
        '--release',
        '--runtime=electron',
        ...target,
        '--nodedir=',
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: nativeDir, env },
    );
    if (!built || !existsSync(binding))
      fail('could not get better-sqlite3 for Electron (this needs the internet once)');
  }
}

let electronPath;
try {
  // Resolving the electron package downloads its binary the first time.
  electronPath = require('electron');
} catch (err) {
  fail(
    `could not download Electron ${electronVersion}: ${err instanceof Error ? err.message : String(err)}`,
  );
}

const child = spawn(electronPath, [root, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CAIRN_SQLITE_BINDING: binding },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
