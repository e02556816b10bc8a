/**
 * CORS for any origin on the API (it is a sandbox), including Authorization; Retry-After readable by scripts.
 * Not on the control routes (`/__sandbox/<t>/control`, `/requests`): those take no key, so a page on any other
 * origin could reset a developer's sandbox or read its request log with a simple POST or GET (issue #12.9).
 * They get no CORS headers and refuse cross-origin requests (routes/control.ts).
 */
import type { MiddlewareHandler } from 'hono';

const HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'access-control-expose-headers': 'Retry-After',
  'access-control-max-age': '600',
};
const ALLOWED = 'Authorization, Content-Type, Accept';

const CONTROL_PATH = /^\/__sandbox\/[^/]+\/(?:control|requests)\/?$/;

export const isControlPath = (pathname: string): boolean => CONTROL_PATH.test(pathname);

export const cors: MiddlewareHandler = async (c, next) => {
  if (isControlPath(new URL(c.req.url).pathname)) {
    // A preflight for a control route is a cross-origin page asking: refused, without CORS headers.
    if (c.req.method === 'OPTIONS') return new Response(null, { status: 403 });
    return next();
  }
  if (c.req.method === 'OPTIONS') {
    // Answered before auth and faults: a preflight never carries the key.
    const asked = c.req.header('access-control-request-headers');
    return new Response(null, {
      status: 204,
      headers: { ...HEADERS, 'access-control-allow-headers': asked ? `${ALLOWED}, ${asked}` : ALLOWED },
    });
  }
  await next();
  for (const [k, v] of Object.entries(HEADERS)) c.res.headers.set(k, v);
};
