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
  /** Oldest tenants are forgotten beyond this many (default 500). */
  maxTenants?: number;
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

const RATES = ['errorRate', 'dropRate', 'dropAfterRate', 'rateLimitRate', 'htmlErrorRate'] as const;

/** Checks a faults object from outside (control body, CLI); returns an error message or the clean settings. */
export function parseFaults(input: unknown): FaultSettings | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'faults must be an object';
  const out: FaultSettings = {};
  for (const [k, v] of Object.entries(input)) {
    if ((RATES as readonly string[]).includes(k)) {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return `${k} must be a number from 0 to 1`;
      out[k as (typeof RATES)[number]] = v;
    } else if (k === 'latencyMs' || k === 'retryAfter' || k === 'count') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return `${k} must be a number >= 0`;
      out[k] = v;
    } else if (k === 'rejectIdFilter') {
      if (typeof v !== 'boolean') return 'rejectIdFilter must be true or false';
      out.rejectIdFilter = v;
    } else return `unknown fault ${k}`;
  }
  return out;
}

export function parseSpeed(v: unknown): number | string {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 'speed must be a number > 0';
}
