/**
 * Webhooks like Recrubo's: one `webhookPayload` POST per create, update (with `fields`) and delete of the
 * flow generations, flow runs, messages, message threads, flows, node actions, conversations and candidates of a tenant,
 * with `X-Recrubo-Webhook-Secret`, retried
 * 5 times with backoff when not answered 2xx, and delivery faults (drop, duplicate, delay so that they arrive out
 * of order).
 *
 * Changes are found by comparing each record with what was last announced, after every API request and on a small
 * ticker per tenant (life cycles are computed lazily, so without the ticker a run would only move while someone
 * asks). Comparing instead of hooking every write keeps the routes and lifecycle.ts untouched: any new way a record
 * changes is announced without edits here. Changes that happen between two looks are announced as one update
 * (the payload carries the resource as it is now, as Recrubo's does).
 */
import { advance } from './lifecycle.ts';
import { createRng, type Rng } from './prng.ts';
import { toResource, type ResourceObject } from './serialize.ts';
import type { Store, TypeName } from './store.ts';
import type { Tenant } from './tenant.ts';

export interface WebhookSettings {
  /** Where deliveries go (http or https). */
  url: string;
  /** Sent verbatim in `X-Recrubo-Webhook-Secret`. Never echoed by the control endpoint. */
  secret: string;
  /** Share (0..1) of deliveries never sent (lost on the way, no retry). */
  dropRate?: number;
  /** Share (0..1) of deliveries sent twice with the same payload id. */
  duplicateRate?: number;
  /** Every delivery waits a random 0..delayMs real ms first, so later changes can arrive before earlier ones. */
  delayMs?: number;
  /** First retry after this many ms at speed 1 (default 1000), doubling; divided by the tenant's speed. */
  retryBaseMs?: number;
  /** How often (real ms) the tenant's life cycles are advanced to notice changes without a request (default 100). */
  tickMs?: number;
}

export const WEBHOOK_TYPES = [
  'flowGenerations',
  'flowRuns',
  'messages',
  'messageThreads',
  'flows',
  'nodeActions',
  'conversations',
  'candidates',
] as const;
export const WEBHOOK_RETRIES = 5;
const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_RETRY_DELAY_MS = 60_000;

export interface WebhookStats {
  /** Payloads built (one per change). */
  events: number;
  /** HTTP attempts made, retries included. */
  attempts: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  /** Deliveries that failed all 1 + 5 attempts. */
  failed: number;
}

interface Known {
  updatedAt: number;
  json: string;
  attrs: Record<string, unknown>;
  resource: ResourceObject;
}

interface TenantHooks {
  settings: WebhookSettings;
  webhookId: string;
  store?: Store;
  known: Map<string, Known>;
  timer?: ReturnType<typeof setInterval>;
  timers: Set<ReturnType<typeof setTimeout>>;
  controllers: Set<AbortController>;
  rng: Rng;
  stats: WebhookStats;
  scans: number;
}

export interface Webhooks {
  /** Sets (or with null removes) a tenant's webhook; the tenant's current records become the baseline. */
  configure(t: Tenant, settings: WebhookSettings | null): void;
  /** After an API request: announce what changed. */
  notice(t: Tenant): void;
  /** What the control endpoint shows (no secret). */
  describe(
    t: Tenant,
  ): { url: string; dropRate: number; duplicateRate: number; delayMs: number; stats: WebhookStats } | null;
  /** A new or reset tenant: the instance's default webhook (or none). */
  reset(t: Tenant): void;
  /** The tenant is gone (evicted): stop its ticker and pending deliveries. */
  forget(t: Tenant): void;
  close(): void;
}

const RATES = ['dropRate', 'duplicateRate'] as const;
const NUMBERS = ['delayMs', 'retryBaseMs', 'tickMs'] as const;

