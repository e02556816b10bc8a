// Issue #12's findings against the proxy, each reproduced: an upstream that echoes the key or answers HTML, a key
// that breaks Headers, bodies nested too deep, slow bodies both ways, a huge upstream answer, values a page never
// sends, and an unbounded header value. Hostile upstreams are real HTTP servers on a free port; the rest is the
// real sandbox (harness.ts, which also asserts the key is in no reply).

import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createRecruboProxy } from '../../../src/proxy/index.ts';
import { KEY, PAGE_ORIGIN, startProxy, startUpstream, type Reply, type Upstream } from './harness.ts';

const JSON_API = 'application/vnd.api+json';
const RUN = '11111111-1111-4111-8111-111111111111';
const path = `/recrubo/flow-runs/${RUN}`;

let upstream: Upstream;
before(async () => {
  upstream = await startUpstream();
});
after(() => upstream.close());

/** A hostile upstream: `answer` writes whatever it likes. Returns its API root and a close. */
async function fakeUpstream(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    upstream: `http://127.0.0.1:${(server.address() as AddressInfo).port}/public/v2`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function assertOwnError(res: Reply, status: number, code: string): void {
  assert.equal(res.status, status, res.text);
  assert.equal(res.headers['content-type'], JSON_API);
  assert.equal(res.json().errors[0].code, code);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
}

async function withProxy(
  options: Parameters<typeof startProxy>[0],
  run: (proxy: Awaited<ReturnType<typeof startProxy>>) => Promise<void>,
) {
  const proxy = await startProxy(options);
  try {
    await run(proxy);
  } finally {
    await proxy.close();
  }
}

describe('#12.1 what the proxy relays', () => {
  test('an upstream that echoes Authorization into its body → 502, the key is not relayed, onError is told without it', async () => {
    const echo = await fakeUpstream((req, res) => {
      res.writeHead(200, { 'content-type': JSON_API });
      res.end(JSON.stringify({ data: { type: 'flowRuns', id: RUN, attributes: { echo: req.headers.authorization } } }));
    });
    const errors: unknown[] = [];
    try {
      await withProxy({ upstream: echo.upstream, onError: (e) => errors.push(e) }, async (proxy) => {
        // send() (harness) fails the test if the key is anywhere in the reply.
        assertOwnError(await proxy.send('GET', path), 502, 'bad_gateway');
      });
      assert.equal(errors.length, 1);
      assert.match(String((errors[0] as Error).message), /contains the API key/);
      assert.ok(!String((errors[0] as Error).stack).includes(KEY));
    } finally {
      await echo.close();
    }
  });

  test('the key behind JSON escapes (\\u0073andbox-key) is caught too', async () => {
    const escaped = await fakeUpstream((req, res) => {
      const value = String(req.headers.authorization).replace(/s/g, '\\u0073');
      res.writeHead(200, { 'content-type': JSON_API });
      res.end(`{"data":{"type":"flowRuns","id":"${RUN}","attributes":{"echo":"${value}"}}}`);
    });
    try {
      await withProxy({ upstream: escaped.upstream }, async (proxy) => {
        assertOwnError(await proxy.send('GET', path), 502, 'bad_gateway');
      });
    } finally {
      await escaped.close();
    }
  });

  test('a text/html answer with a script is not served from the integrator origin: the proxy answers its own 502', async () => {
    const html = await fakeUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><script>alert(document.cookie)</script>');
    });
    try {
      await withProxy({ upstream: html.upstream }, async (proxy) => {
        const res = await proxy.send('GET', path, { headers: { origin: PAGE_ORIGIN } });
        assertOwnError(res, 502, 'bad_gateway');
        assert.ok(!res.text.includes('<script>'));
        // An error page upstream (say a 404 from a load balancer) is not relayed either.
      });
    } finally {
      await html.close();
    }
  });

  test('"application/json" that is not JSON → 502; an upstream error in JSON:API is relayed as it is', async () => {
    let status = 200;
    const lying = await fakeUpstream((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '<html>' : '{"errors":[{"status":"404","code":"not_found","title":"Not Found"}]}');
    });
    try {
      await withProxy({ upstream: lying.upstream }, async (proxy) => {
        assertOwnError(await proxy.send('GET', path), 502, 'bad_gateway');
        status = 404;
        const notFound = await proxy.send('GET', path);
        assert.equal(notFound.status, 404);
        assert.equal(notFound.json().errors[0].code, 'not_found');
      });
    } finally {
      await lying.close();
    }
  });

  test('every answer carries nosniff and a restrictive CSP: relayed, refused, preflight', async () => {
    const t = await upstream.tenant();
    await withProxy({ upstream: t.upstream }, async (proxy) => {
      const runPath = `/recrubo/flow-runs/${t.seed.runs.finished[0]}`;
      const replies = [
        await proxy.send('GET', runPath, { headers: { origin: PAGE_ORIGIN } }),
        await proxy.send('GET', '/recrubo/flows', { headers: { origin: PAGE_ORIGIN } }),
        await proxy.send('GET', runPath, { headers: { origin: 'https://evil.example' } }),
        await proxy.send('OPTIONS', runPath, {
          headers: { origin: PAGE_ORIGIN, 'access-control-request-method': 'GET' },
        }),
      ];
      assert.deepEqual(
        replies.map((r) => r.status),
        [200, 403, 403, 204],
      );
      for (const reply of replies) {
        assert.equal(reply.headers['x-content-type-options'], 'nosniff');
        assert.match(String(reply.headers['content-security-policy']), /default-src 'none'.*sandbox/);
      }
    });
  });

  test('an upstream answer over maxResponseBytes → 502, not relayed', async () => {
    const big = await fakeUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': JSON_API });
      res.end(
        JSON.stringify({ data: { type: 'flowRuns', id: RUN, attributes: { state: { note: 'x'.repeat(100_000) } } } }),
      );
    });
    try {
      await withProxy({ upstream: big.upstream, maxResponseBytes: 10_000 }, async (proxy) => {
        assertOwnError(await proxy.send('GET', path), 502, 'bad_gateway');
      });
    } finally {
      await big.close();
    }
  });

  test('an upstream body that stalls after its headers → 504 within timeoutMs (the deadline covers the body)', async () => {
    const stall = await fakeUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': JSON_API });
      res.write('{"data":'); // and nothing more
    });
    try {
      await withProxy({ upstream: stall.upstream, timeoutMs: 300 }, async (proxy) => {
        assertOwnError(await proxy.send('GET', path), 504, 'gateway_timeout');
      });
    } finally {
      await stall.close();
    }
  });
});

