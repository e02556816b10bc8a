// Every refusal of the apply endpoint, in its documented order, answers with a clear body and sends nothing to
// Recrubo (counted at the sandbox's request log).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  startApply,
  startUpstream,
  upstreamCalls,
  VALID,
  type ApplyServer,
  type Tenant,
  type Upstream,
} from './harness.ts';

let upstream: Upstream;
before(async () => {
  upstream = await startUpstream();
});
after(() => upstream.close());

async function refused(
  t: Tenant,
  app: ApplyServer,
  body: unknown,
  expected: { status: number; code: string; pointer?: string },
  options: Parameters<ApplyServer['post']>[1] = {},
): Promise<any> {
  const res = await app.post(body, options);
  assert.equal(res.status, expected.status, res.text);
  assert.equal(res.headers['content-type'], 'application/vnd.api+json');
  const error = res.json().errors[0];
  assert.equal(error.code, expected.code, res.text);
  assert.ok(typeof error.detail === 'string' && error.detail.length > 10, 'a clear detail');
  if (expected.pointer) assert.equal(error.source?.pointer, expected.pointer);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.deepEqual(await upstreamCalls(t), [], `nothing upstream for ${expected.code}`);
  return res;
}

describe('apply refusals send nothing upstream', () => {
  let t: Tenant;
  let app: ApplyServer;
  before(async () => {
    t = await upstream.tenant();
    app = await startApply(t, {
      rateLimit: { client: false, number: false, prefix: false },
      verify: (_r, input) => input.extra?.captcha !== 'bad',
    });
  });
  after(() => app.close());

  test('another origin: 403, readable by that page (so it can say why), and nothing upstream', async () => {
    const res = await refused(t, app, VALID, { status: 403, code: 'forbidden' }, { origin: 'https://evil.example' });
    assert.equal(res.headers['access-control-allow-origin'], 'https://evil.example');
    await refused(t, app, VALID, { status: 403, code: 'forbidden' }, { origin: 'null' });
  });
  test('a POST without Origin (not a page): 403', () =>
    refused(t, app, VALID, { status: 403, code: 'forbidden' }, { origin: null }));
  test('a body over the cap: 413, also without Content-Length', async () => {
    const big = { ...VALID, extra: { pad: 'x'.repeat(20_000) } };
    await refused(t, app, big, { status: 413, code: 'payload_too_large' });
    await refused(t, app, big, { status: 413, code: 'payload_too_large' }, { chunked: true });
  });
  test('not JSON, not an object, an unknown member, a wrong type, deep extra: 400', async () => {
    await refused(t, app, '{"vacancy":', { status: 400, code: 'bad_request' });
    await refused(t, app, '[1,2]', { status: 400, code: 'bad_request' });
    await refused(t, app, { ...VALID, flowId: 'x' }, { status: 400, code: 'bad_request', pointer: '/flowId' });
    await refused(t, app, { ...VALID, state: { a: 1 } }, { status: 400, code: 'bad_request', pointer: '/state' });
    await refused(t, app, { ...VALID, phone: 612345678 }, { status: 400, code: 'bad_request', pointer: '/phone' });
    await refused(
      t,
      app,
      { ...VALID, extra: { a: { b: { c: { d: { e: { f: 1 } } } } } } },
      { status: 400, code: 'bad_request', pointer: '/extra' },
    );
  });
  test('the honeypot filled in: 400', () =>
    refused(t, app, { ...VALID, website: 'http://spam.example' }, { status: 400, code: 'rejected' }));
  test('no consent, or consent that is not true: 422 at /consent', async () => {
    await refused(
      t,
      app,
      { ...VALID, consent: undefined },
      { status: 422, code: 'consent_required', pointer: '/consent' },
    );
    await refused(t, app, { ...VALID, consent: 'yes' }, { status: 422, code: 'consent_required', pointer: '/consent' });
  });
  test('an unknown vacancy key, including inherited names: 422 at /vacancy', async () => {
    for (const vacancy of ['nope', '__proto__', 'toString', 'constructor']) {
      await refused(t, app, { ...VALID, vacancy }, { status: 422, code: 'unknown_vacancy', pointer: '/vacancy' });
    }
  });
  test('an invalid or premium-rate number: 422 at /phone', async () => {
    for (const phone of ['12', '06 1234', 'abc', '+31 6 1234 56789 0', '0900 1234567']) {
      await refused(t, app, { ...VALID, phone }, { status: 422, code: 'invalid_phone', pointer: '/phone' });
    }
  });
  test('a number of a country not allowed: 422', () =>
    refused(
      t,
      app,
      { ...VALID, phone: '+44 7400 123456' },
      { status: 422, code: 'country_not_allowed', pointer: '/phone' },
    ));
  test('verify says no: 403', () =>
    refused(t, app, { ...VALID, extra: { captcha: 'bad' } }, { status: 403, code: 'verification_failed' }));
  test('other methods and paths', async () => {
    const put = await app.send('PUT', '/apply', { headers: { origin: 'https://careers.example' }, body: '{}' });
    assert.equal(put.status, 405);
    const bad = await app.send('GET', '/apply/not-a-ticket', { headers: {} });
    assert.equal(bad.status, 404);
    assert.equal(bad.json().errors[0].code, 'unknown_ticket');
    const unknown = await app.send('GET', `/apply/${'A'.repeat(32)}`, { headers: {} });
    assert.equal(unknown.status, 404);
    const elsewhere = await app.send('GET', '/other', { headers: {} });
    assert.equal(elsewhere.status, 404);
    assert.deepEqual(await upstreamCalls(t), []);
  });
});

