#!/usr/bin/env node
// npm run analyze: regenerates everything derived from the elements' sources, in order:
//   src/index.ts                    (scripts/gen-index.mjs: registers every element)
//   custom-elements.json            (@custom-elements-manifest/analyzer, custom-elements-manifest.config.mjs)
//   src/react/*.ts, src/vue.ts      (scripts/gen-react.mjs, from the manifest)
//   src/svelte.ts                   (scripts/gen-svelte.mjs, from the manifest)
//   vscode.html-custom-data.json, web-types.json   (scripts/gen-editors.mjs: editor data, shipped in the package)
// npm run analyze:check (--check): regenerates in memory and fails if any committed file differs (CI).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { create, ts } from '@custom-elements-manifest/analyzer';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';
import config from '../custom-elements-manifest.config.mjs';
import { renderIndex } from './gen-index.mjs';
import { renderFrameworkFiles } from './gen-react.mjs';
import { renderSvelte } from './gen-svelte.mjs';
import { renderEditors } from './gen-editors.mjs';
import { root } from './elements.mjs';

const check = process.argv.includes('--check');

export function createManifest() {
  const modules = config.globs.map((file) =>
    ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.ES2015, true),
  );
  const manifest = create({ modules, plugins: [...litPlugin(), ...config.plugins], context: { dev: false } });
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const manifestText = createManifest();
const manifest = JSON.parse(manifestText);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const files = {
  'src/index.ts': renderIndex(),
  'custom-elements.json': manifestText,
  ...renderFrameworkFiles(manifest),
  ...renderSvelte(manifest),
  ...renderEditors(manifest, pkg),
};

const stale = [];
for (const [file, text] of Object.entries(files)) {
  const path = join(root, file);
  let current = null;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // not written yet
  }
  if (current === text) continue;
  stale.push(file);
  if (!check) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

if (check) {
  if (stale.length) {
    console.error(
      `analyze:check: out of date with the sources: ${stale.join(', ')}. Run \`npm run analyze\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log(`analyze:check: ${Object.keys(files).join(', ')} are current.`);
} else {
  console.log(stale.length ? `analyze: wrote ${stale.join(', ')}` : 'analyze: everything was current.');
}
