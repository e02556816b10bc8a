/** The options a sandbox is built with, and the fault settings shared by the CLI, the middleware and /control. */
import type { WebhookSettings } from './webhooks.ts';

export interface FaultSettings {
  /** Added to every API answer, in real ms (not scaled by speed). */
  latencyMs?: number;
  /** Share (0..1) of API requests answered with a JSON:API 500. */
  errorRate?: number;
  /** Share of API requests whose connection is destroyed without an answer. */
  dropRate?: number;
  /**
   * Share of API writes (POST, PATCH, DELETE) that are carried out and then get no answer (the connection is
   * destroyed): what a reset after the server acted looks like. A retry without an `Idempotency-Key` acts twice.
   */
  dropAfterRate?: number;
  /** Share of API requests answered 429 with `Retry-After: retryAfter`. */
  rateLimitRate?: number;
  /** Seconds, for the 429's Retry-After header (default 1). */
  retryAfter?: number;
  /** Share of API requests answered with a text/html 502 page, as a misconfigured proxy gives. */
  htmlErrorRate?: number;
  /** Answer `filter[id]` with a 400, as a server that does not support it would. */
  rejectIdFilter?: boolean;
  /** Only the next `count` API requests see these faults; then the tenant is healthy again. */
  count?: number;
  /** Only requests with these methods (e.g. `["PATCH"]`) see the faults, and only they are counted. */
  methods?: string[];
}

export interface SandboxOptions {
  /** The accepted key (default `sandbox-key`). */
  apiKey?: string;
  /** Simulated delays are divided by this (default 1). */
  speed?: number;
  /** Default faults of every tenant (a tenant's /control can change its own). */
  faults?: FaultSettings;
  /** Injectable clock (epoch ms) for timestamps and life cycles. */
  now?: () => number;
  /**
   * Most tenants kept (default 200; each holds its seed data, about 0.6 MB). A new tenant past it replaces the least
   * recently used one if that one is idle (see `tenantIdleMs`); a tenant in use is never dropped: the new one is
   * refused with a 503 and Retry-After instead.
   */
  maxTenants?: number;
  /** A tenant with no request in flight and none for this long (ms, by `now`) is idle. Default 5 minutes. */
  tenantIdleMs?: number;
  /**
   * Whether `POST /__sandbox/default/control` and `DELETE /__sandbox/default/requests` may change the `default`
   * tenant (`/public/v2`, what a shared demo server's visitors use). Default false: its faults and speed come from
   * the CLI flags or these options. The dev server and the test runner turn it on (CLI: `--default-control`).
   */
  defaultTenantControl?: boolean;
  /** Webhooks of every tenant (a tenant's /control can change its own); see webhooks.ts. */
  webhook?: WebhookSettings;
  /** Default inbound messages a minute of every tenant (CLI `--inbox-activity`; 0 = none, the default). */
  inboxActivity?: number;
  /** The fetch that delivers webhooks (default: the global one). */
  webhookFetch?: typeof fetch;
}

export interface TenantSettings {
  speed: number;
  faults: FaultSettings;
  /** Inbound messages a minute written by seeded candidates (inbox.ts); 0 or absent: none. */
  inboxActivity?: number;
}

export const DEFAULT_API_KEY = 'sandbox-key';

/** One row per control option that takes a number: its allowed range (inclusive), and whether it is whole. */
export interface Bound {
  min: number;
  max: number;
  integer?: boolean;
}

/**
 * The allowed values of every numeric control option (`POST /__sandbox/<t>/control` and the CLI flags): one row per
 * option. A value outside its row is refused with a 422 that names the range; nothing unbounded reaches a timer
 * (Node turns a delay past 2^31 ms into 1 ms) or a loop.
 */
export const CONTROL_BOUNDS = {
  speed: { min: 0.0001, max: 100_000 },
  latencyMs: { min: 0, max: 60_000 },
  errorRate: { min: 0, max: 1 },
  dropRate: { min: 0, max: 1 },
  dropAfterRate: { min: 0, max: 1 },
  rateLimitRate: { min: 0, max: 1 },
  htmlErrorRate: { min: 0, max: 1 },
  retryAfter: { min: 0, max: 86_400 },
  count: { min: 0, max: 1_000_000, integer: true },
  inboxActivity: { min: 0, max: 600 },
  seedConversations: { min: 0, max: 10_000, integer: true },
} as const satisfies Record<string, Bound>;

export type BoundedOption = keyof typeof CONTROL_BOUNDS;

/** A refused control value: `status` 400 (not understood) or 422 (understood, outside its allowed range). */
export interface ControlProblem {
  problem: string;
  status: 400 | 422;
}

const isBounded = (name: string): name is BoundedOption => Object.hasOwn(CONTROL_BOUNDS, name);
/** Rows of CONTROL_BOUNDS that are control options of their own, not faults. */
const NOT_FAULTS: ReadonlySet<string> = new Set(['speed', 'inboxActivity', 'seedConversations']);

/** The value if it is within its row of CONTROL_BOUNDS, else a 422 problem that names the allowed range. */
export function checkBound(name: BoundedOption, value: unknown): number | ControlProblem {
  const { min, max, integer } = CONTROL_BOUNDS[name] as Bound;
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max)
    if (!integer || Number.isInteger(value)) return value;
  return { problem: `${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`, status: 422 };
}

/** Checks a faults object from outside (control body, CLI); returns a problem or the clean settings. */
export function parseFaults(input: unknown): FaultSettings | ControlProblem {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { problem: 'faults must be an object', status: 400 };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (k === 'methods') {
      if (!Array.isArray(v) || v.length > 8 || !v.every((m) => typeof m === 'string' && /^[A-Z]{3,7}$/.test(m)))
        return { problem: 'methods must be a list of HTTP methods such as ["PATCH"]', status: 400 };
      out.methods = [...v];
    } else if (k === 'rejectIdFilter') {
      if (typeof v !== 'boolean') return { problem: 'rejectIdFilter must be true or false', status: 422 };
      out.rejectIdFilter = v;
    } else if (isBounded(k) && !NOT_FAULTS.has(k)) {
      const checked = checkBound(k, v);
      if (typeof checked !== 'number') return checked;
      out[k] = checked;
    } else return { problem: `unknown fault ${k}`, status: 400 };
  }
  return out as FaultSettings;
}

export function parseSpeed(v: unknown): number | ControlProblem {
  return checkBound('speed', v);
}
