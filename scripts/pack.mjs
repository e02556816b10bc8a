// Packs the package as `npm publish` would (dist/ must be built: `npm run build`; packing skips `prepack`) into
// a fresh temporary folder. Shared by scripts/check-package.mjs and the consumer smokes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './elements.mjs';

/** @returns {{ dir: string, tarball: string, files: string[] }} the folder (remove it when done) and the .tgz */
export function packTarball(prefix = 'recrubo-pack-') {
  if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first.');
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [info] = JSON.parse(out);
  return { dir, tarball: join(dir, info.filename), files: info.files.map((f) => f.path) };
}
