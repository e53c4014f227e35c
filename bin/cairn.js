#!/usr/bin/env node
// Entry point for `cairn` / `npx cairn` / `npm run cairn --`. The engine is TypeScript; tsx
// compiles it on the fly (and caches), so the CLI works straight after `npm ci` with no build.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/hosts/cli/run.ts');
await runCli();
