import { expect, html, oneEvent } from '@open-wc/testing';
import { newSandbox } from '../helpers/sandbox.js';
import {
  chooseSchedules,
  chooseTemplate,
  count,
  mount,
  phoneInput,
  picker,
  preview,
  recordingFetch,
  serverGet,
  submitButton,
  templateNames,
  type,
  untilDone,
  untilForm,
  unmountAll,
  valueInputs,
  type StartRun,
} from './helpers.js';

describe('<recrubo-start-run> payloads', function () {
  this.timeout(60000);
  afterEach(unmountAll);

  it('sends the documented FlowRun POST body for a template with two parameters, after creating the thread', async () => {
    const sb = await newSandbox({ speed: 200 });
    const rec = recordingFetch();
    const flowId = sb.seed.flowWithoutGeneration;
    const el = await mount<StartRun>(html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${flowId} candidate-name="John" .fetch=${rec.fetch}></recrubo-start-run>`);
    await untilForm(el);
    await chooseTemplate(el, sb.seed.templates.twoParameters);
    const inputs = valueInputs(el);
    expect(inputs.length).to.equal(2);
    expect(inputs[0]!.value, 'candidate-name prefills {{1}}').to.equal('John');
    await type(el, inputs[1]!, 'Driver');
    expect(preview(el)).to.equal('Hi John, you applied for Driver. Reply to this message to continue your application.');
    await type(el, phoneInput(el), '06 98 76 54 32');
    const created = oneEvent(el, 'recrubo-run-created');
    submitButton(el).click();
    const event = await created;
    await untilDone(el);

    const threadPost = rec.sent.find((r) => r.method === 'POST' && r.path === '/message-threads')!;
    expect(threadPost.body).to.deep.equal({ data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier: '31698765432' } } });
    const runPost = rec.sent.find((r) => r.method === 'POST' && r.path === '/flow-runs')!;
    const threadId = event.detail.messageThreadId;
    // The docs' "Example POST body" (FlowRun page), with this form's ids and values.
    expect(runPost.body).to.deep.equal({
      data: {
        type: 'flowRuns',
        attributes: {
          flowId,
          messageThreadId: threadId,
          state: {},
          initialMessage: {
            type: 'template',
            template: { id: sb.seed.templates.twoParameters, components: [{ type: 'body', parameters: [{ type: 'text', text: 'John' }, { type: 'text', text: 'Driver' }] }] },
          },
        },
      },
    });
    expect(runPost.headers.get('Idempotency-Key'), 'the run POST carries a key').to.match(/^[0-9a-f-]{36}$/);
    expect(threadPost.headers.get('Idempotency-Key'), 'the thread POST carries its own key').to.match(/^[0-9a-f-]{36}$/);
    expect(threadPost.headers.get('Idempotency-Key')).to.not.equal(runPost.headers.get('Idempotency-Key'));

    expect(event.detail.runId).to.equal(event.detail.run.id);
    expect(event.detail.flowId).to.equal(flowId);
    expect(event.bubbles && event.composed).to.equal(true);
    const thread = (await serverGet(sb, `message-threads/${threadId}`)).data;
    expect(thread.attributes.identifier).to.equal('31698765432');
    const run = (await serverGet(sb, `flow-runs/${event.detail.runId}`)).data;
    expect(run.attributes.messageThreadId).to.equal(threadId);
    // The badge of the new run replaces the form.
    const badge = el.shadowRoot!.querySelector('recrubo-flow-run-status')!;
    expect(badge.getAttribute('run-id')).to.equal(event.detail.runId);
    expect(el.run?.id).to.equal(event.detail.runId);
  });

  it('finds the thread of a known number (filter[identifier]) instead of creating a second one', async () => {
    const sb = await newSandbox({ speed: 200 });
    const known = (await serverGet(sb, `message-threads/${sb.seed.messageThreads[0]}`)).data;
    const el = await mount<StartRun>(html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration} template-id=${sb.seed.templates.example} candidate-name="Sanne" phone=${'+' + known.attributes.identifier}></recrubo-start-run>`);
    await untilForm(el);
    const created = oneEvent(el, 'recrubo-run-created');
    submitButton(el).click();
    const event = await created;
    expect(event.detail.messageThreadId).to.equal(known.id);
    const requests = await sb.requests();
    expect(count(requests, 'POST', 'message-threads')).to.equal(0);
    const lookups = requests.filter((r) => r.path === '/public/v2/message-threads' && r.method === 'GET');
    expect(lookups.length).to.equal(1);
    expect(decodeURIComponent(lookups[0]!.query)).to.contain(`filter[identifier]=${known.attributes.identifier}`);
  });

  it('with message-thread-id: no phone field, no thread request, the run in that thread', async () => {
    const sb = await newSandbox({ speed: 200 });
    const threadId = sb.seed.messageThreads[2]!;
    const el = await mount<StartRun>(html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration} message-thread-id=${threadId} template-id=${sb.seed.templates.noParameters}></recrubo-start-run>`);
    await untilForm(el);
    expect(phoneInput(el)).to.equal(null);
    expect(valueInputs(el).length).to.equal(0);
    await expect(el).to.be.accessible();
    const created = oneEvent(el, 'recrubo-run-created');
    submitButton(el).click();
    const event = await created;
    expect(event.detail.messageThreadId).to.equal(threadId);
    const requests = await sb.requests();
    expect(requests.filter((r) => r.path.startsWith('/public/v2/message-threads')).length).to.equal(0);
    expect(event.detail.run.initialMessage).to.deep.equal({ type: 'template', template: { id: sb.seed.templates.noParameters, components: [] } });
  });

  for (const n of [1, 2]) {
    it(`custom schedule mode sends state.scheduleId as ${n === 1 ? 'a string' : 'an array'}`, async () => {
      const sb = await newSandbox({ speed: 200 });
      const rec = recordingFetch();
      const el = await mount<StartRun>(html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithCustomSchedule} template-id=${sb.seed.templates.example} candidate-name="Emma" phone="0612345678" .fetch=${rec.fetch}></recrubo-start-run>`);
      await untilForm(el);
      expect(picker(el), 'a custom flow asks for schedules').to.not.equal(null);
      // Required: refused before anything is sent.
      submitButton(el).click();
      await el.updateComplete;
      expect(rec.sent.filter((r) => r.method === 'POST').length).to.equal(0);
      const ids = await chooseSchedules(el, n);
      expect(ids.length).to.equal(n);
      const created = oneEvent(el, 'recrubo-run-created');
      submitButton(el).click();
      const event = await created;
      const runPost = rec.sent.find((r) => r.method === 'POST' && r.path === '/flow-runs')!;
      expect(runPost.body.data.attributes.state).to.deep.equal({ scheduleId: n === 1 ? ids[0] : ids });
      expect(event.detail.run.state.scheduleId).to.deep.equal(n === 1 ? ids[0] : ids);
    });
  }

  it('a flow with fixed schedules, or none, shows no picker', async () => {
    const sb = await newSandbox({ speed: 200 });
    for (const flowId of [sb.seed.flowWithAppointment, sb.seed.flowWithoutGeneration]) {
      const el = await mount<StartRun>(html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${flowId}></recrubo-start-run>`);
      await untilForm(el);
      expect(picker(el)).to.equal(null);
    }
  });

  it('offers approved templates only (no PENDING, no REJECTED) and refuses a template-id that is not approved', async () => {
    const sb = await newSandbox({ speed: 200 });
    const all = (await serverGet(sb, 'message-templates?page[size]=100')).data as { id: string; attributes: { name: string; status: string } }[];
    const el = await mount<StartRun>(html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration}></recrubo-start-run>`);
    await untilForm(el);
    const offered = el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]');
    const offeredIds = [...offered].map((r) => r.value).sort();
    expect(offeredIds).to.deep.equal(all.filter((t) => t.attributes.status === 'APPROVED').map((t) => t.id).sort());
    expect(offeredIds).to.not.include(sb.seed.templates.pending);
    expect(templateNames(el)).to.not.include('application_received');

    const pending = await mount<StartRun>(html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration} template-id=${sb.seed.templates.pending} phone="0612345678"></recrubo-start-run>`);
    await untilForm(pending);
    expect(pending.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.contain('PENDING');
    await expect(pending).to.be.accessible();
    await sb.clearRequests();
    submitButton(pending).click();
    await pending.updateComplete;
    expect((await sb.requests()).filter((r) => r.method === 'POST').length).to.equal(0);
  });
});
