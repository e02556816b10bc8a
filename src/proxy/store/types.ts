// The state an apply endpoint keeps between requests: rate-limit counters, the per-number lock that turns two
// concurrent applies into one run, and the ticket → run mapping. Small on purpose, so that a store for another
// database is a page of code. Keys are namespaced by the caller; values are strings (JSON when structured).

export interface CounterResult {
  /** The count after this increment. */
  count: number;
  /** Milliseconds until the counter expires (its window ends). */
  resetMs: number;
}

export interface LockOptions {
  /**
   * How long the lock is held at most if its holder dies (Redis). While its holder is alive the lock is renewed
   * (every third of this), so work that takes longer (slow upstream calls) still holds it. Default 15 000 ms.
   */
  ttlMs?: number;
  /** How long to wait for a held lock before giving up with `LockTimeoutError`. Default 15 000 ms. */
  waitMs?: number;
}

export interface ApplyStore {
  /**
   * Atomically adds one to the counter at `key` and returns the new count. The first increment starts the window:
   * the counter expires `ttlMs` after it (a fixed window, not extended by later increments).
   */
  increment(key: string, ttlMs: number): Promise<CounterResult>;
  /** The value at `key`, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Sets `key` to `value`, expiring after `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /**
   * Runs `fn` while holding the lock named `key`: calls for the same key, from this process or (Redis) any other
   * one sharing the store, run one after the other. Calls for different keys do not wait for each other.
   */
  withLock<T>(key: string, fn: () => Promise<T>, options?: LockOptions): Promise<T>;
  /** Releases what the store holds (timers, a connection it opened itself). */
  close?(): Promise<void>;
}

export class LockTimeoutError extends Error {
  constructor() {
    super('The store lock was not released in time');
    this.name = 'LockTimeoutError';
  }
}

/**
 * The store could not be reached or did not answer in time (Redis down, a network split). The apply endpoint and the
 * proxy answer 503 with Retry-After: nothing was done, the page may try again.
 */
export class StoreUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The store is not available', options);
    this.name = 'StoreUnavailableError';
  }
}

export const DEFAULT_LOCK_TTL_MS = 15_000;
export const DEFAULT_LOCK_WAIT_MS = 15_000;