/** Checks a webhook object from outside (control body, CLI); returns an error message or clean settings. */
export function parseWebhook(input: unknown): WebhookSettings | null | string {
  if (input === null) return null;
  if (typeof input !== 'object' || Array.isArray(input)) return 'webhook must be an object or null';
  const raw = input as Record<string, unknown>;
  if (typeof raw.url !== 'string' || !/^https?:\/\/[^\s]+$/i.test(raw.url)) return 'webhook.url must be an http(s) URL';
  try {
    new URL(raw.url);
  } catch {
    return 'webhook.url must be an http(s) URL';
  }
  if (typeof raw.secret !== 'string' || raw.secret === '' || raw.secret.length > 512)
    return 'webhook.secret must be a non-empty string';
  const out: WebhookSettings = { url: raw.url, secret: raw.secret };
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'url' || k === 'secret') continue;
    if ((RATES as readonly string[]).includes(k)) {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return `webhook.${k} must be a number from 0 to 1`;
      out[k as (typeof RATES)[number]] = v;
    } else if ((NUMBERS as readonly string[]).includes(k)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 3_600_000)
        return `webhook.${k} must be a number of ms >= 0`;
      out[k as (typeof NUMBERS)[number]] = v;
    } else return `unknown webhook option ${k}`;
  }
  return out;
}

