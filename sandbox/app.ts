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
import { flowEditRoutes } from './routes/flow-edits.ts';
import { inboxRoutes } from './routes/inbox.ts';
import { flowGenerationRoutes } from './routes/flow-generations.ts';
import { flowRunRoutes } from './routes/flow-runs.ts';
import { messageThreadRoutes } from './routes/message-threads.ts';
import { messageRoutes } from './routes/messages.ts';
import { otherWriteRoutes } from './routes/other-writes.ts';
import { readRoutes } from './routes/read.ts';
import { Tenant, type TenantRefusal } from './tenant.ts';
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
  /** The tenant of that name (created and seeded on first use; throws when the sandbox is full). For Node tests and tools. */
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
  const maxTenants = Math.max(1, options.maxTenants ?? 200);
  const idleMs = options.tenantIdleMs ?? 5 * 60_000;
  const tenants = new Map<string, Tenant>();
  const webhooks = createWebhooks(options.webhook, options.webhookFetch);

  /** Marks a tenant used: to the end of the Map, whose order is then least recently used first. */
  const touch = (t: Tenant) => {
    tenants.delete(t.name);
    tenants.set(t.name, t);
    t.lastUsed = now();
  };

  /**
   * The tenant of that name, created and seeded on first use. Past maxTenants the least recently used tenant (the
   * Map's first) makes room if it is idle; if it is not, none is (every other was used later), and the new tenant
   * is refused rather than a tenant in use dropped. O(1) either way.
   */
  const tenantFor = (name: string): Tenant | TenantRefusal => {
    if (!TENANT_NAME.test(name))
      return { refused: true, status: 400, message: 'tenant names are 1-64 letters, digits, - or _' };
    const known = tenants.get(name);
    if (known) {
      touch(known);
      return known;
    }
    if (tenants.size >= maxTenants) {
      const oldest = tenants.values().next().value as Tenant;
      if (oldest.active > 0 || now() - oldest.lastUsed < idleMs)
        return {
          refused: true,
          status: 503,
          message: `the sandbox holds its most tenants (${maxTenants}), all in use; try again later`,
          retryAfter: Math.max(1, Math.ceil((oldest.lastUsed + idleMs - now()) / 1000)),
        };
      webhooks.forget(oldest);
      tenants.delete(oldest.name);
    }
    const t = new Tenant(name, defaults, now);
    webhooks.reset(t); // the instance's default webhook (CLI --webhook-url), from the seed on
    touch(t);
    return t;
  };

  const api = new Hono<Env>();
  api.use('*', async (c, next) => {
    const name = (c.req.param() as Record<string, string>).tenant ?? 'default';
    const t = tenantFor(name);
    if ('refused' in t)
      return t.status === 400
        ? errorResponse(400, [
            { code: 'bad_request', status: '400', title: 'Bad Request', detail: 'Invalid tenant name' },
          ])
        : errorResponse(
            503,
            [{ code: 'service_unavailable', status: '503', title: 'Service Unavailable', detail: t.message }],
            { 'retry-after': String(t.retryAfter ?? 1) },
          );
    c.set('tenant', t);
    t.active += 1;
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
      t.active -= 1;
      touch(t);
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
  flowEditRoutes(api);
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
  app.route('/__sandbox/:tenant', controlRoutes(tenantFor, webhooks, options.defaultTenantControl ?? false));
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
    tenant: (name = 'default') => {
      const t = tenantFor(name);
      if ('refused' in t) throw new Error(`recrubo-sandbox: ${t.message}`);
      return t;
    },
  };
}
