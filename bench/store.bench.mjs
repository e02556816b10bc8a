#!/usr/bin/env node
// Benchmark of the live store (npm run bench; never part of npm test).
// For 1, 10, 100 and 500 subscribers over 1, 10 and 100 distinct runs: requests per polling tick (counted at the
// sandbox's request log, in the steady state) and the time until every element shows its status, beside the naive
// figure of one request per element. Headless Chromium (playwright-core) against a tiny server with the sandbox
// mounted same-origin. Done-when: 500 subscribers over 100 runs cost at most 2 requests per tick.
import { API_KEY, bundlePage, launchChromium, serveBenchPage, sleep } from './harness.mjs';

const INTERVAL = Number(process.env.BENCH_INTERVAL ?? 1000); // ms, the elements' poll-interval
const WARMUP_TICKS = 2; // the store polls faster just after a change (the first load): skip that
const MEASURE_TICKS = Number(process.env.BENCH_TICKS ?? 4);
const SUBSCRIBERS = [1, 10, 100, 500];
const RUNS = [1, 10, 100];

const script = await bundlePage('store.bench-page.ts');

const { origin, close, control, requests, clearRequests, createRuns } = await serveBenchPage({
  title: 'store bench',
  script,
});

/** A tenant with `count` runs that stay `queued` for the whole measurement (so nothing stops polling). */
async function tenantWithRuns(name, count) {
  const { seed } = await control(name, { reset: true, speed: 0.0001 });
  const ids = await createRuns(name, seed, count);
  await clearRequests(name);
  return ids;
}

const browser = await launchChromium();

const rows = [];
let n = 0;
try {
  for (const runs of RUNS) {
    for (const subscribers of SUBSCRIBERS) {
      if (runs > subscribers) continue; // every run needs at least one element showing it
      const row = { subscribers, runs };
      for (const mode of ['store', 'naive']) {
        const tenant = `bench-${mode}-${n++}`;
        const runIds = await tenantWithRuns(tenant, runs);
        const page = await browser.newPage(); // a fresh page: a cold store, no cache from the last scenario
        await page.goto(origin);
        await page.waitForFunction(() => typeof window.benchMount === 'function');
        const baseUrl = `${origin}/__sandbox/${tenant}/public/v2`;
        const shownMs = await page.evaluate((s) => window.benchMount(s), {
          mode,
          baseUrl,
          apiKey: API_KEY,
          runIds,
          subscribers,
          interval: INTERVAL,
        });
        await sleep(WARMUP_TICKS * INTERVAL);
        await clearRequests(tenant);
        await sleep(MEASURE_TICKS * INTERVAL);
        const counted = (await requests(tenant)).length;
        await page.evaluate(() => window.benchUnmount());
        await page.close();
        row[mode] = { shownMs, perTick: counted / MEASURE_TICKS };
      }
      rows.push(row);
      process.stderr.write('.');
    }
  }
} finally {
  await browser.close();
  close();
}
process.stderr.write('\n');

const pad = (v, w) => String(v).padStart(w);
console.log(
  `store benchmark: poll-interval ${INTERVAL} ms, requests counted at the sandbox over ${MEASURE_TICKS} ticks after ${WARMUP_TICKS} warm-up ticks`,
);
console.log(
  `${pad('subscribers', 11)} ${pad('runs', 5)} | ${pad('store req/tick', 14)} ${pad('store shown ms', 14)} | ${pad('naive req/tick', 14)} ${pad('naive shown ms', 14)}`,
);
console.log('-'.repeat(11 + 1 + 5 + 3 + 14 + 1 + 14 + 3 + 14 + 1 + 14));
for (const r of rows) {
  console.log(
    `${pad(r.subscribers, 11)} ${pad(r.runs, 5)} | ${pad(r.store.perTick.toFixed(2), 14)} ${pad(r.store.shownMs.toFixed(0), 14)} | ${pad(r.naive.perTick.toFixed(2), 14)} ${pad(r.naive.shownMs.toFixed(0), 14)}`,
  );
}
const target = rows.find((r) => r.subscribers === 500 && r.runs === 100);
const ok = target && target.store.perTick <= 2;
console.log(
  `\n500 subscribers over 100 runs: ${target?.store.perTick.toFixed(2)} requests per tick (target <= 2): ${ok ? 'OK' : 'FAILED'}`,
);
process.exitCode = ok ? 0 : 1;
