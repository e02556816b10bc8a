import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import { activeTimerCount } from '../../../src/api/index.js';
import type { RunStatusChangeDetail } from '../../../src/shared/events.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  createRun,
  idsOf,
  labelOf,
  runIdsAsked,
  sleep,
  untilLabel,
  untilShown,
  type RunStatusEl,
  mount,
  pretendVisible,
  stopPretending,
  unmountAll,
} from './helpers.js';

const TERMINAL = ['finished', 'timeout', 'cancelled', 'exception'];

describe('<recrubo-flow-run-status> live updates', function () {
  this.timeout(60000);
  let setHidden: (hidden: boolean) => void;
  beforeEach(() => (setHidden = pretendVisible()));
  afterEach(() => {
    unmountAll();
    stopPretending();
  });

  it('follows a new run from queued to finished: one event per change per element, none after the end', async () => {
    const sb = await newSandbox({ speed: 0.001 }); // frozen until we let it go
    const runId = await createRun(sb);
    const events: { el: EventTarget; detail: RunStatusChangeDetail }[] = [];
    const wrapper = await mount<HTMLElement>(html`<div
      @recrubo-run-status-change=${(e: CustomEvent<RunStatusChangeDetail>) => events.push({ el: e.target!, detail: e.detail })}
    >
      <recrubo-flow-run-status poll-interval="100" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${runId}></recrubo-flow-run-status>
      <recrubo-flow-run-status poll-interval="100" variant="card" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${runId}></recrubo-flow-run-status>
    </div>`);
    const els = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    await untilLabel(els[0], 'Queued');
    await sb.setSpeed(8); // queued 1 s → ~125 ms, then one answer per ~190 ms
    // a run of the API whose candidate passed every knockout (the sandbox's rule, see outcome.test.ts)
    await untilLabel(els[0], 'Finished · accepted', 30000);
    await untilLabel(els[1], 'Finished · accepted', 30000);
    await sleep(800); // several ticks' worth: nothing more may come
    for (const el of els) {
      const mine = events.filter((e) => e.el === el).map((e) => e.detail);
      const statuses = mine.map((d) => d.status);
      expect(statuses[0]).to.equal('queued');
      expect(statuses).to.include('running');
      expect(statuses[statuses.length - 1]).to.equal('finished');
      expect(new Set(statuses).size, `no status twice: ${statuses}`).to.equal(statuses.length);
      mine.forEach((d, i) => {
        expect(d.runId).to.equal(runId);
        expect(d.previousStatus).to.equal(i === 0 ? null : statuses[i - 1]);
        expect(d.terminal).to.equal(TERMINAL.includes(d.status));
        expect(d.run.status).to.equal(d.status);
      });
    }
    // the end stops polling: no request for this run any more
    await sb.clearRequests();
    await sleep(600);
    expect(runIdsAsked(await sb.requests())).to.have.length(0);
    // the change was announced politely, in the page's one announcer
    expect(document.getElementById('recrubo-announcer')!.textContent).to.equal('Run status: Finished');
  });

  it('100 elements over 20 runs cost one request per tick, batched', async () => {
    const sb = await newSandbox();
    const r = sb.seed.runs;
    const live = [...r.running, ...r.queued, ...r.paused]; // never change by themselves: polled all along
    const ended = [
      ...r.finished.slice(0, 4),
      ...r.timeout.slice(0, 2),
      ...r.cancelled.slice(0, 2),
      ...r.exception.slice(0, 2),
    ];
    const ids = [...live, ...ended];
    expect(ids).to.have.length(20);
    const interval = 400;
    const wrapper = await mount<HTMLElement>(html`<div>
      ${Array.from({ length: 100 }, (_, i) => html`<recrubo-flow-run-status poll-interval=${interval} base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${ids[i % 20]}></recrubo-flow-run-status>`)}
    </div>`);
    const els = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    await untilShown(els);
    // The first load is one batch of all 20 ids (the store may already have polled again right after it: the first
    // load counts as a change, and polls come faster just after a change).
    // Finished runs also load their flow once (for the outcome): one request per flow, never per element.
    const all = await sb.requests();
    const flowPaths = all.filter((req) => /\/flows\//.test(req.path)).map((req) => req.path);
    expect(new Set(flowPaths).size, 'each flow once').to.equal(flowPaths.length);
    const first = all.filter((req) => !/\/flows\//.test(req.path));
    expect(idsOf(first[0]).sort(), 'the first request asks for every run at once').to.deep.equal([...ids].sort());
    for (const req of first)
      expect(req.path.endsWith('/flow-runs'), 'batches only, never one request per element').to.equal(true);

    await sb.clearRequests();
    const started = performance.now();
    await sleep(interval * 4);
    const log = (await sb.requests()).filter((req) => !/\/flows\//.test(req.path));
    const elapsed = performance.now() - started;
    const ticks = Math.ceil(elapsed / (interval / 2)); // the store's clock runs at half the interval
    expect(log.length, 'some polling happened').to.be.at.least(2);
    expect(log.length, `at most one request per tick (${ticks} ticks)`).to.be.at.most(ticks + 1);
    for (const req of log) {
      expect(req.path.endsWith('/flow-runs'), 'only batches').to.equal(true);
      expect(idsOf(req).sort(), 'ended runs are no longer polled').to.deep.equal([...live].sort());
    }
  });

  it('follows a new run-id at once and never asks for the old one again', async () => {
    const sb = await newSandbox();
    const [a, b] = sb.seed.runs.running;
    const events: RunStatusChangeDetail[] = [];
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status poll-interval="100" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${a}
        @recrubo-run-status-change=${(e: CustomEvent<RunStatusChangeDetail>) => events.push(e.detail)}></recrubo-flow-run-status>`,
    );
    await untilLabel(el, 'Running');
    el.setAttribute('run-id', sb.seed.runs.cancelled[0]);
    await untilLabel(el, 'Cancelled');
    expect(el.run!.id).to.equal(sb.seed.runs.cancelled[0]);
    el.runId = b;
    await waitUntil(() => el.run?.id === b, 'shows b', { timeout: 15000 });
    await sb.clearRequests();
    await sleep(700);
    const asked = runIdsAsked(await sb.requests());
    expect(asked.length).to.be.at.least(2);
    expect(asked).to.not.include(a);
    expect(new Set(asked)).to.deep.equal(new Set([b]));
    // each run's first status has previousStatus null
    expect(events.map((e) => [e.runId, e.previousStatus])).to.deep.equal([
      [a, null],
      [sb.seed.runs.cancelled[0], null],
      [b, null],
    ]);
  });

  it('stops every request and timer when removed from the DOM', async () => {
    const sb = await newSandbox();
    const ids = [...sb.seed.runs.running.slice(0, 3), sb.seed.runs.paused[0]];
    const wrapper = await mount<HTMLElement>(html`<div>
      ${ids.map((id) => html`<recrubo-flow-run-status poll-interval="100" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${id}></recrubo-flow-run-status>`)}
      <recrubo-flow-run-status variant="card" poll-interval="100" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${ids[0]}></recrubo-flow-run-status>
    </div>`);
    const els = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    await untilShown(els);
    await waitUntil(() => !els[4].shadowRoot!.querySelector('.title .skeleton'), 'card shows its flow', {
      timeout: 15000,
    });
    // it polls: after the first load, only the polling asks for these runs again
    await sb.clearRequests();
    await waitUntil(async () => runIdsAsked(await sb.requests()).length > 0, 'polls while shown', {
      timeout: 5000,
      interval: 50,
    });
    wrapper.remove();
    await sleep(50);
    await sb.clearRequests();
    await sleep(800);
    expect(await sb.requests(), 'count stays flat after removal').to.have.length(0);
    expect(activeTimerCount(), 'no timer left').to.equal(0);
  });

  it('pauses polling while the page is hidden and catches up at once when it is shown again', async () => {
    const sb = await newSandbox();
    const ids = sb.seed.runs.running.slice(0, 2);
    const wrapper = await mount<HTMLElement>(html`<div>
      ${ids.map((id) => html`<recrubo-flow-run-status poll-interval="100" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${id}></recrubo-flow-run-status>`)}
    </div>`);
    const els = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    await untilShown(els);
    setHidden(true);
    await sleep(100);
    await sb.clearRequests();
    await sleep(700);
    expect(await sb.requests(), 'nothing while hidden').to.have.length(0);
    // Now a poll interval of 60 s (the next poll is 30 s away): a request within seconds can only be the catch-up.
    for (const el of els) el.setAttribute('poll-interval', '60000');
    await Promise.all(els.map((el) => el.updateComplete));
    await sleep(300);
    expect(await sb.requests(), 'still nothing while hidden').to.have.length(0);
    setHidden(false);
    await waitUntil(async () => (await sb.requests()).length > 0, 'a request as soon as the page is visible', {
      timeout: 5000,
      interval: 50,
    });
    await sleep(300);
    const log = await sb.requests();
    expect(log, 'exactly the catch-up').to.have.length(1);
    expect(idsOf(log[0]).sort()).to.deep.equal([...ids].sort());
  });

  it('after a 429 whose Retry-After is too long to wait within the request, the next poll waits for it', async () => {
    const sb = await newSandbox({ faults: { rateLimitRate: 1, retryAfter: 60 } });
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status poll-interval="100" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.running[0]}></recrubo-flow-run-status>`,
    );
    await untilLabel(el, 'Could not load', 20000);
    const asked = (await sb.requests()).length;
    expect(asked, "given up at once (60 s is over the client's 30 s cap)").to.equal(1);
    await sleep(1500); // fifteen polling intervals
    expect((await sb.requests()).length, 'no poll while the server asked for quiet').to.equal(asked);
    // The user may still ask.
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.retry')!.click();
    await waitUntil(async () => (await sb.requests()).length === asked + 1, 'the retry button asks', { timeout: 5000 });
  });

  it('backs off while polls keep failing, and goes back to its pace once they answer', async () => {
    const sb = await newSandbox({ faults: { errorRate: 1 } });
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status poll-interval="100" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.running[0]}></recrubo-flow-run-status>`,
    );
    await untilLabel(el, 'Could not load', 20000);
    // Each poll is one request (a polled GET is not retried by the client: the next poll is the retry); between
    // polls the store waits 0.1, 0.2, 0.4, then 0.8 s. Without the backoff the gaps would all be 0.1 s.
    const gaps = async () => {
      const log = (await sb.requests()).map((r) => Date.parse(r.at));
      return log.slice(1).map((t, i) => t - log[i]!);
    };
    await waitUntil(async () => (await sb.requests()).length >= 5, 'five polls', { timeout: 30000, interval: 200 });
    const g = await gaps();
    // the store's waits before the second, fourth and fifth poll
    const between = [g[0]!, g[2]!, g[3]!];
    expect(between[2]!, `waits between polls ${between.join(', ')} ms`).to.be.greaterThan(between[0]! + 150);
    await sb.setFaults({});
    await untilLabel(el, 'Running', 10000);
  });

  it('`static` loads once and never polls', async () => {
    const sb = await newSandbox();
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status static poll-interval="100" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.running[0]}></recrubo-flow-run-status>`,
    );
    await untilLabel(el, 'Running');
    await sleep(700);
    expect(await sb.requests()).to.have.length(1);
    expect(labelOf(el)).to.equal('Running');
  });
});
