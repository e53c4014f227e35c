// Bundles the Electron main process and preload with esbuild. The engine is bundled in; native
// better-sqlite3 and electron itself stay external. The preload must be CommonJS because
// sandboxed preloads cannot load ES modules.
import { build } from 'esbuild';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3'],
};

await build({
  ...common,
  entryPoints: [resolve(root, 'electron/main.ts')],
  outfile: resolve(root, 'build/electron/main.cjs'),
});
await build({
  ...common,
  entryPoints: [resolve(root, 'electron/preload.ts')],
  outfile: resolve(root, 'build/electron/preload.cjs'),
});
console.log('built build/electron/main.cjs and build/electron/preload.cjs');
