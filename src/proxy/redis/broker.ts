// createRedisBroker: the push broker for several server instances. A webhook received by any instance is published
// on one Redis channel and reaches the streams of every instance; delivery ids are claimed with SET NX PX, so a
// redelivery that lands on another instance is still recognised. `redis` (node-redis) is an optional peer
// dependency: it is imported only when a `url` is given.
import type { RedisClientType } from 'redis';
import type { BrokerSubscription, RecruboBroker, RecruboChange } from '../webhooks/broker.ts';
import { cleanChange } from '../webhooks/shared.ts';

export interface RedisBrokerOptions {
  /** `redis://host:6379`: the broker makes (and on close ends) its own two connections. */
  url?: string;
  /** Or your own connected node-redis client; the broker makes a duplicate of it for subscribing. */
  client?: RedisClientType | { duplicate(): unknown; publish(channel: string, message: string): Promise<unknown> };
  /** Channel and key prefix (default `recrubo`), to keep apart several apps on one Redis. */
  prefix?: string;
  /** Told about connection errors (node-redis reconnects by itself). */
  onError?: (error: unknown) => void;
}

type Client = {
  connect(): Promise<unknown>;
  duplicate(): Client;
  publish(channel: string, message: string): Promise<unknown>;
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  set(key: string, value: string, options: unknown): Promise<unknown>;
  del(key: string): Promise<unknown>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  quit?(): Promise<unknown>;
  close?(): Promise<unknown>;
  destroy?(): void;
  isOpen: boolean;
};

export function createRedisBroker(options: RedisBrokerOptions): RecruboBroker {
  if (!options || (!options.url && !options.client))
    throw new TypeError('createRedisBroker: give { url } or { client }');
  const prefix = options.prefix ?? 'recrubo';
  const channel = `${prefix}:changes`;
  const subs = new Set<BrokerSubscription>();
  const ownsMain = !options.client;
  let main: Promise<Client> | undefined;
  let subscriber: Promise<Client> | undefined;

  const connectMain = () =>
    (main ??= (async () => {
      let client = options.client as unknown as Client | undefined;
      if (!client) {
        const { createClient } = await import('redis');
        client = createClient({ url: options.url }) as unknown as Client;
      }
      client.on('error', (e) => options.onError?.(e));
      if (!client.isOpen) await client.connect();
      return client;
    })());

  const connectSubscriber = () =>
    (subscriber ??= (async () => {
      const base = await connectMain();
      const sub = base.duplicate();
      let readyBefore = false;
      sub.on('error', (e) => options.onError?.(e));
      // node-redis reconnects and resubscribes by itself; what was published meanwhile is gone (pub/sub keeps
      // nothing), so every reconnect after the first tells the streams to make their pages refetch.
      sub.on('ready', () => {
        if (readyBefore) for (const s of [...subs]) s.onResync?.();
        readyBefore = true;
      });
      await sub.connect();
      await sub.subscribe(channel, (message) => {
        let change: RecruboChange | undefined;
        try {
          const parsed = JSON.parse(message) as Partial<RecruboChange>;
          change = cleanChange(parsed.type, parsed.id, parsed.status, parsed.updatedAt);
        } catch {
          change = undefined;
        }
        if (!change) return; // not ours, or not well-formed: never passed on
        for (const s of [...subs]) {
          try {
            s.onChange(change);
          } catch {
            // one broken subscriber must not starve the others
          }
        }
      });
      return sub;
    })());

  const end = async (client: Promise<Client> | undefined) => {
    const c = await client?.catch(() => undefined);
    if (!c) return;
    try {
      if (c.close) await c.close();
      else await c.quit?.();
    } catch {
      c.destroy?.();
    }
  };

  return {
    async publish(change) {
      const client = await connectMain();
      await client.publish(
        channel,
        JSON.stringify({
          type: change.type,
          id: change.id,
          status: change.status,
          updatedAt: change.updatedAt ?? null,
        }),
      );
    },
    async subscribe(subscription) {
      await connectSubscriber();
      subs.add(subscription);
      return async () => void subs.delete(subscription);
    },
    async claim(key, ttlMs) {
      const client = await connectMain();
      const answer = await client.set(`${prefix}:claim:${key}`, '1', {
        condition: 'NX',
        expiration: { type: 'PX', value: Math.max(1, Math.round(ttlMs)) },
      });
      return answer === 'OK';
    },
    async release(key) {
      const client = await connectMain();
      await client.del(`${prefix}:claim:${key}`);
    },
    async close() {
      subs.clear();
      await end(subscriber);
      subscriber = undefined;
      if (ownsMain) await end(main);
      main = undefined;
    },
  };
}
