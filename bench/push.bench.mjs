#!/usr/bin/env node
// Benchmark of live updates by push (npm run bench; never part of npm test).
// 500 badges over 100 runs in headless Chromium for 60 s while the sandbox's runs change (one run's status every
// BENCH_CHANGE_EVERY ms, as a candidate finishing), once per transport: polling at the default 5 s interval, polling
// at 1 s, and push (events-url; the sandbox's webhooks → receiver → broker → event stream over real HTTP). Counted:
// the page's GETs at the sandbox's request log per minute, and the time from the server's change (the PATCH's
// answer) until every badge of that run shows it (median, p95). Targets: push <= 5 % of poll's requests, p95 <= 1 s.
import { API_KEY, bundlePage, launchChromium, quantile, serveBenchPage, sleep } from './harness.mjs';

// (harness.mjs registered tsx, so the TypeScript below imports as it is)
const { connectHandler } = await import('../scripts/push-mounts.ts');
const { createMemoryBroker, createRecruboEventStream, createRecruboWebhookReceiver } =
  await import('../src/proxy/index.ts');

const DURATION = Number(process.env.BENCH_DURATION ?? 60_000);
const CHANGE_EVERY = Number(process.env.BENCH_CHANGE_EVERY ?? 10_000);
const BADGES = 500;
const RUNS = 100;
const SECRET = 'bench-webhook-secret';
const TERMINAL = ['finished', 'cancelled', 'timeout', 'exception'];

const script = await bundlePage('push.bench-page.ts');

// One server, as a production set-up has it: the API (here the sandbox), the webhook receiver, the event stream.
const broker = createMemoryBroker();
const receiver = connectHandler('/__push/webhooks', createRecruboWebhookReceiver({ secret: SECRET, broker }));
const stream = createRecruboEventStream({
  broker,
  allowedOrigins: (origin) => /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin),
  basePath: '/__push/events',
  demo: true,
  maxStreamsPerClient: 100,
});
const events = connectHandler('/__push/events', stream);
const { origin, close, control, requests, clearRequests, api, createRuns } = await serveBenchPage({
  title: 'push bench',
  script,
  before: (req, res, next) => receiver(req, res, () => events(req, res, next)),
});

/** A tenant with RUNS runs that stay queued unless changed (speed ~0), and webhooks to our receiver. */
async function tenantWithRuns(name) {
  const { seed } = await control(name, {
    reset: true,
    speed: 0.0001,
    webhook: { url: `${origin}/__push/webhooks`, secret: SECRET, tickMs: 100 },
  });
  return createRuns(name, seed, RUNS);
}

const browser = await launchChromium();

const transports = [
  { name: 'poll 5 s (default)', interval: 5000 },
  { name: 'poll 1 s', interval: 1000 },
  { name: 'push', interval: 5000, push: true },
];
const rows = [];
try {
  for (const [n, t] of transports.entries()) {
    const tenant = `push-bench-${n}`;
    const runIds = await tenantWithRuns(tenant);
    const page = await browser.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => typeof window.pushBenchMount === 'function');
    const baseUrl = `${origin}/__sandbox/${tenant}/public/v2`;
    await page.evaluate((s) => window.pushBenchMount(s), {
      baseUrl,
      apiKey: API_KEY,
      runIds,
      badges: BADGES,
      interval: t.interval,
      eventsUrl: t.push ? '/__push/events' : undefined,
    });
    if (t.push) await page.waitForFunction(() => window.pushBenchLive(), null, { timeout: 15000 });
    await sleep(2000); // the first load and its hot polls are not the steady state
    await clearRequests(tenant);
    const started = Date.now();
    const changes = [];
    let next = 0;
    while (Date.now() - started < DURATION) {
      const runId = runIds[next++ % RUNS];
      const status = TERMINAL[next % TERMINAL.length];
      const res = await api(tenant, `/flow-runs/${runId}`, {
        method: 'PATCH',
        body: JSON.stringify({ data: { type: 'flowRuns', id: runId, attributes: { status } } }),
      });
      if (!res.ok) throw new Error(`PATCH ${res.status}`);
      changes.push({ runId, status, at: Date.now() });
      await sleep(Math.max(0, started + next * CHANGE_EVERY - Date.now()));
    }
    const minutes = (Date.now() - started) / 60_000;
    const gets = (await requests(tenant)).filter((r) => r.method === 'GET').length;
    // Give the last change its time (up to 2 poll intervals) before reading latencies.
    await sleep(2 * t.interval + 1000);
    const latencies = [];
    let missed = 0;
    for (const c of changes) {
      const shown = await page.evaluate(([id, st]) => window.pushBenchShownAt(id, st), [c.runId, c.status]);
      if (shown === null) missed++;
      else latencies.push(Math.max(0, shown - c.at));
    }
    rows.push({
      name: t.name,
      perMinute: gets / minutes,
      changes: changes.length,
      median: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
      missed,
    });
    await page.close();
    process.stderr.write('.');
  }
} finally {
  await browser.close();
  await stream.close();
  close();
}
process.stderr.write('\n');

const pad = (v, w) => String(v).padStart(w);
console.log(
  `push benchmark: ${BADGES} badges over ${RUNS} runs, ${DURATION / 1000} s, one run changes every ${CHANGE_EVERY / 1000} s; API GETs counted at the sandbox`,
);
console.log(
  `${'transport'.padEnd(20)} | ${pad('GETs/min', 9)} | ${pad('changes', 7)} | ${pad('median ms', 9)} | ${pad('p95 ms', 7)} | ${pad('missed', 6)}`,
);
console.log('-'.repeat(20 + 3 + 9 + 3 + 7 + 3 + 9 + 3 + 7 + 3 + 6));
for (const r of rows)
  console.log(
    `${r.name.padEnd(20)} | ${pad(r.perMinute.toFixed(1), 9)} | ${pad(r.changes, 7)} | ${pad(r.median.toFixed(0), 9)} | ${pad(r.p95.toFixed(0), 7)} | ${pad(r.missed, 6)}`,
  );
const push = rows.find((r) => r.name === 'push');
const poll = rows.find((r) => r.name === 'poll 5 s (default)');
const fast = rows.find((r) => r.name === 'poll 1 s');
const share = (a, b) => `${((100 * a.perMinute) / b.perMinute).toFixed(1)} %`;
console.log(
  `\npush vs poll 5 s: ${share(push, poll)} of the requests; vs poll 1 s: ${share(push, fast)} (target <= 5 %)`,
);
console.log(
  `push p95 ${push.p95.toFixed(0)} ms (target <= 1000 ms); poll 5 s p95 ${poll.p95.toFixed(0)} ms; poll 1 s p95 ${fast.p95.toFixed(0)} ms`,
);
const ok = push.p95 <= 1000 && push.missed === 0 && push.perMinute <= 0.05 * Math.max(poll.perMinute, fast.perMinute);
console.log(ok ? 'targets met' : 'targets NOT met (see above)');
process.exitCode = ok ? 0 : 1;
