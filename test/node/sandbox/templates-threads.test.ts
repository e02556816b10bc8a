import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import type { SeedIds } from '../../../sandbox/app.ts';
import { FLOW_RUN_DOCS_EXAMPLE, flowRunExample, TEMPLATE_BODY_EXAMPLE } from './examples.ts';
import { call, error422, start, UUID } from './helpers.ts';

describe('message templates, message threads and the FlowRun POST checks', () => {
  let s: RunningSandbox;
  let seed: SeedIds;
  let clock = Date.parse('2025-03-01T09:00:00Z');
  before(async () => {
    s = await start({ speed: 1, now: () => clock });
    seed = s.sandbox.tenant().seed;
  });
  after(() => s.close());
  const api = (path: string, init?: Parameters<typeof call>[2]) => call(s.url, '/public/v2' + path, init);
  const whatsapp = () => seed.messageThreads[0] as string;
  const sms = () => seed.messageThreads[4] as string;
  /** A run POST on the Driver flow opening with `template` and these body parameter texts. */
  const runWith = (template: string, texts: unknown[], thread = whatsapp()) => {
    const body = flowRunExample(seed.flowWithAppointment, thread, template) as any;
    body.data.attributes.initialMessage.template.components[0].parameters = texts.map((text) => ({
      type: 'text',
      text,
    }));
    return api('/flow-runs', { method: 'POST', body });
  };
  const post = (attrs: Record<string, unknown>) =>
    api('/flow-runs', {
      method: 'POST',
      body: {
        data: {
          type: 'flowRuns',
          attributes: { flowId: seed.flowWithAppointment, messageThreadId: whatsapp(), state: {}, ...attrs },
        },
      },
    });

  it('the documented example POST body works verbatim: its flow, thread and template are seeded', async () => {
    const res = await api('/flow-runs', { method: 'POST', body: FLOW_RUN_DOCS_EXAMPLE });
    assert.equal(res.status, 201);
    assert.equal(res.body.data.attributes.status, 'queued');
    assert.deepEqual(res.body.data.attributes.initialMessage, FLOW_RUN_DOCS_EXAMPLE.data.attributes.initialMessage);
    assert.equal(seed.flowWithAppointment, FLOW_RUN_DOCS_EXAMPLE.data.attributes.flowId);
    assert.equal(seed.templates.example, FLOW_RUN_DOCS_EXAMPLE.data.attributes.initialMessage.template.id);
  });

  it('the control answer lists the new seed ids the browser helper reads', async () => {
    const res = await fetch(`${s.url}/__sandbox/seed-ids/control`);
    const { seed: ids } = await res.json();
    assert.equal(ids.templates.example, '7f9a9715-5e7c-4328-ab47-bb9e595438c9');
    for (const key of [
      'welcomeNl',
      'twoParameters',
      'twoParametersNl',
      'reminder',
      'noParameters',
      'pending',
      'rejected',
    ])
      assert.match(ids.templates[key], UUID, key);
    assert.equal(ids.approvedTemplates.length, 6);
    assert.deepEqual(ids.messageThreads.slice(-3), [
      ids.conversations.long,
      ids.conversations.stale,
      ids.conversations.xss,
    ]);
    assert.deepEqual(ids, seed, 'the same ids in every tenant');
  });

  it('templates are seeded with a BODY, its {{n}} example, language and APPROVED / PENDING / REJECTED', async () => {
    const res = await api('/message-templates?page[size]=100');
    assert.equal(res.status, 200);
    const all = res.body.data as any[];
    assert.equal(all.length, seed.messageTemplates.length);
    assert.deepEqual([...new Set(all.map((t) => t.attributes.status))].sort(), ['APPROVED', 'PENDING', 'REJECTED']);
    assert.equal(all.filter((t) => t.attributes.status === 'PENDING').length, 1);
    assert.equal(all.filter((t) => t.attributes.status === 'REJECTED').length, 1);
    assert.deepEqual(
      all
        .filter((t) => t.attributes.status === 'APPROVED')
        .map((t) => t.id)
        .sort(),
      [...seed.approvedTemplates].sort(),
    );
    for (const t of all) {
      assert.match(t.attributes.language, /^(en|nl)$/);
      const body = t.attributes.components.find((c: any) => c.type === 'BODY');
      const count = new Set(body.text.match(/\{\{\d+\}\}/g) ?? []).size;
      if (count)
        assert.equal(body.example.body_text[0].length, count, `${t.attributes.name}: one example per parameter`);
      else assert.equal(body.example, undefined);
      assert.equal(t.attributes.preview, body.text);
    }
    const example = (await api(`/message-templates/${seed.templates.example}`)).body.data;
    assert.equal(example.id, '7f9a9715-5e7c-4328-ab47-bb9e595438c9');
    assert.equal(example.attributes.status, 'APPROVED');
    assert.deepEqual(example.attributes.components[0].example, TEMPLATE_BODY_EXAMPLE.example);
    const two = (await api(`/message-templates/${seed.templates.twoParameters}`)).body.data;
    assert.equal(two.attributes.status, 'APPROVED');
    assert.match(two.attributes.components[0].text, /\{\{1\}\}.*\{\{2\}\}/);
    assert.equal((await api('/message-templates?filter[status]=APPROVED&filter[language]=nl')).body.meta.total, 2);
  });

  it('the template must be seeded and APPROVED: 422 at template/id otherwise', async () => {
    const at = '/data/attributes/initialMessage/template/id';
    const unknown = await runWith('00000000-0000-4000-8000-000000000000', ['John']);
    assert.equal(unknown.status, 422);
    assert.deepEqual(unknown.body.errors, [error422('MessageTemplate not found', at)]);
    const pending = await runWith(seed.templates.pending, ['John']);
    assert.deepEqual(pending.body.errors, [
      error422('MessageTemplate application_received is PENDING: only APPROVED templates can be sent', at),
    ]);
    const rejected = await runWith(seed.templates.rejected, ['Amsterdam', 'x']);
    assert.deepEqual(rejected.body.errors, [
      error422('MessageTemplate job_alert is REJECTED: only APPROVED templates can be sent', at),
    ]);
    assert.equal((await runWith(seed.templates.twoParameters, ['John', 'Driver'])).status, 201);
    assert.equal((await runWith(seed.templates.noParameters, [])).status, 201);
  });

  it('as many body parameters as the template has: the 422 pointer names the missing or extra parameter', async () => {
    const p = (i: number) => `/data/attributes/initialMessage/template/components/0/parameters/${i}`;
    const missing = await runWith(seed.templates.twoParameters, ['John']);
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.errors, [
      error422("Parameter {{2}} of template vacancy_invitation can't be blank", p(1)),
    ]);
    const none = await runWith(seed.templates.twoParameters, []);
    assert.deepEqual(
      none.body.errors.map((e: any) => e.source.pointer),
      [p(0), p(1)],
    );
    const extra = await runWith(seed.templates.example, ['John', 'Doe']);
    assert.deepEqual(extra.body.errors, [
      error422('Template welcome_candidate has 1 body parameter; parameter 2 is one too many', p(1)),
    ]);
    const blank = await runWith(seed.templates.example, ['  ']);
    assert.deepEqual(blank.body.errors, [
      error422('Parameter {{1}} of template welcome_candidate must be {"type":"text","text":"..."} with a text', p(0)),
    ]);
    const noComponents = await post({ initialMessage: { type: 'template', template: { id: seed.templates.example } } });
    assert.deepEqual(noComponents.body.errors, [
      error422(
        "Parameter {{1}} of template welcome_candidate can't be blank",
        '/data/attributes/initialMessage/template/components',
      ),
    ]);
  });

  it('initialMessage: {} or a payload; a text cannot open a WhatsApp thread; unknown types are refused', async () => {
    assert.equal((await post({ initialMessage: {} })).status, 201);
    const text = { type: 'text', text: { value: 'Hi, how are you!' } };
    const onWhatsapp = await post({ initialMessage: text });
    assert.deepEqual(onWhatsapp.body.errors, [
      error422(
        'initialMessage on a whatsapp thread must be a template (or {} to send nothing)',
        '/data/attributes/initialMessage/type',
      ),
    ]);
    assert.equal((await post({ initialMessage: text, messageThreadId: sms() })).status, 201);
    const empty = await post({ initialMessage: { type: 'text', text: { value: '' } }, messageThreadId: sms() });
    assert.deepEqual(empty.body.errors, [
      error422("Parameter text.value can't be blank", '/data/attributes/initialMessage/text/value'),
    ]);
    const image = await post({ initialMessage: { type: 'image' } });
    assert.deepEqual(image.body.errors, [
      error422('Parameter type must be text or template', '/data/attributes/initialMessage/type'),
    ]);
  });

  it('state.scheduleId (a string or an array) must name seeded schedules', async () => {
    const ok = await post({
      initialMessage: {},
      flowId: seed.flowWithCustomSchedule,
      state: { scheduleId: ['1', '12'] },
    });
    assert.equal(ok.status, 201);
    const one = await post({ initialMessage: {}, flowId: seed.flowWithCustomSchedule, state: { scheduleId: '99' } });
    assert.deepEqual(one.body.errors, [error422('Schedule 99 not found', '/data/attributes/state/scheduleId')]);
    const list = await post({
      initialMessage: {},
      flowId: seed.flowWithCustomSchedule,
      state: { scheduleId: ['1', 'x', 2] },
    });
    assert.deepEqual(list.body.errors, [
      error422('Schedule x not found', '/data/attributes/state/scheduleId/1'),
      error422(
        'Parameter state.scheduleId must be a string or an array of strings',
        '/data/attributes/state/scheduleId/2',
      ),
    ]);
    const empty = await post({ initialMessage: {}, state: { scheduleId: [] } });
    assert.deepEqual(empty.body.errors, [
      error422("Parameter state.scheduleId can't be blank", '/data/attributes/state/scheduleId'),
    ]);
  });

  it('a run with initialMessage {} sends nothing and waits queued until the candidate writes first', async () => {
    const run = (await post({ initialMessage: {} })).body.data;
    const templated = (await runWith(seed.templates.example, ['John'])).body.data;
    const read = async (id: string) => (await api(`/flow-runs/${id}`)).body.data.attributes;
    clock += 1500; // past the queued second of a run that sent its template
    assert.equal((await read(templated.id)).status, 'running');
    assert.equal((await read(run.id)).status, 'queued');
    clock += 5000;
    assert.equal((await read(run.id)).status, 'running');
  });

  it('POST a thread; PATCH chatbotPaused and identifier; filter[identifier]', async () => {
    const identifier = '31699887766';
    const created = await api('/message-threads', {
      method: 'POST',
      body: { data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier } } },
    });
    assert.equal(created.status, 201);
    assert.match(created.body.data.id, UUID);
    assert.equal(created.body.data.attributes.chatbotPaused, false);
    const id = created.body.data.id;
    const found = await api(`/message-threads?filter[identifier]=${identifier}`);
    assert.deepEqual(
      found.body.data.map((t: any) => t.id),
      [id],
    );
    assert.equal((await api('/message-threads?filter[identifier]=31600000000')).body.meta.total, 0);
    const patch = (attributes: object, thread = id) =>
      api(`/message-threads/${thread}`, {
        method: 'PATCH',
        body: { data: { type: 'messageThreads', id: thread, attributes } },
      });
    const paused = await patch({ chatbotPaused: true });
    assert.equal(paused.status, 200);
    assert.equal(paused.body.data.attributes.chatbotPaused, true);
    const moved = await patch({ identifier: '31611122233' });
    assert.equal(moved.body.data.attributes.identifier, '31611122233');
    assert.equal(moved.body.data.attributes.chatbotPaused, true);
    assert.equal((await api(`/message-threads?filter[identifier]=31611122233`)).body.meta.total, 1);
    const bad = await patch({ chatbotPaused: 'yes', identifier: '', candidateId: 'c1' });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors, [
      error422('Attribute candidateId is not writable', '/data/attributes/candidateId'),
      error422("Parameter identifier can't be blank", '/data/attributes/identifier'),
      error422('Parameter chatbotPaused is invalid', '/data/attributes/chatbotPaused'),
    ]);
    assert.equal((await patch({ chatbotPaused: false }, '00000000-0000-4000-8000-000000000000')).status, 404);
    const mismatch = await api(`/message-threads/${id}`, {
      method: 'PATCH',
      body: { data: { type: 'messageThreads', id: whatsapp(), attributes: {} } },
    });
    assert.equal(mismatch.status, 409);
  });

  it('a paused thread holds its running run where it is; resuming goes on from there', async () => {
    const thread = (
      await api('/message-threads', {
        method: 'POST',
        body: { data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier: '31655544433' } } },
      })
    ).body.data.id;
    const run = (await runWith(seed.templates.example, ['John'], thread)).body.data;
    const read = async () => (await api(`/flow-runs/${run.id}`)).body.data.attributes;
    const pause = (chatbotPaused: boolean) =>
      api(`/message-threads/${thread}`, {
        method: 'PATCH',
        body: { data: { type: 'messageThreads', attributes: { chatbotPaused } } },
      });
    clock += 1000 + 1500 * 2 + 100; // running, two answers
    assert.equal(Object.keys((await read()).state).length, 2);
    await pause(true);
    clock += 10 * 60_000;
    const held = await read();
    assert.equal(held.status, 'running');
    assert.equal(Object.keys(held.state).length, 2);
    await pause(false);
    assert.equal(Object.keys((await read()).state).length, 2, 'nothing jumps ahead on resume');
    clock += 1500;
    assert.equal(Object.keys((await read()).state).length, 3);
    clock += 60_000;
    assert.equal((await read()).status, 'finished');
  });

  it('a run started on a paused thread stays queued until the thread is resumed', async () => {
    const thread = (
      await api('/message-threads', {
        method: 'POST',
        body: {
          data: {
            type: 'messageThreads',
            attributes: { channel: 'sms', identifier: '31655544400', chatbotPaused: true },
          },
        },
      })
    ).body.data.id;
    const run = (await runWith(seed.templates.example, ['John'], thread)).body.data;
    clock += 60_000;
    assert.equal((await api(`/flow-runs/${run.id}`)).body.data.attributes.status, 'queued');
    await api(`/message-threads/${thread}`, {
      method: 'PATCH',
      body: { data: { type: 'messageThreads', attributes: { chatbotPaused: false } } },
    });
    clock += 1100;
    assert.equal((await api(`/flow-runs/${run.id}`)).body.data.attributes.status, 'running');
  });
});
