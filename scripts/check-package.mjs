#!/usr/bin/env node
// npm test: the packed tarball as the registry would get it (after `npm run build`):
//   publint                                   package.json fields, exports and files agree (warnings fail too)
//   attw --profile esm-only                   every export resolves to types under node16 (ESM) and bundlers
//   what is in it                             dist, the sandbox bin, the manifest, the editor data, docs; no src/
//   the sandbox bin from the tarball          `recrubo-sandbox --help` in an install of it (offline, no deps)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { discoverElements, root } from './elements.mjs';
import { packTarball } from './pack.mjs';

const started = Date.now();
const problems = [];
const { dir, tarball, files } = packTarball('recrubo-check-');
try {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lint = await publint({ pack: { tarball: readFileSync(tarball).buffer }, level: 'suggestion', strict: true });
  for (const message of lint.messages) problems.push(`publint ${message.type}: ${formatMessage(message, pkg)}`);

  // attw skips wildcard exports: name their entries (every element's define module and React wrapper).
  const tags = discoverElements().map((el) => el.tag);
  const wildcards = ['./react/jsx', ...tags.flatMap((t) => [`./react/${t}`, `./elements/${t}/define.js`])];
  const attw = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'),
      tarball,
      '--profile',
      'esm-only',
      '--format',
      'ascii',
      '--include-entrypoints',
      ...wildcards,
    ],
    { encoding: 'utf8' },
  );
  if (!attw.stdout.includes(`"recrubo-elements/react/${tags[0]}"`)) problems.push('attw did not check the wildcards');
  if (attw.status !== 0) problems.push(`attw --profile esm-only:\n${attw.stdout}${attw.stderr}`);

  // What users need, and only that. src/ stays out: the JS source maps embed their sources.
  const tops = new Set(files.map((f) => f.split('/')[0]));
  for (const need of [
    'dist',
    'sandbox',
    'custom-elements.json',
    'docs',
    'web-types.json',
    'vscode.html-custom-data.json',
  ])
    if (!tops.has(need)) problems.push(`the tarball lacks ${need}`);
  for (const file of files)
    if (/^(src|test|bench|demo|scripts)\//.test(file) || (file.startsWith('sandbox/') && file !== 'sandbox/cli.mjs'))
      problems.push(`the tarball should not ship ${file}`);

  // The bin works from an install of the tarball: unpack it as node_modules/recrubo-elements (no dependencies).
  const app = join(dir, 'app');
  mkdirSync(join(app, 'node_modules'), { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', join(app, 'node_modules')]);
  execFileSync('mv', [join(app, 'node_modules/package'), join(app, 'node_modules/recrubo-elements')]);
  writeFileSync(join(app, 'package.json'), '{"type":"module"}');
  const bin = join(app, 'node_modules/recrubo-elements', pkg.bin['recrubo-sandbox']);
  const help = spawnSync(process.execPath, [bin, '--help'], { cwd: app, encoding: 'utf8' });
  if (help.status !== 0 || !/--port/.test(help.stdout))
    problems.push(`recrubo-sandbox --help from the tarball:\n${help.stderr}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (problems.length) {
  console.error(`check-package: ${problems.length} problem(s):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(
  `check-package: publint and attw (esm-only) clean, ${files.length} files in the tarball, bin runs (${seconds} s)`,
);
