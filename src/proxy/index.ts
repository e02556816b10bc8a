// recrubo-elements/proxy: a server-side handler that holds the real Recrubo API key and forwards only an
// allow-list of operations from the elements. A key in a web page is anyone's key; this keeps it on the server.
// Web-standard only (Request, Response, Headers, URL, fetch), so it runs in Node, Deno, Bun and edge runtimes.

import { checkDocument } from './body.ts';
import { corsHeaders, preflightHeaders, type OriginPolicy } from './cors.ts';
import {
  badGateway,
  badRequest,
  errorResponse,
  forbidden,
  gatewayTimeout,
  internalError,
  originForbidden,
  STORE_RETRY_AFTER_S,
  storeUnavailable,
  unauthorized,
  type ProxyError,
} from './errors.ts';
import { callUpstream, safeResponseHeaders, type UpstreamResult } from './forward.ts';
import { IDEMPOTENCY_KEY, keyReused, once, type KeptAnswer } from './idempotency.ts';
import { createMemoryStore } from './store/memory.ts';
import { LockTimeoutError, StoreUnavailableError, type ApplyStore } from './store/types.ts';
import { checkApiKey, compileOriginCheck, jsonContainsSecret, readRequestText, withSecurityHeaders } from './guard.ts';
import { buildQuery, normalizeBasePath, operationsForTarget, parseTarget, relativePath } from './match.ts';
import { defaultOperations, type Operation } from './operations.ts';

export { defaultOperations, describeOperation, operations, operationsFor, SHORT_ID, UUID } from './operations.ts';
export type { BodyRule, FilterRule, Method, Operation } from './operations.ts';
export type { OriginPolicy } from './cors.ts';
export { createRecruboApply, candidateStatus, DEFAULT_LIMITS, RECENT_MS } from './apply/index.ts';
export type {
  ApplyAnswer,
  ApplyInput,
  ApplyMode,
  ApplyRateLimits,
  ApplyStatus,
  ApplyVacancy,
  RateLimit,
  RecruboApplyHandler,
  RecruboApplyOptions,
  VacancyLookup,
} from './apply/index.ts';
export { createMemoryStore, type MemoryStoreOptions } from './store/memory.ts';
export { IDEMPOTENCY_TTL_MS } from './idempotency.ts';
export {
  LockTimeoutError,
  StoreUnavailableError,
  type ApplyStore,
  type CounterResult,
  type LockOptions,
} from './store/types.ts';
export * from './webhooks/index.ts';

export const DEFAULT_UPSTREAM = 'https://api.recrubo.app/public/v2';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export interface RecruboProxyOptions {
  /** The real organisation key, from the server's environment. Never logged, echoed or put in an error. */
  apiKey: string;
  /** API root including `/public/v2`. Default `https://api.recrubo.app/public/v2`. */
  upstream?: string;
  /** Where the handler is mounted, e.g. `/recrubo` (elements then use `base-url="https://my-ats.example/recrubo"`). */
  basePath?: string;
  /** Exact origins (`https://ats.example`) or a predicate. Others get 403 and no CORS headers. */
  allowedOrigins: OriginPolicy;
  /**
   * The origin(s) this proxy is served from (`https://ats.example`), when pages on that same origin use it: browsers
   * send `Origin` on same-origin POST/PATCH too. Configuration, never the `Host` header (DNS rebinding).
   */
  publicOrigin?: string | readonly string[];
  /** The operations this proxy forwards. Default: everything the elements use (`defaultOperations`). */
  allow?: readonly Operation[];
  /** The integrator's own session check; false → 401. Runs for every request except CORS preflights. */
  authorize?: (request: Request) => boolean | Promise<boolean>;
  /** A fetch to reach the upstream with (tests, custom agents). Default: the global fetch. */
  fetch?: typeof fetch;
  /** How long to wait for the upstream's whole answer, headers and body. Default 30 000 ms, then 504. */
  timeoutMs?: number;
  /** Largest accepted request body. Default 256 KB, then 413. */
  maxBodyBytes?: number;
  /** How long a request body may take to arrive. Default 10 000 ms, then 408 (a slow-drip client holds nothing). */
  bodyTimeoutMs?: number;
  /** Largest upstream answer relayed. Default 8 MB; a bigger one becomes the proxy's own 502. */
  maxResponseBytes?: number;
  /**
   * Where a POST's `Idempotency-Key` and its first answer are kept (24 h), so a browser's repeat of the same request
   * is answered again without a second upstream POST. Default: this process's memory; with several instances,
   * `createRedisStore` (the same store createRecruboApply can use).
   */
  store?: ApplyStore;
  /** Send `Access-Control-Allow-Credentials: true`, for integrators whose `fetch` sends cookies cross-origin. */
  allowCredentials?: boolean;
  /**
   * Told about upstream failures (502/504), answers not relayed (not JSON, too big, carrying the key) and proxy bugs
   * (500), for your logs. What it receives never contains the key.
   */
  onError?: (error: unknown) => void;
}

