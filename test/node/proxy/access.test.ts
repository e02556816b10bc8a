// Who may use the proxy: browser origins (CORS, preflight) and the integrator's own `authorize` check.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRecruboProxy } from '../../../src/proxy/index.ts';
import { KEY, PAGE_ORIGIN, startProxy, startUpstream, type Tenant, type Upstream } from './harness.ts';

const JSON_API = 'application/vnd.api+json';

let upstream: Upstream;
before(async () => {
  upstream = await startUpstream();
});
after(() => upstream.close());

const runPath = (t: Tenant) => `/recrubo/flow-runs/${t.seed.runs.finished[0]}`;

describe('origins and CORS', () => {
  test('an allowed origin gets its exact origin back, Vary: Origin and Retry-After exposed', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      const res = await proxy.send('GET', runPath(t), { headers: { origin: PAGE_ORIGIN } });
      assert.equal(res.status, 200);
      assert.equal(res.headers['access-control-allow-origin'], PAGE_ORIGIN);
      assert.match(String(res.headers.vary), /\bOrigin\b/);
      assert.equal(res.headers['access-control-expose-headers'], 'Retry-After');
      assert.equal(res.headers['access-control-allow-credentials'], undefined);
    } finally {
      await proxy.close();
    }
  });

  test('an origin not allowed: 403, no CORS header, nothing forwarded', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      for (const origin of ['https://evil.example', 'https://ats.example.evil.example', 'http://ats.example', 'null']) {
        const res = await proxy.send('GET', runPath(t), { headers: { origin } });
        assert.equal(res.status, 403, origin);
        assert.equal(res.headers['content-type'], JSON_API);
        assert.equal(res.json().errors[0].code, 'forbidden');
        assert.equal(res.headers['access-control-allow-origin'], undefined);
        assert.match(String(res.headers.vary), /\bOrigin\b/);
      }
      assert.equal(proxy.calls.length, 0);
      assert.deepEqual(await t.requests(), []);
    } finally {
      await proxy.close();
    }
  });

  test('no Origin header (same-origin GET, server-side caller): allowed, no CORS headers', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      const res = await proxy.send('GET', runPath(t));
      assert.equal(res.status, 200);
      assert.equal(res.headers['access-control-allow-origin'], undefined);
    } finally {
      await proxy.close();
    }
  });

  test('same-origin comes from publicOrigin (browsers send Origin on same-origin PATCH/POST), never from Host', async () => {
    const t = await upstream.tenant();
    const own = await startProxy({ upstream: t.upstream });
    // Issue #12.8: an Origin equal to what Host says was trusted, so a DNS-rebinding page (its own name, pointed
    // at the proxy) counted as same-origin. Without publicOrigin, the proxy's own address is just another origin.
    const configured = await startProxy({ upstream: t.upstream, publicOrigin: 'https://proxy.ats.example' });
    try {
      assert.equal((await own.send('GET', runPath(t), { headers: { origin: own.origin } })).status, 403);
      const rebinding = await own.send('GET', runPath(t), {
        headers: { origin: 'http://rebind.example', host: 'rebind.example' },
      });
      assert.equal(rebinding.status, 403);
      assert.equal(
        (await configured.send('GET', runPath(t), { headers: { origin: 'https://proxy.ats.example' } })).status,
        200,
      );
      assert.equal((await configured.send('GET', runPath(t), { headers: { origin: configured.origin } })).status, 403);
    } finally {
      await own.close();
      await configured.close();
    }
  });

  test('allowedOrigins as a function; allowCredentials', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({
      upstream: t.upstream,
      allowedOrigins: (origin) => origin === 'https://careers.example',
      allowCredentials: true,
    });
    try {
      const ok = await proxy.send('GET', runPath(t), { headers: { origin: 'https://careers.example' } });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers['access-control-allow-origin'], 'https://careers.example');
      assert.equal(ok.headers['access-control-allow-credentials'], 'true');
      assert.equal((await proxy.send('GET', runPath(t), { headers: { origin: PAGE_ORIGIN } })).status, 403);
    } finally {
      await proxy.close();
    }
  });
});

