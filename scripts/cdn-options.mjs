// The esbuild options of the one-file CDN bundle, shared by the build (dist/cdn/recrubo-elements.js) and the dev
// server (which serves the same bundle, built from src on request, to the career-site demo page).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, srcDir } from './elements.mjs';
import { minifyCssPlugin } from './minify-css.mjs';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

export function cdnBuildOptions(extra = {}) {
  return {
    entryPoints: [join(srcDir, 'cdn.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['browser', 'production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    banner: { js: `/*! recrubo-elements ${pkg.version} | MIT | one-file bundle with lit and ky */` },
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
    plugins: [minifyCssPlugin],
    ...extra,
  };
}
