/**
 * The sandbox: one web-standard handler (Hono) speaking Recrubo's public API v2, mounted by the CLI, by Vite and by
 * the test runner through node.ts. `/public/v2/...` is the tenant `default`; `/__sandbox/<t>/public/v2/...` is a
 * separately seeded tenant with its own speed, faults and request log.
 */
import { Hono } from 'hono';
import { cors } from './cors.ts';
import type { Env } from './env.ts';
import { errorResponse, jsonApi, unauthorized } from './errors.ts';
import { applyFaults, dropResponse, isDropResponse, takeDropAfter } from './faults.ts';
import { idempotency } from './idempotency.ts';
import { advance } from './lifecycle.ts';
import { DEFAULT_API_KEY, type SandboxOptions, type TenantSettings } from './options.ts';
import { controlRoutes } from './routes/control.ts';
import { inboxRoutes } from './routes/inbox.ts';
import { flowGenerationRoutes } from './routes/flow-generations.ts';
import { flowRunRoutes } from './routes/flow-runs.ts';
import { messageThreadRoutes } from './routes/message-threads.ts';
import { messageRoutes } from './routes/messages.ts';
import { otherWriteRoutes } from './routes/other-writes.ts';
import { readRoutes } from './routes/read.ts';
import { Tenant } from './tenant.ts';
import { createWebhooks } from './webhooks.ts';

export { DROP_HEADER, isDropResponse } from './faults.ts';
export type { FaultSettings, SandboxOptions, TenantSettings } from './options.ts';
export type { SeedIds } from './seed.ts';
export type { LogEntry } from './tenant.ts';
export type { WebhookSettings, WebhookStats } from './webhooks.ts';

export interface Sandbox {
  /** The one handler. A dropped-connection fault answers a marker response (see `isDropResponse`). */
  fetch(req: Request): Promise<Response>;
  /** Forgets every tenant: the next request reseeds. */
  reset(): void;
  close(): void;
  /** The tenant of that name (created and seeded on first use). For Node tests and tools. */
  tenant(name?: string): Tenant;
}

const TENANT_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** `Authorization: Bearer <key>` or the bare key, as sandbox.md decides. */
function authorized(header: string | undefined, key: string): boolean {
  const value = header?.trim() ?? '';
  return value === key || (/^bearer\s+/i.test(value) && value.replace(/^bearer\s+/i, '') === key);
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const now = options.now ?? Date.now;
  const defaults: TenantSettings = {
    speed: options.speed ?? 1,
    faults: { ...options.faults },
    ...(options.inboxActivity ? { inboxActivity: options.inboxActivity } : {}),
  };
  const maxTenants = options.maxTenants ?? 500;
  const tenants = new Map<string, Tenant>();
  const webhooks = createWebhooks(options.webhook, options.webhookFetch);

  const tenantFor = (name: string): Tenant | undefined => {
    if (!TENANT_NAME.test(name)) return undefined;
    let t = tenants.get(name);
    if (t)
      tenants.delete(name); // re-insert: the Map's order is least recently used first
    else {
      t = new Tenant(name, defaults, now);
      webhooks.reset(t); // the instance's default webhook (CLI --webhook-url), from the seed on
    }
    tenants.set(name, t);
    if (tenants.size > maxTenants) {
      const oldest = tenants.keys().next().value as string;
      webhooks.forget(tenants.get(oldest) as Tenant);
      tenants.delete(oldest);
    }
    return t;
  };

  const api = new Hono<Env>();
  api.use('*', async (c, next) => {
    const name = (c.req.param() as Record<string, string>).tenant ?? 'default';
    const t = tenantFor(name);
    if (!t)
      return errorResponse(400, [
        { code: 'bad_request', status: '400', title: 'Bad Request', detail: 'Invalid tenant name' },
      ]);
    c.set('tenant', t);
    const url = new URL(c.req.url);
    let status = 0;
    let replayed = false;
    try {
      advance(t);
      const fault = await applyFaults(t, c.req.raw);
      if (fault) {
        status = isDropResponse(fault) ? 0 : fault.status;
        return fault;
      }
      if (!authorized(c.req.header('authorization'), apiKey)) {
        status = 401;
        return unauthorized();
      }
      await next();
      status = c.res.status;
      replayed = c.res.headers.get('idempotent-replayed') === 'true';
      webhooks.notice(t);
    } finally {
      t.record({
        method: c.req.method,
        path: url.pathname.slice(url.pathname.indexOf('/public/v2')),
        query: url.search.slice(1),
        status,
        ...(replayed ? { replayed } : {}),
      });
    }
  });
  // Inside the faults and auth above, outside Idempotency-Key: a write is carried out (and its answer kept for a
  // replay), then its answer is dropped.
  api.use('*', async (c, next) => {
    await next();
    if (takeDropAfter(c.req.raw)) c.res = dropResponse();
  });
  api.use('*', idempotency);
  readRoutes(api);
  flowGenerationRoutes(api);
  flowRunRoutes(api);
  otherWriteRoutes(api);
  messageThreadRoutes(api);
  messageRoutes(api);
  inboxRoutes(api);
  api.notFound((c) =>
    errorResponse(404, [
      {
        code: 'not_found',
        status: '404',
        title: 'Not Found',
        detail: `No route for ${c.req.method} ${new URL(c.req.url).pathname}`,
      },
    ]),
  );

  const app = new Hono();
  app.use('*', cors);
  app.route('/__sandbox/:tenant', controlRoutes(tenantFor, webhooks));
  app.route('/public/v2', api);
  app.route('/__sandbox/:tenant/public/v2', api);
  app.notFound((c) =>
    errorResponse(404, [
      {
        code: 'not_found',
        status: '404',
        title: 'Not Found',
        detail: `No route for ${c.req.method} ${new URL(c.req.url).pathname}`,
      },
    ]),
  );
  app.onError((err) => {
    // Never crash on a request: answer a JSON:API 500 and keep serving.
    console.error('[recrubo-sandbox]', err);
    return jsonApi(500, {
      errors: [
        {
          code: 'internal_server_error',
          status: '500',
          title: 'Internal Server Error',
          detail: 'Unexpected sandbox error',
        },
      ],
    });
  });

  return {
    fetch: async (req) => app.fetch(req),
    reset: () => {
      webhooks.close();
      tenants.clear();
    },
    close: () => {
      webhooks.close();
      tenants.clear();
    },
    tenant: (name = 'default') => tenantFor(name) as Tenant,
  };
}
