import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { newSandbox } from '../helpers/sandbox.js';
import {
  alertText,
  count,
  fieldErrors,
  faultOnFirst,
  mount,
  picker,
  serverGet,
  submitButton,
  type,
  untilDone,
  untilForm,
  unmountAll,
  phoneInput,
  type StartRun,
} from './helpers.js';

describe('<recrubo-start-run> one click, one run', function () {
  this.timeout(60000);
  afterEach(unmountAll);

  it('a double click (and Enter on top) creates one thread and one run, counted at the sandbox', async () => {
    const sb = await newSandbox({ speed: 200, faults: { latencyMs: 150 } });
    const el = await mount<StartRun>(
      html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration} template-id=${sb.seed.templates.example} candidate-name="Daan" phone="0611112222"></recrubo-start-run>`,
    );
    await untilForm(el);
    await sb.clearRequests();
    const events: Event[] = [];
    el.addEventListener('recrubo-run-created', (e) => events.push(e));
    const button = submitButton(el);
    button.click();
    button.click();
    void el.submit();
    await el.updateComplete;
    expect(submitButton(el).getAttribute('aria-disabled'), 'busy while sending').to.equal('true');
    expect(el.shadowRoot!.querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
    submitButton(el).click();
    await untilDone(el);
    const requests = await sb.requests();
    expect(count(requests, 'POST', 'message-threads')).to.equal(1);
    expect(count(requests, 'POST', 'flow-runs')).to.equal(1);
    expect(events.length).to.equal(1);
  });

  it('the run POST fails once: the error says the conversation exists, and the retry reuses that thread', async () => {
    const sb = await newSandbox({ speed: 200 });
    // One 500, switched on at the sandbox right before the element's first run POST goes out.
    const rec = faultOnFirst(sb, 'POST', '/flow-runs', { errorRate: 1, count: 1 });
    const el = await mount<StartRun>(
      html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration} template-id=${sb.seed.templates.example} candidate-name="Julia" phone="+31 6 3333 4444" .fetch=${rec.fetch}></recrubo-start-run>`,
    );
    await untilForm(el);
    const errors: Event[] = [];
    el.addEventListener('recrubo-error', (e) => errors.push(e));
    submitButton(el).click();
    await waitUntil(() => alertText(el), 'no error shown', { timeout: 10000 });
    expect(alertText(el)).to.contain('conversation with the candidate exists');
    expect(errors.length).to.equal(1);
    // Never retried by itself: one run POST so far, and the typed form is still there.
    let requests = await sb.requests();
    expect(count(requests, 'POST', 'flow-runs')).to.equal(1);
    expect(count(requests, 'POST', 'flow-runs', 500)).to.equal(1);
    expect(phoneInput(el)!.value).to.equal('+31 6 3333 4444');

    const created = oneEvent(el, 'recrubo-run-created');
    submitButton(el).click();
    const event = await created;
    requests = await sb.requests();
    expect(count(requests, 'POST', 'message-threads'), 'one thread in all').to.equal(1);
    expect(
      requests.filter((r) => r.method === 'GET' && r.path === '/public/v2/message-threads').length,
      'no second lookup',
    ).to.equal(1);
    expect(count(requests, 'POST', 'flow-runs')).to.equal(2);
    const threadPosts = rec.sent.filter((r) => r.method === 'POST' && r.path === '/message-threads');
    expect(threadPosts.length).to.equal(1);
    const runPosts = rec.sent.filter((r) => r.method === 'POST' && r.path === '/flow-runs');
    expect(runPosts[1]!.body.data.attributes.messageThreadId).to.equal(event.detail.messageThreadId);
    expect(runPosts[0]!.body.data.attributes.messageThreadId).to.equal(event.detail.messageThreadId);
    // The 500 was an answer: the retry is a new attempt with a new key.
    expect(runPosts[0]!.headers.get('Idempotency-Key')).to.not.equal(runPosts[1]!.headers.get('Idempotency-Key'));
  });

  it('a dropped connection on the run POST: not retried by itself; the retry re-sends the same Idempotency-Key', async () => {
    const sb = await newSandbox({ speed: 200 });
    // Every connection of the first run POST drops (browsers may re-send it once by themselves), then none.
    const rec = faultOnFirst(sb, 'POST', '/flow-runs', { dropRate: 1 });
    const el = await mount<StartRun>(
      html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration} template-id=${sb.seed.templates.example} candidate-name="Liam" phone="0655556666" .fetch=${rec.fetch}></recrubo-start-run>`,
    );
    await untilForm(el);
    submitButton(el).click();
    await waitUntil(() => alertText(el), 'no error shown', { timeout: 10000 });
    expect(alertText(el)).to.contain('Could not reach');
    expect(rec.sent.filter((r) => r.method === 'POST' && r.path === '/flow-runs').length).to.equal(1);
    submitButton(el).click();
    await untilDone(el);
    const runPosts = rec.sent.filter((r) => r.method === 'POST' && r.path === '/flow-runs');
    expect(runPosts.length).to.equal(2);
    expect(runPosts[1]!.headers.get('Idempotency-Key'), 'the same request again').to.equal(
      runPosts[0]!.headers.get('Idempotency-Key'),
    );
    expect(count(await sb.requests(), 'POST', 'flow-runs', 201), 'one run created').to.equal(1);
  });

  it('the run is created but its answer is lost: the retry re-sends the same key and gets that run, not a second one', async () => {
    const sb = await newSandbox({ speed: 200 });
    // The sandbox carries out the first run POST, then closes the connection unanswered (and any re-send by the
    // browser itself the same way); from then on it answers normally.
    const rec = faultOnFirst(sb, 'POST', '/flow-runs', { dropAfterRate: 1 });
    const el = await mount<StartRun>(
      html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration} template-id=${sb.seed.templates.example} candidate-name="Zoë" phone="0644445555" .fetch=${rec.fetch}></recrubo-start-run>`,
    );
    await untilForm(el);
    submitButton(el).click();
    await waitUntil(() => alertText(el), 'no error shown', { timeout: 10000 });
    expect(alertText(el)).to.contain('conversation with the candidate exists');
    const created = oneEvent(el, 'recrubo-run-created');
    submitButton(el).click();
    const event = await created;
    const runPosts = rec.sent.filter((r) => r.method === 'POST' && r.path === '/flow-runs');
    expect(runPosts[runPosts.length - 1]!.headers.get('Idempotency-Key')).to.equal(
      runPosts[0]!.headers.get('Idempotency-Key'),
    );
    const runs = (await serverGet(sb, `flow-runs?filter[messageThreadId]=${event.detail.messageThreadId}`)).data as {
      id: string;
    }[];
    expect(
      runs.map((r) => r.id),
      'exactly the one run, the one the event names',
    ).to.deep.equal([event.detail.runId]);
  });

  it('the thread is created but its answer is lost: the retry finds that thread, no second one', async () => {
    const sb = await newSandbox({ speed: 200 });
    // The sandbox creates the thread, then closes the connection unanswered.
    const rec = faultOnFirst(sb, 'POST', '/message-threads', { dropAfterRate: 1 });
    const el = await mount<StartRun>(
      html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration} template-id=${sb.seed.templates.example} candidate-name="Bram" phone="0646464646" .fetch=${rec.fetch}></recrubo-start-run>`,
    );
    await untilForm(el);
    submitButton(el).click();
    await waitUntil(() => alertText(el), 'no error shown', { timeout: 10000 });
    expect(alertText(el)).to.contain('conversation could not be opened');
    expect(
      rec.sent.filter((r) => r.method === 'POST' && r.path === '/flow-runs').length,
      'no run without a thread',
    ).to.equal(0);
    submitButton(el).click();
    await untilDone(el);
    const threads = (await serverGet(sb, 'message-threads?filter[identifier]=31646464646')).data as unknown[];
    expect(threads.length).to.equal(1);
    expect(count(await sb.requests(), 'POST', 'flow-runs', 201)).to.equal(1);
  });

  it('a 422 is shown next to the field it names (a schedule the server does not know)', async () => {
    const sb = await newSandbox({ speed: 200 });
    const el = await mount<StartRun>(
      html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithCustomSchedule} template-id=${sb.seed.templates.example} candidate-name="Noah" phone="0677778888"></recrubo-start-run>`,
    );
    await untilForm(el);
    // A schedule id that was removed since the picker loaded (set the way a stale selection would be).
    const p = picker(el)!;
    p.values = ['999'];
    p.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await el.updateComplete;
    submitButton(el).click();
    await waitUntil(() => fieldErrors(el).length, 'no field error', { timeout: 10000 });
    const error = el.shadowRoot!.querySelector('[part~="field-error"]')!;
    expect(error.previousElementSibling?.tagName.toLowerCase(), 'beside the picker').to.equal(
      'recrubo-schedule-picker',
    );
    expect(error.textContent).to.contain('schedules were refused');
    expect(alertText(el)).to.contain('chatbot did not start');
    // A correct choice then goes through on the same thread.
    p.values = ['1'];
    p.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(fieldErrors(el).length, 'the error leaves when the field changes').to.equal(0);
    submitButton(el).click();
    await untilDone(el);
    expect(count(await sb.requests(), 'POST', 'message-threads')).to.equal(1);
  });

  it('invite another: the form again, empty, and a new thread for a new number', async () => {
    const sb = await newSandbox({ speed: 200 });
    const el = await mount<StartRun>(
      html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration} template-id=${sb.seed.templates.example} candidate-name="Fatima"></recrubo-start-run>`,
    );
    await untilForm(el);
    await type(el, phoneInput(el), '0612121212');
    submitButton(el).click();
    await untilDone(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="another"]')!.click();
    await el.updateComplete;
    expect(phoneInput(el)!.value).to.equal('');
    await type(el, phoneInput(el), '0613131313');
    submitButton(el).click();
    await untilDone(el);
    const requests = await sb.requests();
    expect(count(requests, 'POST', 'message-threads')).to.equal(2);
    expect(count(requests, 'POST', 'flow-runs')).to.equal(2);
  });
});
