import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The renderer is built once and served by every host: the web host over HTTP and Electron from
// its own app:// protocol. Relative asset paths make the same build work for both.
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  build: {
    outDir: resolve(import.meta.dirname, 'build/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2023',
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