describe('preflight', () => {
  test('answered by the proxy for an allowed origin, method and path; never forwarded', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      const res = await proxy.send('OPTIONS', runPath(t), {
        headers: {
          origin: PAGE_ORIGIN,
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers['access-control-allow-origin'], PAGE_ORIGIN);
      assert.match(String(res.headers.vary), /\bOrigin\b/);
      assert.deepEqual(String(res.headers['access-control-allow-methods']).split(', ').sort(), ['GET', 'PATCH']);
      assert.match(String(res.headers['access-control-allow-headers']), /Authorization/);
      assert.match(String(res.headers['access-control-allow-headers']), /Content-Type/);
      assert.ok(Number(res.headers['access-control-max-age']) > 0);

      const post = await proxy.send('OPTIONS', '/recrubo/flow-generations', {
        headers: { origin: PAGE_ORIGIN, 'access-control-request-method': 'POST' },
      });
      assert.equal(post.status, 204);
      assert.equal(proxy.calls.length, 0);
      assert.deepEqual(await t.requests(), []);
    } finally {
      await proxy.close();
    }
  });

  test('refused for an origin not allowed (no CORS headers), a method not allowed, or a path not allowed', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      const evil = await proxy.send('OPTIONS', runPath(t), {
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      assert.equal(evil.status, 403);
      assert.equal(evil.headers['access-control-allow-origin'], undefined);
      assert.equal(evil.headers['access-control-allow-methods'], undefined);

      const del = await proxy.send('OPTIONS', runPath(t), {
        headers: { origin: PAGE_ORIGIN, 'access-control-request-method': 'DELETE' },
      });
      assert.equal(del.status, 403);
      assert.equal(
        del.json().errors[0].detail,
        `DELETE ${runPath(t).slice('/recrubo'.length)} is not allowed by this proxy`,
      );
      assert.equal(del.headers['access-control-allow-methods'], undefined);

      const other = await proxy.send('OPTIONS', '/recrubo/message-threads', {
        headers: { origin: PAGE_ORIGIN, 'access-control-request-method': 'GET' },
      });
      assert.equal(other.status, 403);
      assert.equal(proxy.calls.length, 0);
    } finally {
      await proxy.close();
    }
  });
});

describe('authorize', () => {
  test('false → 401 unauthorized (readable by the allowed page), nothing forwarded', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream, authorize: () => false });
    try {
      const res = await proxy.send('GET', runPath(t), { headers: { origin: PAGE_ORIGIN } });
      assert.equal(res.status, 401);
      assert.equal(res.headers['content-type'], JSON_API);
      assert.equal(res.headers['access-control-allow-origin'], PAGE_ORIGIN);
      const error = res.json().errors[0];
      assert.equal(error.status, '401');
      assert.equal(error.code, 'unauthorized');
      assert.equal(proxy.calls.length, 0);
      assert.deepEqual(await t.requests(), []);
    } finally {
      await proxy.close();
    }
  });

  test('checks the page token (tokenProvider) and the token never goes upstream', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({
      upstream: t.upstream,
      authorize: async (request) => request.headers.get('authorization') === 'Bearer user-42-token',
    });
    try {
      assert.equal((await proxy.send('GET', runPath(t), { headers: { authorization: 'Bearer wrong' } })).status, 401);
      // Authorization is checked before the allow-list: an unknown caller learns nothing about it.
      assert.equal((await proxy.send('DELETE', runPath(t))).status, 401);
      const ok = await proxy.send('GET', runPath(t), { headers: { authorization: 'Bearer user-42-token' } });
      assert.equal(ok.status, 200);
      assert.equal(proxy.calls.length, 1);
      assert.equal(proxy.calls[0]!.headers.get('authorization'), `Bearer ${KEY}`);
      // Preflights carry no credentials, so authorize does not apply to them.
      const pre = await proxy.send('OPTIONS', runPath(t), {
        headers: { origin: PAGE_ORIGIN, 'access-control-request-method': 'GET' },
      });
      assert.equal(pre.status, 204);
    } finally {
      await proxy.close();
    }
  });
});

test('an authorize that throws → 500 internal_error with nothing of the exception in it; onError gets it', async () => {
  const t = await upstream.tenant();
  const errors: unknown[] = [];
  const proxy = await startProxy({
    upstream: t.upstream,
    authorize: () => {
      throw new Error('session store down at db.internal:5432');
    },
    onError: (e) => errors.push(e),
  });
  try {
    const res = await proxy.send('GET', runPath(t));
    assert.equal(res.status, 500);
    assert.equal(res.json().errors[0].code, 'internal_error');
    assert.ok(!res.text.includes('db.internal'));
    assert.equal(errors.length, 1);
    assert.equal(proxy.calls.length, 0);
  } finally {
    await proxy.close();
  }
});

describe('options', () => {
  test('a missing key, a wildcard or a non-origin fails at start-up, without echoing the key', () => {
    const base = { allowedOrigins: [PAGE_ORIGIN] };
    assert.throws(() => createRecruboProxy({ ...base, apiKey: '' }), /apiKey is required/);
    assert.throws(() => createRecruboProxy({ ...base } as never), /apiKey is required/);
    assert.throws(() => createRecruboProxy({ apiKey: KEY, allowedOrigins: ['*'] }), /not an origin/);
    assert.throws(
      () => createRecruboProxy({ apiKey: KEY, allowedOrigins: ['https://ats.example/app'] }),
      /not an origin/,
    );
    assert.throws(() => createRecruboProxy({ apiKey: KEY } as never), /allowedOrigins/);
    assert.throws(
      () => createRecruboProxy({ apiKey: KEY, allowedOrigins: [PAGE_ORIGIN], upstream: 'ftp://x' }),
      (error: Error) => !error.message.includes(KEY),
    );
    // A trailing slash in an origin is forgiven: it still names exactly one origin.
    assert.equal(typeof createRecruboProxy({ apiKey: KEY, allowedOrigins: ['https://ats.example/'] }), 'function');
  });
});
