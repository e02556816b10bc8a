/**
 * Test and demo control, per tenant (never faulted, never logged, no API key):
 *   POST /__sandbox/<t>/control {reset?, speed?, faults?, webhook?, seedConversations?, inboxActivity?, inbound?}
 *     → {settings, seed, webhook}   (GET: the same, unchanged). `seedConversations: n` (≤ 10,000) adds n threads with
 *     a candidate and a conversation each; `inboxActivity` (≤ 600) inbound messages a minute; `inbound:
 *     {messageThreadId, text}` the candidate of that thread writes once, now.
 *   GET /__sandbox/<t>/requests → {requests: [...]};  DELETE → clears the log.
 * Numbers outside their row of CONTROL_BOUNDS → 422 naming the range; the `default` tenant only when the sandbox
 * allows it (defaultTenantControl); a new tenant past maxTenants while all are in use → 503 with Retry-After.
 */
import { Hono, type Context } from 'hono';
import { parseLimitedJson, readLimitedText } from '../body.ts';
import { parseInboxActivity, parseSeedConversations, seedManyConversations, writeInbound } from '../inbox.ts';
import { advance } from '../lifecycle.ts';
import { parseFaults, parseSpeed, type ControlProblem } from '../options.ts';
import type { Tenant, TenantRefusal } from '../tenant.ts';
import { parseWebhook, type Webhooks } from '../webhooks.ts';
import { isObject } from './respond.ts';

const fail = (message: string, status = 400, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ error: message }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
const refused = (r: TenantRefusal) =>
  fail(r.message, r.status, r.retryAfter ? { 'retry-after': String(r.retryAfter) } : {});
const problem = (p: ControlProblem) => fail(p.problem, p.status);

/** The control body's members (each checked below; numbers against options.ts's CONTROL_BOUNDS). */
const CONTROL_KEYS = ['reset', 'speed', 'faults', 'webhook', 'seedConversations', 'inboxActivity', 'inbound'];

const DEFAULT_REFUSED =
  'the default tenant (/public/v2) keeps the settings the sandbox was started with (CLI flags, or defaultTenantControl / --default-control to allow this); use a tenant of your own: /__sandbox/<name>/control';

/** A control body is a few settings; anything bigger is not one. */
const MAX_CONTROL_BYTES = 16 * 1024;

/**
 * Control takes no key, so only the sandbox's own pages, Node and tools may use it. Browsers send `Origin` on every
 * cross-origin request (and on same-origin POSTs) and `Sec-Fetch-Site` on all requests; a request without either is
 * not from a page on another origin. (The sandbox has no configured public origin: its own origin is the one it
 * was reached at, so a DNS-rebinding page is not stopped here; the sandbox holds test data only.)
 */
function crossOrigin(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = c.req.header('origin');
  return origin !== undefined && origin !== new URL(c.req.url).origin;
}

const refuseCrossOrigin = () =>
  new Response(
    JSON.stringify({ error: 'sandbox control is same-origin only (use the page the sandbox serves, or Node)' }),
    {
      status: 403,
      headers: { 'content-type': 'application/json' },
    },
  );

/** `inbound: { messageThreadId, text }`: the thread's candidate writes one message now (tests, demos). */
function parseInbound(v: unknown): { messageThreadId: string; text: string } | string {
  if (!isObject(v) || typeof v.messageThreadId !== 'string') return 'inbound must be { messageThreadId, text }';
  if (typeof v.text !== 'string' || !v.text.trim() || v.text.length > 1000)
    return 'inbound.text must be 1 to 1000 characters';
  return { messageThreadId: v.messageThreadId, text: v.text };
}

export function controlRoutes(
  tenantFor: (name: string) => Tenant | TenantRefusal,
  webhooks?: Webhooks,
  defaultTenantControl = false,
): Hono {
  const state = (t: Tenant) => ({
    tenant: t.name,
    settings: t.settings,
    seed: t.seed,
    webhook: webhooks?.describe(t) ?? null,
  });
  const control = new Hono();
  const tenantOf = (name: string | undefined) => tenantFor(name ?? '');
  const mayChange = (t: Tenant) => defaultTenantControl || t.name !== 'default';
  // Per path, not '*': mounted at /__sandbox/:tenant, a '*' would also cover that tenant's API (which is CORS-open).
  for (const path of ['/control', '/requests'])
    control.use(path, async (c, next) => (crossOrigin(c) ? refuseCrossOrigin() : next()));

  control.get('/control', (c) => {
    const t = tenantOf(c.req.param('tenant'));
    return 'refused' in t ? refused(t) : c.json(state(t));
  });

  control.post('/control', async (c) => {
    const t = tenantOf(c.req.param('tenant'));
    if ('refused' in t) return refused(t);
    if (!mayChange(t)) return fail(DEFAULT_REFUSED, 403);
    let body: unknown = {};
    const text = await readLimitedText(c.req.raw, MAX_CONTROL_BYTES);
    if (text === undefined || text.trim()) {
      const parsed = parseLimitedJson(text, MAX_CONTROL_BYTES);
      if ('refused' in parsed)
        return fail(parsed.refused.replace('Request body is not valid JSON', 'body must be JSON'));
      body = parsed.value;
    }
    if (!isObject(body)) return fail('body must be a JSON object');
    const unknown = Object.keys(body).filter((k) => !CONTROL_KEYS.includes(k));
    if (unknown.length) return fail(`unknown control key ${unknown[0]}`);
    const speed = body.speed === undefined ? undefined : parseSpeed(body.speed);
    if (typeof speed === 'object') return problem(speed);
    const faults = body.faults === undefined ? undefined : parseFaults(body.faults);
    if (faults && 'problem' in faults) return problem(faults);
    const webhook = body.webhook === undefined ? undefined : parseWebhook(body.webhook);
    if (typeof webhook === 'string') return fail(webhook);
    const many = body.seedConversations === undefined ? undefined : parseSeedConversations(body.seedConversations);
    if (typeof many === 'object') return problem(many);
    const activity = body.inboxActivity === undefined ? undefined : parseInboxActivity(body.inboxActivity);
    if (typeof activity === 'object') return problem(activity);
    const inbound = body.inbound === undefined ? undefined : parseInbound(body.inbound);
    if (typeof inbound === 'string') return fail(inbound);
    // Reset first: it restores the instance's default settings, which speed/faults then override.
    if (body.reset === true) {
      t.reset();
      webhooks?.reset(t);
    }
    if (speed !== undefined) t.setSpeed(speed);
    if (faults !== undefined) t.setFaults(faults);
    if (webhook !== undefined) webhooks?.configure(t, webhook);
    if (activity !== undefined) t.settings.inboxActivity = activity;
    if (many) seedManyConversations(t, many);
    if (inbound) {
      advance(t);
      if (!writeInbound(t, inbound.messageThreadId, inbound.text)) return fail('inbound.messageThreadId is unknown');
      webhooks?.notice(t);
    }
    return c.json(state(t));
  });

  control.get('/requests', (c) => {
    const t = tenantOf(c.req.param('tenant'));
    return 'refused' in t ? refused(t) : c.json({ requests: t.log });
  });

  control.delete('/requests', (c) => {
    const t = tenantOf(c.req.param('tenant'));
    if ('refused' in t) return refused(t);
    if (!mayChange(t)) return fail(DEFAULT_REFUSED, 403);
    t.log = [];
    return c.json({ requests: [] });
  });
  return control;
}