describe('rate limits', () => {
  test('per client: the 11th apply in ten minutes is a 429 with Retry-After, and sends nothing', async () => {
    const t = await upstream.tenant();
    const app = await startApply(t, { rateLimit: { number: false, prefix: false } });
    try {
      for (let i = 0; i < 10; i++) {
        const res = await app.post({ ...VALID, phone: `06 1234${String(5600 + i)}` });
        assert.equal(res.status, 200, res.text);
      }
      const before = (await upstreamCalls(t)).length;
      const res = await app.post({ ...VALID, phone: '06 22223333' });
      assert.equal(res.status, 429, res.text);
      assert.equal(res.json().errors[0].code, 'rate_limited');
      const retryAfter = Number(res.headers['retry-after']);
      assert.ok(retryAfter > 500 && retryAfter <= 600, `Retry-After ${res.headers['retry-after']}`);
      assert.equal((await upstreamCalls(t)).length, before, 'nothing upstream');
      const other = await app.post({ ...VALID, phone: '06 22223333' }, { headers: { 'x-test-client': 'client-2' } });
      assert.equal(other.status, 200, 'another client is not limited');
    } finally {
      await app.close();
    }
  });

  test('per number and the daily cap count only new runs; a number with a run gets its ticket, never a 429', async () => {
    const t = await upstream.tenant();
    const app = await startApply(t, {
      rateLimit: { client: false, number: { limit: 1, windowMs: 60_000 }, daily: { limit: 3, windowMs: 86_400_000 } },
    });
    try {
      assert.equal((await app.post(VALID, { headers: { 'x-test-client': 'a' } })).status, 200);
      // Five more applies with that number from five addresses (issue 26, finding 3): each gets a ticket, none
      // counts, and the candidate is not locked out.
      for (const client of ['b', 'c', 'd', 'e', 'f']) {
        const res = await app.post(VALID, { headers: { 'x-test-client': client } });
        assert.equal(res.status, 200, `${client}: ${res.text}`);
      }
      // A second new run for the number (another vacancy's flow) is what the number's limit is about.
      const second = await app.post({ ...VALID, vacancy: 'driver' });
      assert.equal(second.status, 429, second.text);
      assert.ok(Number(second.headers['retry-after']) <= 60);
      assert.equal((await app.post({ ...VALID, phone: '06 87654321' })).status, 200);
      // The daily cap counts the new runs: one, two, this third one; the fourth is refused.
      assert.equal((await app.post({ ...VALID, phone: '06 11112222' })).status, 200);
      const capped = await app.post({ ...VALID, phone: '06 33334444' });
      assert.equal(capped.status, 429, 'the fourth new run of the day');
      assert.ok(Number(capped.headers['retry-after']) > 80_000);
      assert.equal((await app.post(VALID)).status, 200, 'a number with a run still gets its ticket');
      const calls = await upstreamCalls(t);
      assert.equal(calls.filter((c) => c === 'POST /flow-runs').length, 3, calls.join('\n'));
    } finally {
      await app.close();
    }
  });

  test('X-Forwarded-For is ignored unless trusted', async () => {
    const t = await upstream.tenant();
    const warnings: unknown[] = [];
    const untrusted = await startApply(t, {
      clientId: undefined,
      onError: (e) => warnings.push(e),
      rateLimit: {
        client: { limit: 1, windowMs: 60_000 },
        number: false,
        prefix: false,
        status: { limit: 2, windowMs: 60_000 },
      },
    });
    try {
      const first = await untrusted.post(VALID, { headers: { 'x-forwarded-for': '1.1.1.1' } });
      assert.equal(first.status, 200);
      assert.equal(
        (await untrusted.post({ ...VALID, phone: '06 87654321' }, { headers: { 'x-forwarded-for': '2.2.2.2' } }))
          .status,
        429,
        'a forged header does not make a new client',
      );
      assert.equal(warnings.length, 1, 'the integrator is told once that clients cannot be told apart');
      assert.match(String((warnings[0] as Error).message), /clientId/);
      // Status requests without a client id are limited per ticket, not in one bucket for every visitor.
      const ticket = first.json().ticket;
      assert.equal((await untrusted.status(ticket)).status, 200);
      assert.equal((await untrusted.status(ticket)).status, 200);
      assert.equal((await untrusted.status(ticket)).status, 429);
    } finally {
      await untrusted.close();
    }
    const trusted = await startApply(t, {
      clientId: undefined,
      trustForwardedFor: true,
      rateLimit: { client: { limit: 1, windowMs: 60_000 }, number: false, prefix: false },
    });
    try {
      assert.equal((await trusted.post(VALID, { headers: { 'x-forwarded-for': '9.9.9.9, 1.1.1.1' } })).status, 200);
      assert.equal(
        (await trusted.post({ ...VALID, phone: '06 87654321' }, { headers: { 'x-forwarded-for': '9.9.9.9, 2.2.2.2' } }))
          .status,
        200,
      );
    } finally {
      await trusted.close();
    }
  });
});
