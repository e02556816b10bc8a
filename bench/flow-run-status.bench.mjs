#!/usr/bin/env node
// Benchmark of <recrubo-flow-run-status> (npm run bench; never part of npm test). Headless Chromium (playwright-core)
// against a tiny server with the sandbox mounted same-origin.
//   1. Time until 500 badges (over the 60 seeded runs) all show a status: median of a few runs, each in a fresh page.
//   2. Memory: JS heap before, with 1,000 badges mounted, and after removing them (forced GC through CDP
//      HeapProfiler.collectGarbage), over a few mount/remove cycles; and nothing left behind: no page-wide timer,
//      no store entry, no element. 20 cycles: the heap after removal must level off (cycle 20 minus cycle 5 under
//      0.1 MB, issue #19). Exits non-zero when something is left behind or it keeps growing.
import { API_KEY, bundlePage, launchChromium, median, serveBenchPage } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BADGES = 500;
const MEMORY_ELEMENTS = 1000;
const CYCLES = Number(process.env.BENCH_CYCLES ?? 20);
const INTERVAL = 5000;

const script = await bundlePage('flow-run-status.bench-page.ts', { production: true });

const { origin, close, control, requests } = await serveBenchPage({ title: 'flow-run-status bench', script });

/** Every seeded run id of a fresh tenant (60: every status, some of them live). */
async function tenant(name) {
  const { seed } = await control(name, { reset: true, speed: 1 });
  const ids = [
    ...new Set(
      Object.values(seed.runs)
        .flat()
        .filter((v) => typeof v === 'string'),
    ),
  ];
  return { baseUrl: `${origin}/__sandbox/${name}/public/v2`, runIds: ids };
}

const browser = await launchChromium();

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(2);

let failed = false;
const times = [];
let firstLoadRequests = 0;
let memory;
try {
  // 1. Time to show 500 badges.
  for (let i = 0; i < RUNS; i++) {
    const name = `bench-frs-time-${i}`;
    const t = await tenant(name);
    const page = await browser.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => typeof window.frsBenchMount === 'function');
    times.push(
      await page.evaluate((s) => window.frsBenchMount(s), { ...t, apiKey: API_KEY, count: BADGES, interval: INTERVAL }),
    );
    if (i === 0) firstLoadRequests = (await requests(name)).length;
    await page.evaluate(() => window.frsBenchRemove());
    await page.close();
    process.stderr.write('.');
  }

  // 2. Memory over mount/remove cycles of 1,000 badges.
  const t = await tenant('bench-frs-memory');
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  };
  await page.goto(origin);
  await page.waitForFunction(() => typeof window.frsBenchMount === 'function');
  // Warm-up: the first mount compiles code and fills Intl caches; measure from after it.
  await page.evaluate((s) => window.frsBenchMount(s), { ...t, apiKey: API_KEY, count: 50, interval: INTERVAL });
  await page.evaluate(() => window.frsBenchRemove());
  const before = await heap();
  const cycles = [];
  for (let c = 0; c < CYCLES; c++) {
    const ms = await page.evaluate((s) => window.frsBenchMount(s), {
      ...t,
      apiKey: API_KEY,
      count: MEMORY_ELEMENTS,
      interval: INTERVAL,
    });
    const mounted = await heap();
    const whileMounted = await page.evaluate(() => window.frsBenchLeftovers());
    await page.evaluate(() => window.frsBenchRemove());
    await new Promise((r) => setTimeout(r, 200)); // aborted requests settle
    const removed = await heap();
    const left = await page.evaluate(() => window.frsBenchLeftovers());
    cycles.push({ ms, mounted, removed, whileMounted, left });
    process.stderr.write('.');
  }
  memory = { before, cycles };
  await page.close();
} finally {
  await browser.close();
  close();
}
process.stderr.write('\n');

console.log(`flow-run-status benchmark (headless Chromium, sandbox same-origin, production build of Lit)`);
console.log('');
console.log(`| measurement | value |`);
console.log(`| --- | --- |`);
console.log(
  `| time until ${BADGES} badges (60 runs) all show a status, median of ${RUNS} | ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}) |`,
);
console.log(`| requests for that first load (${BADGES} badges, 60 runs) | ${firstLoadRequests} |`);
console.log(`| JS heap before mounting (after warm-up, forced GC) | ${mb(memory.before)} MB |`);
memory.cycles.forEach((c, i) => {
  console.log(
    `| cycle ${i + 1}: ${MEMORY_ELEMENTS} badges mounted (shown in ${c.ms.toFixed(0)} ms) | ${mb(c.mounted)} MB (+${mb(c.mounted - memory.before)} MB; ${c.whileMounted.timers} timers, ${c.whileMounted.storeEntries} store entries) |`,
  );
  console.log(
    `| cycle ${i + 1}: after removing them, forced GC | ${mb(c.removed)} MB (${c.removed >= memory.before ? '+' : ''}${mb(c.removed - memory.before)} MB vs before) |`,
  );
  console.log(
    `| cycle ${i + 1}: left behind | ${c.left.timers} timers, ${c.left.storeEntries} store entries, ${c.left.elements} elements, ${c.left.configRequests} waiting config requests |`,
  );
  if (c.left.timers !== 0 || c.left.storeEntries !== 0 || c.left.elements !== 0) failed = true;
});
const last = memory.cycles[memory.cycles.length - 1];
const retained = last.removed - memory.before;
const perElement = (last.mounted - memory.before) / MEMORY_ELEMENTS;
console.log(`| heap per mounted badge | ${(perElement / 1024).toFixed(1)} KB |`);
console.log(
  `| retained after ${CYCLES} cycles | ${mb(retained)} MB (${((retained / (last.mounted - memory.before)) * 100).toFixed(1)}% of one mount) |`,
);
if (memory.cycles.length >= 20) {
  const growth = memory.cycles[19].removed - memory.cycles[4].removed;
  console.log(
    `| growth after removal, cycle 20 minus cycle 5 (must stay under 0.10 MB) | ${growth >= 0 ? '+' : ''}${mb(growth)} MB |`,
  );
  if (growth >= 0.1 * 1024 * 1024) failed = true;
}
// Retaining more than a fifth of what 1,000 badges take would mean elements (or their shadow roots) leak.
if (retained > 0.2 * (last.mounted - memory.before)) failed = true;
console.log(`\nnothing left behind after removal: ${failed ? 'FAILED' : 'OK'}`);
process.exitCode = failed ? 1 : 0;
