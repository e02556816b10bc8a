/**
 * `Idempotency-Key` on POSTs: a sandbox decision (Recrubo documents no such header), modelled on Stripe's and the
 * IETF httpapi draft "The Idempotency-Key HTTP Header Field":
 * - same key, same request (method, path with query, body) within 24 h → the first answer again (status, body,
 *   nothing created twice), with `Idempotent-Replayed: true`;
 * - same key, another request → 422 `idempotency_key_reused`;
 * - same key while the first request is still being answered (e.g. `?sync=true`) → 409 `idempotency_key_in_use`;
 * - only successful (2xx) answers are kept: a request refused (4xx) or failed (5xx, a fault) may be retried with
 *   the same key once corrected, as Stripe does for validation errors.
 * Keys are per tenant. Answers with a key say so in `meta.sandboxIdempotency`.
 */
import type { MiddlewareHandler } from 'hono';
import type { Env } from './env.ts';
import { badRequest, errorResponse, JSONAPI } from './errors.ts';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY = /^[\x21-\x7e]{1,255}$/;

export interface Kept {
  fingerprint: string;
  at: number;
  /** null while the first request is in flight. */
  answer: { status: number; body: string; headers: [string, string][] } | null;
}

const NOTE = 'Idempotency-Key is a sandbox decision: Recrubo documents no such header (see docs/sandbox.md).';

/** Canonical JSON (keys sorted) so that formatting and key order do not make two bodies differ. */
function canonical(text: string): string {
  try {
    const sort = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sort)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
            )
          : v;
    return JSON.stringify(sort(JSON.parse(text)));
  } catch {
    return text;
  }
}

function withMeta(body: string, meta: Record<string, unknown>): string {
  try {
    const doc = JSON.parse(body) as Record<string, unknown>;
    doc.meta = { ...(doc.meta as object), sandboxIdempotency: meta };
    return JSON.stringify(doc);
  } catch {
    return body;
  }
}

const idempotencyError = (status: 409 | 422, code: string, title: string, detail: string, key: string) =>
  new Response(
    JSON.stringify({
      errors: [{ code, status: String(status), title, detail, source: { header: 'Idempotency-Key' } }],
      meta: { sandboxIdempotency: { key, note: NOTE } },
    }),
    { status, headers: { 'content-type': JSONAPI } },
  );

export const idempotency: MiddlewareHandler<Env> = async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (c.req.method !== 'POST' || key === undefined) return next();
  if (!KEY.test(key)) {
    return errorResponse(400, [
      badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters', { parameter: 'Idempotency-Key' }),
    ]);
  }
  const t = c.get('tenant');
  const now = t.now();
  for (const [k, kept] of t.idempotency) if (now - kept.at > IDEMPOTENCY_TTL_MS) t.idempotency.delete(k);
  const url = new URL(c.req.url);
  const path = url.pathname.slice(url.pathname.indexOf('/public/v2'));
  const fingerprint = `POST ${path}${url.search}\n${canonical(await c.req.raw.clone().text())}`;
  const kept = t.idempotency.get(key);
  if (kept && kept.fingerprint !== fingerprint) {
    return idempotencyError(
      422,
      'idempotency_key_reused',
      'Idempotency Key Reused',
      `Idempotency-Key ${key} was used for another request (${kept.fingerprint.split('\n')[0]} with another body) in the last 24 hours; use a new key for a new request`,
      key,
    );
  }
  if (kept && !kept.answer) {
    return idempotencyError(
      409,
      'idempotency_key_in_use',
      'Conflict',
      `A request with Idempotency-Key ${key} is still being answered; retry when it is done`,
      key,
    );
  }
  if (kept?.answer) {
    const { status, body, headers } = kept.answer;
    return new Response(withMeta(body, { key, replayed: true, firstAt: new Date(kept.at).toISOString(), note: NOTE }), {
      status,
      headers: [...headers, ['idempotent-replayed', 'true']],
    });
  }
  const entry: Kept = { fingerprint, at: now, answer: null };
  t.idempotency.set(key, entry);
  try {
    await next();
  } finally {
    const res = c.res;
    if (res.status >= 200 && res.status < 300 && t.idempotency.get(key) === entry) {
      const body = await res.clone().text();
      const headers = [...res.headers].filter(([h]) => h === 'content-type');
      entry.answer = { status: res.status, body, headers };
      const out = new Headers(res.headers);
      out.delete('content-length');
      c.res = new Response(withMeta(body, { key, replayed: false, note: NOTE }), { status: res.status, headers: out });
    } else if (t.idempotency.get(key) === entry) t.idempotency.delete(key);
  }
};
