import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-generate-flow/define.js';
import type { RecruboGenerateFlowElement } from '../../../src/elements/recrubo-generate-flow/define.js';
import type { GenerationFinishedDetail, GenerationStatusChangeDetail } from '../../../src/shared/events.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import {
  $,
  FLOW_GENERATION_EXAMPLE_BODY,
  attributesOf,
  byLabel,
  readGeneration,
  sleep,
  submitButton,
  textOf,
} from './fixtures.js';

const posts = async (sb: TestSandbox) =>
  (await sb.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/flow-generations'));

async function mount(sb: TestSandbox, extra: { sync?: boolean; pollInterval?: number } = {}) {
  const example = attributesOf(FLOW_GENERATION_EXAMPLE_BODY);
  const el = await fixture<RecruboGenerateFlowElement>(html`
    <recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey} ?sync=${extra.sync} poll-interval=${extra.pollInterval ?? 100}></recrubo-generate-flow>
  `);
  el.parameters = example.parameters as never;
  el.context = example.context as never;
  await el.updateComplete;
  return el;
}

function record(el: RecruboGenerateFlowElement) {
  const log = {
    statuses: [] as GenerationStatusChangeDetail[],
    finished: [] as GenerationFinishedDetail[],
    created: 0,
    errors: 0,
  };
  el.addEventListener('recrubo-generation-status-change', (e) => log.statuses.push(e.detail));
  el.addEventListener('recrubo-generation-finished', (e) => log.finished.push(e.detail));
  el.addEventListener('recrubo-generation-created', () => log.created++);
  el.addEventListener('recrubo-error', () => log.errors++);
  return log;
}

const resultText = (el: RecruboGenerateFlowElement) => textOf($(el, '[part~="result"]'));

/** A generation started elsewhere (e.g. before a reload): the seed's example body, POSTed straight to the sandbox. */
async function createGeneration(sb: TestSandbox): Promise<string> {
  const res = await fetch(`${sb.baseUrl}/flow-generations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sb.apiKey}`, 'Content-Type': 'application/vnd.api+json' },
    body: JSON.stringify({ data: { type: 'flowGenerations', attributes: attributesOf(FLOW_GENERATION_EXAMPLE_BODY) } }),
  });
  return (await res.json()).data.id as string;
}

/** A form that follows `id` (the `generation-id` attribute), polling every 100 ms. */
async function follow(sb: TestSandbox, id: string) {
  const el = document.createElement('recrubo-generate-flow');
  const log = record(el);
  el.setAttribute('base-url', sb.baseUrl);
  el.setAttribute('api-key', sb.apiKey);
  el.setAttribute('poll-interval', '100');
  el.setAttribute('generation-id', id);
  await fixture(el);
  return { el, log };
}

