// `Idempotency-Key` for POSTs: one fresh key per user action, the same key whenever that action's request is sent
// again, so a server that honours the header (the sandbox does) creates the resource at most once.

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** A random v4 UUID. `crypto.randomUUID` exists only in secure contexts, so plain `http://` LAN pages fall back. */
export function newIdempotencyKey(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const idempotencyHeaders = (key: string | undefined): Record<string, string> | undefined =>
  key ? { [IDEMPOTENCY_HEADER]: key } : undefined;

/**
 * The key of one user action that may be sent again: the same key while the body is the same and the last attempt
 * got no answer at all (it may have arrived, so the server must recognise the repeat); a fresh key otherwise.
 */
export class RepeatKey {
  private pending: { body: string; key: string } | undefined;

  /** The key for sending `body` now. */
  for(body: unknown): string {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    if (this.pending?.body !== text) this.pending = { body: text, key: newIdempotencyKey() };
    return this.pending.key;
  }

  /** After an attempt: keep the key only when it ended without an answer (a dropped connection, a timeout). */
  settle(error?: unknown): void {
    const kind = (error as { kind?: string } | undefined)?.kind;
    if (kind !== 'network' && kind !== 'timeout') this.pending = undefined;
  }
}
