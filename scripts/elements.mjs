// The elements the package ships, discovered from the sources: every `src/elements/<tag>/` folder that has both a
// `define.ts` and a `<name>.component.ts` exporting a class. A folder still being written is left out until then.
// Shared by the build, the size check and the generators.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const srcDir = join(root, 'src');

/** @returns {{ tag: string, dir: string, define: string, component: string, className: string }[]} sorted by tag */
export function discoverElements() {
  const elementsDir = join(srcDir, 'elements');
  const out = [];
  for (const tag of readdirSync(elementsDir).sort()) {
    const dir = join(elementsDir, tag);
    const define = join(dir, 'define.ts');
    if (!existsSync(define)) continue;
    const componentFile = readdirSync(dir).find((f) => f.endsWith('.component.ts'));
    if (!componentFile) continue;
    const component = join(dir, componentFile);
    const match = /export\s+class\s+(\w+)/.exec(readFileSync(component, 'utf8'));
    if (!match) continue;
    if (!readFileSync(define, 'utf8').includes(`'${tag}'`)) continue; // define.ts not yet registering this tag
    out.push({ tag, dir, define, component, className: match[1] });
  }
  return out;
}

/** A path relative to the repository root, with forward slashes. */
export const rel = (path) => relative(root, path).split('\\').join('/');

/** Where the build puts a source module, relative to the package root: `src/a/b.ts` → `dist/a/b.js`. */
export const distRel = (path) =>
  rel(path)
    .replace(/^src\//, 'dist/')
    .replace(/\.ts$/, '.js');
