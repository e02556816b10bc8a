// Limits and upstream failures: a body too large, an upstream that is down, slow, or redirects. Each answer is a
// JSON:API error that names no URL and no key.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_MAX_BODY_BYTES } from '../../../src/proxy/index.ts';
import { KEY, UNKNOWN_ID, startProxy, startUpstream, type Reply, type Upstream } from './harness.ts';

const JSON_API = 'application/vnd.api+json';

let upstream: Upstream;
before(async () => {
  upstream = await startUpstream();
});
after(() => upstream.close());

function assertError(res: Reply, status: number, code: string): void {
  assert.equal(res.status, status, res.text);
  assert.equal(res.headers['content-type'], JSON_API);
  const error = res.json().errors[0];
  assert.equal(error.status, String(status));
  assert.equal(error.code, code);
  assert.ok(!res.text.includes('127.0.0.1'), 'the upstream address stays private');
}

/** A PATCH document padded past the limit with an allowed attribute, so only its size is wrong. */
function bigPatch(bytes: number): string {
  return JSON.stringify({ data: { type: 'flowRuns', attributes: { state: { note: 'x'.repeat(bytes) } } } });
}

describe('request body limit', () => {
  test('over 256 KB (declared in Content-Length) → 413, nothing forwarded', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      const res = await proxy.send('PATCH', `/recrubo/flow-runs/${t.seed.runs.finished[0]}`, {
        headers: { 'content-type': JSON_API },
        body: bigPatch(DEFAULT_MAX_BODY_BYTES),
      });
      assertError(res, 413, 'payload_too_large');
      assert.equal(proxy.calls.length, 0);
      assert.deepEqual(await t.requests(), []);
    } finally {
      await proxy.close();
    }
  });

  test('over the limit without Content-Length (chunked) → 413 as well; maxBodyBytes is configurable', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream, maxBodyBytes: 1024 });
    try {
      const path = `/recrubo/flow-runs/${t.seed.runs.finished[0]}`;
      const big = await proxy.send('PATCH', path, {
        headers: { 'content-type': JSON_API },
        body: bigPatch(2048),
        chunked: true,
      });
      assertError(big, 413, 'payload_too_large');
      const small = await proxy.send('PATCH', path, {
        headers: { 'content-type': JSON_API },
        body: JSON.stringify({ data: { type: 'flowRuns', attributes: { state: {} } } }),
        chunked: true,
      });
      assert.equal(small.status, 200, small.text);
      assert.equal(proxy.calls.length, 1);
    } finally {
      await proxy.close();
    }
  });
});

describe('upstream failures', () => {
  test('upstream down → 502 bad_gateway; onError hears about it', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const errors: unknown[] = [];
    const proxy = await startProxy({ upstream: `http://127.0.0.1:${port}/public/v2`, onError: (e) => errors.push(e) });
    try {
      const res = await proxy.send('GET', `/recrubo/flow-runs/${UNKNOWN_ID}`);
      assertError(res, 502, 'bad_gateway');
      assert.equal(errors.length, 1);
    } finally {
      await proxy.close();
    }
  });

  test('no answer within timeoutMs (sandbox latency fault) → 504 gateway_timeout', async () => {
    const t = await upstream.tenant();
    await t.control({ faults: { latencyMs: 1500, count: 1 } });
    const proxy = await startProxy({ upstream: t.upstream, timeoutMs: 100 });
    try {
      const started = Date.now();
      const res = await proxy.send('GET', `/recrubo/flow-runs/${t.seed.runs.finished[0]}`);
      assertError(res, 504, 'gateway_timeout');
      assert.ok(Date.now() - started < 1000, 'answered at the timeout, not when the upstream finally did');
    } finally {
      await proxy.close();
    }
  });

  test('a dropped upstream connection (sandbox fault) → 502', async () => {
    const t = await upstream.tenant();
    await t.control({ faults: { dropRate: 1, count: 1 } });
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      assertError(await proxy.send('GET', `/recrubo/flow-runs/${t.seed.runs.finished[0]}`), 502, 'bad_gateway');
    } finally {
      await proxy.close();
    }
  });

  test('an upstream redirect is neither followed (the key would go along) nor passed on → 502', async () => {
    const seen: string[] = [];
    const redirecting: typeof fetch = async (input, init) => {
      seen.push(String(input));
      assert.equal(init?.redirect, 'manual');
      return new Response(null, { status: 302, headers: { location: `https://elsewhere.example/?k=${KEY}` } });
    };
    const proxy = await startProxy({ upstream: 'https://api.recrubo.test/public/v2', fetch: redirecting });
    try {
      const res = await proxy.send('GET', `/recrubo/flow-runs/${UNKNOWN_ID}`);
      assert.equal(res.status, 502);
      assert.equal(res.headers.location, undefined);
      assert.equal(seen.length, 1);
    } finally {
      await proxy.close();
    }
  });
});
