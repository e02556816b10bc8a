import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import { FLOW_GENERATION_EXAMPLE } from './examples.ts';
import { call, control, start } from './helpers.ts';

describe('faults and tenants', () => {
  let s: RunningSandbox;
  before(async () => (s = await start()));
  after(() => s.close());
  const tenantApi = (tenant: string, path: string, init?: Parameters<typeof call>[2]) =>
    call(s.url, `/__sandbox/${tenant}/public/v2${path}`, init);

  it('errorRate 1: every API request is a JSON:API 500; OPTIONS and control are never faulted', async () => {
    await control(s.url, 'f500', { faults: { errorRate: 1 } });
    const res = await tenantApi('f500', '/flows');
    assert.equal(res.status, 500);
    assert.equal(res.body.errors[0].status, '500');
    const pre = await fetch(`${s.url}/__sandbox/f500/public/v2/flows`, { method: 'OPTIONS' });
    assert.equal(pre.status, 204);
    const ctl = await control(s.url, 'f500', {});
    assert.deepEqual(ctl.settings.faults, { errorRate: 1 });
  });

  it('count: {errorRate: 1, count: 3} fails the next 3 API requests, then the tenant is healthy', async () => {
    await control(s.url, 'fcount', { faults: { errorRate: 1, count: 3 } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await tenantApi('fcount', '/flows')).status);
    assert.deepEqual(statuses, [500, 500, 500, 200, 200]);
    assert.deepEqual((await control(s.url, 'fcount', {})).settings.faults, {});
  });

  it('dropRate 1: the connection closes without an answer (fetch rejects with a TypeError)', async () => {
    await control(s.url, 'fdrop', { faults: { dropRate: 1, count: 1 } });
    await assert.rejects(
      fetch(`${s.url}/__sandbox/fdrop/public/v2/flows`, { headers: { authorization: 'sandbox-key' } }),
      TypeError,
    );
    assert.equal((await tenantApi('fdrop', '/flows')).status, 200, 'the server keeps serving');
  });

  it('rateLimitRate 1: 429 with Retry-After, readable cross-origin', async () => {
    await control(s.url, 'f429', { faults: { rateLimitRate: 1, retryAfter: 7 } });
    const res = await tenantApi('f429', '/flow-runs', { headers: { origin: 'https://x.example' } });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '7');
    assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After');
    assert.equal(res.body.errors[0].code, 'too_many_requests');
  });

  it('htmlErrorRate 1: a text/html 502 page, as a misconfigured proxy gives', async () => {
    await control(s.url, 'fhtml', { faults: { htmlErrorRate: 1 } });
    const res = await tenantApi('fhtml', '/flows');
    assert.equal(res.status, 502);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(res.text, /<h1>502 Bad Gateway<\/h1>/);
  });

  it('latencyMs delays the answer', async () => {
    await control(s.url, 'flat', { faults: { latencyMs: 150 } });
    const t0 = performance.now();
    assert.equal((await tenantApi('flat', '/flows')).status, 200);
    assert.ok(performance.now() - t0 >= 140);
  });

  it('rejectIdFilter: filter[id] is refused with a 400 errors entry, other filters still work', async () => {
    await control(s.url, 'fid', { faults: { rejectIdFilter: true } });
    const res = await tenantApi('fid', '/flow-runs?filter[id]=a,b');
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].source.parameter, 'filter[id]');
    assert.equal((await tenantApi('fid', '/flow-runs?filter[status]=finished')).status, 200);
  });

  it('a rate between 0 and 1 fails some requests, the same ones after a reset', async () => {
    const run = async () => {
      await control(s.url, 'fhalf', { reset: true, faults: { errorRate: 0.5 } });
      const out = [];
      for (let i = 0; i < 20; i++) out.push((await tenantApi('fhalf', '/flows')).status);
      return out;
    };
    const first = await run();
    assert.ok(first.includes(500) && first.includes(200));
    assert.deepEqual(await run(), first);
  });

  it('middleware/CLI options give every tenant default faults', async () => {
    const faulty = await start({ faults: { errorRate: 1 } });
    try {
      assert.equal((await call(faulty.url, '/public/v2/flows')).status, 500);
      assert.equal((await call(faulty.url, '/__sandbox/x/public/v2/flows')).status, 500);
    } finally {
      await faulty.close();
    }
  });

  it('tenants are isolated: data, faults and request logs', async () => {
    const created = await tenantApi('ta', '/flow-generations?sync=true', {
      method: 'POST',
      body: FLOW_GENERATION_EXAMPLE,
    });
    assert.equal(created.status, 201);
    assert.equal(
      created.body.data.relationships.flow.links.related,
      `/__sandbox/ta/public/v2/flows/${created.body.data.attributes.flowId}`,
    );
    assert.equal((await tenantApi('tb', `/flow-generations/${created.body.data.id}`)).status, 404);
    assert.equal((await call(s.url, `/public/v2/flow-generations/${created.body.data.id}`)).status, 404);
    // Seed ids are the same everywhere.
    const a = await control(s.url, 'ta', {});
    const b = await control(s.url, 'tb', {});
    assert.deepEqual(a.seed, b.seed);
    assert.equal((await tenantApi('tb', `/flow-runs/${a.seed.runs.finished[0]}`)).status, 200);

    const log = await (await fetch(`${s.url}/__sandbox/ta/requests`)).json();
    assert.deepEqual(
      log.requests.map((r: any) => [r.method, r.path, r.query, r.status]),
      [['POST', '/public/v2/flow-generations', 'sync=true', 201]],
    );
    assert.ok(!Number.isNaN(Date.parse(log.requests[0].at)));
    await fetch(`${s.url}/__sandbox/ta/requests`, { method: 'DELETE' });
    assert.deepEqual((await (await fetch(`${s.url}/__sandbox/ta/requests`)).json()).requests, []);
  });

  it('control: reset reseeds, speed and faults are validated', async () => {
    const gen = await tenantApi('tr', '/flow-generations', { method: 'POST', body: FLOW_GENERATION_EXAMPLE });
    const answer = await control(s.url, 'tr', { reset: true, speed: 20, faults: { latencyMs: 0 } });
    assert.deepEqual(answer.settings, { speed: 20, faults: { latencyMs: 0 } });
    assert.equal((await tenantApi('tr', `/flow-generations/${gen.body.data.id}`)).status, 404);
    for (const [body, status] of [
      [{ speed: 0 }, 422],
      [{ faults: { errorRate: 2 } }, 422],
      [{ faults: { bogus: 1 } }, 400],
      [{ nope: true }, 400],
    ] as const) {
      const res = await fetch(`${s.url}/__sandbox/tr/control`, { method: 'POST', body: JSON.stringify(body) });
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(typeof (await res.json()).error, 'string');
    }
    assert.equal((await fetch(`${s.url}/__sandbox/bad%20name/control`, { method: 'POST', body: '{}' })).status, 400);
  });
});
