// Shared server-side guards: the rules every handler of `recrubo-elements/proxy` (the proxy, apply, the webhook
// receiver, the event stream) applies to what it reads and what it answers. One place, so a limit or header that
// is right in one handler cannot be forgotten in the next. Web-standard only (Request, Response, Headers).
//
// What they defend against (issue #12): bodies that never end or never stop growing, JSON nested so deep that it
// can be parsed but not serialised again, origins trusted because of the `Host` header (DNS rebinding), answers a
// browser could render as a page, a key that breaks `Headers` and lands in an error message.

import { compileOriginPolicy, type OriginPolicy } from './cors.ts';
import {
  badRequest,
  errorResponse,
  payloadTooLarge,
  requestTimeout,
  type ErrorSource,
  type ProxyError,
} from './errors.ts';

export { JSON_API, errorResponse, type ErrorSource, type ProxyError } from './errors.ts';

// ---------------------------------------------------------------------------------------------------------------
// Security headers

/**
 * On every answer a handler gives, error or not. `nosniff` stops a browser from guessing HTML in a JSON body; the
 * CSP makes anything that is rendered anyway (someone opens the URL) inert: no script, no frame, no form, no fetch.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox",
  'referrer-policy': 'no-referrer',
});

/** Sets SECURITY_HEADERS on `headers` (a new Headers when none is given) and returns it. */
export function withSecurityHeaders(headers: Headers = new Headers()): Headers {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  return headers;
}

/** The same response with SECURITY_HEADERS added (a copy: a fetched Response's headers are immutable). */
export function secureResponse(response: Response): Response {
  const headers = withSecurityHeaders(new Headers(response.headers));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * A JSON:API error answer `{ errors: [{ status, code, title, detail, source? }] }` with SECURITY_HEADERS, plus
 * `headers` (CORS, Retry-After). The detail goes to a browser: say what was refused, never why something broke.
 */
export function jsonApiError(
  status: number,
  code: string,
  title: string,
  detail: string,
  options: { source?: ErrorSource; headers?: HeadersInit } = {},
): Response {
  return errorResponse(
    { status, code, title, detail, ...(options.source ? { source: options.source } : {}) },
    new Headers(options.headers),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Bodies: a size cap and a deadline

export interface ReadLimits {
  /** Largest body accepted, in bytes (Content-Length is checked first, then what actually arrives). */
  maxBytes: number;
  /** The whole body must have arrived within this many ms of the call (a slow-drip client holds nothing open). */
  deadlineMs: number;
}

export type ReadTextResult = { text: string } | { error: ProxyError };

/**
 * Reads a request body as UTF-8 text within `limits`: 413 over the cap, 408 past the deadline, 400 for bytes that
 * are not UTF-8. The stream is cancelled on every refusal, so the client's connection is let go.
 */
export function readRequestText(request: Request, limits: ReadLimits): Promise<ReadTextResult> {
  return readStreamText(request.body, request.headers.get('content-length'), limits, {
    tooLarge: () => payloadTooLarge(limits.maxBytes),
    timeout: () => requestTimeout(),
    invalid: () => badRequest('The request body is not UTF-8 text'),
  });
}

/** The refusals readStreamText answers with; upstream bodies map all three to the caller's own 502. */
export interface ReadFailures {
  tooLarge: () => ProxyError;
  timeout: () => ProxyError;
  invalid: () => ProxyError;
}

export async function readStreamText(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null,
  limits: ReadLimits,
  failures: ReadFailures,
): Promise<ReadTextResult> {
  const declared = Number(declaredLength ?? NaN);
  if (declaredLength !== null && Number.isFinite(declared) && declared > limits.maxBytes) {
    await body?.cancel().catch(() => {});
    return { error: failures.tooLarge() };
  }
  if (!body) return { text: '' };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limits.deadlineMs);
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === 'timeout') {
        reader.cancel().catch(() => {});
        return { error: failures.timeout() };
      }
      if (next.done) break;
      size += next.value.byteLength;
      if (size > limits.maxBytes) {
        reader.cancel().catch(() => {});
        return { error: failures.tooLarge() };
      }
      chunks.push(next.value);
    }
  } catch {
    // The client went away or the stream broke: nothing usable arrived.
    return { error: failures.invalid() };
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: failures.invalid() };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// JSON with a nesting limit

/** Deeper than anything the elements or Recrubo send, far below where engines' recursion gives out. */
export const DEFAULT_MAX_DEPTH = 32;

