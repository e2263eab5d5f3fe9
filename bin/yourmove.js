#!/usr/bin/env node
// The `yourmove` command: runs the compiled CLI (`npm ci` builds it through the `prepare` script).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('yourmove is not built: run `npm run build` (or `npm ci`) in the project folder.\n');
  process.exit(2);
}
await import(main.href);
