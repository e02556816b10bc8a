// Apply-endpoint harness: createRecruboApply behind node:http, the real sandbox (a private tenant per test) as its
// upstream. Every reply is checked for the key. What reached Recrubo is read from the sandbox's own request log.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createRecruboApply, type RecruboApplyOptions } from '../../../src/proxy/index.ts';
import { KEY, send, type Reply, type SendOptions, type Tenant } from '../proxy/harness.ts';

export { startUpstream, KEY, type Tenant, type Upstream } from '../proxy/harness.ts';

export const PAGE = 'https://careers.example';
export const BUSINESS_NUMBER = '+31 20 123 4567';

export interface ApplyServer {
  origin: string;
  post(body: unknown, options?: SendOptions & { origin?: string | null }): Promise<Reply>;
  status(ticket: string, options?: SendOptions): Promise<Reply>;
  send(method: string, path: string, options?: SendOptions): Promise<Reply>;
  close(): Promise<void>;
}

export function vacanciesFor(t: Tenant) {
  return {
    barista: {
      flowId: t.seed.flows[0]!,
      templateId: t.seed.messageTemplates[0]!,
      templateParameters: (i: { firstName?: string }) => [i.firstName ?? 'there'],
      title: 'Barista',
    },
    driver: { flowId: t.seed.flows[1]!, templateId: t.seed.messageTemplates[0]!, templateParameters: () => ['there'] },
  };
}

export async function startApply(t: Tenant, options: Partial<RecruboApplyOptions> = {}): Promise<ApplyServer> {
  const handler = createRecruboApply({
    apiKey: KEY,
    upstream: t.upstream,
    basePath: '/apply',
    allowedOrigins: [PAGE],
    whatsappNumber: BUSINESS_NUMBER,
    vacancies: vacanciesFor(t),
    clientId: (request) => request.headers.get('x-test-client') ?? 'client-1',
    ...options,
  });
  const server: Server = createServer(getRequestListener(handler, { overrideGlobalObjects: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    post: (body, o = {}) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...o.headers };
      const pageOrigin = o.origin === undefined ? PAGE : o.origin;
      if (pageOrigin !== null) headers.origin = pageOrigin;
      return send(origin, 'POST', '/apply', {
        ...o,
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    status: (ticket, o = {}) =>
      send(origin, 'GET', `/apply/${ticket}`, { ...o, headers: { origin: PAGE, ...o.headers } }),
    send: (method, path, o) => send(origin, method, path, o),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The API requests the sandbox saw for this tenant (its request log). */
export async function upstreamCalls(t: Tenant): Promise<string[]> {
  return (await t.requests()).map((r) => `${r.method} ${r.path.replace(/^.*\/public\/v2/, '')}`);
}

export async function getJson(t: Tenant, path: string): Promise<any> {
  const res = await fetch(`${t.upstream}${path}`, { headers: { authorization: `Bearer ${KEY}` } });
  return res.json();
}

export const VALID = { vacancy: 'barista', phone: '06 12345678', country: 'NL', consent: true } as const;