export type RecruboProxyHandler = (request: Request) => Promise<Response>;

export function createRecruboProxy(options: RecruboProxyOptions): RecruboProxyHandler {
  const settings = compileSettings(options);

  return async function recruboProxy(request: Request): Promise<Response> {
    const origin = request.headers.get('origin');
    let cors = corsHeaders(null, false); // until the origin is known to be allowed: Vary only
    try {
      if (!settings.originAllowed(origin)) return errorResponse(originForbidden(), cors);
      cors = corsHeaders(origin, settings.allowCredentials);
      const fail = (error: ProxyError) => errorResponse(error, cors);

      const url = new URL(request.url);
      const path = relativePath(url.pathname, settings.basePath);
      const target = path === undefined ? undefined : parseTarget(path);
      const candidates = target ? operationsForTarget(settings.allow, target) : [];
      const shownPath = path ?? url.pathname;

      if (request.method === 'OPTIONS') return preflight(request, origin, candidates, shownPath, settings);

      // Before matching, so an unauthenticated caller learns nothing about the allow-list.
      if (settings.authorize && !(await settings.authorize(request))) return fail(unauthorized());

      const op = candidates.find((candidate) => candidate.method === request.method);
      if (!target || !op) return fail(forbidden(request.method, shownPath));

      const query = buildQuery(op, url.searchParams);
      if ('refused' in query) return fail(forbidden(request.method, target.path, query.refused));

      let body: string | undefined;
      if (op.method === 'POST' || op.method === 'PATCH') {
        if (!op.body) return fail(forbidden(request.method, target.path));
        const read = await readRequestText(request, {
          maxBytes: settings.maxBodyBytes,
          deadlineMs: settings.bodyTimeoutMs,
        });
        if ('error' in read) return fail(read.error);
        const checked = checkDocument(read.text, op.body, target.id);
        if ('malformed' in checked) return fail(badRequest(checked.malformed, checked.source));
        if ('refused' in checked)
          return fail(forbidden(request.method, target.path, checked.refused, checked.value === true));
        body = JSON.stringify(checked.document);
        // Whoever holds the key has no reason to send it through a page; relaying it would store it upstream.
        if (jsonContainsSecret(body, settings.apiKey)) return fail(badRequest('The request body cannot be relayed'));
      }

      const search = query.query.toString();
      const upstreamPath = `${target.path}${search ? `?${search}` : ''}`;
      const sent = await once<UpstreamResult>(
        {
          store: settings.store,
          scope: 'proxy',
          key: op.method === 'POST' ? (request.headers.get('idempotency-key') ?? undefined) : undefined,
          request: `${op.method} ${upstreamPath}\n${body ?? ''}`,
          waitMs: settings.timeoutMs + 5000,
        },
        () =>
          callUpstream({
            url: `${settings.upstream}${upstreamPath}`,
            method: op.method,
            ...(body !== undefined ? { body } : {}),
            apiKey: settings.apiKey,
            fetch: settings.fetch,
            timeoutMs: settings.timeoutMs,
            maxResponseBytes: settings.maxResponseBytes,
            clientSignal: request.signal,
            ...idempotencyKeyOf(request, op.method),
          }),
        async (r) => ('answer' in r ? kept(r.answer) : undefined),
      );
      if ('reused' in sent) return fail(keyReused);
      if ('replayed' in sent) return relay(sent.replayed, cors, true);
      const result = sent.fresh;
      if ('failure' in result) {
        settings.report(result.error);
        return fail(result.failure === 'timeout' ? gatewayTimeout() : badGateway());
      }
      if ('refused' in result) {
        settings.report(
          new Error(`createRecruboProxy: not relayed: the upstream sent ${result.reason} for ${op.name}`),
        );
        return fail(result.refused);
      }
      return relay(kept(result.answer), cors, false);
    } catch (error) {
      settings.report(error);
      // The store (Redis) is down or slow: nothing was sent; the page may try again shortly.
      if (error instanceof StoreUnavailableError || error instanceof LockTimeoutError) {
        const headers = new Headers(cors);
        headers.set('retry-after', String(STORE_RETRY_AFTER_S));
        return errorResponse(storeUnavailable(), headers);
      }
      return errorResponse(internalError(), cors);
    }
  };
}

/** What is relayed (and, for a POST with a key, remembered) of an upstream answer. */
const kept = (answer: { status: number; headers: Headers; text: string | null }): KeptAnswer => ({
  status: answer.status,
  headers: [...safeResponseHeaders(answer.headers, new Headers())],
  text: answer.text,
});

function relay(answer: KeptAnswer, cors: Headers, replayed: boolean): Response {
  const headers = withSecurityHeaders(new Headers(cors));
  for (const [name, value] of answer.headers) headers.set(name, value);
  if (replayed) headers.set('idempotent-replayed', 'true');
  // Answers depend on who asked (authorize); no shared cache may keep them.
  headers.set('cache-control', 'no-store');
  return new Response(answer.text, { status: answer.status, headers });
}

