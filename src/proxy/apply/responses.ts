// What the apply endpoint writes. Success bodies are tiny JSON objects with only what the page may know; errors are
// JSON:API error documents like the proxy's, with a `source.pointer` into the request body where a field is at fault
// (so the element can put the message next to that field).
import { errorResponse, withSecurityHeaders, type ProxyError } from '../guard.ts';

export type { ProxyError };

export function securityHeaders(into: Headers): Headers {
  // An apply answer is about one person: no cache may keep it, no browser may sniff it into something else.
  into.set('cache-control', 'no-store');
  return withSecurityHeaders(into);
}

export function json(body: unknown, status: number, headers: Headers): Response {
  const out = securityHeaders(new Headers(headers));
  out.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { status, headers: out });
}

export function fail(error: ProxyError, headers: Headers, retryAfterSeconds?: number): Response {
  const out = securityHeaders(new Headers(headers));
  if (retryAfterSeconds !== undefined) out.set('retry-after', String(retryAfterSeconds));
  return errorResponse(error, out);
}

const problem = (status: number, code: string, title: string, detail: string, pointer?: string): ProxyError => ({
  status,
  code,
  title,
  detail,
  ...(pointer ? { source: { pointer } } : {}),
});

export const refusals = {
  origin: () => problem(403, 'forbidden', 'Forbidden', 'This origin may not use this apply endpoint'),
  method: (method: string) =>
    problem(405, 'method_not_allowed', 'Method Not Allowed', `${method.slice(0, 10)} is not supported here`),
  notFound: () => problem(404, 'not_found', 'Not Found', 'There is nothing at this address'),
  badBody: (detail: string, pointer?: string) => problem(400, 'bad_request', 'Bad Request', detail, pointer),
  invalid: (detail: string, pointer?: string) => problem(422, 'invalid_value', 'Unprocessable Entity', detail, pointer),
  honeypot: () => problem(400, 'rejected', 'Bad Request', 'The form was not filled in as a person would'),
  consent: () =>
    problem(
      422,
      'consent_required',
      'Unprocessable Entity',
      'Consent to be contacted on WhatsApp is required',
      '/consent',
    ),
  vacancy: () =>
    problem(
      422,
      'unknown_vacancy',
      'Unprocessable Entity',
      'This vacancy is not open for applications here',
      '/vacancy',
    ),
  phone: () =>
    problem(422, 'invalid_phone', 'Unprocessable Entity', 'This is not a valid mobile phone number', '/phone'),
  notMobile: () =>
    problem(422, 'invalid_phone', 'Unprocessable Entity', 'This number cannot receive WhatsApp messages', '/phone'),
  country: () =>
    problem(
      422,
      'country_not_allowed',
      'Unprocessable Entity',
      'Numbers from this country are not accepted here',
      '/phone',
    ),
  rateLimited: (scope: string) =>
    problem(429, 'rate_limited', 'Too Many Requests', `Too many attempts (${scope}); try again later`),
  verify: () => problem(403, 'verification_failed', 'Forbidden', 'The request could not be verified'),
  unknownTicket: () =>
    problem(404, 'unknown_ticket', 'Not Found', 'This application is not known (it may have expired)'),
  busy: () =>
    problem(503, 'busy', 'Service Unavailable', 'Another application for this number is being processed; try again'),
  storeUnavailable: () =>
    problem(
      503,
      'store_unavailable',
      'Service Unavailable',
      'Applications cannot be taken right now; nothing was sent, try again shortly',
    ),
  upstream: () => problem(502, 'bad_gateway', 'Bad Gateway', 'The application could not be passed on; try again later'),
  internal: () => problem(500, 'internal_error', 'Internal Server Error', 'The apply endpoint failed'),
};
