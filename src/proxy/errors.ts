// JSON:API error documents, the only kind of body the proxy writes itself. They never carry the API key, an
// upstream URL or an exception message: an error body goes to the browser, so it says what was refused, not why
// something broke inside.

export const JSON_API = 'application/vnd.api+json';

/** Where a refused request went wrong, as JSON:API's `source` member (`pointer` into the body, or `parameter`). */
export interface ErrorSource {
  pointer?: string;
  parameter?: string;
  /** A request header at fault (`Idempotency-Key`). */
  header?: string;
}

export interface ProxyError {
  status: number;
  code: string;
  title: string;
  detail: string;
  source?: ErrorSource;
}

export function errorResponse(error: ProxyError, headers?: Headers): Response {
  const entry: Record<string, unknown> = {
    status: String(error.status), // a string, as Recrubo sends it (reference §1.5)
    code: error.code,
    title: error.title,
    detail: error.detail,
  };
  if (error.source) entry.source = error.source;
  const out = new Headers(headers);
  out.set('content-type', JSON_API);
  // The security headers of guard.ts, written out here so errors.ts stays a leaf module (guard.ts imports it).
  out.set('x-content-type-options', 'nosniff');
  out.set(
    'content-security-policy',
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox",
  );
  out.set('referrer-policy', 'no-referrer');
  return new Response(JSON.stringify({ errors: [entry] }), { status: error.status, headers: out });
}

/** Keeps an echoed path short: a detail message is no place for a megabyte of attacker input. */
function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A refusal of the allow-list. With a `source`, the detail names what was refused: the query parameter or the body
 * member (its name, shortened; never the value that was sent). `value`: the member is allowed, this value is not.
 */
export function forbidden(method: string, path: string, source?: ErrorSource, value = false): ProxyError {
  // Both come from the client (the method of a preflight is a header's value): never copied whole.
  const what = `${shorten(method, 32)} ${shorten(path)}`;
  const field = source?.pointer
    ? `${value ? 'this value of the body member' : 'the body member'} ${shorten(source.pointer, 100)}`
    : source?.parameter
      ? `the query parameter ${shorten(source.parameter, 100)}`
      : undefined;
  return {
    status: 403,
    code: 'forbidden',
    title: 'Forbidden',
    detail: field ? `${what}: ${field} is not allowed by this proxy` : `${what} is not allowed by this proxy`,
    ...(source ? { source } : {}),
  };
}

export function originForbidden(): ProxyError {
  return { status: 403, code: 'forbidden', title: 'Forbidden', detail: 'This origin is not allowed by this proxy' };
}

export function unauthorized(): ProxyError {
  return { status: 401, code: 'unauthorized', title: 'Unauthorized', detail: 'The request was not authorized' };
}

export function badRequest(detail: string, source?: ErrorSource): ProxyError {
  return { status: 400, code: 'bad_request', title: 'Bad Request', detail, ...(source ? { source } : {}) };
}

export function payloadTooLarge(limit: number): ProxyError {
  return {
    status: 413,
    code: 'payload_too_large',
    title: 'Payload Too Large',
    detail: `The request body is larger than ${limit} bytes`,
  };
}

export function requestTimeout(): ProxyError {
  return {
    status: 408,
    code: 'request_timeout',
    title: 'Request Timeout',
    detail: 'The request body did not arrive in time',
  };
}

/** The upstream answered something the proxy will not relay (not JSON, too big, too slow, or carrying the key). */
export function upstreamRefused(): ProxyError {
  return {
    status: 502,
    code: 'bad_gateway',
    title: 'Bad Gateway',
    detail: 'The Recrubo API answered with something this proxy does not relay',
  };
}

export function badGateway(): ProxyError {
  return { status: 502, code: 'bad_gateway', title: 'Bad Gateway', detail: 'The Recrubo API could not be reached' };
}

export function gatewayTimeout(): ProxyError {
  return {
    status: 504,
    code: 'gateway_timeout',
    title: 'Gateway Timeout',
    detail: 'The Recrubo API did not answer in time',
  };
}

export function internalError(): ProxyError {
  return { status: 500, code: 'internal_error', title: 'Internal Server Error', detail: 'The proxy failed' };
}

/** Retry-After (seconds) of a 503 while the store is unavailable: long enough for Redis to come back or fail over. */
export const STORE_RETRY_AFTER_S = 5;

export function storeUnavailable(): ProxyError {
  return {
    status: 503,
    code: 'store_unavailable',
    title: 'Service Unavailable',
    detail: 'The request could not be handled right now; nothing was done, try again shortly',
  };
}
