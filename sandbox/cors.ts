/** CORS for any origin (it is a sandbox), including Authorization; Retry-After readable by scripts. */
import type { MiddlewareHandler } from 'hono';

const HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'access-control-expose-headers': 'Retry-After',
  'access-control-max-age': '600',
};
const ALLOWED = 'Authorization, Content-Type, Accept';

export const cors: MiddlewareHandler = async (c, next) => {
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
