// The api layer's front door: `getApi(config)` gives one Api (client + store) per distinct configuration.
import type { ResolvedConfig } from '../shared/config.js';
import { ApiClient, backoffDelay, type ClientOptions } from './client.js';
import { resource, type CreateOptions, type ListOptions, type Resource } from './resource.js';
import type { PushChannel, PushOptions } from './push.js';
import { ResourceStore, type PushLink } from './store.js';
import type {
  CallOptions,
  MessageThread,
  Flow,
  FlowGeneration,
  FlowGenerationInput,
  FlowRun,
  FlowRunInput,
  MessageTemplate,
  MessageThreadInput,
  Node,
  Schedule,
  VacancyAnalysis,
} from './types.js';

export * from './types.js';
export * from './errors.js';
export {
  ApiClient,
  JSON_API_MEDIA_TYPE,
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  type ClientOptions,
  type RequestOptions,
  type RetryPolicy,
} from './client.js';
export {
  deserialize,
  deserializeMany,
  deserializeOne,
  serialize,
  toSearchParams,
  type JsonApiDocument,
  type ResourceObject,
} from './jsonapi.js';
export {
  ResourceStore,
  DEFAULT_POLL_INTERVAL,
  MAX_BATCH,
  isTerminal,
  type ResourceSnapshot,
  type SnapshotListener,
  type WatchOptions,
  type StoreStats,
} from './store.js';
export {
  watchList,
  refreshList,
  peekList,
  listKey,
  type ListBehaviour,
  type ListListener,
  type ListSnapshot,
  type ListWatchOptions,
} from './lists.js';
export { activeTimerCount } from './ticker.js';
export { IDEMPOTENCY_HEADER, newIdempotencyKey } from './idempotency.js';
export {
  resource,
  pathOf,
  PAGE_SIZE,
  LIST_ALL_MAX_PAGES,
  type Resource,
  type ResourceContext,
  type CreateOptions,
  type ListOptions,
} from './resource.js';
export {
  MESSAGE_PAGE_SIZE,
  createMessagesApi,
  forwardStatus,
  mergeMessage,
  sortMessages,
  textPayload,
  type DeliveryStatus,
  type Message,
  type MessagePage,
  type MessagePayload,
  type MessagesApi,
  type SendMessageInput,
  type SendOptions,
  type TemplatePayload,
  type TextPayload,
} from './messages.js';
export {
  messagesFor,
  messageLog,
  messagesQuery,
  watchMessages,
  type ConversationApi,
  type MessagesSnapshot,
  type MessagesListener,
} from './message-feed.js';
export {
  isApprovedTemplate,
  templateBodyText,
  templateParameterCount,
  templateParameterExamples,
  templateParts,
  templatePayload,
  type TemplatePart,
  type TemplateMessagePayload,
} from './message-templates.js';
export { PUSH_SAFETY_INTERVAL } from './store.js';
export type { PushState } from './push.js';

export interface Api {
  readonly config: ResolvedConfig;
  readonly client: ApiClient;
  /** `create`: POST, never retried; pass an `idempotencyKey` per user action (else one is made for this request). */
  flowGenerations: Resource<FlowGeneration, FlowGenerationInput>;
  /** `update` (PATCH) and `create` (POST) write the answer to the store: every element showing the run follows. */
  flowRuns: Resource<FlowRun, FlowRunInput, Partial<Pick<FlowRun, 'status' | 'state'>>>;
  flows: Resource<Flow>;
  nodes: Resource<Node> & {
    /** Every node of a flow (all pages), ordered by `index`. */
    listByFlow(
      flowId: string,
      opts?: CallOptions & { include?: ('nodeActions' | 'nodeTransitions')[] },
    ): Promise<Node[]>;
  };
  schedules: Omit<Resource<Schedule>, 'list'> & {
    /** Every schedule (all pages). `url`: an integrator's own endpoint with the same JSON:API shape. */
    list(opts?: ListOptions): Promise<Schedule[]>;
  };
  /** `update` PATCHes `{ chatbotPaused }` (or `identifier`); the answer is written to the store. */
  messageThreads: Resource<
    MessageThread,
    MessageThreadInput,
    Partial<Pick<MessageThread, 'chatbotPaused' | 'identifier'>>
  > & {
    /** The threads with exactly this identifier (optionally on one channel), oldest first. */
    find(identifier: string, opts?: CallOptions & { channel?: string }): Promise<MessageThread[]>;
  };
  messageTemplates: Omit<Resource<MessageTemplate>, 'listAll'> & {
    /** Every template of the organisation (all pages). */
    listAll(opts?: CallOptions): Promise<MessageTemplate[]>;
  };
  vacancyAnalyses: Omit<Resource<VacancyAnalysis>, 'create'> & {
    create(inputText: string, opts?: CreateOptions): Promise<VacancyAnalysis>;
  };
  store: ResourceStore;
}