describe('<recrubo-generate-flow> generating', function () {
  this.timeout(60000);

  it('a double click (and Enter twice) send one POST; the generation is followed to finished, with one finished event', async () => {
    // The sandbox's clock almost stands still (speed 0.001), so each state stays on screen until the test moves on.
    const sb = await newSandbox({ speed: 0.001 });
    const el = await mount(sb);
    const log = record(el);

    // The POST takes 1.5 s to answer, so the clicks and Enters below land while it is in flight.
    await sb.setFaults({ latencyMs: 1500, count: 1 });
    const button = submitButton(el);
    const form = $<HTMLFormElement>(el, 'form')!;
    button.click();
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.getAttribute('aria-busy')).to.equal('true');
    // Enter in a text field submits the native form (implicit submission); more of them do nothing now.
    form.requestSubmit();
    form.requestSubmit();
    await expect(el).to.be.accessible(); // submitting
    await waitUntil(() => log.created === 1, 'created', { timeout: 10000 });
    if (form.isConnected) form.requestSubmit();

    // queued
    await el.updateComplete;
    const progress = $(el, '[part~="progress"]')!;
    expect(progress).to.exist;
    expect(textOf($(el, '[part~="progress"] .status-text'))).to.contain('Queued');
    expect($(el, '[part~="step"][aria-current="step"]')?.textContent).to.contain('Queued');
    await expect(el).to.be.accessible();

    // processing
    await sb.setSpeed(2);
    await waitUntil(() => log.statuses.some((s) => s.status === 'processing'), 'processing seen', { timeout: 15000 });
    await sb.setSpeed(0.001);
    await el.updateComplete;
    expect(textOf($(el, '[part~="progress"] .status-text'))).to.contain('Processing');
    // Spoken through the page's one announcer (the element keeps no live region of its own).
    expect(el.shadowRoot!.querySelector('[aria-live], [role="status"]')).to.equal(null);
    await waitUntil(
      () => (document.getElementById('recrubo-announcer')?.textContent ?? '').includes('Status: Processing.'),
      'the status announced',
    );
    expect($(el, '[part~="step"][aria-current="step"]')?.textContent).to.contain('Processing');
    const before = $(el, '[part~="elapsed"]')!.textContent;
    await waitUntil(() => $(el, '[part~="elapsed"]')!.textContent !== before, 'the counter ticks', { timeout: 5000 });
    await expect(el).to.be.accessible();

    // finished
    await sb.setSpeed(100);
    await waitUntil(() => log.finished.length === 1, 'finished', { timeout: 20000 });
    await waitUntil(() => /\d+ steps/.test(resultText(el)), 'flow details shown', { timeout: 10000 });
    const id = log.finished[0]!.generationId;
    const server = await readGeneration(sb.baseUrl, sb.apiKey, id);
    expect(server.status).to.equal('finished');
    expect(server.flowId).to.be.a('string');
    expect(log.finished[0]!.flowId).to.equal(server.flowId);
    expect(log.finished[0]!.cost).to.equal(server.cost);
    expect(el.generation?.id).to.equal(id);
    expect(log.statuses.map((s) => s.status)).to.deep.equal(['queued', 'processing', 'finished']);
    expect(log.statuses[0]!.previousStatus).to.equal(null);
    expect(log.statuses[2]!.previousStatus).to.equal('processing');

    expect(resultText(el)).to.contain(server.flowId);
    expect(resultText(el)).to.contain('Driver');
    expect(resultText(el)).to.contain('3 credits');
    expect($(el, '[part~="elapsed"]')?.textContent).to.match(/\d/);
    await expect(el).to.be.accessible();

    // Nothing else happens: still one finished event, one POST.
    await sleep(500);
    expect(log.finished).to.have.length(1);
    expect(await posts(sb)).to.have.length(1);

    // "Generate another" goes back to the form with the values kept.
    const another = [...el.shadowRoot!.querySelectorAll('button')].find((b) => textOf(b) === 'Generate another')!;
    another.click();
    await el.updateComplete;
    expect(byLabel(el, 'Flow name').value).to.equal('Driver');
    expect(el.payload).to.deep.equal(attributesOf(FLOW_GENERATION_EXAMPLE_BODY));
  });

  it('sync: one POST with ?sync=true, finished shown', async () => {
    const sb = await newSandbox({ speed: 100 });
    const el = await mount(sb, { sync: true });
    const log = record(el);
    submitButton(el).click();
    await waitUntil(() => log.finished.length === 1, 'finished', { timeout: 20000 });
    const requests = await posts(sb);
    expect(requests).to.have.length(1);
    expect(requests[0]!.query).to.contain('sync=true');
    expect(log.statuses.map((s) => s.status)).to.deep.equal(['finished']);
    await waitUntil(() => resultText(el).includes(log.finished[0]!.flowId!), 'result shown', { timeout: 10000 });
    expect(textOf($(el, '[part~="progress"] .status-text'))).to.contain('Finished');
    // No polling of a generation that is already finished.
    const gets = (await sb.requests()).filter((r) => r.method === 'GET' && r.path.includes('/flow-generations/'));
    expect(gets).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('generation-id resumes following a generation (no POST), and finished fires once', async () => {
    const sb = await newSandbox({ speed: 5 });
    const id = await createGeneration(sb);
    await sb.clearRequests();

    const { el, log } = await follow(sb, id);
    expect($(el, 'form')).to.equal(null);
    expect($(el, '[part~="progress"]')).to.exist;
    await expect(el).to.be.accessible();
    await waitUntil(() => log.finished.length === 1, 'finished', { timeout: 20000 });
    await waitUntil(() => /\d+ steps/.test(resultText(el)), 'flow shown', { timeout: 10000 });
    expect(log.finished[0]!.generationId).to.equal(id);
    expect(log.statuses[0]!.previousStatus).to.equal(null);
    expect(await posts(sb)).to.have.length(0);
    await expect(el).to.be.accessible();

    // A finished one resumed again: status-change (null → finished) and finished, once each.
    const again = document.createElement('recrubo-generate-flow');
    const log2 = record(again);
    again.setAttribute('base-url', sb.baseUrl);
    again.setAttribute('api-key', sb.apiKey);
    again.setAttribute('generation-id', id);
    await fixture(again);
    await waitUntil(() => log2.finished.length === 1, 'finished again', { timeout: 10000 });
    await sleep(300);
    expect(log2.finished).to.have.length(1);
    expect(log2.statuses.map((s) => [s.previousStatus, s.status])).to.deep.equal([[null, 'finished']]);
  });

  it('an unknown generation-id shows an error with a way back to the form', async () => {
    const sb = await newSandbox();
    const el = document.createElement('recrubo-generate-flow');
    el.setAttribute('base-url', sb.baseUrl);
    el.setAttribute('api-key', sb.apiKey);
    el.setAttribute('generation-id', '00000000-0000-4000-8000-000000000000');
    const failed = oneEvent(el, 'recrubo-error');
    await fixture(el);
    const { detail } = await failed;
    expect(detail.error.status).to.equal(404);
    await el.updateComplete;
    expect(textOf($(el, '[part~="progress"] [role="alert"]'))).to.contain('Not found.');
    await expect(el).to.be.accessible();
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => textOf(b) === 'Generate another')!.click();
    await el.updateComplete;
    expect($(el, 'form')).to.exist;
  });

  it('a 500 on the POST: "not created", values kept, and Send again sends one new POST', async () => {
    const sb = await newSandbox({ speed: 100 });
    const el = await mount(sb);
    const log = record(el);
    await sb.setFaults({ errorRate: 1, count: 1 });
    submitButton(el).click();
    await waitUntil(() => log.errors === 1, 'error', { timeout: 10000 });
    await el.updateComplete;
    const alert = $(el, '[part~="alert"]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.contain('no flow was created');
    expect(textOf(alert)).to.contain('500');
    expect(el.payload).to.deep.equal(attributesOf(FLOW_GENERATION_EXAMPLE_BODY));
    expect(byLabel(el, 'Flow name').value).to.equal('Driver');
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('false');
    await expect(el).to.be.accessible();
    // No retry by itself.
    await sleep(400);
    expect(await posts(sb)).to.have.length(1);

    const retry = $<HTMLButtonElement>(el, '[part~="retry"]')!;
    expect(textOf(retry)).to.equal('Send again');
    retry.click();
    await waitUntil(() => log.finished.length === 1, 'finished after retry', { timeout: 20000 });
    expect(await posts(sb)).to.have.length(2);
    expect(log.created).to.equal(1);
  });

  it('a dropped connection on the POST says the flow may have been created', async () => {
    const sb = await newSandbox({ speed: 100 });
    const el = await mount(sb);
    const log = record(el);
    let ourPosts = 0;
    el.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const method = (input instanceof Request ? input.method : init?.method) ?? 'GET';
      if (method === 'POST') ourPosts++;
      return fetch(input, init);
    };
    // Every request dropped until the error shows: a browser may itself resend a request whose reused connection
    // was reset before any answer, so `count: 1` would let that silent second attempt through.
    await sb.setFaults({ dropRate: 1 });
    submitButton(el).click();
    await waitUntil(() => log.errors === 1, 'error', { timeout: 15000 });
    await sb.setFaults({});
    await el.updateComplete;
    const alert = $(el, '[part~="alert"]')!;
    expect(textOf(alert)).to.contain('may have been created');
    expect(textOf(alert)).to.contain('before you try again');
    expect(el.payload).to.deep.equal(attributesOf(FLOW_GENERATION_EXAMPLE_BODY));
    await expect(el).to.be.accessible();
    // Our code sent one POST. (The sandbox log may show more: the browser's network stack itself resends a request
    // whose reused connection was reset before any answer, which no page code can prevent.)
    await sleep(400);
    expect(ourPosts).to.equal(1);
    expect((await posts(sb)).length).to.be.greaterThan(0);
    expect(log.created).to.equal(0);
  });

  it('a poll that fails after a status was shown is explained (once per failure streak) and clears when polls answer again', async () => {
    const sb = await newSandbox({ speed: 0.001 }); // stays queued
    const el = await mount(sb);
    const log = record(el);
    submitButton(el).click();
    await waitUntil(() => textOf($(el, '[part~="progress"] .status-text')) === 'Status: Queued.', 'queued', {
      timeout: 10000,
    });
    await sb.setFaults({ errorRate: 1 });
    const alert = () => $(el, '[part~="progress"] [role="alert"]');
    await waitUntil(() => alert(), 'the failure is shown', { timeout: 20000 });
    expect(textOf(alert())).to.contain('The latest status could not be checked; still trying.');
    expect(textOf(alert())).to.contain('500');
    expect(textOf($(el, '[part~="progress"] .status-text')), 'the last known status stays').to.equal('Status: Queued.');
    await expect(el).to.be.accessible();
    const failedPolls = async () => (await sb.requests()).filter((r) => r.method === 'GET' && r.status === 500).length;
    const before = await failedPolls();
    await waitUntil(async () => (await failedPolls()) >= before + 6, 'more polls fail', { timeout: 20000 });
    expect(log.errors, 'one recrubo-error for the streak').to.equal(1);
    await sb.setFaults({});
    await waitUntil(() => !alert(), 'the failure clears', { timeout: 20000 });
    expect(textOf($(el, '[part~="progress"] .status-text'))).to.equal('Status: Queued.');
  });

  it('a generation that is gone (404) after its status was shown: said so, and the clock stops', async () => {
    const sb = await newSandbox({ speed: 0.001 }); // stays queued
    const el = await mount(sb);
    submitButton(el).click();
    await waitUntil(() => textOf($(el, '[part~="progress"] .status-text')) === 'Status: Queued.', 'queued', {
      timeout: 10000,
    });
    await sb.reset(); // the sandbox forgets it: the next poll answers 404
    const alert = () => $(el, '[part~="progress"] [role="alert"]');
    await waitUntil(() => textOf(alert()).includes('Not found.'), 'gone is said', { timeout: 20000 });
    expect(textOf(alert())).to.contain('The progress could not be loaded.');
    expect(textOf(alert())).not.to.contain('still trying');
    const clock = () => textOf($(el, '[part~="elapsed"]'));
    const before = clock();
    await sleep(2200);
    expect(clock(), 'the clock stopped').to.equal(before);
  });

  it('an earlier generation-id set again shows its result at once, without asking for the generation again', async () => {
    const sb = await newSandbox({ speed: 100 });
    const [a, b] = [await createGeneration(sb), await createGeneration(sb)];
    const { el, log } = await follow(sb, a);
    await waitUntil(() => log.finished.length === 1, 'a finished', { timeout: 20000 });
    expect(textOf($(el, '[part~="progress"] h3'))).to.equal('“Driver” is generated');
    el.setAttribute('generation-id', b);
    await waitUntil(() => log.finished.length === 2, 'b finished', { timeout: 20000 });
    await waitUntil(() => resultText(el).includes(b), 'b shown', { timeout: 10000 });
    await sb.clearRequests();

    el.setAttribute('generation-id', a);
    await waitUntil(() => resultText(el).includes(a), 'a shown again', { timeout: 5000 });
    expect(el.generation!.id).to.equal(a);
    expect(textOf($(el, '[part~="progress"] .status-text'))).to.equal('Status: Finished.');
    await waitUntil(() => /\d+ steps/.test(resultText(el)), 'its flow shown', { timeout: 10000 });
    const asked = (await sb.requests()).filter((r) => r.path.includes('/flow-generations'));
    expect(asked, 'no request for the generation').to.have.length(0);
    expect(log.finished, 'no second finished event').to.have.length(2);
  });

  it('a 429 on the POST says how long to wait (Retry-After)', async () => {
    const sb = await newSandbox({ speed: 100 });
    const el = await mount(sb);
    const log = record(el);
    await sb.setFaults({ rateLimitRate: 1, retryAfter: 7, count: 1 });
    submitButton(el).click();
    await waitUntil(() => log.errors === 1, 'error', { timeout: 10000 });
    await el.updateComplete;
    expect(textOf($(el, '[part~="alert"]'))).to.contain(
      'busy (429): no flow was created. Wait 7 s before you send again.',
    );
    expect(await posts(sb)).to.have.length(1);
    el.lang = 'nl';
    await el.updateComplete;
    expect(textOf($(el, '[part~="alert"]'))).to.contain('Wacht 7 s voordat je opnieuw verstuurt.');
  });
});
