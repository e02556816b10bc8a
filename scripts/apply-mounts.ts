// createRecruboApply in our own tooling, in front of the in-process sandbox (no HTTP hop, no port to know):
//   - the Vite demo: `/apply` on the default tenant, candidate-first, the way a career site mounts it;
//   - the test runner: `/__apply/<tenant>/apply…`, one endpoint (and memory store) per test tenant, configured by the
//     test with `POST /__apply/<tenant>/config` (mode, limits, vacancies), so tests never share limits or runs.
// The key is the sandbox's public demo key, held here on the server side; pages never see it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Sandbox } from '../sandbox/app.ts';
import { createRecruboApply, type RecruboApplyHandler, type RecruboApplyOptions } from '../src/proxy/index.ts';

const KEY = 'sandbox-key';
export const DEMO_WHATSAPP_NUMBER = '+31 20 123 4567';

/** The handler's upstream calls go straight into the sandbox handler. */
export function sandboxFetch(sandbox: Sandbox): typeof fetch {
  return async (input, init) => sandbox.fetch(new Request(input as string, init));
}

/** The vacancies of the demo career site: public keys → seeded flows (the sandbox seeds the same ids every time). */
export function demoVacancies(sandbox: Sandbox, tenant = 'default'): RecruboApplyOptions['vacancies'] {
  const seed = sandbox.tenant(tenant).seed;
  return {
    'barista-amsterdam': {
      flowId: seed.flows[0]!,
      templateId: seed.messageTemplates[0]!,
      templateParameters: (i) => [i.firstName ?? 'there'],
      title: 'Barista Amsterdam',
    },
    'driver-utrecht': {
      flowId: seed.flowWithAppointment,
      templateId: seed.messageTemplates[0]!,
      templateParameters: (i) => [i.firstName ?? 'there'],
      title: 'Chauffeur C/E Utrecht',
    },
  };
}

export function demoApply(sandbox: Sandbox, options: Partial<RecruboApplyOptions> = {}): RecruboApplyHandler {
  return createRecruboApply({
    apiKey: KEY,
    upstream: 'http://sandbox.internal/public/v2',
    fetch: sandboxFetch(sandbox),
    basePath: '/apply',
    whatsappNumber: DEMO_WHATSAPP_NUMBER,
    vacancies: demoVacancies(sandbox),
    // One machine, one visitor: the demo counts everybody as one client.
    clientId: () => 'demo',
    ...options,
  });
}

/** node:http request → web Request (the body streamed), and the Response written back. */
async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

export async function runHandler(
  handler: RecruboApplyHandler,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const response = await handler(await toRequest(req, `http://${req.headers.host ?? 'localhost'}`));
  await writeResponse(res, response);
}

/** The test runner's per-tenant endpoints. */
export function testApplyRouter(sandbox: Sandbox) {
  const handlers = new Map<string, RecruboApplyHandler>();
  const make = (tenant: string, config: { mode?: string; rateLimit?: RecruboApplyOptions['rateLimit'] } = {}) => {
    const seed = sandbox.tenant(tenant).seed;
    const vacancies: RecruboApplyOptions['vacancies'] = {
      barista: {
        flowId: seed.flows[0]!,
        templateId: seed.messageTemplates[0]!,
        templateParameters: (i) => [i.firstName ?? 'there'],
        title: 'Barista',
      },
    };
    return createRecruboApply({
      apiKey: KEY,
      upstream: `http://sandbox.internal/__sandbox/${tenant}/public/v2`,
      fetch: sandboxFetch(sandbox),
      basePath: `/__apply/${tenant}/apply`,
      // The test page's own origin (whatever port the runner took) and nothing else.
      allowedOrigins: (origin) => /^http:\/\/(localhost|127\.0\.0\.1):\d+$/.test(origin),
      vacancies,
      clientId: () => 'browser-test',
      ...(config.mode === 'invite' ? { mode: 'invite' as const } : { whatsappNumber: DEMO_WHATSAPP_NUMBER }),
      ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
    });
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const match = /^\/__apply\/([\w-]{1,80})\/(config|apply)(?:[/?]|$)/.exec(req.url ?? '');
    if (!match) return false;
    const tenant = match[1]!;
    if (match[2] === 'config') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      handlers.set(tenant, make(tenant, JSON.parse(Buffer.concat(chunks).toString() || '{}')));
      res.statusCode = 204;
      res.end();
      return true;
    }
    if (!handlers.has(tenant)) handlers.set(tenant, make(tenant));
    await runHandler(handlers.get(tenant)!, req, res);
    return true;
  };
}

/** An apply endpoint on its own port that allows only `https://careers.example`: any test page is "another origin". */
export async function startForeignApplyServer(sandbox: Sandbox): Promise<{ url: string; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const handler = demoApply(sandbox, { allowedOrigins: ['https://careers.example'] });
  const server = createServer((req, res) => void runHandler(handler, req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  server.unref();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
