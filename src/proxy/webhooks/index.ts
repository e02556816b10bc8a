// Live updates by push (spec §13): Recrubo's webhooks → receiver → broker → event stream → the page's store.
export {
  createMemoryBroker,
  type BrokerSubscription,
  type MemoryBrokerOptions,
  type RecruboBroker,
  type RecruboChange,
} from './broker.ts';
export {
  createRecruboWebhookReceiver,
  DEFAULT_DEDUPE_TTL_MS,
  DEFAULT_WEBHOOK_MAX_BYTES,
  WEBHOOK_SECRET_HEADER,
  type RecruboWebhookReceiver,
  type RecruboWebhookReceiverOptions,
} from './receiver.ts';
export {
  createRecruboEventStream,
  DEFAULT_HEARTBEAT_MS,
  type RecruboEventStreamHandler,
  type RecruboEventStreamOptions,
} from './stream.ts';
export { DEFAULT_BROKER_TIMEOUT_MS, PUSH_TYPES } from './shared.ts';
export type { AuthorizeIds, AuthorizeStream } from './access.ts';
