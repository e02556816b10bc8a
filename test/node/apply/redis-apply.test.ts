// Two apply endpoints (two server instances) sharing one real redis-server: one rate limit and one run per number.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRedisStore } from '../../../src/proxy/redis/index.ts';
import { startApply, startUpstream, upstreamCalls, VALID, type Upstream } from './harness.ts';
import { REDIS_MISSING, startRedis, type RunningRedis } from './redis-server.ts';

if (REDIS_MISSING) console.log(`# skipping the two-instance Redis tests: ${REDIS_MISSING}`);

describe('two instances, one Redis', { skip: REDIS_MISSING }, () => {
  let upstream: Upstream;
  let redis: RunningRedis;
  before(async () => {
    upstream = await startUpstream();
    redis = await startRedis();
  });
  after(async () => {
    await upstream.close();
    await redis.stop();
  });

  test('concurrent applies for one number on both instances make one thread and one run', async () => {
    const t = await upstream.tenant();
    const stores = [
      createRedisStore({ url: redis.url, prefix: `${t.name}:`, lockPollMs: 5 }),
      createRedisStore({ url: redis.url, prefix: `${t.name}:`, lockPollMs: 5 }),
    ];
    const apps = await Promise.all(
      stores.map((store) => startApply(t, { store, rateLimit: { client: false, number: false } })),
    );
    try {
      const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => apps[i % 2]!.post(VALID)));
      for (const r of replies) assert.equal(r.status, 200, r.text);
      const calls = await upstreamCalls(t);
      assert.equal(calls.filter((c) => c === 'POST /message-threads').length, 1, calls.join('\n'));
      assert.equal(calls.filter((c) => c === 'POST /flow-runs').length, 1, calls.join('\n'));
      // A ticket from one instance answers on the other.
      const ticket = replies[0]!.json().ticket;
      assert.equal((await apps[1]!.status(ticket)).status, 200);
      assert.equal((await apps[0]!.status(ticket)).status, 200);
    } finally {
      await Promise.all(apps.map((a) => a.close()));
      await Promise.all(stores.map((s) => s.close?.()));
    }
  });

  test('the per-client limit is one limit across both instances', async () => {
    const t = await upstream.tenant();
    const stores = [
      createRedisStore({ url: redis.url, prefix: `${t.name}:` }),
      createRedisStore({ url: redis.url, prefix: `${t.name}:` }),
    ];
    const apps = await Promise.all(
      stores.map((store) =>
        startApply(t, { store, rateLimit: { client: { limit: 3, windowMs: 60_000 }, number: false, prefix: false } }),
      ),
    );
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await apps[i % 2]!.post({ ...VALID, phone: `06 1234${5670 + i}` })).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
    } finally {
      await Promise.all(apps.map((a) => a.close()));
      await Promise.all(stores.map((s) => s.close?.()));
    }
  });
});
