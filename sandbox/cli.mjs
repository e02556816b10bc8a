#!/usr/bin/env node
// The package's `bin`: the sandbox CLI as `npm run build` bundled it (dist/sandbox/cli.js, no dependencies).
// In this repository `npm run sandbox` runs the TypeScript sources through tsx instead.
import { existsSync } from 'node:fs';

const built = new URL('../dist/sandbox/cli.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write(
    'recrubo-sandbox: dist/sandbox/cli.js is missing; in a checkout of the repository run `npm run build` (or `npm run sandbox`).\n',
  );
  process.exit(1);
}
await import(built.href);
