// The default store: one process's memory. Right for a single server instance; with several instances behind a
// load balancer each would count and lock on its own, so use createRedisStore there.
import {
  DEFAULT_LOCK_WAIT_MS,
  LockTimeoutError,
  type ApplyStore,
  type CounterResult,
  type LockOptions,
} from './types.ts';

interface Entry {
  value: string;
  expiresAt: number;
}

export interface MemoryStoreOptions {
  /** The clock (tests of expiry). Default `Date.now`. */
  now?: () => number;
  /** Most entries kept; past it the oldest are dropped, so a flood of distinct keys cannot exhaust memory. Default 100 000. */
  maxEntries?: number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): ApplyStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 100_000;
  const entries = new Map<string, Entry>();
  /** The tail of each key's queue: the promise the next holder waits for. */
  const locks = new Map<string, Promise<void>>();
  let writes = 0;

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  /** Every so often, and whenever full: drop expired entries, then the oldest (a Map iterates in insertion order). */
  const sweep = () => {
    if (++writes % 1000 !== 0 && entries.size < maxEntries) return;
    const t = now();
    for (const [key, entry] of entries) if (entry.expiresAt <= t) entries.delete(key);
    for (const key of entries.keys()) {
      if (entries.size < maxEntries) break;
      entries.delete(key);
    }
  };

  const put = (key: string, value: string, ttlMs: number) => {
    sweep();
    entries.delete(key); // re-insert at the end: the newest
    entries.set(key, { value, expiresAt: now() + ttlMs });
  };

  return {
    async increment(key, ttlMs): Promise<CounterResult> {
      const entry = live(key);
      if (!entry) {
        put(key, '1', ttlMs);
        return { count: 1, resetMs: ttlMs };
      }
      // Synchronous read-modify-write: nothing else runs in between in one JavaScript process.
      const count = Number(entry.value) + 1;
      entry.value = String(count);
      return { count, resetMs: Math.max(0, entry.expiresAt - now()) };
    },
    async get(key) {
      return live(key)?.value;
    },
    async set(key, value, ttlMs) {
      put(key, value, ttlMs);
    },
    async withLock<T>(key: string, fn: () => Promise<T>, lockOptions: LockOptions = {}): Promise<T> {
      const waitMs = lockOptions.waitMs ?? DEFAULT_LOCK_WAIT_MS;
      const before = locks.get(key) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      // Queue behind the current holder even if we give up waiting, so the order stays first come, first served.
      const tail = before.then(() => mine);
      locks.set(key, tail);
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const acquired = await Promise.race([
          before.then(() => true),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), waitMs))),
        ]);
        if (!acquired) throw new LockTimeoutError();
        return await fn();
      } finally {
        clearTimeout(timer);
        release();
        if (locks.get(key) === tail) void tail.then(() => locks.get(key) === tail && locks.delete(key));
      }
    },
    async close() {
      entries.clear();
    },
  };
}
