// Issue 26 on a real redis-server: two apply endpoints (two server instances) sharing one Redis under a slow
// upstream (finding 2), and the answer while Redis is down (finding 7). Both failed before their fixes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRedisStore } from '../../../src/proxy/redis/index.ts';
import { startApply, startUpstream, upstreamCalls, VALID, type Upstream } from './harness.ts';
import { REDIS_MISSING, startRedis } from './redis-server.ts';

if (REDIS_MISSING) console.log(`# skipping the Redis hardening tests: ${REDIS_MISSING}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('apply on Redis: slow upstreams and outages', { skip: REDIS_MISSING }, () => {
  let upstream: Upstream;
  before(async () => {
    upstream = await startUpstream();
  });
  after(() => upstream.close());

  test('finding 2: with 8 s per upstream call, two instances 0.5 s apart start one run for one number', async () => {
    const redis = await startRedis();
    const t = await upstream.tenant();
    // Four calls of 8 s: 32 s of work under the number's lock, more than the old fixed 15 s lifetime.
    await t.control({ faults: { latencyMs: 8000 } });
    const stores = [
      createRedisStore({ url: redis.url, prefix: `${t.name}:` }),
      createRedisStore({ url: redis.url, prefix: `${t.name}:` }),
    ];
    const apps = await Promise.all(stores.map((store) => startApply(t, { store, rateLimit: { client: false } })));
    try {
      const first = apps[0]!.post(VALID);
      await sleep(500);
      const second = apps[1]!.post(VALID);
      const replies = await Promise.all([first, second]);
      for (const r of replies) assert.equal(r.status, 200, r.text);
      const calls = await upstreamCalls(t);
      assert.equal(calls.filter((c) => c === 'POST /flow-runs').length, 1, calls.join('\n'));
      assert.equal(calls.filter((c) => c === 'POST /message-threads').length, 1, calls.join('\n'));
    } finally {
      await Promise.all(apps.map((a) => a.close()));
      await Promise.all(stores.map((s) => s.close?.()));
      await redis.stop();
    }
  });

  test('finding 7: while Redis is down an apply and a status get 503 with Retry-After within two seconds', async () => {
    const redis = await startRedis();
    const t = await upstream.tenant();
    const errors: unknown[] = [];
    const store = createRedisStore({ url: redis.url, prefix: `${t.name}:` });
    const app = await startApply(t, { store, onError: (e) => errors.push(e) });
    try {
      const ok = await app.post(VALID);
      assert.equal(ok.status, 200, ok.text);
      const ticket = ok.json().ticket;
      await redis.stop();
      for (const send of [
        () => app.post({ ...VALID, phone: '06 87654321' }, { headers: { 'idempotency-key': 'outage-key-0001' } }),
        () => app.post({ ...VALID, phone: '06 87654322' }),
        () => app.status(ticket),
      ]) {
        const started = Date.now();
        const res = await send();
        const took = Date.now() - started;
        assert.equal(res.status, 503, res.text);
        assert.equal(res.json().errors[0].code, 'store_unavailable');
        assert.ok(Number(res.headers['retry-after']) >= 1, `Retry-After ${res.headers['retry-after']}`);
        assert.ok(took < 2000, `answered in ${took} ms`);
      }
      assert.ok(errors.length > 0, 'the integrator is told');
      const calls = await upstreamCalls(t);
      assert.equal(calls.filter((c) => c === 'POST /flow-runs').length, 1, 'nothing started while the store was down');
    } finally {
      await app.close();
      await store.close?.();
      await redis.stop();
    }
  });
});
