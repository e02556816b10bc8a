#!/usr/bin/env node
// Benchmark of what a script-tag page pays to show its first statuses (npm run bench; never part of npm test):
// the same page of 50 <recrubo-flow-run-status> badges, once with dist/cdn/loader.js (the loader, then the badge
// chunk and the file it imports, preloaded) and once with the one-file bundle dist/cdn/recrubo-elements.js. Both
// built in memory as `npm run build` builds them and served gzipped beside the sandbox (same origin). Headless
// Chromium, a fresh browser context (empty cache) per run; the time is from navigation start until every badge
// shows a status label (performance.now() in the page), median of BENCH_RUNS runs. Twice: on localhost as it is,
// and with CDP network emulation (40 ms latency, 10 Mbit/s down), where the bytes and round trips show.
import { build } from 'esbuild';
import { cdnBuildOptions } from '../scripts/cdn-options.mjs';
import { buildLoader } from '../scripts/cdn-chunks.mjs';
import { root } from '../scripts/elements.mjs';
import { launchChromium, median, serveBenchPage } from './harness.mjs';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BADGES = 50;
const API_KEY = 'sandbox-key';
const NETWORKS = [
  { name: 'localhost', conditions: undefined },
  {
    name: '40 ms, 10 Mbit/s',
    conditions: { offline: false, latency: 40, downloadThroughput: 1.25e6, uploadThroughput: 0.625e6 },
  },
];

const loader = await buildLoader({ outdir: join(root, 'dist/.bench/cdn'), write: false });
const bundle = await build(cdnBuildOptions({ write: false, outfile: join(root, 'dist/.bench/recrubo-elements.js') }));
const files = {
  '/cdn/loader.js': loader.loaderContents,
  '/cdn/recrubo-elements.js': bundle.outputFiles[0].contents,
};
for (const chunk of Object.values(loader.chunks))
  for (const [path, bytes] of Object.entries(chunk.contents)) files[`/cdn/elements/${path}`] = bytes;

const { origin, close, control } = await serveBenchPage({ title: 'loading bench', script: '', files });

/** The page a career site would write: one script tag, then the badges (attributes only). */
async function pages(tenant) {
  const { seed } = await control(tenant, { reset: true, speed: 1 });
  const ids = Object.values(seed.runs)
    .flat()
    .filter((v) => typeof v === 'string');
  const baseUrl = `${origin}/__sandbox/${tenant}/public/v2`;
  const badges = Array.from(
    { length: BADGES },
    (_, i) =>
      `<recrubo-flow-run-status static base-url="${baseUrl}" api-key="${API_KEY}" run-id="${ids[i % ids.length]}"></recrubo-flow-run-status>`,
  ).join('\n');
  const page = (src) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>loading bench</title><script type="module" src="${src}"></script></head><body>${badges}</body></html>`;
  files[`/${tenant}/loader.html`] = page('/cdn/loader.js');
  files[`/${tenant}/bundle.html`] = page('/cdn/recrubo-elements.js');
}

const browser = await launchChromium();

async function timeOnce(url, conditions) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (conditions) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', conditions);
  }
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (n) => {
      const els = [...document.querySelectorAll('recrubo-flow-run-status')];
      const shown = els.every((e) => e.shadowRoot?.querySelector('[part~="label"]')?.textContent);
      return els.length === n && shown && performance.now();
    },
    BADGES,
    { polling: 'raf', timeout: 60000 },
  );
  const ms = await handle.jsonValue();
  const scripts = await page.evaluate(
    () => performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.startsWith('/cdn/')).length,
  );
  await context.close();
  return { ms, scripts };
}

const rows = [];
try {
  for (const net of NETWORKS) {
    const results = { loader: [], bundle: [] };
    let scripts = {};
    for (let i = 0; i < RUNS; i++) {
      const tenant = `bench-loading-${net.name.replace(/\W+/g, '')}-${i}`;
      await pages(tenant);
      // alternate which goes first, so neither always meets a warmer server
      for (const kind of i % 2 ? ['bundle', 'loader'] : ['loader', 'bundle']) {
        const r = await timeOnce(`${origin}/${tenant}/${kind}.html`, net.conditions);
        results[kind].push(r.ms);
        scripts[kind] = r.scripts;
      }
      process.stderr.write('.');
    }
    for (const kind of ['loader', 'bundle'])
      rows.push({ net: net.name, kind, ms: median(results[kind]), all: results[kind], scripts: scripts[kind] });
  }
} finally {
  await browser.close();
  close();
}
process.stderr.write('\n');

console.log(`script-tag page benchmark (headless Chromium, ${BADGES} badges, sandbox same-origin, files gzipped)`);
console.log('');
console.log('| network | page | navigation → 50 badges show a status, median of ' + RUNS + ' | script files |');
console.log('| --- | --- | --- | --- |');
for (const r of rows)
  console.log(
    `| ${r.net} | ${r.kind === 'loader' ? 'loader.js + badge chunk' : 'one-file bundle'} | ${r.ms.toFixed(0)} ms (min ${Math.min(...r.all).toFixed(0)}, max ${Math.max(...r.all).toFixed(0)}) | ${r.scripts} |`,
  );
