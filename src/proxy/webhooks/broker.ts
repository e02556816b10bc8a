// The broker between the webhook receiver and the event streams: "this resource changed" goes in on one side and
// out to every stream handler on the other, and a delivery id is claimed once so a redelivered webhook is ignored.
// createMemoryBroker() is for one server process (pass the same instance to both handlers); several instances
// share createRedisBroker() from `recrubo-elements/proxy/redis`.

/**
 * What travels from Recrubo's webhook to the page: which resource changed, its new status and when. Nothing else
 * (no text, no name, no phone number): a page that shows more fetches it through the normal, authorised API path.
 */
export interface RecruboChange {
  /** JSON:API type: `flowRuns`, `flowGenerations`, `messages`, `messageThreads` or `conversations`. */
  type: string;
  id: string;
  /**
   * `status` (or a message's `deliveryStatus`) as the webhook said. null when the resource has none, and on the
   * change a new message makes to its thread (`messageThreads:<id>`, "its messages changed").
   */
  status: string | null;
  /** The resource's `updatedAt` (ISO 8601) as the webhook said: the page applies a change only when it is newer. */
  updatedAt?: string | null;
}

export interface BrokerSubscription {
  /** Every change published by any receiver sharing this broker. */
  onChange: (change: RecruboChange) => void;
  /**
   * The broker may have missed changes (its connection to Redis dropped and came back): whoever listens must
   * assume anything changed. Pub/sub keeps nothing for a disconnected subscriber.
   */
  onResync?: () => void;
}

export interface RecruboBroker {
  publish(change: RecruboChange): Promise<void>;
  /** Resolves once the subscription is live; the returned function ends it. */
  subscribe(subscription: BrokerSubscription): Promise<() => Promise<void>>;
  /** true the first time `key` is claimed within `ttlMs` (dedupe of webhook deliveries), false after. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back (the change could not be published, so a redelivery must go through). */
  release(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface MemoryBrokerOptions {
  /** Most delivery ids remembered for dedupe (oldest forgotten first). Default 100 000. */
  maxClaims?: number;
  /** Injectable clock for claim expiry (tests). */
  now?: () => number;
}

/** One process: publish calls every subscriber synchronously-ish (a microtask later), claims live in a bounded map. */
export function createMemoryBroker(options: MemoryBrokerOptions = {}): RecruboBroker {
  const maxClaims = options.maxClaims ?? 100_000;
  const now = options.now ?? Date.now;
  const subscribers = new Set<BrokerSubscription>();
  // Insertion order is expiry order for equal ttls, which is what the receiver uses.
  const claims = new Map<string, number>();
  let closed = false;

  const sweep = () => {
    const t = now();
    for (const [key, until] of claims) {
      if (until > t && claims.size <= maxClaims) break;
      claims.delete(key);
    }
  };

  return {
    async publish(change) {
      if (closed) throw new Error('recrubo broker: closed');
      const copy = { type: change.type, id: change.id, status: change.status, updatedAt: change.updatedAt ?? null };
      for (const sub of [...subscribers]) {
        try {
          sub.onChange(copy);
        } catch {
          // One broken subscriber must not keep the change from the others.
        }
      }
    },
    async subscribe(subscription) {
      if (closed) throw new Error('recrubo broker: closed');
      subscribers.add(subscription);
      return async () => void subscribers.delete(subscription);
    },
    async claim(key, ttlMs) {
      const until = claims.get(key);
      if (until !== undefined && until > now()) return false;
      claims.delete(key);
      claims.set(key, now() + ttlMs);
      if (claims.size > maxClaims) sweep();
      return true;
    },
    async release(key) {
      claims.delete(key);
    },
    async close() {
      closed = true;
      subscribers.clear();
      claims.clear();
    },
  };
}