export function createApi(config: ResolvedConfig, options: ClientOptions = {}): Api {
  const client = new ApiClient(config, options);
  // With `eventsUrl`, one stream per page and events URL (shared with every other store using it).
  const push = config.eventsUrl
    ? lazyPush({ url: config.eventsUrl, fetch: config.fetch, tokenProvider: config.tokenProvider })
    : undefined;
  const store = new ResourceStore(client, push);
  const ctx = { client, store };
  const nodes = resource<Node>(ctx, 'nodes');
  const schedules = resource<Schedule>(ctx, 'schedules');
  const messageThreads = resource<MessageThread, MessageThreadInput>(ctx, 'messageThreads');
  const vacancyAnalyses = resource<VacancyAnalysis>(ctx, 'vacancyAnalyses');
  const messageTemplates = resource<MessageTemplate>(ctx, 'messageTemplates');
  return {
    config,
    client,
    store,
    flowGenerations: resource(ctx, 'flowGenerations'),
    flowRuns: resource(ctx, 'flowRuns'),
    flows: resource(ctx, 'flows'),
    nodes: {
      ...nodes,
      async listByFlow(flowId, opts = {}) {
        const all = await nodes.listAll({ filter: { flowId }, include: opts.include, sort: 'index' }, opts);
        return all.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
      },
    },
    schedules: { ...schedules, list: (opts) => schedules.listAll({}, opts) },
    messageThreads: {
      ...messageThreads,
      create: (input, opts) => messageThreads.create({ channel: 'whatsapp', ...input }, opts),
      async find(identifier, opts = {}) {
        // Only `filter[identifier]` (the one the elements' allow-list knows); the channel is checked here.
        const { items } = await messageThreads.list(
          { filter: { identifier }, sort: 'createdAt', page: { size: 25 } },
          opts,
        );
        // A server that ignores an unknown filter answers with every thread: keep only real matches.
        return items.filter((t) => t.identifier === identifier && (!opts.channel || t.channel === opts.channel));
      },
    },
    messageTemplates: { ...messageTemplates, listAll: (opts) => messageTemplates.listAll({}, opts) },
    vacancyAnalyses: {
      ...vacancyAnalyses,
      create: (inputText, opts) => vacancyAnalyses.create({ inputText }, opts),
    },
  };
}

/**
 * The push transport is loaded only by a page that sets `events-url` (a separate chunk for bundlers that split);
 * until it is there, what the store asks of it waits in line, and the store polls as usual.
 */
function lazyPush(options: PushOptions): PushLink {
  let channel: PushChannel | undefined;
  const waiting: ((c: PushChannel) => void)[] = [];
  const later = (fn: (c: PushChannel) => void) => (channel ? fn(channel) : void waiting.push(fn));
  void import('./push.js').then((m) => {
    // The backoff is passed in, not imported there: the push chunk then shares no module with the main one (one
    // file less for a script-tag page, see scripts/cdn-chunks.mjs).
    channel = m.pushChannel(
      options,
      [options.url, idOf(options.fetch), idOf(options.tokenProvider)].join('\u0000'),
      backoffDelay,
    );
    for (const fn of waiting.splice(0)) fn(channel);
  });
  return {
    get healthy() {
      return channel?.healthy ?? false;
    },
    join(client) {
      let off: (() => void) | undefined;
      let left = false;
      later((c) => {
        if (!left) off = c.join(client);
      });
      return () => {
        left = true;
        off?.();
      };
    },
    watch: (type, id) => later((c) => c.watch(type, id)),
    unwatch: (type, id) => later((c) => c.unwatch(type, id)),
  };
}

// One Api per distinct configuration, so that all elements with the same settings share a client and a store.
const cache = new Map<string, Api>();
const functionIds = new WeakMap<object, number>();
let nextFunctionId = 1;
const idOf = (fn: object | undefined) => {
  if (!fn) return 0;
  let id = functionIds.get(fn);
  if (!id) functionIds.set(fn, (id = nextFunctionId++));
  return id;
};

export function getApi(config: ResolvedConfig): Api {
  const key = [
    config.baseUrl,
    config.apiKey ?? '',
    idOf(config.tokenProvider),
    idOf(config.fetch),
    config.eventsUrl ?? '',
  ].join('\u0000');
  let api = cache.get(key);
  if (!api) {
    // `lang` is not part of the key: it changes no request.
    api = createApi({ ...config, lang: 'en' });
    cache.set(key, api);
  }
  return api;
}
export {
  analyzeVacancy,
  suggestionsOf,
  hasResult,
  type RequirementSuggestion,
  type SuggestionKind,
  type AnalyzeOptions,
} from './vacancy-analyses.js';
