// The script-tag autoloader (dist/cdn/loader.js) and its chunks (dist/cdn/elements/<tag>.js), shared by the build
// and the size check (which builds them in memory). One self-contained chunk per element (its define.ts with lit,
// ky and the shared code inside), not esbuild `splitting`: on today's elements splitting made up to five files in
// three round trips per element, and per-file compression made them heavier than one file. So a page with one
// element fetches the loader, then one file. The price: a page with several elements fetches lit and the shared code
// once per element (config state is shared through a globalThis symbol, so configure() still reaches every one).
// The loader's list of tags comes from the element discovery, so a new element is picked up by itself.
import { build } from 'esbuild';
import { join } from 'node:path';
import { cdnBuildOptions } from './cdn-options.mjs';
import { discoverElements, srcDir } from './elements.mjs';

const PREFIX = 'recrubo-';

/**
 * @param {{ outdir: string, elements?: ReturnType<typeof discoverElements>, write?: boolean, sourcemap?: string | boolean }} o
 */
export async function buildLoader({ outdir, elements = discoverElements(), write = true, sourcemap = false }) {
  const chunks = await build(
    cdnBuildOptions({
      entryPoints: Object.fromEntries(elements.map((el) => [el.tag, el.define])),
      outdir: join(outdir, 'elements'),
      entryNames: '[name]',
      banner: undefined,
      write,
      sourcemap,
    }),
  );
  const loader = await build(
    cdnBuildOptions({
      entryPoints: [join(srcDir, 'loader/loader.ts')],
      outfile: join(outdir, 'loader.js'),
      banner: undefined,
      define: {
        'process.env.NODE_ENV': '"production"',
        __RECRUBO_TAGS__: JSON.stringify(elements.map((el) => el.tag.slice(PREFIX.length))),
      },
      metafile: true,
      write,
      sourcemap,
    }),
  );
  const loaderOut = Object.entries(loader.metafile.outputs).find(([p]) => p.endsWith('.js'));
  const pick = (result, file) => result.outputFiles?.find((f) => f.path.endsWith(`/${file}`))?.contents;
  return {
    loaderBytes: loaderOut[1].bytes,
    chunkCount: elements.length,
    loaderContents: pick(loader, 'loader.js'),
    /** by tag, when write is false */
    chunkContents: write ? undefined : Object.fromEntries(elements.map((el) => [el.tag, pick(chunks, `${el.tag}.js`)])),
  };
}
