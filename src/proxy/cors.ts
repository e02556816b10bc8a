// Which browser origins may use the proxy, and the CORS headers they get. Only exact origins are accepted (no
// wildcard, no suffix match): a page on any other site must not be able to spend the organisation's key.

/** An option value in a start-up message: a misplaced secret or a megabyte string must not fill a crash log. */
const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

export type OriginPolicy = readonly string[] | ((origin: string) => boolean);

/**
 * Headers the elements send: Authorization carries a `tokenProvider` token for `authorize`, never upstream;
 * Idempotency-Key goes with `<recrubo-start-run>`'s POSTs.
 */
const ALLOW_HEADERS = 'Accept, Authorization, Content-Type, Idempotency-Key';
const EXPOSE_HEADERS = 'Retry-After';
const MAX_AGE = '600';

/** Checks and normalises a list up front, so a typo fails at start-up instead of silently locking a page out. */
export function compileOriginPolicy(
  policy: OriginPolicy,
  who = 'createRecruboProxy',
  option = 'allowedOrigins',
): (origin: string) => boolean {
  if (typeof policy === 'function') return policy;
  if (!Array.isArray(policy)) throw new TypeError(`${who}: ${option} must be an array or a function`);
  const origins = new Set<string>();
  for (const entry of policy) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new TypeError(
        `${who}: ${option} entry "${shorten(String(entry))}" is not an origin like https://example.com`,
      );
    }
    if (url.origin === 'null' || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
      throw new TypeError(
        `${who}: ${option} entry "${shorten(String(entry))}" is not an origin like https://example.com`,
      );
    }
    origins.add(url.origin);
  }
  return (origin) => origins.has(origin);
}

/** Headers for every answer to an allowed origin. `Vary: Origin` always, so no cache serves one origin's answer to another. */
export function corsHeaders(origin: string | null, allowCredentials: boolean): Headers {
  const headers = new Headers({ vary: 'Origin' });
  if (origin === null) return headers;
  headers.set('access-control-allow-origin', origin);
  headers.set('access-control-expose-headers', EXPOSE_HEADERS);
  if (allowCredentials) headers.set('access-control-allow-credentials', 'true');
  return headers;
}

export function preflightHeaders(origin: string, methods: readonly string[], allowCredentials: boolean): Headers {
  const headers = corsHeaders(origin, allowCredentials);
  headers.set('access-control-allow-methods', methods.join(', '));
  headers.set('access-control-allow-headers', ALLOW_HEADERS);
  headers.set('access-control-max-age', MAX_AGE);
  return headers;
}
