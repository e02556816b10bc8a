#!/usr/bin/env node
// npm run bench: runs every bench/*.bench.mjs in turn (never part of npm test). Extra arguments go to each one.
//   node scripts/bench.mjs [name-filter]   e.g. `npm run bench -- store` runs bench/store.bench.mjs only
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './elements.mjs';

const filter = process.argv[2] && !process.argv[2].startsWith('-') ? process.argv[2] : '';
const benches = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.mjs') && f.includes(filter))
  .sort();
if (benches.length === 0) {
  console.error(`bench: no bench/*.bench.mjs${filter ? ` matching "${filter}"` : ''}`);
  process.exit(1);
}
let failed = 0;
for (const file of benches) {
  console.log(`\n=== bench/${file}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(root, 'bench', file)], { cwd: root, stdio: 'inherit' });
  const took = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    failed++;
    console.error(`=== bench/${file} failed (exit ${run.status ?? run.signal}) after ${took} s`);
  } else console.log(`=== bench/${file} done in ${took} s`);
}
process.exit(failed ? 1 : 0);
