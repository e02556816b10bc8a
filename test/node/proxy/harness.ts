// Test harness for the proxy: the real sandbox as the upstream (one tenant per test, so request logs do not mix),
// the proxy behind node:http via @hono/node-server, and a raw HTTP client. Raw, not fetch: fetch would resolve
// `..` and re-encode paths before they ever reach the proxy, and the traversal tests need them as written.
//
// Every reply passes through `send`, which asserts the key is in no header and no body: the tests cannot forget.

import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { startSandboxServer, type RunningSandbox } from '../../../sandbox/node.ts';
import type { SeedIds } from '../../../sandbox/app.ts';
import { createRecruboProxy, type RecruboProxyOptions } from '../../../src/proxy/index.ts';

/** The sandbox's public key: the proxy's "real" key in these tests. */
export const KEY = 'sandbox-key';
export const BASE = '/recrubo';
export const PAGE_ORIGIN = 'https://ats.example';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): any;
}

export interface SendOptions {
  headers?: Record<string, string>;
  body?: string;
  /** Send the body chunked, with no Content-Length (a client that does not say how big it is). */
  chunked?: boolean;
}

function assertNoKey(reply: { headers: IncomingHttpHeaders; text: string }, what: string): void {
  assert.ok(!reply.text.includes(KEY), `${what}: the API key appears in the response body`);
  for (const [name, value] of Object.entries(reply.headers)) {
    assert.ok(!String(value).includes(KEY), `${what}: the API key appears in response header ${name}`);
  }
}

export function send(baseUrl: string, method: string, path: string, options: SendOptions = {}): Promise<Reply> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined && !options.chunked)
    headers['content-length'] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const reply: Reply = { status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) };
        try {
          assertNoKey(reply, `${method} ${path}`);
        } catch (error) {
          reject(error);
          return;
        }
        resolve(reply);
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** What the proxy sent upstream, recorded by the `fetch` it was given. */
export interface UpstreamCall {
  url: string;
  method: string;
  headers: Headers;
  body?: string;
}

export interface Proxy {
  url: string;
  origin: string;
  calls: UpstreamCall[];
  send(method: string, path: string, options?: SendOptions): Promise<Reply>;
  close(): Promise<void>;
}

export async function startProxy(options: Partial<RecruboProxyOptions> & { upstream: string }): Promise<Proxy> {
  const calls: UpstreamCall[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      ...(typeof init?.body === 'string' ? { body: init.body } : {}),
    });
    return (options.fetch ?? fetch)(input, init);
  };
  const handler = createRecruboProxy({
    apiKey: KEY,
    basePath: BASE,
    allowedOrigins: [PAGE_ORIGIN],
    ...options,
    fetch: recordingFetch,
  });
  const server: Server = createServer(getRequestListener(handler, { overrideGlobalObjects: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${BASE}`,
    origin,
    calls,
    send: (method, path, sendOptions) => send(origin, method, path, sendOptions),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Upstream {
  server: RunningSandbox;
  /** A fresh tenant: its API root (the proxy's `upstream`), seed ids, and request log. */
  tenant(speed?: number): Promise<Tenant>;
  close(): Promise<void>;
}

export interface Tenant {
  name: string;
  upstream: string;
  seed: SeedIds;
  requests(): Promise<{ method: string; path: string; query: string; status: number }[]>;
  control(body: Record<string, unknown>): Promise<void>;
}

let tenantCount = 0;

export async function startUpstream(): Promise<Upstream> {
  const server = await startSandboxServer({ port: 0 });
  const control = async (name: string, body: Record<string, unknown>) => {
    const res = await fetch(`${server.url}/__sandbox/${name}/control`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200, `sandbox control: ${await res.clone().text()}`);
    return (await res.json()) as { seed: SeedIds };
  };
  return {
    server,
    async tenant(speed = 1000) {
      const name = `proxy-${process.pid}-${++tenantCount}`;
      const { seed } = await control(name, { reset: true, speed });
      return {
        name,
        upstream: `${server.url}/__sandbox/${name}/public/v2`,
        seed,
        async requests() {
          const res = await fetch(`${server.url}/__sandbox/${name}/requests`);
          return ((await res.json()) as { requests: any[] }).requests;
        },
        control: async (body) => void (await control(name, body)),
      };
    },
    close: () => server.close(),
  };
}

/** The exact 403 document of the brief. */
export function assertForbidden(reply: Reply, method: string, path: string): void {
  assert.equal(reply.status, 403, `${method} ${path}: ${reply.text}`);
  assert.equal(reply.headers['content-type'], 'application/vnd.api+json');
  const error = reply.json().errors[0];
  assert.equal(error.status, '403');
  assert.equal(error.code, 'forbidden');
  assert.equal(error.title, 'Forbidden');
  // A refused parameter or body member is named in the detail (issue 26, finding 9); a refused path is not.
  const named = error.source?.pointer ?? error.source?.parameter;
  if (named === undefined) assert.equal(error.detail, `${method} ${path} is not allowed by this proxy`);
  else {
    assert.ok(error.detail.startsWith(`${method} ${path}: `), error.detail);
    assert.ok(error.detail.includes(named), `the detail names ${named}: ${error.detail}`);
    assert.ok(error.detail.endsWith(' is not allowed by this proxy'), error.detail);
  }
}

/** A run id that is not in the seed. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
