import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import { FLOW_GENERATION_EXAMPLE, FLOW_RUN_DOCS_EXAMPLE } from './examples.ts';
import { call, start } from './helpers.ts';

describe("a generated flow speaks its own language: the reminder, and the candidate's yes/no answers", () => {
  let s: RunningSandbox;
  let clock = Date.parse('2025-03-01T09:00:00Z');
  before(async () => {
    s = await start({ speed: 1_000_000, now: () => clock });
  });
  after(() => s.close());
  const api = (path: string, init?: Parameters<typeof call>[2]) => call(s.url, '/public/v2' + path, init);
  const generate = async (language: 'nl' | 'en') => {
    const body = structuredClone(FLOW_GENERATION_EXAMPLE) as any;
    body.data.attributes.parameters.language = language;
    const id = (await api('/flow-generations', { method: 'POST', body })).body.data.id as string;
    clock += 1; // a thousand virtual seconds: finished
    const flowId = (await api(`/flow-generations/${id}`)).body.data.attributes.flowId as string;
    assert.ok(flowId, 'the generation finished');
    return flowId;
  };
  const conversationOn = async (flowId: string, identifier: string) => {
    const thread = (
      await api('/message-threads', {
        method: 'POST',
        body: { data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier } } },
      })
    ).body.data.id as string;
    const body = structuredClone(FLOW_RUN_DOCS_EXAMPLE) as any;
    Object.assign(body.data.attributes, { flowId, messageThreadId: thread });
    const run = (await api('/flow-runs', { method: 'POST', body })).body.data;
    clock += 1;
    const list = (await api(`/messages?filter[messageThreadId]=${thread}&page[size]=100`)).body.data as any[];
    const state = (await api(`/flow-runs/${run.id}`)).body.data.attributes.state as Record<string, unknown>;
    const inbound = list
      .filter((m) => m.attributes.origin === 'inbound')
      .map((m) => m.attributes.payload.text.value as string);
    return { inbound, state };
  };

  it('the reminder message of a Dutch flow is Dutch, of an English flow English', async () => {
    const nl = (await api(`/flows/${await generate('nl')}`)).body.data.attributes.reminderMessage as string;
    assert.equal(nl, 'Ben je er nog? Er zijn nog een paar vragen over om je sollicitatie af te ronden.');
    const en = (await api(`/flows/${await generate('en')}`)).body.data.attributes.reminderMessage as string;
    assert.match(en, /^Are you still there\?/);
  });

  it('the candidate answers a Dutch Ja/Nee question with "Ja" or "Nee", while the state keeps yes/no', async () => {
    const { inbound, state } = await conversationOn(await generate('nl'), '31611117777');
    assert.equal(state.drivers_license, 'yes', 'the knockouts passed');
    assert.ok(inbound.includes('Ja'), `answers: ${inbound.join(' | ')}`);
    assert.ok(
      inbound.every((text) => !['yes', 'no'].includes(text)),
      `answers: ${inbound.join(' | ')}`,
    );
  });

  it('in an English flow the answer is the option\'s label "Yes" / "No"', async () => {
    const { inbound } = await conversationOn(await generate('en'), '31611118888');
    assert.ok(inbound.includes('Yes'), `answers: ${inbound.join(' | ')}`);
    assert.ok(
      inbound.every((text) => !['yes', 'no', 'Ja', 'Nee'].includes(text)),
      `answers: ${inbound.join(' | ')}`,
    );
  });
});
