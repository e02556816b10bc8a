// The CSS of the elements lives in css`…` literals in `*.styles.ts` files. esbuild minifies JavaScript, not the
// CSS inside a template literal, so what we ship (dist/ modules and the CDN bundle) has it minified here: the same
// rules, without comments and whitespace. Tests and the dev server load the sources as they are.
// A literal with an interpolation (`${…}`) or a backslash is refused rather than guessed at.
import { transform } from 'esbuild';
import { readFile } from 'node:fs/promises';

const CSS_LITERAL = /\bcss`([^`]*)`/g;

export const isStylesModule = (path) => /\.styles\.ts$/.test(path);

/** The module's source with every css`…` literal minified. */
export async function minifyCssLiterals(source, file = 'a styles module') {
  const bodies = [...source.matchAll(CSS_LITERAL)].map((m) => m[1]);
  const minified = [];
  for (const body of bodies) {
    if (body.includes('${') || body.includes('\\')) {
      throw new Error(
        `${file}: a css\`…\` literal with \${…} or a backslash; move it out of the styles module or extend scripts/minify-css.mjs`,
      );
    }
    // charset utf8: esbuild would otherwise escape non-ASCII (`'⚠'` → `"\26a0"`), and `\2…` inside a template
    // literal is an invalid escape that turns the whole stylesheet into `undefined`.
    const out = (await transform(body, { loader: 'css', minify: true, charset: 'utf8' })).code.trim();
    if (out.includes('\\') || out.includes('`') || out.includes('${')) {
      throw new Error(
        `${file}: the minified CSS holds a backslash, a backtick or \${, which a template literal cannot take as is`,
      );
    }
    minified.push(out);
  }
  let i = 0;
  return source.replace(CSS_LITERAL, () => `css\`${minified[i++]}\``);
}

/** esbuild plugin: minify the CSS of every `*.styles.ts` module it loads. */
export const minifyCssPlugin = {
  name: 'recrubo-minify-css',
  setup(build) {
    build.onLoad({ filter: /\.styles\.ts$/ }, async (args) => ({
      contents: await minifyCssLiterals(await readFile(args.path, 'utf8'), args.path),
      loader: 'ts',
    }));
  },
};