export function createWebhooks(
  defaults: WebhookSettings | undefined,
  fetchImpl: typeof fetch = (i, init) => globalThis.fetch(i, init),
): Webhooks {
  const hooks = new Map<Tenant, TenantHooks>();

  const stop = (h: TenantHooks) => {
    if (h.timer) clearInterval(h.timer);
    h.timer = undefined;
    for (const timer of h.timers) clearTimeout(timer);
    h.timers.clear();
    for (const controller of h.controllers) controller.abort();
    h.controllers.clear();
  };

  const baseline = (t: Tenant, h: TenantHooks) => {
    h.store = t.store;
    h.known.clear();
    for (const type of WEBHOOK_TYPES) {
      for (const rec of t.store.all(type as TypeName)) {
        const json = JSON.stringify(rec.attrs);
        h.known.set(`${type}:${rec.id}`, {
          updatedAt: rec.updatedAt,
          json,
          attrs: JSON.parse(json),
          resource: toResource(rec, t.store, t.base),
        });
      }
    }
  };

  const scan = (t: Tenant, h: TenantHooks) => {
    // A reset replaced the whole store: that is a new world, not thousands of deletes and creates.
    if (h.store !== t.store) return baseline(t, h);
    const present = new Set<string>();
    // Every write bumps updatedAt, so most looks compare a number; every 10th compares the attributes too, in case a
    // write somewhere forgot to (a seeded tenant has hundreds of records and the ticker looks 10 times a second).
    const thorough = h.scans++ % 10 === 0;
    for (const type of WEBHOOK_TYPES) {
      for (const rec of t.store.all(type as TypeName)) {
        const key = `${type}:${rec.id}`;
        present.add(key);
        const before = h.known.get(key);
        if (before && !thorough && before.updatedAt === rec.updatedAt) continue;
        const json = JSON.stringify(rec.attrs);
        if (before?.json === json) {
          before.updatedAt = rec.updatedAt;
          continue;
        }
        const attrs = JSON.parse(json) as Record<string, unknown>;
        const resource = toResource(rec, t.store, t.base);
        h.known.set(key, { updatedAt: rec.updatedAt, json, attrs, resource });
        if (!before) {
          send(t, h, 'create', null, resource);
          continue;
        }
        const names = new Set([...Object.keys(before.attrs), ...Object.keys(attrs)]);
        const fields = [...names].filter((n) => JSON.stringify(before.attrs[n]) !== JSON.stringify(attrs[n]));
        send(t, h, 'update', fields, resource);
      }
    }
    for (const [key, known] of h.known) {
      if (present.has(key)) continue;
      h.known.delete(key);
      send(t, h, 'delete', null, known.resource);
    }
  };

  const send = (
    t: Tenant,
    h: TenantHooks,
    event: 'create' | 'update' | 'delete',
    fields: string[] | null,
    resource: ResourceObject,
  ) => {
    h.stats.events++;
    const body = JSON.stringify({
      data: {
        type: 'webhookPayload',
        id: crypto.randomUUID(),
        attributes: { webhookId: h.webhookId, event, fields, resource },
      },
    });
    const { dropRate = 0, duplicateRate = 0, delayMs = 0 } = h.settings;
    if (h.rng() < dropRate) {
      h.stats.dropped++;
      return;
    }
    const copies = h.rng() < duplicateRate ? 2 : 1;
    if (copies === 2) h.stats.duplicated++;
    for (let i = 0; i < copies; i++) later(h, delayMs ? h.rng() * delayMs : 0, () => attempt(t, h, body, 0));
  };

  const later = (h: TenantHooks, ms: number, fn: () => void) => {
    if (ms <= 0) return void fn();
    const timer = setTimeout(() => {
      h.timers.delete(timer);
      fn();
    }, ms);
    timer.unref?.();
    h.timers.add(timer);
  };

  const attempt = async (t: Tenant, h: TenantHooks, body: string, n: number) => {
    if (hooks.get(t) !== h) return; // reconfigured or forgotten meanwhile
    h.stats.attempts++;
    const controller = new AbortController();
    h.controllers.add(controller);
    const timeout = setTimeout(() => controller.abort(), DELIVERY_TIMEOUT_MS);
    let ok = false;
    try {
      const res = await fetchImpl(h.settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.api+json', 'x-recrubo-webhook-secret': h.settings.secret },
        body,
        signal: controller.signal,
        redirect: 'manual',
      });
      ok = res.status >= 200 && res.status < 300;
      await res.body?.cancel().catch(() => {});
    } catch {
      ok = false;
    } finally {
      clearTimeout(timeout);
      h.controllers.delete(controller);
    }
    if (ok) return void h.stats.delivered++;
    if (controller.signal.aborted && hooks.get(t) !== h) return;
    if (n >= WEBHOOK_RETRIES) return void h.stats.failed++;
    const base = (h.settings.retryBaseMs ?? 1000) / t.settings.speed;
    later(h, Math.min(MAX_RETRY_DELAY_MS, Math.max(5, base * 2 ** n)), () => void attempt(t, h, body, n + 1));
  };

  const configure = (t: Tenant, settings: WebhookSettings | null) => {
    const old = hooks.get(t);
    if (old) stop(old);
    hooks.delete(t);
    if (!settings) return;
    const h: TenantHooks = {
      settings,
      webhookId: crypto.randomUUID(),
      known: new Map(),
      timers: new Set(),
      controllers: new Set(),
      rng: createRng(`webhooks:${t.name}`),
      stats: { events: 0, attempts: 0, delivered: 0, dropped: 0, duplicated: 0, failed: 0 },
      scans: 0,
    };
    hooks.set(t, h);
    advance(t);
    baseline(t, h);
    h.timer = setInterval(
      () => {
        try {
          advance(t);
          scan(t, h);
        } catch (err) {
          console.error('[recrubo-sandbox] webhook ticker', err);
        }
      },
      Math.max(10, settings.tickMs ?? 100),
    );
    // The ticker must never keep a Node process (a test, the CLI after close) alive by itself.
    h.timer.unref?.();
  };

  return {
    configure,
    notice(t) {
      const h = hooks.get(t);
      if (h) scan(t, h);
    },
    describe(t) {
      const h = hooks.get(t);
      if (!h) return null;
      const { url, dropRate = 0, duplicateRate = 0, delayMs = 0 } = h.settings;
      return { url, dropRate, duplicateRate, delayMs, stats: { ...h.stats } };
    },
    reset(t) {
      configure(t, defaults ?? null);
    },
    forget(t) {
      const h = hooks.get(t);
      if (h) stop(h);
      hooks.delete(t);
    },
    close() {
      for (const h of hooks.values()) stop(h);
      hooks.clear();
    },
  };
}
