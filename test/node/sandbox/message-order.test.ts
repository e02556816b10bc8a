import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import { FLOW_RUN_DOCS_EXAMPLE } from './examples.ts';
import { call, start } from './helpers.ts';

describe('the messages of a run come in strictly increasing createdAt', () => {
  let s: RunningSandbox;
  let clock = Date.parse('2025-03-01T09:00:00Z');
  // So fast that a whole run falls within a few real milliseconds: answer and next question share a millisecond.
  before(async () => {
    s = await start({ speed: 1_000_000, now: () => clock });
  });
  after(() => s.close());
  const api = (path: string, init?: Parameters<typeof call>[2]) => call(s.url, '/public/v2' + path, init);

  it('an answer and the next question never share a timestamp, and the API lists them in the order written', async () => {
    const thread = (
      await api('/message-threads', {
        method: 'POST',
        body: { data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier: '31611119999' } } },
      })
    ).body.data.id as string;
    const body = structuredClone(FLOW_RUN_DOCS_EXAMPLE) as any;
    body.data.attributes.messageThreadId = thread;
    assert.equal((await api('/flow-runs', { method: 'POST', body })).status, 201);
    clock += 1; // a thousand virtual seconds: the whole run
    const list = (await api(`/messages?filter[messageThreadId]=${thread}&page[size]=100`)).body.data as any[];
    assert.ok(list.length > 4, `a conversation (${list.length} messages)`);
    const origins = list.map((m) => m.attributes.origin);
    assert.ok(origins.includes('inbound') && origins.includes('outbound'));
    const times = list.map((m) => Date.parse(m.attributes.createdAt));
    for (let i = 1; i < times.length; i++) {
      assert.ok(times[i]! > times[i - 1]!, `message ${i} (${list[i].attributes.createdAt}) after message ${i - 1}`);
    }
  });
});
