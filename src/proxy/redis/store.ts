// createRedisStore: the apply endpoint's state in Redis, for integrators with more than one server instance. Every
// instance sharing one Redis then counts against the same rate limits and takes the same per-number lock, so two
// applies for one number that land on two instances still produce one run.
//
// Only raw commands through `sendCommand` are used (node-redis v4+), so the store works with whichever node-redis
// client the integrator already has, and `redis` stays an optional peer dependency loaded only for `{ url }`.
import {
  DEFAULT_LOCK_TTL_MS,
  DEFAULT_LOCK_WAIT_MS,
  LockTimeoutError,
  StoreUnavailableError,
  type ApplyStore,
  type LockOptions,
} from '../store/types.ts';

/** The part of a node-redis client the store needs. */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** `redis://host:port`: the store connects (with the `redis` package) and `close()` disconnects. */
  url?: string;
  /** A connected node-redis client of yours; `close()` leaves it open. */
  client?: RedisCommandClient;
  /** Put before every key, so one Redis can serve several apps. Default `recrubo:apply:`. */
  prefix?: string;
  /** How often a waiting lock is tried again. Default 25 ms. */
  lockPollMs?: number;
  /**
   * A command without an answer after this fails with `StoreUnavailableError` (the endpoints answer 503 with
   * Retry-After), instead of waiting in the client's offline queue while Redis is down. Default 1000 ms.
   */
  commandTimeoutMs?: number;
}

// INCR then, on the first increment only, the window's expiry; one script, so no other client sees a counter
// without its expiry (a crash between two commands would otherwise leave a limit that never resets).
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

// Extend the lock only if it is still ours (renewed while its holder works).
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

// Delete the lock only if it is still ours: after our ttl ran out another holder may have taken it.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export function createRedisStore(options: RedisStoreOptions): ApplyStore {
  if (!options || (!options.url && !options.client))
    throw new TypeError('createRedisStore: pass { url } or { client }');
  const prefix = options.prefix ?? 'recrubo:apply:';
  const pollMs = options.lockPollMs ?? 25;
  const commandTimeoutMs = options.commandTimeoutMs ?? 1000;
  let owned:
    | {
        sendCommand(args: string[]): Promise<unknown>;
        close?(): Promise<unknown>;
        quit?(): Promise<unknown>;
        destroy?(): void;
      }
    | undefined;
  let ready: Promise<RedisCommandClient> | undefined;

  type RedisModule = {
    createClient(o: { url: string }): NonNullable<typeof owned> & {
      connect(): Promise<unknown>;
      on(e: string, f: (err: unknown) => void): unknown;
    };
  };
  // Loading the package is not timed (it is local, and slow only the first time); connecting and commands are.
  let loaded: Promise<RedisModule> | undefined;
  const load = () => (loaded ??= import('redis') as unknown as Promise<RedisModule>);
  const client = (): Promise<RedisCommandClient> => {
    if (options.client) return Promise.resolve(options.client);
    ready ??= (async () => {
      const { createClient } = await load();
      const c = createClient({ url: options.url! });
      // Without a listener node-redis throws connection errors as uncaught; commands still reject on their own.
      c.on('error', () => {});
      await c.connect();
      owned = c;
      return c;
    })();
    // A failed first connection is tried again by the next command (Redis may have been down at start-up).
    ready.catch(() => (ready = undefined));
    return ready;
  };
  /** One command, answered within commandTimeoutMs or failed with StoreUnavailableError (never a hang). */
  const send = async (args: string[]): Promise<unknown> => {
    if (!options.client) await load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError()), commandTimeoutMs);
    });
    try {
      return await Promise.race([client().then((c) => c.sendCommand(args)), timeout]);
    } catch (error) {
      throw error instanceof StoreUnavailableError ? error : new StoreUnavailableError({ cause: error });
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async increment(key, ttlMs) {
      const reply = (await send(['EVAL', INCREMENT, '1', prefix + key, String(Math.max(1, Math.ceil(ttlMs)))])) as [
        number,
        number,
      ];
      return { count: Number(reply[0]), resetMs: Math.max(0, Number(reply[1])) };
    },
    async get(key) {
      const value = await send(['GET', prefix + key]);
      return value === null || value === undefined ? undefined : String(value);
    },
    async set(key, value, ttlMs) {
      await send(['SET', prefix + key, value, 'PX', String(Math.max(1, Math.ceil(ttlMs)))]);
    },
    async withLock<T>(key: string, fn: () => Promise<T>, lockOptions: LockOptions = {}): Promise<T> {
      const ttlMs = lockOptions.ttlMs ?? DEFAULT_LOCK_TTL_MS;
      const waitMs = lockOptions.waitMs ?? DEFAULT_LOCK_WAIT_MS;
      const name = `${prefix}lock:${key}`;
      const token = randomToken();
      const deadline = Date.now() + waitMs;
      for (;;) {
        const got = await send(['SET', name, token, 'PX', String(ttlMs), 'NX']);
        if (got !== null && got !== undefined) break;
        if (Date.now() >= deadline) throw new LockTimeoutError();
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      // Renewed while held: the work under the lock (upstream calls with their own timeouts) may outlast ttlMs.
      const renew = setInterval(
        () => void send(['EVAL', RENEW, '1', name, token, String(ttlMs)]).catch(() => {}),
        Math.max(50, Math.floor(ttlMs / 3)),
      );
      try {
        return await fn();
      } finally {
        clearInterval(renew);
        await send(['EVAL', RELEASE, '1', name, token]).catch(() => {});
      }
    },
    async close() {
      const c = owned;
      owned = undefined;
      ready = undefined;
      if (!c) return;
      // A graceful close waits for Redis; while Redis is down it would wait for good, so it is given a moment and
      // then the connection is destroyed.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const closed = await Promise.race([
        (c.close ?? c.quit)?.call(c).then(
          () => true,
          () => false,
        ),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), commandTimeoutMs))),
      ]);
      clearTimeout(timer);
      if (!closed) c.destroy?.();
    },
  };
}

function randomToken(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
