// recrubo-elements/proxy: a server-side handler that holds the real Recrubo API key and forwards only an
// allow-list of operations from the elements. A key in a web page is anyone's key; this keeps it on the server.
// Web-standard only (Request, Response, Headers, URL, fetch), so it runs in Node, Deno, Bun and edge runtimes.

import { checkDocument, readBody } from './body.ts';
import { compileOriginPolicy, corsHeaders, originAllowed, preflightHeaders, type OriginPolicy } from './cors.ts';
import {
  badGateway,
  badRequest,
  errorResponse,
  forbidden,
  gatewayTimeout,
  internalError,
  originForbidden,
  payloadTooLarge,
  unauthorized,
  type ProxyError,
} from './errors.ts';
import { callUpstream, safeResponseHeaders } from './forward.ts';
import { buildQuery, normalizeBasePath, operationsForTarget, parseTarget, relativePath } from './match.ts';
import { defaultOperations, type Operation } from './operations.ts';

export { defaultOperations, describeOperation, operations, operationsFor, SHORT_ID, UUID } from './operations.ts';
export type { BodyRule, FilterRule, Method, Operation } from './operations.ts';
export type { OriginPolicy } from './cors.ts';
export * from './webhooks/index.ts';

export const DEFAULT_UPSTREAM = 'https://api.recrubo.app/public/v2';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export interface RecruboProxyOptions {
  /** The real organisation key, from the server's environment. Never logged, echoed or put in an error. */
  apiKey: string;
  /** API root including `/public/v2`. Default `https://api.recrubo.app/public/v2`. */
  upstream?: string;
  /** Where the handler is mounted, e.g. `/recrubo` (elements then use `base-url="https://my-ats.example/recrubo"`). */
  basePath?: string;
  /** Exact origins (`https://ats.example`) or a predicate. Others get 403 and no CORS headers. */
  allowedOrigins: OriginPolicy;
  /** The operations this proxy forwards. Default: everything the elements use (`defaultOperations`). */
  allow?: readonly Operation[];
  /** The integrator's own session check; false → 401. Runs for every request except CORS preflights. */
  authorize?: (request: Request) => boolean | Promise<boolean>;
  /** A fetch to reach the upstream with (tests, custom agents). Default: the global fetch. */
  fetch?: typeof fetch;
  /** How long to wait for the upstream's response headers. Default 30 000 ms, then 504. */
  timeoutMs?: number;
  /** Largest accepted request body. Default 256 KB, then 413. */
  maxBodyBytes?: number;
  /** Send `Access-Control-Allow-Credentials: true`, for integrators whose `fetch` sends cookies cross-origin. */
  allowCredentials?: boolean;
  /** Told about upstream failures (502/504) and proxy bugs (500), for your logs. Errors never contain the key. */
  onError?: (error: unknown) => void;
}

export type RecruboProxyHandler = (request: Request) => Promise<Response>;

export function createRecruboProxy(options: RecruboProxyOptions): RecruboProxyHandler {
  const settings = compileSettings(options);

  return async function recruboProxy(request: Request): Promise<Response> {
    const origin = request.headers.get('origin');
    let cors = corsHeaders(null, false); // until the origin is known to be allowed: Vary only
    try {
      const url = new URL(request.url);
      if (!originAllowed(origin, url, settings.isAllowedOrigin)) return errorResponse(originForbidden(), cors);
      cors = corsHeaders(origin, settings.allowCredentials);
      const fail = (error: ProxyError) => errorResponse(error, cors);

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
        const read = await readBody(request, settings.maxBodyBytes);
        if ('tooLarge' in read) return fail(payloadTooLarge(settings.maxBodyBytes));
        if ('invalid' in read) return fail(badRequest('The request body is not UTF-8 text'));
        const checked = checkDocument(read.text, op.body, target.id);
        if ('malformed' in checked) return fail(badRequest(checked.malformed, checked.source));
        if ('refused' in checked) return fail(forbidden(request.method, target.path, checked.refused));
        body = JSON.stringify(checked.document);
      }

      const search = query.query.toString();
      const result = await callUpstream({
        url: `${settings.upstream}${target.path}${search ? `?${search}` : ''}`,
        method: op.method,
        ...(body !== undefined ? { body } : {}),
        apiKey: settings.apiKey,
        fetch: settings.fetch,
        timeoutMs: settings.timeoutMs,
        clientSignal: request.signal,
      });
      if ('failure' in result) {
        settings.onError?.(result.error);
        return fail(result.failure === 'timeout' ? gatewayTimeout() : badGateway());
      }
      const upstream = result.response;
      // A redirect is not followed (see forward.ts) and not passed on: the elements cannot use one.
      if (upstream.status >= 300 && upstream.status < 400) {
        await upstream.body?.cancel().catch(() => {});
        return fail(badGateway());
      }
      const headers = safeResponseHeaders(upstream, cors);
      // Answers depend on who asked (authorize); no shared cache may keep them.
      headers.set('cache-control', 'no-store');
      const noBody = upstream.status === 204 || upstream.status === 205 || upstream.status === 304;
      return new Response(noBody ? null : upstream.body, { status: upstream.status, headers });
    } catch (error) {
      settings.onError?.(error);
      return errorResponse(internalError(), cors);
    }
  };
}

interface Settings {
  apiKey: string;
  upstream: string;
  basePath: string;
  isAllowedOrigin: (origin: string) => boolean;
  allow: readonly Operation[];
  authorize?: (request: Request) => boolean | Promise<boolean>;
  fetch: typeof fetch;
  timeoutMs: number;
  maxBodyBytes: number;
  allowCredentials: boolean;
  onError?: (error: unknown) => void;
}

/** Checks the options once, at start-up: a misconfigured proxy should fail to boot, not fail open. */
function compileSettings(options: RecruboProxyOptions): Settings {
  // The messages name the option, never its value: the key must not end up in a crash log.
  if (typeof options?.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new TypeError('createRecruboProxy: apiKey is required (read it from the server environment)');
  }
  const upstream = (options.upstream ?? DEFAULT_UPSTREAM).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(upstream)) throw new TypeError('createRecruboProxy: upstream must be an http(s) URL');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!(timeoutMs > 0)) throw new TypeError('createRecruboProxy: timeoutMs must be a positive number');
  if (!(maxBodyBytes > 0)) throw new TypeError('createRecruboProxy: maxBodyBytes must be a positive number');
  if (!options.fetch && typeof globalThis.fetch !== 'function') throw new TypeError('createRecruboProxy: no fetch available; pass options.fetch');
  return {
    apiKey: options.apiKey,
    upstream: new URL(upstream).href.replace(/\/+$/, ''),
    basePath: normalizeBasePath(options.basePath),
    isAllowedOrigin: compileOriginPolicy(options.allowedOrigins),
    allow: [...(options.allow ?? defaultOperations)],
    ...(options.authorize ? { authorize: options.authorize } : {}),
    // Bound, because some runtimes throw "Illegal invocation" when fetch is called detached from globalThis.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs,
    maxBodyBytes,
    allowCredentials: options.allowCredentials ?? false,
    ...(options.onError ? { onError: options.onError } : {}),
  };
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
    return new Response(null, { status: 204, headers: { allow: methods.join(', '), vary: 'Origin' } });
  }
  if (!methods.includes(wanted as Operation['method'])) {
    return errorResponse(forbidden(wanted, shownPath), corsHeaders(origin, settings.allowCredentials));
  }
  return new Response(null, { status: 204, headers: preflightHeaders(origin, methods, settings.allowCredentials) });
}
