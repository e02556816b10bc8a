// `Idempotency-Key` on the server parts: createRecruboProxy and createRecruboApply remember, through their store
// (memory or Redis), the first successful answer to a POST with a key. The same key with the same request within
// the window gets that answer again and nothing is sent upstream a second time; the same key with another request
// gets a clear 422. Requests with one key wait for each other (the store's lock), so two at once are still one.
// Only 2xx answers are kept: a refused or failed request may be corrected and sent again with its key.
import type { ProxyError } from './errors.ts';
import { storeHash } from './store/hash.ts';
import type { ApplyStore } from './store/types.ts';

/** How long a key's answer is kept (as the sandbox: 24 h). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Answers larger than this are not kept (POST answers are small; a huge one is relayed, not remembered). */
const MAX_KEPT_CHARS = 64 * 1024;
/** A key as the elements make it (a UUID) or any short token; anything else is ignored (not remembered). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** What is kept of an answer; the caller rebuilds its headers (CORS for the asking origin, security headers). */
export interface KeptAnswer {
  status: number;
  /** `content-type`, `retry-after`: the headers worth replaying. */
  headers: [string, string][];
  text: string | null;
}

interface Record_ {
  /** storeHash of the request (method, path, body). */
  f: string;
  a: KeptAnswer;
}

export interface IdempotencyOptions {
  store: ApplyStore;
  /** Namespace in the store (`proxy`, `apply`). */
  scope: string;
  /** The request's key, or undefined (then `send` just runs). */
  key: string | undefined;
  /** What makes two requests the same: method, path with query, body as sent on. */
  request: string;
  /** How long a second request waits for the first one with its key (the upstream deadline and a little). */
  waitMs: number;
  ttlMs?: number;
}

export type IdempotentResult<T> = { fresh: T } | { replayed: KeptAnswer } | { reused: true };

/**
 * Runs `send` once per key: a repeat with the same request gets `replayed`, one with another request `reused`.
 * `keep` says what of the fresh result to remember (undefined: nothing, e.g. not a 2xx).
 */
export async function once<T>(
  options: IdempotencyOptions,
  send: () => Promise<T>,
  keep: (result: T) => Promise<KeptAnswer | undefined>,
): Promise<IdempotentResult<T>> {
  const { store, key } = options;
  if (key === undefined || !IDEMPOTENCY_KEY.test(key)) return { fresh: await send() };
  const fingerprint = await storeHash(options.request);
  const name = `idem:${options.scope}:${await storeHash(key)}`;
  return store.withLock(
    name,
    async () => {
      const kept = parse(await store.get(name));
      if (kept && kept.f !== fingerprint) return { reused: true as const };
      if (kept) return { replayed: kept.a };
      const result = await send();
      const answer = await keep(result);
      if (answer && answer.status >= 200 && answer.status < 300 && (answer.text ?? '').length <= MAX_KEPT_CHARS) {
        const record: Record_ = { f: fingerprint, a: answer };
        await store.set(name, JSON.stringify(record), options.ttlMs ?? IDEMPOTENCY_TTL_MS);
      }
      return { fresh: result };
    },
    { ttlMs: options.waitMs, waitMs: options.waitMs },
  );
}

/** The 422 for a key sent again with another request. */
export const keyReused: ProxyError = {
  status: 422,
  code: 'idempotency_key_reused',
  title: 'Unprocessable Entity',
  detail: 'This Idempotency-Key was used for another request; use a new key for a new request',
  source: { header: 'Idempotency-Key' },
};

function parse(text: string | undefined): Record_ | undefined {
  if (!text) return undefined;
  try {
    const record = JSON.parse(text) as Record_;
    return typeof record.f === 'string' && record.a && typeof record.a.status === 'number' ? record : undefined;
  } catch {
    return undefined;
  }
}
