// Bundles the Electron main process, the preload and the engine's worker threads with esbuild.
// The engine is bundled in; native better-sqlite3 and electron itself stay external. The preload
// must be CommonJS because sandboxed preloads cannot load ES modules.
import { build } from 'esbuild';
import { cpSync } from 'node:fs';
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
  // The engine is ESM and uses import.meta.url; in a CommonJS bundle it is this file's URL.
  banner: {
    js: "const __cairnImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  define: { 'import.meta.url': '__cairnImportMetaUrl' },
};

const entries = {
  'main.cjs': 'electron/main.ts',
  'preload.cjs': 'electron/preload.ts',
  'ingest-worker.cjs': 'src/sources/ingest/ingest-worker.ts',
  'parse-worker.cjs': 'src/sources/ingest/parse-worker.ts',
  'tabletop-worker.cjs': 'src/tabletop/generate-worker.ts',
};
for (const [out, entry] of Object.entries(entries)) {
  await build({
    ...common,
    entryPoints: [resolve(root, entry)],
    outfile: resolve(root, 'build/electron', out),
  });
}
// PDF export embeds Roboto; the bundle looks for it in fonts/ beside itself (see src/export/pdf.ts).
cpSync(resolve(root, 'node_modules/pdfmake/fonts/Roboto'), resolve(root, 'build/electron/fonts'), {
  recursive: true,
});
console.log(
  `built ${Object.keys(entries)
    .map((e) => `build/electron/${e}`)
    .join(', ')}`,
);