describe('#12.3 the key at start-up and in onError', () => {
  test('a key with CR, LF or NUL is refused at start-up, the message does not contain it', () => {
    for (const key of [`${KEY}\n`, `${KEY}\r`, `${KEY}\0`, `${KEY}\r\nx-evil: 1`]) {
      assert.throws(
        () => createRecruboProxy({ apiKey: key, allowedOrigins: [PAGE_ORIGIN] }),
        (error: Error) =>
          /apiKey contains a character that cannot be sent in an HTTP header/.test(error.message) &&
          !error.message.includes(KEY),
      );
    }
  });

  test('onError never receives the key, even when a runtime error quotes it', async () => {
    const errors: unknown[] = [];
    const handler = createRecruboProxy({
      apiKey: KEY,
      allowedOrigins: [PAGE_ORIGIN],
      upstream: 'https://api.example/public/v2',
      fetch: async (_input, init) => {
        const auth = new Headers(init?.headers).get('authorization');
        throw new TypeError(`fetch failed: bad header ${auth}`, { cause: new Error(`value ${auth}`) });
      },
      onError: (e) => errors.push(e),
    });
    const res = await handler(new Request(`https://proxy.example/flow-runs/${RUN}`));
    assert.equal(res.status, 502);
    assert.equal(errors.length, 1);
    const error = errors[0] as Error;
    assert.ok(
      !String(error.message).includes(KEY) &&
        !String(error.stack).includes(KEY) &&
        !String(error.cause ?? '').includes(KEY),
    );
    assert.match(error.message, /fetch failed: bad header Bearer \[redacted\]/);
  });
});

