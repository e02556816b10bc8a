// The default store: one process's memory. Right for a single server instance; with several instances behind a
// load balancer each would count and lock on its own, so use createRedisStore there.
//
// Entries live in buckets, one per key namespace (the key up to its last `:`: `ticket`, `recent:<flow>`,
// `idem:apply`, `limit:client:c`, `limit:number:n`, …), each bounded by `maxEntries` on its own. So a flood of one
// kind (status requests from many addresses, each with a counter) drops only the oldest entries of its own kind,
// never a candidate's ticket or a number's limit. Every operation is O(1): a Map iterates in insertion order, so
// the oldest entry of a bucket is its first one, and expired entries are dropped when read or when they reach the
// front of their bucket, never by scanning.
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
  /**
   * Most entries kept per bucket (key namespace); past it the oldest of that bucket is dropped, so a flood of
   * distinct keys of one kind cannot exhaust memory or push out entries of another kind. Default 100 000.
   */
  maxEntries?: number;
}

/** The bucket of a key: everything before its last `:` (the callers' namespace; the rest is a hash or a token). */
export const bucketOf = (key: string): string => key.slice(0, Math.max(0, key.lastIndexOf(':')));

export function createMemoryStore(options: MemoryStoreOptions = {}): ApplyStore {
  const now = options.now ?? Date.now;
  const maxEntries = Math.max(1, options.maxEntries ?? 100_000);
  const buckets = new Map<string, Map<string, Entry>>();
  /** The tail of each key's queue: the promise the next holder waits for. */
  const locks = new Map<string, Promise<void>>();

  const bucket = (key: string): Map<string, Entry> => {
    const name = bucketOf(key);
    let entries = buckets.get(name);
    if (!entries) buckets.set(name, (entries = new Map()));
    return entries;
  };

  const live = (key: string): Entry | undefined => {
    const entries = buckets.get(bucketOf(key));
    const entry = entries?.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now()) {
      entries!.delete(key);
      return undefined;
    }
    return entry;
  };

  const put = (key: string, value: string, ttlMs: number) => {
    const entries = bucket(key);
    entries.delete(key); // re-insert at the end: the newest
    const t = now();
    // Constant work per write: drop up to two expired entries from the front, then the oldest while full.
    for (let i = 0; i < 2; i++) {
      const first = entries.entries().next().value as [string, Entry] | undefined;
      if (!first || first[1].expiresAt > t) break;
      entries.delete(first[0]);
    }
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(key, { value, expiresAt: t + ttlMs });
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
      buckets.clear();
    },
  };
}
