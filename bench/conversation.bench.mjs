#!/usr/bin/env node
// Benchmark of <recrubo-conversation> (npm run bench; never part of npm test). Headless Chromium (playwright-core)
// against a tiny server with the sandbox mounted same-origin.
//   1. Time to first render (mount → rendered and laid out) and JS heap for a conversation of 2,000 messages:
//      the element's default (the last window in the DOM) beside every message in the DOM. Median of a few runs,
//      each in a fresh page; heap after a forced GC (CDP HeapProfiler.collectGarbage), minus the empty page's.
//   2. Requests per tick for 20 conversation elements on 5 threads (counted at the sandbox in the steady state):
//      the target is one GET /messages per thread per tick, plus the batched thread GET.
import { API_KEY, bundlePage, launchChromium, median, serveBenchPage, sleep } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COUNT = 2000;
const ELEMENTS = 20;
const THREADS = 5;
const INTERVAL = Number(process.env.BENCH_INTERVAL ?? 1000);
const WARMUP_TICKS = 3;
const MEASURE_TICKS = Number(process.env.BENCH_TICKS ?? 5);

const script = await bundlePage('conversation.bench-page.ts', { production: true });
const { origin, close, control, requests, clearRequests } = await serveBenchPage({
  title: 'conversation bench',
  script,
});

const browser = await launchChromium();

async function heap(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

const renderRows = [];
let perTick;
let liveShownMs;
try {
  for (const all of [false, true]) {
    const times = [];
    const heaps = [];
    let inDom = 0;
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(origin);
      await page.waitForFunction(() => typeof window.benchRender === 'function');
      const empty = await heap(page);
      const res = await page.evaluate((s) => window.benchRender(s), { count: COUNT, all });
      times.push(res.ms);
      inDom = res.inDom;
      heaps.push((await heap(page)) - empty);
      await page.close();
    }
    renderRows.push({
      mode: all ? 'every message in the DOM' : 'default (window)',
      inDom,
      ms: median(times),
      heapMb: median(heaps) / 1048576,
    });
  }

  // Live: 20 elements over 5 threads.
  const tenant = 'bench-conversation-live';
  const { seed } = await control(tenant, { reset: true, speed: 1 });
  const threadIds = seed.messageThreads.slice(0, THREADS);
  const page = await browser.newPage();
  await page.goto(origin);
  await page.waitForFunction(() => typeof window.benchLive === 'function');
  liveShownMs = await page.evaluate((s) => window.benchLive(s), {
    baseUrl: `${origin}/__sandbox/${tenant}/public/v2`,
    apiKey: API_KEY,
    threadIds,
    elements: ELEMENTS,
    interval: INTERVAL,
  });
  await sleep(WARMUP_TICKS * INTERVAL);
  await clearRequests(tenant);
  await sleep(MEASURE_TICKS * INTERVAL);
  const log = await requests(tenant);
  const messagesGets = log.filter((r) => r.path.endsWith('/messages')).length;
  const threadGets = log.filter((r) => r.path.includes('/message-threads')).length;
  perTick = {
    all: log.length / MEASURE_TICKS,
    messages: messagesGets / MEASURE_TICKS,
    threads: threadGets / MEASURE_TICKS,
    failed: log.filter((r) => r.status >= 400).length,
  };
  await page.evaluate(() => window.benchUnmount());
  await page.close();
} finally {
  await browser.close();
  close();
}

console.log(`conversation benchmark: ${COUNT} messages, median of ${RUNS} fresh pages (Chromium, 1280×900)`);
console.log(
  `${'mode'.padEnd(26)} ${'bubbles in DOM'.padStart(14)} ${'first render ms'.padStart(16)} ${'JS heap MB'.padStart(11)}`,
);
for (const r of renderRows)
  console.log(
    `${r.mode.padEnd(26)} ${String(r.inDom).padStart(14)} ${r.ms.toFixed(0).padStart(16)} ${r.heapMb.toFixed(1).padStart(11)}`,
  );
console.log(
  `\n${ELEMENTS} elements on ${THREADS} threads, poll-interval ${INTERVAL} ms: all shown after ${liveShownMs.toFixed(0)} ms;`,
);
console.log(
  `requests per tick: ${perTick.all.toFixed(2)} (GET /messages ${perTick.messages.toFixed(2)}, message-threads ${perTick.threads.toFixed(2)}; failed answers: ${perTick.failed}); naive: ${ELEMENTS * 2}`,
);
const ok = perTick.messages <= THREADS && perTick.failed === 0;
console.log(`target: at most one GET /messages per thread per tick and no failures: ${ok ? 'OK' : 'FAILED'}`);
process.exitCode = ok ? 0 : 1;
