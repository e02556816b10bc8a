/**
 * Test and demo control, per tenant (never faulted, never logged, no API key):
 *   POST /__sandbox/<t>/control {reset?, speed?, faults?, webhook?} → {settings, seed, webhook}   (GET: the same, unchanged)
 *   GET /__sandbox/<t>/requests → {requests: [...]};  DELETE → clears the log.
 */
import { Hono } from 'hono';
import { parseFaults, parseSpeed } from '../options.ts';
import type { Tenant } from '../tenant.ts';
import { parseWebhook, type Webhooks } from '../webhooks.ts';
import { isObject } from './respond.ts';

const fail = (message: string) =>
  new Response(JSON.stringify({ error: message }), { status: 400, headers: { 'content-type': 'application/json' } });

export function controlRoutes(tenantFor: (name: string) => Tenant | undefined, webhooks?: Webhooks): Hono {
  const state = (t: Tenant) => ({ tenant: t.name, settings: t.settings, seed: t.seed, webhook: webhooks?.describe(t) ?? null });
  const control = new Hono();
  const tenantOf = (name: string | undefined) => tenantFor(name ?? '');

  control.get('/control', (c) => {
    const t = tenantOf(c.req.param('tenant'));
    return t ? c.json(state(t)) : fail('tenant names are 1-64 letters, digits, - or _');
  });

  control.post('/control', async (c) => {
    const t = tenantOf(c.req.param('tenant'));
    if (!t) return fail('tenant names are 1-64 letters, digits, - or _');
    let body: unknown = {};
    const text = await c.req.text();
    if (text.trim()) {
      try {
        body = JSON.parse(text);
      } catch {
        return fail('body must be JSON');
      }
    }
    if (!isObject(body)) return fail('body must be a JSON object');
    const unknown = Object.keys(body).filter((k) => !['reset', 'speed', 'faults', 'webhook'].includes(k));
    if (unknown.length) return fail(`unknown control key ${unknown[0]}`);
    const speed = body.speed === undefined ? undefined : parseSpeed(body.speed);
    if (typeof speed === 'string') return fail(speed);
    const faults = body.faults === undefined ? undefined : parseFaults(body.faults);
    if (typeof faults === 'string') return fail(faults);
    const webhook = body.webhook === undefined ? undefined : parseWebhook(body.webhook);
    if (typeof webhook === 'string') return fail(webhook);
    // Reset first: it restores the instance's default settings, which speed/faults then override.
    if (body.reset === true) {
      t.reset();
      webhooks?.reset(t);
    }
    if (speed !== undefined) t.setSpeed(speed);
    if (faults !== undefined) t.setFaults(faults);
    if (webhook !== undefined) webhooks?.configure(t, webhook);
    return c.json(state(t));
  });

  control.get('/requests', (c) => {
    const t = tenantOf(c.req.param('tenant'));
    return t ? c.json({ requests: t.log }) : fail('bad tenant name');
  });

  control.delete('/requests', (c) => {
    const t = tenantOf(c.req.param('tenant'));
    if (!t) return fail('bad tenant name');
    t.log = [];
    return c.json({ requests: [] });
  });
  return control;
}
