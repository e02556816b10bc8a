// Idempotency-Key through the server parts: a POST sent twice with one key reaches the upstream once, and the
// repeat gets the first answer (memory store, and two instances sharing a real redis-server); the key with another
// body is a clear 422. createRecruboApply answers the same apply with the same ticket.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createMemoryStore, operationsFor, type ApplyStore } from '../../../src/proxy/index.ts';
import { createRedisStore } from '../../../src/proxy/redis/index.ts';
import { startApply, upstreamCalls, VALID } from '../apply/harness.ts';
import { REDIS_MISSING, startRedis, type RunningRedis } from '../apply/redis-server.ts';
import { PAGE_ORIGIN, startProxy, startUpstream, type Upstream } from './harness.ts';

const JSON_API = 'application/vnd.api+json';
const HEADERS = { accept: JSON_API, 'content-type': JSON_API, origin: PAGE_ORIGIN };
const thread = (identifier: string) =>
  JSON.stringify({ data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier } } });
let keyCount = 0;
const newKey = () => `6f1c2b9e-3d4a-4c5b-8e7f-${String(++keyCount).padStart(12, '0')}`;

let upstream: Upstream;
let redis: RunningRedis | undefined;
before(async () => {
  upstream = await startUpstream();
  if (!REDIS_MISSING) redis = await startRedis();
});
after(async () => {
  await upstream.close();
  await redis?.stop();
});

const upstreamPosts = async (t: { requests(): Promise<{ method: string; path: string }[]> }) =>
  (await t.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/message-threads')).length;

/** Proxies over one tenant, each with the store `makeStore` gives (one shared store, or one Redis each). */
async function proxies(count: number, makeStore: () => ApplyStore) {
  const t = await upstream.tenant();
  const stores = Array.from({ length: count }, makeStore);
  const list = await Promise.all(
    stores.map((store) => startProxy({ upstream: t.upstream, allow: operationsFor.startRun, store })),
  );
  const calls = () => list.flatMap((p) => p.calls).filter((c) => c.method === 'POST').length;
  const close = async () => {
    await Promise.all(list.map((p) => p.close()));
    await Promise.all(stores.map((s) => s.close?.()));
  };
  return { t, list, calls, close };
}

const cases: [string, false | string, (prefix: string) => () => ApplyStore][] = [
  [
    'memory',
    false,
    () => {
      const shared = createMemoryStore();
      return () => shared;
    },
  ],
  [
    'redis, two instances',
    REDIS_MISSING,
    (prefix) => () => createRedisStore({ url: redis!.url, prefix, lockPollMs: 5 }),
  ],
];

for (const [name, skip, storeFor] of cases) {
  describe(`createRecruboProxy: Idempotency-Key (${name})`, { skip }, () => {
    test('two POSTs with one key, one after the other and at once: one upstream POST, the first answer replayed', async () => {
      const { t, list, calls, close } = await proxies(2, storeFor(`idem-${keyCount}-${Date.now()}:`));
      try {
        const key = newKey();
        const options = { headers: { ...HEADERS, 'idempotency-key': key }, body: thread('31600000001') };
        const first = await list[0]!.send('POST', '/recrubo/message-threads', options);
        assert.equal(first.status, 201, first.text);
        const second = await list[1]!.send('POST', '/recrubo/message-threads', options);
        assert.equal(second.status, 201, second.text);
        assert.equal(second.headers['idempotent-replayed'], 'true');
        assert.equal(second.json().data.id, first.json().data.id);
        assert.equal(second.headers['access-control-allow-origin'], PAGE_ORIGIN);
        assert.equal(calls(), 1, 'one POST went upstream');

        const both = { headers: { ...HEADERS, 'idempotency-key': newKey() }, body: thread('31600000002') };
        const [a, b] = await Promise.all(list.map((p) => p.send('POST', '/recrubo/message-threads', both)));
        assert.equal(a!.status, 201, a!.text);
        assert.equal(b!.status, 201, b!.text);
        assert.equal(a!.json().data.id, b!.json().data.id);
        assert.equal(calls(), 2, 'concurrent repeats: still one upstream POST for the second key');
        assert.equal(await upstreamPosts(t), 2);
      } finally {
        await close();
      }
    });

    test('the key with another body: 422 idempotency_key_reused, nothing sent upstream', async () => {
      const { list, calls, close } = await proxies(1, storeFor(`idem-${keyCount}-${Date.now()}:`));
      try {
        const key = newKey();
        const headers = { ...HEADERS, 'idempotency-key': key };
        const first = await list[0]!.send('POST', '/recrubo/message-threads', { headers, body: thread('31600000003') });
        assert.equal(first.status, 201, first.text);
        const other = await list[0]!.send('POST', '/recrubo/message-threads', { headers, body: thread('31600000004') });
        assert.equal(other.status, 422, other.text);
        const error = other.json().errors[0];
        assert.equal(error.code, 'idempotency_key_reused');
        assert.deepEqual(error.source, { header: 'Idempotency-Key' });
        assert.equal(calls(), 1);
      } finally {
        await close();
      }
    });
  });

  describe(`createRecruboApply: Idempotency-Key (${name})`, { skip }, () => {
    test('the same apply twice with one key: the same ticket, counted once, no second upstream call', async () => {
      const t = await upstream.tenant();
      const makeStore = storeFor(`apply-${keyCount}-${Date.now()}:`);
      const stores = [makeStore(), makeStore()];
      const apps = await Promise.all(stores.map((store) => startApply(t, { store })));
      try {
        const headers = { 'idempotency-key': newKey() };
        const first = await apps[0]!.post(VALID, { headers });
        assert.equal(first.status, 200, first.text);
        const before = (await upstreamCalls(t)).length;
        const second = await apps[1]!.post(VALID, { headers });
        assert.equal(second.status, 200, second.text);
        assert.deepEqual(second.json(), first.json(), 'the first answer, with its ticket');
        assert.equal((await upstreamCalls(t)).length, before, 'nothing reached the upstream for the repeat');
        // Without a key the same apply is recognised by its number, but gets a ticket that only says "sent".
        const third = await apps[0]!.post(VALID);
        assert.notEqual(third.json().ticket, first.json().ticket);
        const reused = await apps[0]!.post({ ...VALID, firstName: 'Other' }, { headers });
        assert.equal(reused.status, 422, reused.text);
        assert.equal(reused.json().errors[0].code, 'idempotency_key_reused');
      } finally {
        await Promise.all(apps.map((a) => a.close()));
        await Promise.all(stores.map((s) => s.close?.()));
      }
    });
  });
}
