// The script-tag autoloader (dist/cdn/loader.js) and its chunks (dist/cdn/elements/<tag>.js), shared by the build
// and the size check (which builds them in memory). One esbuild build per element, with `splitting`, so that what an
// element imports lazily (the run card, the push transport) becomes a file of its own, fetched only when used:
//   - <tag>.js: the element, with lit, ky and the shared code it needs at once;
//   - chunks/*.js: what <tag>.js and its lazy parts share (for <recrubo-flow-run-status>: lit and the code the
//     card uses too), and the lazy parts themselves (chunks/card-*.js, chunks/push-*.js).
// The loader fetches <tag>.js together with its static imports (modulepreload hints, in the same round trip), so a
// badge page fetches two files in one round trip after the loader, a card page one more in a second round trip.
// Not one build for all elements: esbuild would then cut the code elements share into up to five files in three
// round trips, and per-file compression made them heavier than one file. The price: a page with several elements
// fetches lit and the shared code once per element (config state is shared through a globalThis symbol, so
// configure() still reaches every one). The loader's list of tags comes from the element discovery.
import { build } from 'esbuild';
import { join, relative } from 'node:path';
import { cdnBuildOptions } from './cdn-options.mjs';
import { discoverElements, srcDir } from './elements.mjs';

const PREFIX = 'recrubo-';

/**
 * One element's chunk files: `entry` (its <tag>.js) and `static`/`lazy` (paths relative to the elements/ folder, of
 * what <tag>.js imports at once and what it may import later), with their bytes when write is false.
 */
async function buildChunk(el, outdir, write, sourcemap) {
  const result = await build(
    cdnBuildOptions({
      entryPoints: { [el.tag]: el.define },
      outdir,
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      splitting: true,
      banner: undefined,
      metafile: true,
      write,
      sourcemap,
    }),
  );
  const outputs = result.metafile.outputs;
  const key = (abs) => relative(outdir, abs).split('\\').join('/');
  const byKey = Object.fromEntries(Object.keys(outputs).map((p) => [key(join(process.cwd(), p)), outputs[p]]));
  const closure = (start, kinds) => {
    const seen = new Set();
    const walk = (k) => {
      for (const imp of byKey[k]?.imports ?? []) {
        const target = key(join(process.cwd(), imp.path));
        if (!kinds.includes(imp.kind) || seen.has(target) || target === start) continue;
        seen.add(target);
        walk(target);
      }
    };
    walk(start);
    return [...seen];
  };
  const entry = `${el.tag}.js`;
  const statics = closure(entry, ['import-statement']);
  const all = closure(entry, ['import-statement', 'dynamic-import']);
  const contents = {};
  for (const f of result.outputFiles ?? []) contents[key(f.path)] = f.contents;
  return { tag: el.tag, entry, static: statics, lazy: all.filter((f) => !statics.includes(f)), contents };
}

/**
 * @param {{ outdir: string, elements?: ReturnType<typeof discoverElements>, write?: boolean, sourcemap?: string | boolean }} o
 */
export async function buildLoader({ outdir, elements = discoverElements(), write = true, sourcemap = false }) {
  const chunkDir = join(outdir, 'elements');
  const chunks = [];
  for (const el of elements) chunks.push(await buildChunk(el, chunkDir, write, sourcemap));
  const loader = await build(
    cdnBuildOptions({
      entryPoints: [join(srcDir, 'loader/loader.ts')],
      outfile: join(outdir, 'loader.js'),
      banner: undefined,
      define: {
        'process.env.NODE_ENV': '"production"',
        __RECRUBO_TAGS__: JSON.stringify(elements.map((el) => el.tag.slice(PREFIX.length))),
        // tag (without the prefix) → the files its chunk imports at once, preloaded beside it
        __RECRUBO_PRELOAD__: JSON.stringify(
          Object.fromEntries(chunks.filter((c) => c.static.length).map((c) => [c.tag.slice(PREFIX.length), c.static])),
        ),
      },
      metafile: true,
      write,
      sourcemap,
    }),
  );
  const loaderOut = Object.entries(loader.metafile.outputs).find(([p]) => p.endsWith('.js'));
  return {
    loaderBytes: loaderOut[1].bytes,
    chunkCount: elements.length,
    loaderContents: loader.outputFiles?.find((f) => f.path.endsWith('/loader.js'))?.contents,
    /** per tag: { entry, static, lazy, contents (by path under elements/, when write is false) } */
    chunks: Object.fromEntries(chunks.map((c) => [c.tag, c])),
  };
}
