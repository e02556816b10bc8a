// createRedisBroker against a real redis-server that this test starts on a free port: a webhook received by one
// instance reaches a stream served by another; a redelivery to the other instance is still a duplicate; a Redis
// restart makes the streams tell their pages to refetch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createRecruboEventStream,
  createRecruboWebhookReceiver,
  type RecruboBroker,
  type RecruboEventStreamHandler,
} from '../../../src/proxy/index.ts';
import { createRedisBroker } from '../../../src/proxy/redis/index.ts';
import { REDIS_MISSING, startRedis, type RunningRedis } from '../apply/redis-server.ts';
import { readSse, waitFor, type SseReader } from './hooks.ts';
import { serve, type Mounted } from './server.ts';

const SECRET = 'whsec-redis-test';
const RUN = '0f6a1b9e-8f5c-4d7e-a1b2-c3d4e5f60718';

const payload = (id: string, status: string) => ({
  data: {
    type: 'webhookPayload',
    id,
    attributes: {
      event: 'update',
      fields: ['status'],
      resource: { id: RUN, type: 'flowRuns', attributes: { status, state: { email: 'john@example.com' } } },
    },
  },
});

describe('redis broker', { skip: REDIS_MISSING, timeout: 60000 }, () => {
  let port: number;
  let redis: RunningRedis;
  const brokers: RecruboBroker[] = [];
  const streams: RecruboEventStreamHandler[] = [];
  let a: Mounted;
  let b: Mounted;
  const readers: SseReader[] = [];
  const instance = async () => {
    const broker = createRedisBroker({ url: `redis://127.0.0.1:${port}` });
    brokers.push(broker);
    const stream = createRecruboEventStream({ broker, allowedOrigins: [], demo: true });
    streams.push(stream);
    return serve({ '/hooks': createRecruboWebhookReceiver({ secret: SECRET, broker }), '/events': stream });
  };
  before(async () => {
    redis = await startRedis();
    port = redis.port;
    a = await instance();
    b = await instance();
  });
  after(async () => {
    for (const r of readers) r.close();
    for (const s of streams) await s.close();
    for (const broker of brokers) await broker.close();
    await a.close();
    await b.close();
    await redis.stop();
  });
  const post = (server: Mounted, body: unknown) =>
    fetch(`${server.url}/hooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.api+json', 'x-recrubo-webhook-secret': SECRET },
      body: JSON.stringify(body),
    });

  it('a webhook received by instance A reaches a stream served by instance B, as { type, id, status } only', async () => {
    const r = await readSse(`${b.url}/events?watch=flowRuns:${RUN}`);
    readers.push(r);
    await waitFor(() => r.events.some((e) => e.event === 'ready'), 5000, 'ready');
    assert.equal((await post(a, payload('aaaaaaaa-0000-4000-8000-000000000001', 'running'))).status, 202);
    const ev = await waitFor(() => r.events.find((e) => e.event === 'change'), 5000, 'change via redis');
    assert.deepEqual(JSON.parse(ev.data), { type: 'flowRuns', id: RUN, status: 'running', updatedAt: null });
    assert.ok(!r.raw.includes('john@example.com'));
  });

  it('a redelivery to the other instance is recognised as a duplicate', async () => {
    assert.equal((await post(a, payload('aaaaaaaa-0000-4000-8000-000000000002', 'finished'))).status, 202);
    assert.equal((await post(b, payload('aaaaaaaa-0000-4000-8000-000000000002', 'finished'))).status, 200);
  });

  it('after Redis comes back, every stream sends a refetch event (pub/sub kept nothing meanwhile)', async () => {
    const r = await readSse(`${a.url}/events?watch=flowRuns:${RUN}`);
    readers.push(r);
    await waitFor(() => r.events.some((e) => e.event === 'ready'), 5000, 'ready');
    await redis.stop();
    redis = await startRedis(port);
    await waitFor(() => r.events.some((e) => e.event === 'refetch'), 20000, 'refetch after reconnect');
    // and changes flow again
    await waitFor(
      async () =>
        (await post(b, payload(`aaaaaaaa-0000-4000-8000-${String(Date.now()).slice(-12)}`, 'timeout'))).status === 202,
      10000,
      'publish after restart',
    );
    await waitFor(
      () => r.events.some((e) => e.event === 'change' && JSON.parse(e.data).status === 'timeout'),
      5000,
      'change after restart',
    );
  });
});
