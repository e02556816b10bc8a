// Issue 26, finding 8: the sandbox as a shared demo server. Control values are bounded (a 422 that names the
// range), tenants are capped with idle ones making room and tenants in use never dropped, and the `default`
// tenant (what a demo server's visitors use) is changed only from the command line unless the sandbox allows it.
// Over real HTTP; the tenants' idleness is read from an injected clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCli } from '../../../sandbox/cli-args.ts';
import { CONTROL_BOUNDS } from '../../../sandbox/options.ts';
import { call, start } from './helpers.ts';

const post = (url: string, tenant: string, body: unknown) =>
  fetch(`${url}/__sandbox/${tenant}/control`, { method: 'POST', body: JSON.stringify(body) });

describe('control values are bounded', () => {
  it('latencyMs 1e12, speed 1e308, a negative latency or a fractional count: 422 naming the allowed range', async () => {
    const s = await start();
    try {
      for (const [body, range] of [
        [{ faults: { latencyMs: 1e12 } }, /latencyMs must be a number from 0 to 60000/],
        [{ speed: 1e308 }, /speed must be a number from 0.0001 to 100000/],
        [{ speed: 0 }, /speed must be a number from 0.0001 to 100000/],
        [{ faults: { count: -1 } }, /count must be a whole number from 0 to 1000000/],
        [{ faults: { latencyMs: -1 } }, /latencyMs must be a number from 0 to 60000/],
        [{ faults: { count: 1.5 } }, /count must be a whole number/],
        [{ faults: { retryAfter: 1e9 } }, /retryAfter must be a number from 0 to 86400/],
        [{ faults: { errorRate: 1.01 } }, /errorRate must be a number from 0 to 1/],
        [{ faults: { dropRate: '1' } }, /dropRate must be a number from 0 to 1/],
      ] as const) {
        const res = await post(s.url, 'bounds', body);
        assert.equal(res.status, 422, JSON.stringify(body));
        assert.match((await res.json()).error, range);
      }
      const settings = (await (await fetch(`${s.url}/__sandbox/bounds/control`)).json()).settings;
      assert.deepEqual(settings.faults, {}, 'nothing refused was applied');
      const ok = await post(s.url, 'bounds', { speed: 100_000, faults: { latencyMs: 60_000, count: 0 } });
      assert.equal(ok.status, 200);
    } finally {
      await s.close();
    }
  });

  it('one row per option: every numeric fault and the speed have a bound, the CLI keeps to them too', () => {
    assert.deepEqual(Object.keys(CONTROL_BOUNDS).sort(), [
      'count',
      'dropAfterRate',
      'dropRate',
      'errorRate',
      'htmlErrorRate',
      'inboxActivity',
      'latencyMs',
      'rateLimitRate',
      'retryAfter',
      'seedConversations',
      'speed',
    ]);
    assert.match(String((parseCli(['--latency', '1e12']) as { error: string }).error), /--latency: .*0 to 60000/);
    assert.match(String((parseCli(['--speed', '1e308']) as { error: string }).error), /--speed: .*100000/);
  });
});

describe('tenants are capped; idle ones make room, tenants in use are never dropped', () => {
  it('a new tenant past the cap: 503 while every tenant is in use; then it replaces the idle least recently used', async () => {
    let clock = Date.parse('2026-01-01T09:00:00Z');
    const s = await start({ now: () => clock, maxTenants: 3, tenantIdleMs: 60_000 });
    const api = (tenant: string) => call(s.url, `/__sandbox/${tenant}/public/v2/flows`);
    const log = async (tenant: string) =>
      (await (await fetch(`${s.url}/__sandbox/${tenant}/requests`)).json()).requests.length;
    try {
      for (const t of ['a', 'b', 'c']) assert.equal((await api(t)).status, 200);
      // A visitor creating tenants cannot push a tenant in use out (before: `a`, with its request log, went).
      const refused = await fetch(`${s.url}/__sandbox/intruder/public/v2/flows`, {
        headers: { authorization: 'sandbox-key' },
      });
      assert.equal(refused.status, 503);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal((await post(s.url, 'intruder2', {})).status, 503, 'control too');
      assert.equal(await log('a'), 1, "a's request log is intact");
      // `a` was just read: the least recently used is now `b`. Once `b` is idle it makes room.
      clock += 30_000;
      assert.equal((await api('c')).status, 200);
      assert.equal((await api('a')).status, 200);
      clock += 31_000; // b: idle 61 s; a and c: 31 s
      assert.equal((await api('d')).status, 200, 'b was idle and made room');
      assert.equal(await log('a'), 2, 'a is untouched');
      assert.equal(await log('c'), 2, 'c is untouched');
    } finally {
      await s.close();
    }
  });

  it('a tenant with a request in flight is not idle, however long ago it was first used', async () => {
    let clock = Date.parse('2026-01-01T09:00:00Z');
    const s = await start({ now: () => clock, maxTenants: 1, tenantIdleMs: 1000 });
    try {
      assert.equal((await post(s.url, 'slow', { faults: { latencyMs: 5000 } })).status, 200);
      const slow = s.sandbox.tenant('slow'); // read below without touching it
      const inFlight = call(s.url, '/__sandbox/slow/public/v2/flows');
      // Wait for the condition (the sandbox is answering the slow request), not for a time.
      for (const deadline = Date.now() + 4000; slow.active === 0;) {
        assert.ok(Date.now() < deadline, 'the slow request reached the sandbox');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      clock += 10_000; // long past tenantIdleMs since slow was last touched
      assert.equal((await post(s.url, 'other', {})).status, 503, 'slow is answering a request: in use');
      assert.equal((await inFlight).status, 200);
      clock += 5000;
      assert.equal((await post(s.url, 'other', {})).status, 200, 'idle now: it makes room');
    } finally {
      await s.close();
    }
  });
});

describe('the default tenant', () => {
  it('is changed only from the command line unless the sandbox allows it', async () => {
    const s = await start();
    try {
      const res = await post(s.url, 'default', { faults: { errorRate: 1 } });
      assert.equal(res.status, 403);
      assert.match((await res.json()).error, /default tenant/);
      assert.equal((await fetch(`${s.url}/__sandbox/default/requests`, { method: 'DELETE' })).status, 403);
      assert.equal((await call(s.url, '/public/v2/flows')).status, 200, 'the default tenant still answers');
      assert.equal((await fetch(`${s.url}/__sandbox/default/control`)).status, 200, 'reading is fine');
      assert.equal((await post(s.url, 'own', { faults: { errorRate: 1 } })).status, 200, 'own tenants are');
    } finally {
      await s.close();
    }
    const allowed = await start({ defaultTenantControl: true });
    try {
      assert.equal((await post(allowed.url, 'default', { faults: { errorRate: 1 } })).status, 200);
      assert.equal((await call(allowed.url, '/public/v2/flows')).status, 500);
    } finally {
      await allowed.close();
    }
    assert.equal(
      (parseCli(['--default-control']) as { options: { defaultTenantControl?: boolean } }).options.defaultTenantControl,
      true,
    );
  });
});