describe('#12.4 / #12.8 bodies', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

  test('state nested 4,200 deep (25 KB) → 400 bad_request, not 500, nothing forwarded', async () => {
    const t = await upstream.tenant();
    await withProxy({ upstream: t.upstream }, async (proxy) => {
      const res = await proxy.send('PATCH', `/recrubo/flow-runs/${t.seed.runs.finished[0]}`, {
        headers: { 'content-type': JSON_API },
        body: `{"data":{"type":"flowRuns","attributes":{"state":{"x":${deep(4200)}}}}}`,
      });
      assertOwnError(res, 400, 'bad_request');
      assert.equal(proxy.calls.length, 0);
    });
  });

  test('the erase operation accepts state {} and nothing else; status only a documented stop status', async () => {
    const t = await upstream.tenant();
    await withProxy({ upstream: t.upstream }, async (proxy) => {
      const runPath = `/recrubo/flow-runs/${t.seed.runs.finished[0]}`;
      const patch = (attributes: Record<string, unknown>) =>
        proxy.send('PATCH', runPath, {
          headers: { 'content-type': JSON_API },
          body: JSON.stringify({ data: { type: 'flowRuns', attributes } }),
        });
      for (const attributes of [
        { state: { answers: 'forged' } },
        { state: [] },
        { state: null },
        { status: 'running' },
        { status: 'queued' },
      ]) {
        const res = await patch(attributes);
        assert.equal(res.status, 403, JSON.stringify(attributes));
        assert.equal(res.json().errors[0].source.pointer, `/data/attributes/${Object.keys(attributes)[0]}`);
      }
      assert.equal(proxy.calls.length, 0);
      assert.equal((await patch({ state: {} })).status, 200);
      assert.equal((await patch({ status: 'cancelled' })).status, 200);
    });
  });

  // The timeout turns a hang (no deadline, the old proxy) into a failure.
  test(
    'a request body that never finishes → 408 after bodyTimeoutMs; the connection is let go',
    { timeout: 15_000 },
    async () => {
      const t = await upstream.tenant();
      await withProxy({ upstream: t.upstream, bodyTimeoutMs: 300 }, async (proxy) => {
        const url = new URL(proxy.origin);
        const status = await new Promise<number>((resolve, reject) => {
          const req = httpRequest(
            {
              host: url.hostname,
              port: url.port,
              method: 'PATCH',
              path: `/recrubo/flow-runs/${t.seed.runs.finished[0]}`,
              headers: { 'content-type': JSON_API, 'content-length': '1000' },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
              req.destroy();
            },
          );
          req.on('error', reject);
          req.write('{"data":{"type":"flowRuns",'); // 27 of the 1000 bytes promised
        });
        assert.equal(status, 408);
        assert.equal(proxy.calls.length, 0);
      });
    },
  );
});

describe('#12.8 an unbounded header value is never copied into a message', () => {
  test('an 8 KB Access-Control-Request-Method comes back shortened in the 403', async () => {
    const t = await upstream.tenant();
    await withProxy({ upstream: t.upstream }, async (proxy) => {
      const method = 'X'.repeat(8000); // Node's own header limit is 16 KB
      const res = await proxy.send('OPTIONS', `/recrubo/flow-runs/${t.seed.runs.finished[0]}`, {
        headers: { origin: PAGE_ORIGIN, 'access-control-request-method': method },
      });
      assert.equal(res.status, 403);
      assert.ok(res.text.length < 1000, `the answer is ${res.text.length} characters`);
    });
  });
});