interface Settings {
  apiKey: string;
  store: ApplyStore;
  upstream: string;
  basePath: string;
  originAllowed: (origin: string | null) => boolean;
  allow: readonly Operation[];
  authorize?: (request: Request) => boolean | Promise<boolean>;
  fetch: typeof fetch;
  timeoutMs: number;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  maxResponseBytes: number;
  allowCredentials: boolean;
  /** onError, behind a scrubber; never throws. */
  report: (error: unknown) => void;
}

/** Checks the options once, at start-up: a misconfigured proxy should fail to boot, not fail open. */
function compileSettings(options: RecruboProxyOptions): Settings {
  // The messages name the option, never its value: the key must not end up in a crash log.
  const apiKey = checkApiKey(options?.apiKey, 'createRecruboProxy');
  const upstream = (options.upstream ?? DEFAULT_UPSTREAM).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(upstream)) throw new TypeError('createRecruboProxy: upstream must be an http(s) URL');
  const positive = (name: string, value: number) => {
    if (!(value > 0)) throw new TypeError(`createRecruboProxy: ${name} must be a positive number`);
    return value;
  };
  const timeoutMs = positive('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const maxBodyBytes = positive('maxBodyBytes', options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const bodyTimeoutMs = positive('bodyTimeoutMs', options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS);
  const maxResponseBytes = positive('maxResponseBytes', options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
  if (!options.fetch && typeof globalThis.fetch !== 'function')
    throw new TypeError('createRecruboProxy: no fetch available; pass options.fetch');
  if (options.allowedOrigins === undefined)
    throw new TypeError('createRecruboProxy: allowedOrigins is required (an array or a function)');
  const onError = options.onError;
  return {
    apiKey,
    store: options.store ?? createMemoryStore(),
    upstream: new URL(upstream).href.replace(/\/+$/, ''),
    basePath: normalizeBasePath(options.basePath),
    originAllowed: compileOriginCheck(
      {
        allowedOrigins: options.allowedOrigins,
        ...(options.publicOrigin !== undefined ? { publicOrigin: options.publicOrigin } : {}),
      },
      'createRecruboProxy',
    ),
    allow: [...(options.allow ?? defaultOperations)],
    ...(options.authorize ? { authorize: options.authorize } : {}),
    // Bound, because some runtimes throw "Illegal invocation" when fetch is called detached from globalThis.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs,
    maxBodyBytes,
    bodyTimeoutMs,
    maxResponseBytes,
    allowCredentials: options.allowCredentials ?? false,
    report: (error) => {
      if (!onError) return;
      try {
        onError(withoutSecret(error, apiKey));
      } catch {
        // A logger that throws must not turn an answer into a 500.
      }
    },
  };
}

/**
 * The error as it is when nothing in it (message, stack, cause chain) mentions the key; otherwise a plain Error
 * with the same name and a scrubbed message, so a runtime message quoting a header value cannot leak it to a log.
 */
function withoutSecret(error: unknown, secret: string): unknown {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (typeof current === 'object') {
      const e = current as { message?: unknown; stack?: unknown; cause?: unknown };
      texts.push(String(e.message ?? ''), String(e.stack ?? ''));
      try {
        texts.push(JSON.stringify(current) ?? '');
      } catch {
        // Not serialisable: message and stack were checked.
      }
      current = e.cause;
    } else {
      texts.push(String(current));
      current = undefined;
    }
  }
  if (!texts.some((text) => text.includes(secret))) return error;
  const message = String((error as { message?: unknown })?.message ?? error)
    .split(secret)
    .join('[redacted]');
  const clean = new Error(message);
  clean.name = String((error as { name?: unknown })?.name ?? 'Error');
  return clean;
}

/** CORS preflight: answered here (never forwarded), only for an allowed method on an allowed path. */
function preflight(
  request: Request,
  origin: string | null,
  candidates: readonly Operation[],
  shownPath: string,
  settings: Settings,
): Response {
  const wanted = request.headers.get('access-control-request-method');
  const methods = [...new Set(candidates.map((op) => op.method))];
  if (origin === null || wanted === null) {
    // Not a browser preflight: say what the path accepts, as a plain OPTIONS answer would.
    return new Response(null, {
      status: 204,
      headers: withSecurityHeaders(new Headers({ allow: methods.join(', '), vary: 'Origin' })),
    });
  }
  if (!methods.includes(wanted as Operation['method'])) {
    return errorResponse(forbidden(wanted, shownPath), corsHeaders(origin, settings.allowCredentials));
  }
  return new Response(null, {
    status: 204,
    headers: withSecurityHeaders(preflightHeaders(origin, methods, settings.allowCredentials)),
  });
}

/** The elements' `Idempotency-Key` on a POST, handed upstream only when it looks like one (a short token, no CR/LF). */
function idempotencyKeyOf(request: Request, method: string): { idempotencyKey?: string } {
  const key = request.headers.get('idempotency-key');
  return method === 'POST' && key && IDEMPOTENCY_KEY.test(key) ? { idempotencyKey: key } : {};
}
