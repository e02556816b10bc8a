#!/usr/bin/env node
// Benchmark of <recrubo-inbox> (npm run bench; never part of npm test). Headless Chromium (playwright-core)
// against a tiny server with the sandbox mounted same-origin, one tenant seeded with 10,000 conversations
// (control `seedConversations`).
//   1. Requests and time until the first page of rows shows (mount → a row in the DOM), median of a few runs.
//   2. Rows in the DOM after scrolling 500 rows down (windowed: a few dozen, not 500), and the pages it loaded.
//   3. Per transport, polling (every 5 s) and push (`events-url`: the sandbox's webhooks → receiver → broker →
//      event stream over real HTTP, see harness.mjs), each on a fresh page:
//      a. requests a minute while idle (nothing open, nobody writing), as the sandbox logged them;
//      b. BENCH_INBOUND times, the candidate of a conversation on the first page (5th row) writes once (control
//         `inbound`) at a random moment: the time from the control's answer until that row is at the top of the
//         list, and until it shows the raised unread count there (median, max), and the GETs the sandbox logged from
//         the message until then and 1 s after (on push, a poll that happens to fall in that window is counted too),
//         and on push the webhook deliveries the receiver got meanwhile.
//   The tenant's webhook is set only for the push phase (the sandbox compares its records for webhooks after every
//   request, which would slow the polling phase for nothing).
import { API_KEY, benchPush, bundlePage, launchChromium, median, serveBenchPage, sleep } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONVERSATIONS = 10_000;
const INTERVAL = 5000;
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 30);
const INBOUND = Number(process.env.BENCH_INBOUND ?? 5);
const TENANT = 'inbox-bench';

const script = await bundlePage('inbox.bench-page.ts', { production: true });
const pushServer = await benchPush();
/** Webhook deliveries that reached the receiver. */
let webhooks = 0;
const { origin, close, control, requests, clearRequests, api } = await serveBenchPage({
  title: 'inbox bench',
  script,
  before: (req, res, next) => {
    if ((req.url ?? '').startsWith('/__push/webhooks')) webhooks++;
    pushServer.before(req, res, next);
  },
});
const browser = await launchChromium();
const baseUrl = `${origin}/__sandbox/${TENANT}/public/v2`;
/** "GET /conversations?filter[id]": a logged request's method, path and query parameters (without their values). */
const shortPath = (r) => {
  const names = [...new URLSearchParams(r.query ?? '').keys()];
  const path = r.path.replace('/public/v2', '').replace(/\/[0-9a-f-]{36}$/, '/{id}');
  return `${r.method} ${path}${names.length ? `?${names.join('&')}` : ''}`;
};
/** "n× GET /x, m× GET /y" of a request log. */
const tally = (log) => {
  const counts = new Map();
  for (const r of log) counts.set(shortPath(r), (counts.get(shortPath(r)) ?? 0) + 1);
  return [...counts].map(([p, n]) => `${n}× ${p}`).join(', ') || 'none';
};
const rows = [];
const row = (measure, value) => rows.push(`| ${measure} | ${value} |`);

async function openInbox(eventsUrl) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(origin);
  await page.waitForFunction(() => typeof window.benchInboxMount === 'function');
  const res = await page.evaluate((s) => window.benchInboxMount(s), {
    baseUrl,
    apiKey: API_KEY,
    interval: INTERVAL,
    eventsUrl,
  });
  if (eventsUrl) await page.waitForFunction(() => window.benchInboxLive(), null, { timeout: 15000 });
  return { page, res };
}

