import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import type { SeedIds } from '../../../sandbox/app.ts';
import { answerText } from '../../../sandbox/conversation.ts';
import { FLOW_RUN_DOCS_EXAMPLE } from './examples.ts';
import { call, error422, start, UUID } from './helpers.ts';

/** The Sending-messages guide's text payload, verbatim. */
const GUIDE_TEXT = { type: 'text', text: { value: 'Hi, how are you!' } };

describe('messages and the conversations runs write', () => {
  let s: RunningSandbox;
  let seed: SeedIds;
  let clock = Date.parse('2025-03-01T09:00:00Z');
  before(async () => {
    s = await start({ speed: 1, now: () => clock });
    seed = s.sandbox.tenant().seed;
  });
  after(() => s.close());
  const api = (path: string, init?: Parameters<typeof call>[2]) => call(s.url, '/public/v2' + path, init);
  const messagesOf = async (thread: string) =>
    (await api(`/messages?filter[messageThreadId]=${thread}&page[size]=100`)).body.data as any[];
  const texts = (list: any[]) => list.map((m) => m.attributes.payload.text?.value ?? `[${m.attributes.payload.type}]`);
  const newThread = async (identifier: string, channel = 'whatsapp') =>
    (
      await api('/message-threads', {
        method: 'POST',
        body: { data: { type: 'messageThreads', attributes: { channel, identifier } } },
      })
    ).body.data.id as string;
  const send = (attributes: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    api('/messages', { method: 'POST', body: { data: { type: 'messages', attributes, ...extra } } });
  const runOn = async (
    thread: string,
    initialMessage: unknown = FLOW_RUN_DOCS_EXAMPLE.data.attributes.initialMessage,
  ) => {
    const body = structuredClone(FLOW_RUN_DOCS_EXAMPLE) as any;
    body.data.attributes.messageThreadId = thread;
    body.data.attributes.initialMessage = initialMessage;
    return (await api('/flow-runs', { method: 'POST', body })).body.data;
  };
  /** The Driver flow's bot texts in node order (start, questions, accepted, declined). */
  const botTexts = async () => {
    const nodes = (await api(`/nodes?filter[flowId]=${seed.flowWithAppointment}&include=nodeActions&sort=index`)).body;
    return nodes.included.map((a: any) => a.attributes.value.text as string);
  };

  it('GET /messages: filter[messageThreadId], oldest first, sort, pagination, GET one, include', async () => {
    const long = seed.conversations.long;
    const first = await api(`/messages?filter[messageThreadId]=${long}&page[size]=10`);
    assert.equal(first.status, 200);
    assert.ok(first.body.meta.total > 40, 'the long conversation is long');
    assert.equal(first.body.meta.currentSize, 10);
    assert.equal(first.body.meta.maxPage, Math.ceil(first.body.meta.total / 10));
    const all = await messagesOf(long);
    const times = all.map((m) => Date.parse(m.attributes.createdAt));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'oldest first',
    );
    assert.ok(
      all.every((m) => m.attributes.messageThreadId === long && ['inbound', 'outbound'].includes(m.attributes.origin)),
    );
    const newest = await api(`/messages?filter[messageThreadId]=${long}&sort=-createdAt&page[size]=1`);
    assert.equal(newest.body.data[0].id, all[all.length - 1].id);
    const page2 = await api(`/messages?filter[messageThreadId]=${long}&page[size]=10&page[number]=2`);
    assert.deepEqual(
      page2.body.data.map((m: any) => m.id),
      all.slice(10, 20).map((m) => m.id),
    );
    const one = await api(`/messages/${all[0].id}?include=messageThread`);
    assert.equal(one.body.data.type, 'messages');
    assert.deepEqual(Object.keys(one.body.data.attributes).sort(), [
      'createdAt',
      'deliveryStatus',
      'errorMessages',
      'messageThreadId',
      'origin',
      'payload',
      'sendBy',
      'updatedAt',
    ]);
    assert.equal(one.body.included[0].id, long);
    assert.equal(one.body.data.relationships.messageThread.links.related, `/public/v2/message-threads/${long}`);
    const missing = await api('/messages/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.errors[0].detail, 'Message not found');
    const withMessages = await api(`/message-threads/${long}?include=messages`);
    assert.equal(withMessages.body.included.length, all.length);
    assert.equal(
      withMessages.body.data.relationships.messages.links.related,
      `/public/v2/messages?filter[messageThreadId]=${long}`,
    );
  });

  it('a run writes its conversation: the invitation, each bot text, the answers that fill its state, the ending', async () => {
    const thread = await newThread('31611110001');
    const run = await runOn(thread);
    const opening = await messagesOf(thread);
    assert.equal(opening.length, 1);
    assert.equal(opening[0].attributes.origin, 'outbound');
    assert.deepEqual(opening[0].attributes.payload, FLOW_RUN_DOCS_EXAMPLE.data.attributes.initialMessage);
    assert.equal(opening[0].attributes.deliveryStatus, 'accepted');
    clock += 1000 + 1500 * 2 + 10; // running, two answers in
    const mid = await messagesOf(thread);
    const state = (await api(`/flow-runs/${run.id}`)).body.data.attributes.state;
    const inbound = mid.filter((m) => m.attributes.origin === 'inbound').map((m) => m.attributes.payload.text.value);
    // A yes/no question is answered with its option's label (a Dutch flow: Ja/Nee); the state keeps yes/no.
    const asWritten = (v: unknown) => (v === 'yes' ? 'Ja' : v === 'no' ? 'Nee' : v);
    assert.deepEqual(inbound, Object.values(state).map(asWritten));
    clock += 60_000;
    const done = (await api(`/flow-runs/${run.id}`)).body.data.attributes;
    assert.equal(done.status, 'finished');
    const list = await messagesOf(thread);
    const bot = await botTexts();
    const outbound = list
      .filter((m) => m.attributes.origin === 'outbound')
      .slice(1)
      .map((m) => m.attributes.payload.text.value);
    assert.deepEqual(
      outbound,
      bot.slice(0, -1),
      'start, every question, then the accepted ending (not the declined one)',
    );
    assert.deepEqual(
      list.filter((m) => m.attributes.origin === 'inbound').map((m) => m.attributes.payload.text.value),
      Object.values(done.state).map((v) => answerText(asWritten(v), 'nl')), // the docs' flow is Dutch
    );
    const times = list.map((m) => Date.parse(m.attributes.createdAt));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.ok(times[times.length - 1]! <= clock && times[1]! > times[0]!, 'timestamps in order, none in the future');
    assert.ok(
      list.every((m) => m.attributes.sendBy === (m.attributes.origin === 'outbound' ? 'Recrubo' : '31611110001')),
    );
  });

  it('a run with initialMessage {} sends nothing; the candidate writes first, then the bot starts', async () => {
    const thread = await newThread('31611110002');
    await runOn(thread, {});
    assert.deepEqual(await messagesOf(thread), []);
    clock += 5000 + 10;
    const list = await messagesOf(thread);
    assert.deepEqual(list.map((m) => m.attributes.origin).slice(0, 3), ['inbound', 'outbound', 'outbound']);
    assert.equal(list[0].attributes.payload.text.value, 'Hoi! Ik wil graag solliciteren.', 'the Driver flow is Dutch');
  });

  it('a paused thread gets no bot messages until resumed', async () => {
    const thread = await newThread('31611110003');
    await runOn(thread);
    clock += 1000 + 1500 + 10;
    const before = (await messagesOf(thread)).length;
    const pause = (chatbotPaused: boolean) =>
      api(`/message-threads/${thread}`, {
        method: 'PATCH',
        body: { data: { type: 'messageThreads', attributes: { chatbotPaused } } },
      });
    await pause(true);
    clock += 10 * 60_000;
    assert.equal((await messagesOf(thread)).length, before);
    await pause(false);
    clock += 1500;
    assert.ok((await messagesOf(thread)).length > before);
  });

  it('POST /messages with the guide text: 201 accepted, then sent → delivered → read on WhatsApp', async () => {
    const thread = seed.conversations.long;
    const res = await send({ sendBy: 'Anna (recruiter)', messageThreadId: thread, payload: GUIDE_TEXT });
    assert.equal(res.status, 201);
    assert.match(res.body.data.id, UUID);
    assert.deepEqual(res.body.data.attributes.payload, GUIDE_TEXT);
    assert.equal(res.body.data.attributes.origin, 'outbound');
    assert.equal(res.body.data.attributes.deliveryStatus, 'accepted');
    assert.deepEqual(res.body.data.attributes.errorMessages, []);
    const status = async () => (await api(`/messages/${res.body.data.id}`)).body.data.attributes.deliveryStatus;
    const seen = [];
    for (let i = 0; i < 4; i++) {
      clock += 1000;
      seen.push(await status());
    }
    clock += 5000;
    seen.push(await status());
    assert.deepEqual([...new Set(seen)], ['sent', 'delivered', 'read']);
    assert.equal((await messagesOf(thread)).at(-1).id, res.body.data.id);
  });

  it('SMS has no read receipts: it ends delivered; a template payload and the relationship form are accepted', async () => {
    const sms = seed.messageThreads[4] as string;
    const tpl = {
      type: 'template',
      template: {
        id: seed.templates.example,
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'John' }] }],
      },
    };
    const res = await send(
      { sendBy: 'Anna', payload: tpl },
      { relationships: { messageThread: { data: { type: 'messageThreads', id: sms } } } },
    );
    assert.equal(res.status, 201);
    assert.equal(res.body.data.attributes.messageThreadId, sms);
    clock += 60_000;
    assert.equal((await api(`/messages/${res.body.data.id}`)).body.data.attributes.deliveryStatus, 'delivered');
  });

  it('a free text outside the 24-hour window is accepted, then fails with errorMessages; a template still goes', async () => {
    const stale = seed.conversations.stale;
    const seeded = await messagesOf(stale);
    assert.equal(seeded.at(-1).attributes.deliveryStatus, 'failed', 'the seed shows one already');
    const text = await send({ sendBy: 'Anna', messageThreadId: stale, payload: GUIDE_TEXT });
    assert.equal(text.status, 201);
    assert.equal(text.body.data.attributes.deliveryStatus, 'accepted');
    const tpl = await send({
      sendBy: 'Anna',
      messageThreadId: stale,
      payload: { type: 'template', template: { id: seed.templates.noParameters, components: [] } },
    });
    assert.equal(tpl.status, 201);
    clock += 10_000;
    const failed = (await api(`/messages/${text.body.data.id}`)).body.data.attributes;
    assert.equal(failed.deliveryStatus, 'failed');
    assert.equal(failed.errorMessages.length, 1);
    assert.equal(failed.errorMessages[0].code, '131047');
    assert.match(failed.errorMessages[0].detail, /24 hours/);
    assert.equal((await api(`/messages/${tpl.body.data.id}`)).body.data.attributes.deliveryStatus, 'read');
  });

  it('the window opens when the candidate writes: a new thread fails a text until its run has an answer', async () => {
    const thread = await newThread('31611110004');
    const early = (await send({ sendBy: 'Anna', messageThreadId: thread, payload: GUIDE_TEXT })).body.data.id;
    await runOn(thread);
    clock += 1000 + 1500 + 10;
    const late = (await send({ sendBy: 'Anna', messageThreadId: thread, payload: GUIDE_TEXT })).body.data.id;
    clock += 10_000;
    assert.equal((await api(`/messages/${early}`)).body.data.attributes.deliveryStatus, 'failed');
    assert.equal((await api(`/messages/${late}`)).body.data.attributes.deliveryStatus, 'read');
    clock += 25 * 60 * 60_000; // a day later (the run has long finished)
    const expired = (await send({ sendBy: 'Anna', messageThreadId: thread, payload: GUIDE_TEXT })).body.data.id;
    clock += 10_000;
    assert.equal((await api(`/messages/${expired}`)).body.data.attributes.deliveryStatus, 'failed');
  });

  it('POST /messages: sendBy, messageThreadId and payload required; bad payloads and read-only attributes refused', async () => {
    const empty = await send({});
    assert.equal(empty.status, 422);
    assert.deepEqual(empty.body.errors, [
      error422("Parameter sendBy can't be blank", '/data/attributes/sendBy'),
      error422("Parameter messageThreadId can't be blank", '/data/attributes/messageThreadId'),
      error422("Parameter payload can't be blank", '/data/attributes/payload'),
    ]);
    const thread = seed.conversations.long;
    const bad = await send({
      sendBy: 'A',
      messageThreadId: thread,
      payload: { type: 'text', text: { value: ' ' } },
      origin: 'inbound',
      deliveryStatus: 'read',
    });
    assert.deepEqual(bad.body.errors, [
      error422('Attribute origin is not writable', '/data/attributes/origin'),
      error422('Attribute deliveryStatus is not writable', '/data/attributes/deliveryStatus'),
      error422("Parameter text.value can't be blank", '/data/attributes/payload/text/value'),
    ]);
    const unknown = await send({
      sendBy: 'A',
      messageThreadId: '00000000-0000-4000-8000-000000000000',
      payload: GUIDE_TEXT,
    });
    assert.deepEqual(unknown.body.errors, [error422('MessageThread not found', '/data/attributes/messageThreadId')]);
    const pending = await send({
      sendBy: 'A',
      messageThreadId: thread,
      payload: {
        type: 'template',
        template: {
          id: seed.templates.pending,
          components: [{ type: 'body', parameters: [{ type: 'text', text: 'J' }] }],
        },
      },
    });
    assert.equal(pending.body.errors[0].source.pointer, '/data/attributes/payload/template/id');
    const video = await send({ sendBy: 'A', messageThreadId: thread, payload: { type: 'video' } });
    assert.deepEqual(video.body.errors, [
      error422('Parameter type must be text or template', '/data/attributes/payload/type'),
    ]);
    assert.equal(
      (await api('/messages', { method: 'POST', body: { data: { type: 'flowRuns', attributes: {} } } })).status,
      409,
    );
    assert.equal((await api('/messages', { method: 'POST', body: 'not json' })).status, 400);
  });

  it('seeded: markup stays text; every seeded run has its conversation as far as its state goes', async () => {
    const xss = await messagesOf(seed.conversations.xss);
    assert.ok(texts(xss).includes('<img src=x onerror=alert(1)>'));
    assert.ok(texts(xss).includes('<script>alert("recrubo")</script>'));
    assert.ok(xss.some((m) => m.attributes.sendBy.includes('<b')));
    const run = (await api(`/flow-runs/${seed.runs.xss}`)).body.data.attributes;
    const inbound = (await messagesOf(run.messageThreadId))
      .filter((m) => m.attributes.origin === 'inbound')
      .map((m) => m.attributes.payload.text.value);
    assert.ok(
      inbound.includes('<img src=x onerror=alert(1)>'),
      'the XSS run says in its conversation what its state holds',
    );
    for (const id of [seed.runs.finished[0], seed.runs.timeout[1]] as string[]) {
      const r = (await api(`/flow-runs/${id}`)).body.data.attributes;
      const said = new Set(texts(await messagesOf(r.messageThreadId)));
      for (const v of Object.values(r.state))
        assert.ok(
          said.has(answerText(v, 'nl')) ||
            said.has(answerText(v, 'en')) ||
            (v === 'yes' && (said.has('Ja') || said.has('Yes'))) ||
            (v === 'no' && (said.has('Nee') || said.has('No'))),
          `${id} said ${JSON.stringify(v)}`,
        );
    }
    const stale = await messagesOf(seed.conversations.stale);
    const lastInbound = stale.filter((m) => m.attributes.origin === 'inbound').at(-1);
    assert.ok(clock - Date.parse(lastInbound.attributes.createdAt) > 24 * 60 * 60_000);
    assert.ok(seed.messageThreads.includes(seed.conversations.long));
  });
});
