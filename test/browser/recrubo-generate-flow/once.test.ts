// One click, one generation: the POST carries an Idempotency-Key, and "Send again" after a dropped answer re-sends
// that key so the sandbox answers with the generation it already made; "Generate another" is not offered while a
// generation runs (the page would never get its flowId); after a 429 "Send again" waits out Retry-After, counting.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-generate-flow/define.js';
import type { RecruboGenerateFlowElement } from '../../../src/elements/recrubo-generate-flow/define.js';
import type { GenerationFinishedDetail } from '../../../src/shared/events.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { $, FLOW_GENERATION_EXAMPLE_BODY, attributesOf, submitButton, textOf } from './fixtures.js';

async function mount(sb: TestSandbox) {
  const example = attributesOf(FLOW_GENERATION_EXAMPLE_BODY);
  const el = await fixture<RecruboGenerateFlowElement>(html`
    <recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey} poll-interval="100"></recrubo-generate-flow>
  `);
  el.parameters = example.parameters as never;
  el.context = example.context as never;
  await el.updateComplete;
  const finished: GenerationFinishedDetail[] = [];
  let errors = 0;
  el.addEventListener('recrubo-generation-finished', (e) => finished.push(e.detail));
  el.addEventListener('recrubo-error', () => errors++);
  // Every POST the element sends, with its key (what page code sends; the browser may resend on its own).
  const keys: (string | null)[] = [];
  el.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.method === 'POST') keys.push(request.headers.get('idempotency-key'));
    return fetch(request);
  };
  return { el, finished, keys, errors: () => errors };
}

/** The tenant's generations (the seeded ones and any made since). */
async function generationCount(sb: TestSandbox): Promise<number> {
  const res = await fetch(`${sb.baseUrl}/flow-generations?page[size]=100`, {
    headers: { Authorization: `Bearer ${sb.apiKey}` },
  });
  return ((await res.json()).data as unknown[]).length;
}

const another = (el: RecruboGenerateFlowElement) => $<HTMLButtonElement>(el, '[part~="another"]');
const retryButton = (el: RecruboGenerateFlowElement) => $<HTMLButtonElement>(el, '[part~="retry"]');

describe('<recrubo-generate-flow> one click, one generation', function () {
  this.timeout(60000);

  it('a POST whose answer is dropped, then "Send again": one generation at the sandbox, and the flowId arrives', async () => {
    const sb = await newSandbox({ speed: 100 });
    const { el, finished, keys, errors } = await mount(sb);
    const before = await generationCount(sb);
    // The sandbox makes the generation, then drops the connection instead of answering.
    await sb.setFaults({ dropAfterRate: 1, count: 1 });
    submitButton(el).click();
    // The browser itself may resend the request on the reset (then the sandbox replays it and the form follows it),
    // or the form says the flow may have been created.
    await waitUntil(() => errors() === 1 || finished.length === 1, 'an error or the result', { timeout: 20000 });
    if (errors() === 1) {
      await el.updateComplete;
      expect(textOf($(el, '[part~="alert"]'))).to.contain('may have been created');
      retryButton(el)!.click();
    }
    await waitUntil(() => finished.length === 1, 'finished', { timeout: 20000 });
    expect(finished[0]!.flowId).to.be.a('string');
    expect(keys.length).to.be.greaterThan(0);
    expect(keys[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size, 'every POST of the click carried the same key').to.equal(1);
    expect(await generationCount(sb), 'one generation made').to.equal(before + 1);
    // The sandbox's log: whatever the browser resent, one POST acted; any other was a replay of its answer.
    const logged = (await sb.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/flow-generations'));
    expect(
      logged.filter((r) => !r.replayed),
      'one POST acted',
    ).to.have.length(1);
    expect(logged.length - 1, 'the rest replayed').to.equal(logged.filter((r) => r.replayed).length);
  });

  it('a new click after a refused POST (500) gets a new key', async () => {
    const sb = await newSandbox({ speed: 100 });
    const { el, finished, keys, errors } = await mount(sb);
    await sb.setFaults({ errorRate: 1, count: 1 });
    submitButton(el).click();
    await waitUntil(() => errors() === 1, 'error', { timeout: 10000 });
    await el.updateComplete;
    retryButton(el)!.click();
    await waitUntil(() => finished.length === 1, 'finished', { timeout: 20000 });
    expect(keys).to.have.length(2);
    expect(keys[0]).to.not.equal(keys[1]);
  });

  it('"Generate another" is not offered while the generation runs; when it is finished it is, and the flowId came', async () => {
    const sb = await newSandbox({ speed: 0.001 }); // stays queued
    const { el, finished } = await mount(sb);
    submitButton(el).click();
    await waitUntil(() => textOf($(el, '[part~="progress"] .status-text')).includes('Queued'), 'queued', {
      timeout: 10000,
    });
    expect(another(el), 'no way away from a running generation').to.equal(null);
    expect(textOf($(el, '[part~="progress"] [part~="hint"]'))).to.contain(
      'follows the generation until it is finished',
    );
    // A failing poll does not offer it either: the generation still runs.
    await sb.setFaults({ errorRate: 1 });
    await waitUntil(() => $(el, '[part~="progress"] [role="alert"]'), 'the failed poll is shown', { timeout: 20000 });
    expect(another(el)).to.equal(null);
    await sb.setFaults({});
    await sb.setSpeed(100);
    await waitUntil(() => finished.length === 1, 'finished', { timeout: 20000 });
    expect(finished[0]!.flowId).to.be.a('string');
    await el.updateComplete;
    expect(another(el)).to.not.equal(null);
  });

  it('a 429 with Retry-After: "Send again" is disabled and counts down, then sends', async () => {
    const sb = await newSandbox({ speed: 100 });
    const { el, finished, keys, errors } = await mount(sb);
    await sb.setFaults({ rateLimitRate: 1, retryAfter: 3, count: 1 });
    submitButton(el).click();
    await waitUntil(() => errors() === 1, '429', { timeout: 10000 });
    await el.updateComplete;
    expect(textOf($(el, '[part~="alert"]'))).to.match(/Wait [1-3] s before you send again/);
    const first = textOf(retryButton(el));
    expect(first).to.match(/^Send again \([1-3] s\)$/);
    expect(retryButton(el)!.disabled).to.equal(true);
    retryButton(el)!.click(); // a disabled button: nothing is sent
    await waitUntil(() => textOf(retryButton(el)) !== first, 'the countdown moves', { timeout: 5000 });
    await waitUntil(() => !retryButton(el)!.disabled, 'enabled after the wait', { timeout: 10000 });
    expect(textOf(retryButton(el))).to.equal('Send again');
    expect(keys).to.have.length(1);
    await expect(el).to.be.accessible();
    retryButton(el)!.click();
    await waitUntil(() => finished.length === 1, 'finished', { timeout: 20000 });
    expect(keys).to.have.length(2);
  });
});
