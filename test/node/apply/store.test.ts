// The store contract, run against both implementations: the memory store and a real redis-server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createMemoryStore } from '../../../src/proxy/index.ts';
import { createRedisStore } from '../../../src/proxy/redis/index.ts';
import { LockTimeoutError, type ApplyStore } from '../../../src/proxy/store/types.ts';
import { REDIS_MISSING, startRedis, type RunningRedis } from './redis-server.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function contract(name: string, make: () => ApplyStore, options: { skip?: string | false } = {}) {
  describe(`${name} store`, { skip: options.skip ?? false }, () => {
    let store: ApplyStore;
    before(() => {
      store = make();
    });
    after(() => store.close?.());

    test('increment counts atomically and expires with its window', async () => {
      const key = `count-${Math.random()}`;
      const results = await Promise.all(Array.from({ length: 20 }, () => store.increment(key, 300)));
      assert.deepEqual(
        results.map((r) => r.count).sort((a, b) => a - b),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      for (const r of results) assert.ok(r.resetMs > 0 && r.resetMs <= 300, `resetMs ${r.resetMs}`);
      await sleep(400);
      assert.equal((await store.increment(key, 300)).count, 1, 'a new window after expiry');
    });

    test('a later increment does not extend the window', async () => {
      const key = `window-${Math.random()}`;
      await store.increment(key, 400);
      await sleep(200);
      const second = await store.increment(key, 400);
      assert.equal(second.count, 2);
      assert.ok(second.resetMs <= 250, `resetMs ${second.resetMs} should be what is left of the first window`);
    });

    test('get/set with expiry', async () => {
      const key = `value-${Math.random()}`;
      assert.equal(await store.get(key), undefined);
      await store.set(key, '{"runId":"r1"}', 250);
      assert.equal(await store.get(key), '{"runId":"r1"}');
      await sleep(350);
      assert.equal(await store.get(key), undefined);
    });

    test('withLock runs holders of one key one after the other, other keys in parallel', async () => {
      const key = `lock-${Math.random()}`;
      let inside = 0;
      let most = 0;
      const order: number[] = [];
      const work = (i: number) =>
        store.withLock(key, async () => {
          inside++;
          most = Math.max(most, inside);
          await sleep(30);
          order.push(i);
          inside--;
          return i;
        });
      const other = store.withLock(`${key}-other`, async () => 'other');
      const results = await Promise.all([work(1), work(2), work(3)]);
      assert.deepEqual(results, [1, 2, 3]);
      assert.equal(most, 1, 'never two holders at once');
      assert.equal(await other, 'other');
    });

    test('withLock releases on a throw and gives up after waitMs', async () => {
      const key = `lock-fail-${Math.random()}`;
      await assert.rejects(
        store.withLock(key, async () => Promise.reject(new Error('boom'))),
        /boom/,
      );
      assert.equal(await store.withLock(key, async () => 'after'), 'after', 'released after the throw');
      let release!: () => void;
      const held = store.withLock(key, () => new Promise<void>((resolve) => (release = resolve)));
      await sleep(20);
      await assert.rejects(
        store.withLock(key, async () => 'never', { waitMs: 100 }),
        LockTimeoutError,
      );
      release();
      await held;
    });

    test('a lock outlives its ttl while its holder still works (issue 26, finding 2)', async () => {
      const key = `lock-renew-${Math.random()}`;
      const order: string[] = [];
      const first = store.withLock(
        key,
        async () => {
          order.push('first in');
          await sleep(1200); // four times the lock's ttl
          order.push('first out');
        },
        { ttlMs: 300 },
      );
      await sleep(50);
      await store.withLock(key, async () => void order.push('second'), { ttlMs: 300, waitMs: 5000 });
      await first;
      assert.deepEqual(order, ['first in', 'first out', 'second']);
    });
  });
}

contract('memory', () => createMemoryStore());

let redis: RunningRedis | undefined;
if (!REDIS_MISSING) {
  before(async () => {
    redis = await startRedis();
  });
  after(() => redis?.stop());
} else {
  console.log(`# skipping the Redis store tests: ${REDIS_MISSING}`);
}
contract('redis', () => createRedisStore({ url: redis!.url, lockPollMs: 5 }), { skip: REDIS_MISSING });

describe('memory store limits', () => {
  test('a flood of one kind of key evicts only its own kind, never tickets or other limits (issue 26, finding 1)', async () => {
    const store = createMemoryStore({ maxEntries: 10 });
    await store.set('ticket:real', 'run-1', 60_000);
    await store.increment('limit:number:n:victim', 60_000);
    await store.increment('limit:number:n:victim', 60_000);
    for (let i = 0; i < 1000; i++) await store.increment(`limit:status:t:flood${i}`, 60_000);
    for (let i = 0; i < 1000; i++) await store.increment(`limit:client:c:flood${i}`, 60_000);
    assert.equal(await store.get('ticket:real'), 'run-1');
    assert.equal((await store.increment('limit:number:n:victim', 60_000)).count, 3, 'the number keeps its count');
    assert.equal(await store.get('limit:status:t:flood0'), undefined, 'the oldest of the flooded kind went');
    assert.equal(await store.get('limit:status:t:flood999'), '1');
  });

  test('drops the oldest entries past maxEntries', async () => {
    const store = createMemoryStore({ maxEntries: 10 });
    for (let i = 0; i < 50; i++) await store.set(`k${i}`, String(i), 60_000);
    assert.equal(await store.get('k0'), undefined);
    assert.equal(await store.get('k49'), '49');
  });
});
