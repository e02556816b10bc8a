// recrubo-elements/proxy/redis: Redis-backed parts of the server side, for integrators with several instances.
// A separate entry so that `recrubo-elements/proxy` never needs the optional `redis` package.
export { createRedisStore, type RedisStoreOptions, type RedisCommandClient } from './store.ts';
