import { expect, waitUntil } from '@open-wc/testing';
import { createApi, type Api, type FlowRun, type ResourceSnapshot } from '../../../src/api/index.js';
import { newSandbox } from '../helpers/sandbox.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const idsOf = (query: string) => new URLSearchParams(query).get('filter[id]')?.split(',') ?? [];
const isBatch = (r: { path: string; query: string }) => r.path.endsWith('/flow-runs') && idsOf(r.query).length > 0;

function watchAll(api: Api, ids: string[], perId: number, interval: number) {
  const latest = new Map<string, ResourceSnapshot<FlowRun>>();
  const stops: (() => void)[] = [];
  ids.forEach((id) => {
    for (let i = 0; i < perId; i++) stops.push(api.store.watch('flowRuns', id, (s) => latest.set(id, s), { interval }));
  });
  return { latest, stop: () => stops.forEach((s) => s()) };
}

/** Test runners may open the page as a background tab (document.hidden true), where the store rightly pauses. */
export function pretendVisible(hidden = false) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
}

describe('live resource store', () => {
  beforeEach(() => pretendVisible(false));
  afterEach(() => delete (document as unknown as { hidden?: boolean }).hidden);

  it('50 subscribers to 10 runs cost one batched request per tick', async () => {
    const sb = await newSandbox();
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' });
    // ten runs that never change by themselves and are not terminal, so they are polled for the whole test
    const ids = [...sb.seed.runs.running, ...sb.seed.runs.queued, ...sb.seed.runs.paused].slice(0, 10);
    expect(ids).to.have.length(10);
    const w = watchAll(api, ids, 5, 200);
    await waitUntil(() => ids.every((id) => w.latest.get(id)?.data), 'all loaded', { timeout: 5000 });
    const first = await sb.requests();
    // the first load is one request for all ten (a poll may have followed already on a slow machine)
    expect(idsOf(first[0].query).sort()).to.deep.equal([...ids].sort());

    const started = performance.now();
    await sleep(1500);
    w.stop();
    const elapsed = performance.now() - started;
    const log = await sb.requests();
    expect(log.every(isBatch), 'only filter[id] batches, never one GET per element').to.equal(true);
    // every request carries all ten ids, and there is at most one per (half-interval) tick
    for (const r of log) expect(idsOf(r.query).sort()).to.deep.equal([...ids].sort());
    expect(log.length, 'it polled').to.be.at.least(1); // a background tab may throttle timers to 1/s
    expect(log.length).to.be.at.most(Math.ceil(elapsed / 100) + 2);
  });

  it('shares identical GETs in flight', async () => {
    const sb = await newSandbox({ faults: { latencyMs: 100 } });
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' });
    const id = sb.seed.runs.finished[0];
    const runs = await Promise.all([api.flowRuns.get(id), api.flowRuns.get(id), api.flowRuns.get(id)]);
    expect(runs.map((r) => r.id)).to.deep.equal([id, id, id]);
    expect(await sb.requests()).to.have.length(1);
  });

  it('splits batches at 100 ids, and gives unknown ids their 404 without polling them again', async () => {
    const sb = await newSandbox();
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' });
    const known = Object.values(sb.seed.runs)
      .flat()
      .filter((v): v is string => typeof v === 'string');
    const unknown = Array.from(
      { length: 110 - known.length },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const ids = [...new Set([...known, ...unknown])];
    const w = watchAll(api, ids, 1, 60000);
    await waitUntil(() => ids.every((id) => w.latest.get(id) && !w.latest.get(id)!.loading), 'all settled', {
      timeout: 10000,
    });
    const log = await sb.requests();
    const batches = log.filter(isBatch);
    expect(batches).to.have.length(2);
    expect(batches.map((b) => idsOf(b.query).length).sort((a, b) => a - b)).to.deep.equal([ids.length - 100, 100]);
    expect(w.latest.get(unknown[0])!.error?.status).to.equal(404);
    expect(w.latest.get(known[0])!.data?.id).to.equal(known[0]);
    w.stop();
  });

  it('falls back to single GETs, once, when the server refuses filter[id]', async () => {
    const sb = await newSandbox({ faults: { rejectIdFilter: true } });
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' });
    const ids = sb.seed.runs.running.slice(0, 3);
    const w = watchAll(api, ids, 2, 200);
    await waitUntil(() => ids.every((id) => w.latest.get(id)?.data), 'all loaded', { timeout: 5000 });
    await sleep(500);
    w.stop();
    const log = await sb.requests();
    const batches = log.filter((r) => r.query.includes('filter'));
    expect(batches).to.have.length(1);
    expect(batches[0].status).to.equal(400);
    expect(log.filter((r) => !r.query.includes('filter')).length).to.be.at.least(ids.length);
    expect(ids.every((id) => w.latest.get(id)?.error === undefined)).to.equal(true);
  });

  it('a PATCH updates every subscriber at once, before any poll', async () => {
    const sb = await newSandbox();
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' });
    const id = sb.seed.runs.running[0];
    const seen: string[][] = [[], [], []];
    const stops = seen.map((list) =>
      api.store.watch('flowRuns', id, (s) => s.data && list.push(s.data.status), { interval: 60000 }),
    );
    await waitUntil(() => seen.every((l) => l.length > 0), 'loaded', { timeout: 5000 });
    await api.flowRuns.update(id, { status: 'cancelled' });
    expect(seen.map((l) => l.at(-1))).to.deep.equal(['cancelled', 'cancelled', 'cancelled']);
    expect((await sb.requests()).map((r) => r.method)).to.deep.equal(['GET', 'PATCH']);
    stops.forEach((s) => s());
  });

  it('stops polling a run once it reaches a terminal status', async () => {
    const sb = await newSandbox({ speed: 60 });
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' });
    const id = sb.seed.runs.live[1]; // a live run that is already running
    const statuses: string[] = [];
    const stop = api.store.watch(
      'flowRuns',
      id,
      (s) => s.data && statuses.at(-1) !== s.data.status && statuses.push(s.data.status),
      { interval: 100 },
    );
    await waitUntil(() => statuses.at(-1) === 'finished', 'finished', { timeout: 10000 });
    const count = (await sb.requests()).length;
    await sleep(500);
    expect((await sb.requests()).length).to.equal(count);
    expect(statuses).to.include('finished');
    stop();
  });

  it('converges to the server truth through a burst of 500s, drops and 429s', async () => {
    // A certain burst first (the next two requests answer 500), then faults at random rates. The rates alone may,
    // by chance, leave a short run untouched (the PRNG is seeded by the tenant's random name).
    const sb = await newSandbox({ speed: 300, faults: { errorRate: 1, count: 2 } });
    const api = createApi(
      { baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' },
      { retry: { baseDelay: 20, maxDelay: 200 } },
    );
    const ids = [...sb.seed.runs.live, ...sb.seed.runs.finished.slice(0, 4)];
    const w = watchAll(api, ids, 3, 100);
    await waitUntil(async () => (await sb.requests()).filter((r) => r.status === 500).length >= 2, 'the burst', {
      timeout: 5000,
      interval: 20,
    });
    await sb.setFaults({ errorRate: 0.3, dropRate: 0.1, rateLimitRate: 0.25, retryAfter: 0.05 });
    await waitUntil(
      () =>
        ids.every((id) =>
          ['finished', 'timeout', 'exception', 'cancelled'].includes(w.latest.get(id)?.data?.status ?? ''),
        ),
      'all terminal',
      {
        timeout: 14000,
        interval: 100,
      },
    );
    await sb.setFaults({});
    const truth = await createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' }).flowRuns.list({
      filter: { id: ids },
      page: { size: 100 },
    });
    for (const run of truth.items) {
      const shown = w.latest.get(run.id)!.data!;
      expect({ status: shown.status, cost: shown.cost, state: shown.state }).to.deep.equal({
        status: run.status,
        cost: run.cost,
        state: run.state,
      });
    }
    const faulted = (await sb.requests()).filter((r) => r.status !== 200);
    expect(faulted.length, 'faults really happened').to.be.at.least(2);
    w.stop();
  });

  it('requests nothing after the last subscriber leaves, and aborts what is in flight', async () => {
    const sb = await newSandbox({ faults: { latencyMs: 150 } });
    // every request the store makes, with its signal and whether the answer came, failed or was aborted
    const calls: { signal?: AbortSignal; outcome: 'pending' | 'answered' | 'aborted' | 'failed' }[] = [];
    const spy: typeof fetch = (input, init) => {
      const call: (typeof calls)[number] = {
        signal: init?.signal ?? (input instanceof Request ? input.signal : undefined),
        outcome: 'pending',
      };
      calls.push(call);
      const answer = fetch(input, init);
      answer.then(
        () => (call.outcome = 'answered'),
        (err) => (call.outcome = (err as Error)?.name === 'AbortError' ? 'aborted' : 'failed'),
      );
      return answer;
    };
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en', fetch: spy });
    const ids = sb.seed.runs.running.slice(0, 3);
    const w = watchAll(api, ids, 2, 100);
    await waitUntil(() => ids.every((id) => w.latest.get(id)?.data), 'all loaded', { timeout: 5000 });
    // a poll is on its way (150 ms latency, a tick every 50 ms): leave while it is
    await waitUntil(() => calls.some((c) => c.outcome === 'pending'), 'a poll in flight', {
      timeout: 5000,
      interval: 10,
    });
    const inFlight = calls.filter((c) => c.outcome === 'pending');
    const sent = calls.length;
    expect(
      calls.filter((c) => c.outcome === 'answered').length,
      'it requested (and got) something before',
    ).to.be.at.least(1);
    w.stop();
    expect(api.store.size).to.equal(0);
    expect(
      inFlight.every((c) => c.signal?.aborted),
      'the request in flight is aborted at once',
    ).to.equal(true);
    await waitUntil(() => inFlight.every((c) => c.outcome === 'aborted'), 'its fetch ends as aborted, not answered', {
      timeout: 2000,
      interval: 10,
    });
    await sleep(300); // the server logs the aborted request when its latency is over
    const logged = (await sb.requests()).length;
    expect(logged, 'the sandbox saw the requests').to.be.at.least(sent - inFlight.length);
    await sleep(600);
    expect(calls.length, 'nothing requested after the last subscriber left').to.equal(sent);
    expect((await sb.requests()).length).to.equal(logged);
  });

  it('pauses while the page is hidden', async () => {
    const sb = await newSandbox();
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' });
    const w = watchAll(api, sb.seed.runs.running.slice(0, 2), 1, 100);
    await waitUntil(() => w.latest.size === 2 && [...w.latest.values()].every((s) => s.data), 'loaded', {
      timeout: 5000,
    });
    // visible: it polls (every 50-100 ms)
    await sb.clearRequests();
    await waitUntil(async () => (await sb.requests()).length > 0, 'polls while visible', {
      timeout: 5000,
      interval: 50,
    });
    pretendVisible(true);
    try {
      await sleep(150);
      const count = (await sb.requests()).length;
      await sleep(500);
      expect((await sb.requests()).length, 'nothing while hidden').to.equal(count);
    } finally {
      pretendVisible(false);
      w.stop();
    }
  });

  it('refreshes at once when the page comes back or goes online, long before the next poll', async () => {
    const sb = await newSandbox();
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' });
    const ids = sb.seed.runs.running.slice(0, 2);
    // 60 s: the next poll is 30 s away, so a request within seconds can only be the wake-up
    const w = watchAll(api, ids, 1, 60000);
    await waitUntil(() => w.latest.size === 2 && [...w.latest.values()].every((s) => s.data), 'loaded', {
      timeout: 5000,
    });
    const oneBatchOfBoth = async () => {
      const log = await sb.requests();
      expect(log.length, `exactly the wake-up's request: ${JSON.stringify(log)}`).to.equal(1);
      expect(idsOf(log[0].query).sort()).to.deep.equal([...ids].sort());
    };
    try {
      await sleep(100);
      await sb.clearRequests();
      await sleep(300);
      expect(await sb.requests(), 'quiet before the event').to.have.length(0);

      // hidden: a visibilitychange (the tab went to the back) asks for nothing
      pretendVisible(true);
      document.dispatchEvent(new Event('visibilitychange'));
      await sleep(300);
      expect(await sb.requests(), 'nothing when the page goes hidden').to.have.length(0);

      pretendVisible(false);
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(async () => (await sb.requests()).length > 0, 'refreshed on visibilitychange', {
        timeout: 5000,
        interval: 50,
      });
      await sleep(200);
      await oneBatchOfBoth();

      await sb.clearRequests();
      await sleep(300);
      expect(await sb.requests(), 'quiet again').to.have.length(0);
      window.dispatchEvent(new Event('online'));
      await waitUntil(async () => (await sb.requests()).length > 0, 'refreshed on online', {
        timeout: 5000,
        interval: 50,
      });
      await sleep(200);
      await oneBatchOfBoth();
    } finally {
      w.stop();
    }
  });
});
