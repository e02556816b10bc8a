// The opt-in allow-list of <recrubo-conversation>: its reads, the text POST and the pause PATCH pass; a template or
// any other payload, an unfiltered message list, a second thread and other thread attributes are refused.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defaultOperations, operationsFor } from '../../../src/proxy/index.ts';
import { PAGE_ORIGIN, startProxy, startUpstream, type Proxy, type Tenant, type Upstream } from './harness.ts';

const JSON_API = 'application/vnd.api+json';
const headers = { 'content-type': JSON_API, origin: PAGE_ORIGIN };

let upstream: Upstream;
let tenant: Tenant;
let proxy: Proxy;
let plain: Proxy;
before(async () => {
  upstream = await startUpstream();
  tenant = await upstream.tenant();
  proxy = await startProxy({ upstream: tenant.upstream, allow: [...defaultOperations, ...operationsFor.conversation] });
  plain = await startProxy({ upstream: tenant.upstream });
});
after(async () => {
  await proxy.close();
  await plain.close();
  await upstream.close();
});

const thread = () => tenant.seed.messageThreads[0]!;
const textBody = (value: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    data: {
      type: 'messages',
      attributes: {
        messageThreadId: thread(),
        sendBy: 'Recruiter',
        payload: { type: 'text', text: { value } },
        ...extra,
      },
    },
  });

describe('operationsFor.conversation', () => {
  test('is not in the default allow-list (opt-in)', async () => {
    const res = await plain.send('GET', `/recrubo/messages?filter[messageThreadId]=${thread()}`, { headers });
    assert.equal(res.status, 403);
  });

  test('reads a thread, its messages (paged, sorted) and pauses it', async () => {
    assert.notEqual(
      (
        await proxy.send(
          'GET',
          `/recrubo/messages?filter[messageThreadId]=${thread()}&sort=-createdAt&page[number]=1&page[size]=50`,
          { headers },
        )
      ).status,
      403,
    );
    assert.equal((await proxy.send('GET', `/recrubo/message-threads/${thread()}`, { headers })).status, 200);
    assert.equal((await proxy.send('GET', `/recrubo/message-threads?filter[id]=${thread()}`, { headers })).status, 200);
    const pause = await proxy.send('PATCH', `/recrubo/message-threads/${thread()}`, {
      headers,
      body: JSON.stringify({ data: { type: 'messageThreads', id: thread(), attributes: { chatbotPaused: true } } }),
    });
    assert.equal(pause.status, 200, pause.text);
  });

  test('refuses what the element never sends', async () => {
    const refused = async (method: string, path: string, body?: string) => {
      const before = proxy.calls.length;
      const res = await proxy.send(method, `/recrubo${path}`, { headers, ...(body ? { body } : {}) });
      assert.equal(res.status, 403, `${method} ${path} ${body ?? ''}: ${res.text}`);
      assert.equal(proxy.calls.length, before);
    };
    await refused('GET', '/messages');
    await refused('GET', `/messages?filter[messageThreadId]=${thread()},${tenant.seed.messageThreads[1]}`);
    await refused(
      'POST',
      '/messages',
      JSON.stringify({
        data: {
          type: 'messages',
          attributes: {
            messageThreadId: thread(),
            sendBy: 'x',
            payload: { type: 'template', template: { id: thread() } },
          },
        },
      }),
    );
    await refused('POST', '/messages', textBody({ html: 1 }));
    await refused('POST', '/messages', textBody('hi', { deliveryStatus: 'read' }));
    await refused('POST', '/messages', textBody('x'.repeat(5000)));
    await refused(
      'PATCH',
      `/message-threads/${thread()}`,
      JSON.stringify({ data: { type: 'messageThreads', id: thread(), attributes: { identifier: '31600000000' } } }),
    );
    await refused(
      'PATCH',
      `/message-threads/${thread()}`,
      JSON.stringify({ data: { type: 'messageThreads', id: thread(), attributes: { chatbotPaused: 'yes' } } }),
    );
  });
});