let seedMs = 0;
try {
  // A nearly frozen clock: the seeded live runs' candidates do not write during the idle count.
  await control(TENANT, { reset: true, speed: 0.001 });
  const t0 = performance.now();
  await control(TENANT, { seedConversations: CONVERSATIONS });
  seedMs = performance.now() - t0;

  // The thread of each conversation near the top (the inbound messages below go to them).
  const top = await (await api(TENANT, '/conversations?sort=-updatedAt&page[size]=50')).json();
  const threadOf = new Map(top.data.map((c) => [c.id, c.attributes.messageThreadId]));

  const firstMs = [];
  let firstRequests = [];
  let firstRows = 0;
  for (let i = 0; i < RUNS; i++) {
    await clearRequests(TENANT);
    const { page, res } = await openInbox();
    firstMs.push(res.ms);
    firstRows = res.rows;
    firstRequests = await requests(TENANT);
    if (i === RUNS - 1) {
      const scroll = await page.evaluate((n) => window.benchInboxScroll(n), 500);
      const scrolledRequests = (await requests(TENANT)).length - firstRequests.length;
      row(`requests until the first page shows`, `${firstRequests.length} (${tally(firstRequests)})`);
      row(`time until the first page shows (median of ${RUNS})`, `${median(firstMs).toFixed(0)} ms`);
      row(`rows in the DOM at first`, firstRows);
      row(
        `rows in the DOM after scrolling 500 rows`,
        `${scroll.inDom} (of ${scroll.loaded} loaded, ${scrolledRequests} requests, ${scroll.ms.toFixed(0)} ms)`,
      );
    }
    await page.close();
  }

  let message = 0;
  for (const t of [
    { name: `polling every ${INTERVAL / 1000} s`, push: false },
    { name: 'push (`events-url`)', push: true },
  ]) {
    if (t.push) await control(TENANT, { webhook: pushServer.webhook(origin) });
    const { page } = await openInbox(t.push ? pushServer.eventsUrl : undefined);
    await sleep(2000); // the first load's follow-ups are not the idle state
    await clearRequests(TENANT);
    await sleep(IDLE_S * 1000);
    const idle = await requests(TENANT);
    row(`requests a minute while idle, ${t.name}`, `${((idle.length * 60) / IDLE_S).toFixed(1)} (${tally(idle)})`);

    const tops = [];
    const latencies = [];
    const costs = [];
    const deliveries = webhooks;
    for (let i = 0; i < INBOUND; i++) {
      // At a random moment of the poll cycle (a fixed rhythm here would meet the polls at the same phase each time).
      await sleep(Math.random() * INTERVAL);
      const target = (await page.evaluate(() => window.benchInboxRows())).find((r) => r.pos === 5);
      const thread = target && threadOf.get(target.id);
      if (!thread) throw new Error(`no thread known for the 5th row (${target?.id})`);
      await clearRequests(TENANT);
      const shown = page.evaluate(
        ([id, n, ms]) => window.benchInboxUntilTop(id, n, ms),
        [target.id, target.unread + 1, 3 * INTERVAL],
      );
      const answer = await control(TENANT, { inbound: { messageThreadId: thread, text: `Bench ${++message}` } });
      if (answer.error || answer.errors) throw new Error(`inbound: ${JSON.stringify(answer)}`);
      const at = Date.now();
      const shownAt = await shown;
      await sleep(1000);
      costs.push((await requests(TENANT)).filter((r) => r.method === 'GET'));
      if (shownAt.top !== null) tops.push(Math.max(0, shownAt.top - at));
      if (shownAt.count !== null) latencies.push(Math.max(0, shownAt.count - at));
      await sleep(500);
    }
    const gets = costs.flat();
    const timing = (xs) =>
      xs.length
        ? `${median(xs).toFixed(0)} ms, ${Math.max(...xs).toFixed(0)} ms${xs.length < INBOUND ? ` (${INBOUND - xs.length} not within ${(3 * INTERVAL) / 1000} s)` : ''}`
        : `none within ${(3 * INTERVAL) / 1000} s`;
    row(`one inbound message, ${t.name}: until its row is at the top (median, max of ${INBOUND})`, timing(tops));
    row(
      `one inbound message, ${t.name}: until its row shows the raised count at the top (median, max of ${INBOUND})`,
      timing(latencies),
    );
    row(
      `GETs logged per inbound message (until shown + 1 s), ${t.name}`,
      `${(gets.length / INBOUND).toFixed(1)} (${INBOUND} messages: ${tally(gets)})${t.push ? `; ${webhooks - deliveries} webhook deliveries received` : ''}`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  await pushServer.close();
  close();
}
const [load1, load5] = (await import('node:os')).loadavg();
console.log(
  `\n<recrubo-inbox> on a tenant of ${CONVERSATIONS.toLocaleString('en')} conversations (seeded in ${seedMs.toFixed(0)} ms); idle counted over ${IDLE_S} s; load average ${load1.toFixed(2)} (1 min), ${load5.toFixed(2)} (5 min) at the end`,
);
console.log('| measure | value |');
console.log('| --- | --- |');
for (const r of rows) console.log(r);
