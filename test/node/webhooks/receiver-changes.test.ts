// What the receiver publishes (issue #30): `{ type, id, status, updatedAt }` from the webhook's resource and never
// another field; a message also announces its thread, so a page that shows the conversation hears of new messages.
// And a broker that cannot answer (issue #26 finding 7) is a 503 with Retry-After within a second or two, not a
// 500 after the broker's own timeout. Over real HTTP.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  createMemoryBroker,
  createRecruboWebhookReceiver,
  type RecruboBroker,
  type RecruboChange,
} from '../../../src/proxy/index.ts';
import { serve, type Mounted } from './server.ts';

const SECRET = 'whsec-changes-test';
const delivery = (id: string, resource: Record<string, unknown>, event = 'update') => ({
  data: { type: 'webhookPayload', id, attributes: { webhookId: 'w1', event, fields: ['deliveryStatus'], resource } },
});

describe('webhook receiver: what it publishes, and a broker that does not answer', () => {
  const servers: Mounted[] = [];
  after(async () => {
    for (const s of servers) await s.close();
  });
  const mount = async (broker: RecruboBroker, brokerTimeoutMs?: number) => {
    const server = await serve({
      '/hooks': createRecruboWebhookReceiver({ secret: SECRET, broker, onError: () => {}, brokerTimeoutMs }),
    });
    servers.push(server);
    return (body: unknown) =>
      fetch(`${server.url}/hooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.api+json', 'x-recrubo-webhook-secret': SECRET },
        body: JSON.stringify(body),
      });
  };
  const recording = () => {
    const memory = createMemoryBroker();
    const published: RecruboChange[] = [];
    const broker: RecruboBroker = { ...memory, publish: async (c) => void published.push(c) };
    return { broker, published };
  };

  it('a flow run: type, id, status and updatedAt (normalised to UTC), nothing of its state', async () => {
    const { broker, published } = recording();
    const post = await mount(broker);
    const res = await post(
      delivery('d-run', {
        id: 'run-1',
        type: 'flowRuns',
        attributes: {
          status: 'finished',
          updatedAt: '2024-08-20T12:45:03+02:00',
          cost: 3,
          state: { firstName: 'John', email: 'john@example.com' },
        },
      }),
    );
    assert.equal(res.status, 202);
    assert.deepEqual(published, [
      { type: 'flowRuns', id: 'run-1', status: 'finished', updatedAt: '2024-08-20T10:45:03.000Z' },
    ]);
  });

  it('a message: its delivery status, and its thread as changed (status null), never the text', async () => {
    const { broker, published } = recording();
    const post = await mount(broker);
    const res = await post(
      delivery(
        'd-msg',
        {
          id: 'msg-1',
          type: 'messages',
          attributes: {
            sendBy: 'candidate',
            messageThreadId: 'thread-9',
            payload: { text: 'Hi, I am John' },
            deliveryStatus: 'delivered',
            createdAt: '2026-01-01T10:00:00.000Z',
            updatedAt: '2026-01-01T10:00:01.000Z',
          },
        },
        'create',
      ),
    );
    assert.equal(res.status, 202);
    assert.deepEqual(published, [
      { type: 'messages', id: 'msg-1', status: 'delivered', updatedAt: '2026-01-01T10:00:01.000Z' },
      { type: 'messageThreads', id: 'thread-9', status: null, updatedAt: '2026-01-01T10:00:01.000Z' },
    ]);
    assert.ok(!JSON.stringify(published).includes('John'));
  });

  it('a conversation is announced (the inbox row), with its status', async () => {
    const { broker, published } = recording();
    const post = await mount(broker);
    await post(
      delivery('d-conv', {
        id: 'conv-1',
        type: 'conversations',
        attributes: { status: 'open', unreadMessagesCount: 2, updatedAt: '2026-01-01T10:00:02Z' },
      }),
    );
    assert.deepEqual(published, [
      { type: 'conversations', id: 'conv-1', status: 'open', updatedAt: '2026-01-01T10:00:02.000Z' },
    ]);
  });

  it('a broker that hangs (Redis unreachable): 503 with Retry-After within two seconds', async () => {
    const memory = createMemoryBroker();
    const hang = () => new Promise<never>(() => {});
    const post = await mount({ ...memory, claim: hang, publish: hang }, 500);
    const started = Date.now();
    const res = await post(delivery('d-hang', { id: 'run-2', type: 'flowRuns', attributes: { status: 'running' } }));
    assert.equal(res.status, 503);
    assert.ok(Number(res.headers.get('retry-after')) > 0, 'Retry-After');
    assert.ok(Date.now() - started < 2000, `answered in ${Date.now() - started} ms`);
  });

  it('a broker whose claim fails: 503 with Retry-After, not 500', async () => {
    const memory = createMemoryBroker();
    const post = await mount({
      ...memory,
      claim: async () => {
        throw new Error('ECONNREFUSED');
      },
    });
    const res = await post(delivery('d-fail', { id: 'run-3', type: 'flowRuns', attributes: { status: 'running' } }));
    assert.equal(res.status, 503);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
  });

  it('publish hangs after the claim: 503, and the claim is given back so the redelivery goes through', async () => {
    const memory = createMemoryBroker();
    let hanging = true;
    const published: RecruboChange[] = [];
    const post = await mount(
      {
        ...memory,
        publish: (c) => (hanging ? new Promise<never>(() => {}) : Promise.resolve(void published.push(c))),
      },
      300,
    );
    const body = delivery('d-again', { id: 'run-4', type: 'flowRuns', attributes: { status: 'running' } });
    assert.equal((await post(body)).status, 503);
    hanging = false;
    assert.equal((await post(body)).status, 202);
    assert.equal(published.length, 1);
  });
});