/**
 * The deepest nesting of `[` and `{` in JSON text, counted without parsing (strings are skipped), so a hostile
 * document is refused before any parser or serialiser recurses into it. Stops counting past `limit`.
 */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

export type ParseJsonResult = { value: unknown } | { error: ProxyError };

/** JSON.parse with a nesting limit: 400 `bad_request` for text that is not JSON or is nested deeper than `maxDepth`. */
export function parseJson(text: string, maxDepth = DEFAULT_MAX_DEPTH): ParseJsonResult {
  if (jsonDepth(text, maxDepth) > maxDepth) {
    return { error: badRequest(`The request body is nested deeper than ${maxDepth} levels`) };
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: badRequest('The request body is not JSON') };
  }
}

/** readRequestText, then parseJson: the whole of reading a JSON request body safely. An empty body is a 400. */
export async function readRequestJson(
  request: Request,
  limits: ReadLimits & { maxDepth?: number },
): Promise<ParseJsonResult> {
  const read = await readRequestText(request, limits);
  if ('error' in read) return read;
  return parseJson(read.text, limits.maxDepth);
}

// ---------------------------------------------------------------------------------------------------------------
// Origins, from configuration only

export interface OriginOptions {
  /** Exact origins (`https://ats.example`) or a predicate: pages there may call the handler cross-origin. */
  allowedOrigins?: OriginPolicy;
  /**
   * The origin(s) the handler itself is served from, for same-origin pages that send `Origin` on POST/PATCH.
   * Configuration, never the `Host` header: a DNS-rebinding page controls Host and would make itself "same-origin".
   */
  publicOrigin?: string | readonly string[];
}

/**
 * Compiles the origin rule once, at start-up (a typo throws there, naming `who`). The returned check answers for a
 * request's `Origin` header: null (no header: a same-origin GET or a server-side caller; browsers always send Origin
 * cross-origin) is allowed, `"null"` (sandboxed frames, file: pages) never is unless a predicate says so.
 */
export function compileOriginCheck(options: OriginOptions, who: string): (origin: string | null) => boolean {
  const allowed = options.allowedOrigins === undefined ? () => false : compileOriginPolicy(options.allowedOrigins, who);
  const own =
    options.publicOrigin === undefined
      ? []
      : typeof options.publicOrigin === 'string'
        ? [options.publicOrigin]
        : options.publicOrigin;
  const isOwn = compileOriginPolicy(own, who, 'publicOrigin');
  return (origin) => origin === null || isOwn(origin) || allowed(origin);
}

// ---------------------------------------------------------------------------------------------------------------
// Secrets

/**
 * Refuses, at start-up, a key that cannot be sent in an HTTP header: CR, LF, NUL, other control characters, spaces
 * or non-ASCII (a stray newline from an env file). Otherwise every request would fail inside `Headers`, whose
 * error message contains the value. The message names the option, never the key. Returns the key.
 */
export function checkApiKey(value: unknown, who: string, option = 'apiKey'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${who}: ${option} is required (read it from the server environment)`);
  }
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw new TypeError(
      `${who}: ${option} contains a character that cannot be sent in an HTTP header (a line break, NUL, space, ` +
        'control or non-ASCII character); check how the environment variable is set',
    );
  }
  return value;
}

/**
 * Whether JSON text carries `secret`, as written or behind JSON escapes (`\u0073andbox-key`): the text is checked
 * as is and, when it parses, as re-serialised (which writes every character plainly).
 */
export function jsonContainsSecret(text: string, secret: string): boolean {
  if (text.includes(secret)) return true;
  if (!text.includes('\\')) return false;
  try {
    return JSON.stringify(JSON.parse(text)).includes(secret);
  } catch {
    return false;
  }
}

/** A copy of `value` with every occurrence of each secret replaced, in every string and key, at any depth. */
export function scrubValue<T>(value: T, secrets: readonly string[], replacement = '[redacted]'): T {
  const usable = secrets.filter((s) => s.length >= 3);
  if (usable.length === 0) return value;
  const scrubText = (text: string) => usable.reduce((out, secret) => out.split(secret).join(replacement), text);
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return scrubText(v);
    if (typeof v !== 'object' || v === null || depth > 64) return typeof v === 'object' && v !== null ? replacement : v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[scrubText(k)] = walk(x, depth + 1);
    return out;
  };
  return walk(value, 0) as T;
}

/** Text from a header or a client, cut to `max` characters for a message or a log line (never the whole value). */
export function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
