// Pieces both push handlers use: which resources are announced, id checks, answers with safe headers.
import { errorResponse, readRequestJson, withSecurityHeaders, type ProxyError } from '../guard.ts';
import type { RecruboChange } from './broker.ts';

/** The resources Recrubo's webhooks announce and the elements watch. */
export const PUSH_TYPES: readonly string[] = [
  'flowRuns',
  'flowGenerations',
  'messages',
  'messageThreads',
  'conversations',
];

/** Recrubo ids are UUIDs; the sandbox's seeds are short ids. Anything else is not an id we pass on. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const STATUS = /^[A-Za-z0-9_-]{1,64}$/;

export const isPushType = (type: unknown): type is string => typeof type === 'string' && PUSH_TYPES.includes(type);
export const isResourceId = (id: unknown): id is string => typeof id === 'string' && ID.test(id);

/** A time as the page may compare it: an ISO 8601 string Date understands, normalised to UTC with ms; else null. */
export function cleanTime(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** The change as it may travel: exactly type, id, a short status word (or null) and updatedAt (or null). */
export function cleanChange(
  type: unknown,
  id: unknown,
  status: unknown,
  updatedAt?: unknown,
): RecruboChange | undefined {
  if (!isPushType(type) || !isResourceId(id)) return undefined;
  return {
    type,
    id,
    status: typeof status === 'string' && STATUS.test(status) ? status : null,
    updatedAt: cleanTime(updatedAt),
  };
}

/** How long a handler waits for the broker (claim, publish, first subscribe) before it answers 503. */
export const DEFAULT_BROKER_TIMEOUT_MS = 1500;

/** Waits for a broker call at most `ms`: a broker that cannot answer (Redis down) must not hold a request open. */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`recrubo push: the broker did not answer ${what} within ${ms} ms`)), ms);
  });
  work.catch(() => {}); // a late failure after the deadline is nobody's to handle
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The 503 a broker outage answers with: Recrubo delivers the webhook again, a page opens its stream again. */
export function unavailable(detail: string, retryAfterSeconds: number, headers?: Headers): Response {
  const out = new Headers(headers);
  out.set('retry-after', String(retryAfterSeconds));
  return fail({ status: 503, code: 'service_unavailable', title: 'Service Unavailable', detail }, out);
}

/** The shared security headers (guard.ts), and no cache may keep an answer. */
export function securityHeaders(headers: Headers = new Headers()): Headers {
  withSecurityHeaders(headers);
  headers.set('cache-control', 'no-store');
  return headers;
}

export function fail(error: ProxyError, headers?: Headers): Response {
  return errorResponse(error, securityHeaders(new Headers(headers)));
}

export function jsonAnswer(status: number, body: unknown, headers?: Headers): Response {
  const out = securityHeaders(new Headers(headers));
  out.set('content-type', 'application/json');
  return new Response(JSON.stringify(body), { status, headers: out });
}

/** A JSON body through the shared guards: byte cap (413), deadline (408), UTF-8 and nesting limit (400). */
export async function readJson(
  request: Request,
  maxBytes: number,
  deadlineMs: number,
): Promise<{ value: unknown } | { error: ProxyError }> {
  return readRequestJson(request, { maxBytes, deadlineMs });
}

/** Equal-time comparison of two secrets: both are hashed first, so neither length nor prefix leaks by timing. */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest('SHA-256', enc.encode(given)),
    crypto.subtle.digest('SHA-256', enc.encode(expected)),
  ]);
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] as number) ^ (y[i] as number);
  return diff === 0;
}
