// recrubo-elements/proxy/redis: the server-side parts that share state through Redis (several instances).
export { createRedisBroker, type RedisBrokerOptions } from './broker.ts';
