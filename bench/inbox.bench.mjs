#!/usr/bin/env node
// Benchmark of <recrubo-inbox> (npm run bench; never part of npm test). Headless Chromium (playwright-core)
// against a tiny server with the sandbox mounted same-origin, one tenant seeded with 10,000 conversations
// (control `seedConversations`).
//   1. Requests and time until the first page of rows shows (mount → a row in the DOM), median of a few runs.
//   2. Rows in the DOM after scrolling 500 rows down (windowed: a few dozen, not 500), and the pages it loaded.
//   3. Requests a minute while idle (nothing open, nobody writing): the list's polling. The list does not follow
//      the push stream yet (see the README's Inbox section), so there is no push row.
import { API_KEY, bundlePage, launchChromium, median, serveBenchPage, sleep } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONVERSATIONS = 10_000;
const INTERVAL = 5000;
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 30);
const TENANT = 'inbox-bench';

const script = await bundlePage('inbox.bench-page.ts', { production: true });
const { origin, close, control, requests, clearRequests } = await serveBenchPage({ title: 'inbox bench', script });
const browser = await launchChromium();
const baseUrl = `${origin}/__sandbox/${TENANT}/public/v2`;

try {
  // A nearly frozen clock: the seeded live runs' candidates do not write during the idle count.
  await control(TENANT, { reset: true, speed: 0.001 });
  const t0 = performance.now();
  await control(TENANT, { seedConversations: CONVERSATIONS });
  const seedMs = performance.now() - t0;

  const firstMs = [];
  let firstRequests = [];
  let firstRows = 0;
  for (let i = 0; i < RUNS; i++) {
    await clearRequests(TENANT);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(origin);
    await page.waitForFunction(() => typeof window.benchInboxMount === 'function');
    const res = await page.evaluate((s) => window.benchInboxMount(s), { baseUrl, apiKey: API_KEY, interval: INTERVAL });
    firstMs.push(res.ms);
    firstRows = res.rows;
    firstRequests = await requests(TENANT);
    if (i < RUNS - 1) await page.close();
    else {
      const scroll = await page.evaluate((n) => window.benchInboxScroll(n), 500);
      const scrolledRequests = (await requests(TENANT)).length - firstRequests.length;
      await clearRequests(TENANT);
      await sleep(IDLE_S * 1000);
      const idle = await requests(TENANT);
      const perMinute = (idle.length * 60) / IDLE_S;
      console.log(
        `\n<recrubo-inbox> on a tenant of ${CONVERSATIONS.toLocaleString('en')} conversations (seeded in ${seedMs.toFixed(0)} ms)`,
      );
      console.log('| measure | value |');
      console.log('| --- | --- |');
      console.log(
        `| requests until the first page shows | ${firstRequests.length} (${firstRequests.map((r) => `${r.method} ${r.path.replace('/public/v2', '')}`).join(', ')}) |`,
      );
      console.log(`| time until the first page shows (median of ${RUNS}) | ${median(firstMs).toFixed(0)} ms |`);
      console.log(`| rows in the DOM at first | ${firstRows} |`);
      console.log(
        `| rows in the DOM after scrolling 500 rows | ${scroll.inDom} (of ${scroll.loaded} loaded, ${scrolledRequests} requests, ${scroll.ms.toFixed(0)} ms) |`,
      );
      console.log(
        `| requests a minute while idle (polling every ${INTERVAL / 1000} s) | ${perMinute.toFixed(1)} (${[...new Set(idle.map((r) => `${r.method} ${r.path.replace('/public/v2', '').replace(/\/[0-9a-f-]{36}$/, '/{id}')}`))].join(', ') || 'none'}) |`,
      );
      await page.close();
    }
  }
} finally {
  await browser.close();
  close();
}
