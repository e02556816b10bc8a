// recrubo-elements/proxy/redis: the server-side parts that share state through Redis, for integrators with several
// instances. A separate entry so that `recrubo-elements/proxy` never needs the optional `redis` package.
export { createRedisStore, type RedisStoreOptions, type RedisCommandClient } from './store.ts';
export { createRedisBroker, type RedisBrokerOptions } from './broker.ts';
