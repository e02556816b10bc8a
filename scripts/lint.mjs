#!/usr/bin/env node
// npm run lint: ESLint over the tree (eslint.config.js), then lit-analyzer over src/ (the templates' bindings
// against the elements' types). Stops at the first that fails.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

const steps = [
  [bin('eslint'), ['.']],
  [
    bin('lit-analyzer'),
    [
      'src/**/*.ts',
      // lit-analyzer 2's CSS data predates container queries and accent-color, so it flags valid CSS
      // (container-type, @container, accent-color); the browsers are the judge of our CSS.
      '--rules.no-invalid-css',
      'off',
    ],
  ],
];
for (const [cmd, args] of steps) {
  const status = run(cmd, args);
  if (status !== 0) process.exit(status);
}
