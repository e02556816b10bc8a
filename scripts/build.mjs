#!/usr/bin/env node
// npm run build → dist/
//   1. ES modules for bundler users, one per source module (mirroring src/: dist/elements/<tag>/define.js beside
//      dist/elements/<tag>/<name>.component.js), unbundled and unminified; `lit`, `@lit/*` and `ky` stay imports.
//      Only the modules reachable from the public entries are emitted (an element folder still being written, with
//      no define.ts yet, is left out).
//   2. .d.ts beside them (tsc, declaration-only, tsconfig.build.json).
//   3. dist/cdn/recrubo-elements.js: one minified ES module with everything (lit and ky included) for a script tag.
//   3b. dist/cdn/loader.js + dist/cdn/elements/*.js: the autoloader (src/loader/loader.ts) and one chunk per element
//      (its define.ts, esbuild `splitting` for the code elements share); the loader's tag → files table is generated
//      here from the element discovery, so a new element is picked up by itself (scripts/cdn-chunks.mjs).
//   4. dist/sandbox/cli.js: the `recrubo-sandbox` CLI in one file for Node (hono inside), so that installing the
//      package needs no server libraries and no TypeScript runtime; the repository runs the sources through tsx.
import { build, transform } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { cdnBuildOptions } from './cdn-options.mjs';
import { isStylesModule, minifyCssLiterals } from './minify-css.mjs';
import { discoverElements, rel, root, srcDir } from './elements.mjs';
import { buildLoader } from './cdn-chunks.mjs';

const dist = join(root, 'dist');
const started = Date.now();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const version = /VERSION = '([^']+)'/.exec(readFileSync(join(srcDir, 'shared/version.ts'), 'utf8'))?.[1];
if (version !== pkg.version)
  fail(`src/shared/version.ts says ${version}, package.json says ${pkg.version}: keep them in step.`);

const gen = spawnSync(process.execPath, [join(root, 'scripts/gen-index.mjs'), '--check'], { stdio: 'inherit' });
if (gen.status !== 0) fail('src/index.ts is stale (see above).');

const elements = discoverElements();
const entries = [
  join(srcDir, 'index.ts'),
  join(srcDir, 'cdn.ts'),
  join(srcDir, 'proxy/index.ts'),
  join(srcDir, 'proxy/redis/index.ts'),
  ...elements.flatMap((el) => [el.define, el.component]),
  ...readdirSync(join(srcDir, 'react')).map((f) => join(srcDir, 'react', f)),
  join(srcDir, 'vue.ts'),
  join(srcDir, 'svelte.ts'),
];

rmSync(dist, { recursive: true, force: true });

// 1. Which source modules do the entries reach? (esbuild resolves the graph; packages stay external.)
const graph = await build({
  entryPoints: entries,
  bundle: true,
  write: false,
  metafile: true,
  format: 'esm',
  platform: 'neutral',
  packages: 'external',
  outdir: dist,
  logLevel: 'silent',
  tsconfig: join(root, 'tsconfig.json'),
});
const modules = Object.keys(graph.metafile.inputs)
  .map((p) => join(root, p))
  .filter((p) => p.startsWith(srcDir + '/') && /\.ts$/.test(p) && !p.endsWith('.d.ts'));

// Relative `.ts` specifiers (src/proxy uses them) become `.js` in the output.
const rewriteSpecifiers = (code) =>
  code.replace(/((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+?)\.ts(["'])/g, '$1$2.js$3');

// A string: esbuild parses it as tsconfig does (comments allowed).
const tsconfigRaw = readFileSync(join(root, 'tsconfig.json'), 'utf8');
for (const file of modules) {
  const out = join(dist, relative(srcDir, file)).replace(/\.ts$/, '.js');
  // The CSS of *.styles.ts is minified (the literal is the whole module, so the source map stays true).
  const source = isStylesModule(file)
    ? await minifyCssLiterals(readFileSync(file, 'utf8'), rel(file))
    : readFileSync(file, 'utf8');
  const result = await transform(source, {
    loader: 'ts',
    format: 'esm',
    target: 'es2022',
    sourcefile: rel(file),
    sourcemap: 'external',
    tsconfigRaw,
  });
  mkdirSync(dirname(out), { recursive: true });
  const map = JSON.parse(result.map);
  map.sources = [relative(dirname(out), file).split('\\').join('/')];
  map.file = out.split('/').pop();
  writeFileSync(out, `${rewriteSpecifiers(result.code)}//# sourceMappingURL=${map.file}.map\n`);
  writeFileSync(`${out}.map`, JSON.stringify(map));
}

// 2. Types.
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
  {
    stdio: 'inherit',
  },
);
if (tsc.status !== 0 && !process.env.RECRUBO_BUILD_IGNORE_TYPE_ERRORS)
  fail('tsc could not emit the declarations (see above).');
for (const file of walk(dist).filter((f) => f.endsWith('.d.ts'))) {
  const code = readFileSync(file, 'utf8');
  const next = rewriteSpecifiers(code);
  if (next !== code) writeFileSync(file, next);
}
// Hand-written declaration files in src/ (none are compiled by tsc) are copied as they are.
for (const file of walk(srcDir).filter((f) => f.endsWith('.d.ts'))) {
  const out = join(dist, relative(srcDir, file));
  mkdirSync(dirname(out), { recursive: true });
  copyFileSync(file, out);
}

// 3. The CDN bundle.
const cdn = await build(
  cdnBuildOptions({ sourcemap: 'linked', outfile: join(dist, 'cdn/recrubo-elements.js'), metafile: true }),
);
const cdnBytes = Object.values(cdn.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
// 3b. <recrubo-apply> alone, for career sites: one script tag with only the candidate's element (lit inside).
await build(
  cdnBuildOptions({
    entryPoints: [join(srcDir, 'elements/recrubo-apply/define.ts')],
    sourcemap: 'linked',
    outfile: join(dist, 'cdn/recrubo-apply.js'),
  }),
);

// 3b. The loader and its chunks.
const loader = await buildLoader({ outdir: join(dist, 'cdn'), elements, sourcemap: 'linked' });

// 4. The sandbox CLI, for the package's bin.
await build({
  entryPoints: [join(root, 'sandbox/cli.ts')],
  outfile: join(dist, 'sandbox/cli.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  keepNames: true, // readable stack traces
  legalComments: 'none',
  banner: {
    js: `// recrubo-sandbox ${pkg.version}: built from sandbox/ by scripts/build.mjs (hono and @hono/node-server inside).`,
  },
  logLevel: 'warning',
});

console.log(
  `build: ${modules.length} modules + types in dist/, ${elements.length} elements (${elements.map((e) => e.tag).join(', ')}), ` +
    `dist/cdn/recrubo-elements.js ${(cdnBytes / 1024).toFixed(1)} KB min, ` +
    `dist/cdn/loader.js ${(loader.loaderBytes / 1024).toFixed(2)} KB min + ${loader.chunkCount} chunks, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  );
}

function fail(message) {
  console.error(`build failed: ${message}`);
  process.exit(1);
}
