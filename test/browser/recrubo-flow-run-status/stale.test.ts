// Finding 13.1: a badge must not hide that it stopped refreshing, and a first load that keeps failing must leave its
// skeleton for "Could not load" (with a retry) in a time the retry settings bound, while it retries in the background.
import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import { formatTime } from '../../../src/shared/format.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  badgeOf,
  labelOf,
  mount,
  pretendVisible,
  stopPretending,
  text,
  untilLabel,
  unmountAll,
  type RunStatusEl,
} from './helpers.js';

const staleOf = (el: RunStatusEl) => el.shadowRoot!.querySelector<HTMLElement>('[part~="stale"]');

describe('<recrubo-flow-run-status> when refreshing fails', function () {
  this.timeout(90000);
  beforeEach(() => pretendVisible());
  afterEach(() => {
    unmountAll();
    stopPretending();
  });

  it('shows a "not refreshed since" sign (and says it in the badge name) while every request fails, gone on recovery', async () => {
    const sb = await newSandbox();
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status poll-interval="150" label="Jan de Vries" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.running[0]}></recrubo-flow-run-status>`,
    );
    await untilLabel(el, 'Running');
    expect(staleOf(el), 'no sign while refreshing works').to.not.exist;
    expect(badgeOf(el)!.getAttribute('aria-label')).to.equal('Jan de Vries: Running');
    await sb.setFaults({ errorRate: 1 });
    await waitUntil(() => staleOf(el), 'the stale sign', { timeout: 30000 });
    // still the last known status, with words and an icon beside it
    expect(labelOf(el)).to.equal('Running');
    // since the last poll that worked (moments ago), not since the run last changed
    const now = Date.now();
    const times = [now, now - 60_000, now - 120_000].map((t) => `not refreshed since ${formatTime('en', t)}`);
    expect(times).to.include(text(staleOf(el)));
    expect(staleOf(el)!.querySelector('svg'), 'an icon, not only a colour').to.exist;
    expect(badgeOf(el)!.getAttribute('aria-label')).to.match(/^Jan de Vries: Running, not refreshed since \S/);
    await expect(el).to.be.accessible();
    await sb.setFaults({});
    await waitUntil(() => !staleOf(el), 'the sign goes away once a refresh works', { timeout: 30000 });
    expect(badgeOf(el)!.getAttribute('aria-label')).to.equal('Jan de Vries: Running');
  });

  it('in Dutch too', async () => {
    const sb = await newSandbox({ faults: {} });
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status lang="nl" poll-interval="150" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.running[0]}></recrubo-flow-run-status>`,
    );
    await untilLabel(el, 'Actief');
    await sb.setFaults({ htmlErrorRate: 1 });
    await waitUntil(() => staleOf(el), 'the stale sign', { timeout: 30000 });
    expect(text(staleOf(el))).to.match(/^niet ververst sinds \S/);
  });

  it('a first load that keeps failing (429, Retry-After 8 s) says "Could not load" with a retry within the backoff budget, and recovers by itself', async () => {
    const sb = await newSandbox({ faults: { rateLimitRate: 1, retryAfter: 8 } });
    const started = performance.now();
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.running[0]}></recrubo-flow-run-status>`,
    );
    // Without the bound, the skeleton stays for the client's four retries of 8 s each (> 32 s). The bound: the
    // default backoff budget (250 + 500 + 1000 + 2000 ms) plus the Retry-After.
    await untilLabel(el, 'Could not load', 3750 + 8000);
    const shownAfter = performance.now() - started;
    expect(shownAfter, `shown after ${Math.round(shownAfter)} ms`).to.be.below(32000);
    expect(el.shadowRoot!.querySelector('[part~="skeleton"]')).to.not.exist;
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('button.retry');
    expect(retry, 'a retry button').to.exist;
    expect(retry!.getAttribute('aria-label')).to.equal('Try loading the run again');
    await expect(el).to.be.accessible();
    // the retries go on in the background: once the API answers again, the status comes without a click
    const before = (await sb.requests()).length;
    await sb.setFaults({});
    await untilLabel(el, 'Running', 30000);
    expect((await sb.requests()).length).to.be.above(before);
  });
});
