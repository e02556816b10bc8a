// operationsFor.startRun: what <recrubo-start-run> sends goes through to the real sandbox (with its Idempotency-Key),
// and a page cannot use the preset to write more: other thread attributes, a free-text opening, run answers in
// `state`, or an unfiltered list of the organisation's threads.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { operationsFor } from '../../../src/proxy/index.ts';
import { PAGE_ORIGIN, startProxy, startUpstream, type Upstream } from './harness.ts';

const JSON_API = 'application/vnd.api+json';
const HEADERS = { accept: JSON_API, 'content-type': JSON_API, origin: PAGE_ORIGIN };
const KEY_A = '6f1c2b9e-3d4a-4c5b-8e7f-0a1b2c3d4e5f';

let upstream: Upstream;
before(async () => {
  upstream = await startUpstream();
});
after(() => upstream.close());

const runBody = (attributes: Record<string, unknown>) => JSON.stringify({ data: { type: 'flowRuns', attributes } });

describe('operationsFor.startRun', () => {
  test('the element’s requests pass: lookup by number, thread POST, templates, flow, run POST with the key header', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream, allow: operationsFor.startRun });
    try {
      const lookup = await proxy.send(
        'GET',
        '/recrubo/message-threads?filter%5Bidentifier%5D=31687654321&sort=createdAt&page%5Bsize%5D=25',
        { headers: HEADERS },
      );
      assert.equal(lookup.status, 200, lookup.text);
      assert.deepEqual(lookup.json().data, []);
      const thread = await proxy.send('POST', '/recrubo/message-threads', {
        headers: { ...HEADERS, 'idempotency-key': KEY_A },
        body: JSON.stringify({
          data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier: '31687654321' } },
        }),
      });
      assert.equal(thread.status, 201, thread.text);
      assert.equal(proxy.calls.at(-1)!.headers.get('idempotency-key'), KEY_A, 'the key goes upstream');
      assert.equal(
        (
          await proxy.send('GET', '/recrubo/message-templates?page%5Bnumber%5D=1&page%5Bsize%5D=100', {
            headers: HEADERS,
          })
        ).status,
        200,
      );
      assert.equal(
        (await proxy.send('GET', `/recrubo/message-templates/${t.seed.templates.example}`, { headers: HEADERS }))
          .status,
        200,
      );
      assert.equal(
        (
          await proxy.send('GET', `/recrubo/flows/${t.seed.flowWithCustomSchedule}?include=nodes.nodeActions`, {
            headers: HEADERS,
          })
        ).status,
        200,
      );
      const run = await proxy.send('POST', '/recrubo/flow-runs', {
        headers: { ...HEADERS, 'idempotency-key': 'e3b0c442-98fc-4c14-9afb-f4c8996fb924' },
        body: runBody({
          flowId: t.seed.flowWithCustomSchedule,
          messageThreadId: thread.json().data.id,
          state: { scheduleId: ['1', '2'] },
          initialMessage: {
            type: 'template',
            template: {
              id: t.seed.templates.example,
              components: [{ type: 'body', parameters: [{ type: 'text', text: 'John' }] }],
            },
          },
        }),
      });
      assert.equal(run.status, 201, run.text);
      // The same request re-sent with its key (an answer that never arrived): the proxy replays the first answer from
      // its store, so no second POST reaches the upstream (and the sandbox would replay too: no second run).
      const again = await proxy.send('POST', '/recrubo/flow-runs', {
        headers: { ...HEADERS, 'idempotency-key': 'e3b0c442-98fc-4c14-9afb-f4c8996fb924' },
        body: runBody({
          flowId: t.seed.flowWithCustomSchedule,
          messageThreadId: thread.json().data.id,
          state: { scheduleId: ['1', '2'] },
          initialMessage: {
            type: 'template',
            template: {
              id: t.seed.templates.example,
              components: [{ type: 'body', parameters: [{ type: 'text', text: 'John' }] }],
            },
          },
        }),
      });
      assert.equal(again.status, 201, again.text);
      assert.equal(again.json().data.id, run.json().data.id, 'the same run, not a second one');
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.equal(
        (await t.requests()).filter((r) => r.method === 'POST' && r.path === '/public/v2/flow-runs').length,
        1,
      );
      assert.equal(
        (await proxy.send('GET', `/recrubo/flow-runs/${run.json().data.id}`, { headers: HEADERS })).status,
        200,
      );
    } finally {
      await proxy.close();
    }
  });

  test('refused without reaching Recrubo: other attributes and values, free text, answers in state, listing threads', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream, allow: operationsFor.startRun });
    const thread = t.seed.messageThreads[0]!;
    const opening = {
      type: 'template',
      template: {
        id: t.seed.templates.example,
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'John' }] }],
      },
    };
    try {
      const refusedBodies: [string, string][] = [
        [
          '/recrubo/message-threads',
          JSON.stringify({
            data: {
              type: 'messageThreads',
              attributes: { channel: 'whatsapp', identifier: '31687654321', chatbotPaused: true },
            },
          }),
        ],
        [
          '/recrubo/message-threads',
          JSON.stringify({
            data: { type: 'messageThreads', attributes: { channel: 'sms', identifier: '31687654321' } },
          }),
        ],
        [
          '/recrubo/message-threads',
          JSON.stringify({
            data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier: '+31 6 87654321' } },
          }),
        ],
        [
          '/recrubo/flow-runs',
          runBody({
            flowId: t.seed.flows[0],
            messageThreadId: thread,
            state: {},
            initialMessage: { type: 'text', text: { value: 'Click this link' } },
          }),
        ],
        [
          '/recrubo/flow-runs',
          runBody({
            flowId: t.seed.flows[0],
            messageThreadId: thread,
            state: { first_name: 'Mallory' },
            initialMessage: opening,
          }),
        ],
        [
          '/recrubo/flow-runs',
          runBody({
            flowId: t.seed.flows[0],
            messageThreadId: thread,
            state: {},
            initialMessage: opening,
            status: 'finished',
          }),
        ],
        [
          '/recrubo/flow-runs',
          runBody({ flowId: t.seed.flows[0], messageThreadId: thread, state: {}, initialMessage: {} }),
        ],
      ];
      for (const [path, body] of refusedBodies) {
        const res = await proxy.send('POST', path, { headers: HEADERS, body });
        assert.ok(res.status >= 400 && res.status < 500, `${path} ${body}: ${res.status}`);
      }
      for (const path of [
        '/recrubo/message-threads',
        '/recrubo/message-threads?filter%5Bidentifier%5D=3161,3162',
        '/recrubo/message-threads?filter%5BchatbotPaused%5D=true',
      ]) {
        const res = await proxy.send('GET', path, { headers: HEADERS });
        assert.equal(res.status, 403, `${path}: ${res.status}`);
      }
      assert.equal(proxy.calls.length, 0, 'nothing refused reached the upstream');
    } finally {
      await proxy.close();
    }
  });

  test('the preflight allows the Idempotency-Key header', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream, allow: operationsFor.startRun });
    try {
      const res = await proxy.send('OPTIONS', '/recrubo/flow-runs', {
        headers: {
          origin: PAGE_ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, idempotency-key',
        },
      });
      assert.ok(res.status === 204 || res.status === 200, String(res.status));
      assert.match(String(res.headers['access-control-allow-headers']), /Idempotency-Key/i);
    } finally {
      await proxy.close();
    }
  });
});
