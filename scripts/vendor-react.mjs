#!/usr/bin/env node
// Prebundles what test/browser/packaging/react.test.ts needs into one ES module the browser can load:
// React 19 and react-dom (CommonJS, which the test runner cannot serve as is) and the package's React wrappers
// from dist/react/index.js, bundled the way a user's bundler would (so package.json "sideEffects" is honoured
// too: if it wrongly dropped a define module, the wrapped element would never be registered and the test fails).
// Run after `npm run build`; `npm test` does both.
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './elements.mjs';

if (!existsSync(join(root, 'dist/react/index.js'))) {
  console.error('vendor-react: dist/react/index.js is missing: run `npm run build` first.');
  process.exit(1);
}
const outdir = join(root, 'test/browser/packaging/vendor');
mkdirSync(outdir, { recursive: true });
await build({
  stdin: {
    contents: [
      "export * as React from 'react';",
      "export { createRoot } from 'react-dom/client';",
      "export { flushSync } from 'react-dom';",
      "export * as wrappers from './dist/react/index.js';",
    ].join('\n'),
    resolveDir: root,
    sourcefile: 'react-vendor-entry.js',
    loader: 'js',
  },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  define: { 'process.env.NODE_ENV': '"development"' },
  outfile: join(outdir, 'react-bundle.js'),
  logLevel: 'warning',
});
console.log('vendor-react: wrote test/browser/packaging/vendor/react-bundle.js');
