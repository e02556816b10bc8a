// The api layer's front door: `getApi(config)` gives one Api (client + store) per distinct configuration.
import type { ResolvedConfig } from '../shared/config.js';
import { ApiClient, type ClientOptions } from './client.js';
import { deserializeMany, deserializeOne, serialize, toSearchParams, type JsonApiDocument } from './jsonapi.js';
import { createMessageThreadsApi, type MessageThreadsApi, type CreateOptions } from './message-threads.js';
import { updateMessageThread } from './messages.js';
import { createMessageTemplatesApi, type MessageTemplatesApi } from './message-templates.js';
import { createFlowRun, type FlowRunInput } from './flow-runs.js';
import { idempotencyHeaders } from './idempotency.js';
import type { PushChannel, PushOptions } from './push.js';
import { ResourceStore, type PushLink } from './store.js';
import { backoffDelay } from './retry.js';
import type {
  CallOptions,
  MessageThread,
  Flow,
  FlowGeneration,
  FlowGenerationInput,
  FlowRun,
  ListMeta,
  ListQuery,
  ListResult,
  Node,
  NodeAction,
  Schedule,
  VacancyAnalysis,
} from './types.js';

export * from './types.js';

/** The flow settings the editor writes (`PATCH /flows/{id}`). */
export type FlowSettingKey = 'name' | 'reminderInterval' | 'reminderMessage' | 'sessionTimeout';
export * from './errors.js';
export { ApiClient, JSON_API_MEDIA_TYPE, type ClientOptions, type RequestOptions } from './client.js';
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
export { backoffDelay, parseRetryAfter, retryDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export { activeTimerCount } from './ticker.js';
export { IDEMPOTENCY_HEADER, newIdempotencyKey } from './idempotency.js';
export type { MessageThreadInput, MessageThreadsApi, CreateOptions } from './message-threads.js';
export {
  MESSAGE_PAGE_SIZE,
  createMessagesApi,
  forwardStatus,
  mergeMessage,
  sortMessages,
  textPayload,
  updateMessageThread,
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
  MessageFeed,
  messagesFor,
  type ConversationApi,
  type MessagesSnapshot,
  type MessagesListener,
  type FeedStats,
} from './message-feed.js';
export {
  isApprovedTemplate,
  templateBodyText,
  templateParameterCount,
  templateParameterExamples,
  templateParts,
  templatePayload,
  type MessageTemplatesApi,
  type TemplatePart,
  type TemplateMessagePayload,
} from './message-templates.js';
export type { FlowRunInput } from './flow-runs.js';
export { PUSH_SAFETY_INTERVAL } from './store.js';
export type { PushState } from './push.js';

export interface Api {
  readonly config: ResolvedConfig;
  readonly client: ApiClient;
  flowGenerations: {
    /** POST, never retried; pass an `idempotencyKey` per user action (else one is made for this request). */
    create(input: FlowGenerationInput, opts?: CreateOptions & { sync?: boolean }): Promise<FlowGeneration>;
    get(id: string, opts?: CallOptions): Promise<FlowGeneration>;
    list(query?: ListQuery, opts?: CallOptions): Promise<ListResult<FlowGeneration>>;
  };
  flowRuns: {
    get(id: string, opts?: CallOptions & { include?: ('flow' | 'messageThread')[] }): Promise<FlowRun>;
    list(query?: ListQuery, opts?: CallOptions): Promise<ListResult<FlowRun>>;
    /** PATCH; the answer is written to the store so every element showing the run changes together. */
    update(id: string, attributes: Partial<Pick<FlowRun, 'status' | 'state'>>, opts?: CallOptions): Promise<FlowRun>;
    /** POST, never retried; pass an `idempotencyKey` per user action. The new run is put in the store. */
    create(input: FlowRunInput, opts?: CreateOptions): Promise<FlowRun>;
  };
  flows: {
    get(id: string, opts?: CallOptions & { include?: string[] }): Promise<Flow>;
    list(query?: ListQuery, opts?: CallOptions): Promise<ListResult<Flow>>;
    /** PATCH of the flow's settings (never retried); the answer is the flow as saved. */
    update(id: string, attributes: Partial<Pick<Flow, FlowSettingKey>>, opts?: CallOptions): Promise<Flow>;
  };
  nodeActions: {
    /** PATCH `{ value, index }` (never retried); the answer is the action as saved. */
    update(
      id: string,
      attributes: Partial<Pick<NodeAction, 'value' | 'index'>>,
      opts?: CallOptions,
    ): Promise<NodeAction>;
  };
  nodes: {
    /** Every node of a flow (all pages), ordered by `index`. */
    listByFlow(
      flowId: string,
      opts?: CallOptions & { include?: ('nodeActions' | 'nodeTransitions')[] },
    ): Promise<Node[]>;
  };
  schedules: {
    /** `url`: an integrator's own endpoint with the same JSON:API shape (absolute, or relative to the page). */
    list(opts?: CallOptions & { url?: string }): Promise<Schedule[]>;
  };
  messageThreads: MessageThreadsApi & {
    /** PATCH `{ chatbotPaused }`; the answer is written to the store (every element showing the thread follows). */
    update(
      id: string,
      attributes: Partial<Pick<MessageThread, 'chatbotPaused' | 'identifier'>>,
      opts?: CallOptions,
    ): Promise<MessageThread>;
  };
  messageTemplates: MessageTemplatesApi;
  vacancyAnalyses: {
    create(inputText: string, opts?: CreateOptions & { sync?: boolean }): Promise<VacancyAnalysis>;
    get(id: string, opts?: CallOptions): Promise<VacancyAnalysis>;
  };
  store: ResourceStore;
}

/** Generous: `?sync=true` holds the answer until the job is done. */
const SYNC_TIMEOUT = 120000;

export function createApi(config: ResolvedConfig, options: ClientOptions = {}): Api {
  const client = new ApiClient(config, options);
  // With `eventsUrl`, one stream per page and events URL (shared with every other store using it).
  const push = config.eventsUrl
    ? lazyPush({ url: config.eventsUrl, fetch: config.fetch, tokenProvider: config.tokenProvider })
    : undefined;
  const store = new ResourceStore(client, push);

  const doc = async (
    path: string,
    opts: CallOptions & { searchParams?: Record<string, string | number | undefined> } = {},
  ) =>
    (await client.request({
      path,
      searchParams: opts.searchParams,
      signal: opts.signal,
      timeout: opts.timeout,
    })) as JsonApiDocument;
  const one = async <T>(
    path: string,
    opts: CallOptions & { searchParams?: Record<string, string | number | undefined> } = {},
  ) => deserializeOne<T>(await doc(path, opts));
  const list = async <T>(path: string, query: ListQuery = {}, opts: CallOptions = {}): Promise<ListResult<T>> => {
    const d = await doc(path, { ...opts, searchParams: toSearchParams(query) });
    return { items: deserializeMany<T>(d), meta: (d.meta ?? {}) as ListMeta };
  };
  /** Follows `page[number]` until `maxPage` (lists the elements show whole: nodes, schedules). */
  const all = async <T>(path: string, query: ListQuery, opts: CallOptions): Promise<T[]> => {
    const items: T[] = [];
    for (let page = 1; page <= 50; page++) {
      const res = await list<T>(path, { ...query, page: { number: page, size: 100 } }, opts);
      items.push(...res.items);
      if (!res.meta.maxPage || page >= res.meta.maxPage || res.items.length === 0) break;
    }
    return items;
  };
  const send = async <T>(
    method: 'POST' | 'PATCH',
    path: string,
    body: JsonApiDocument,
    opts: CreateOptions & { searchParams?: Record<string, string | number | undefined> } = {},
  ) =>
    deserializeOne<T>(
      (await client.request({
        method,
        path,
        body,
        searchParams: opts.searchParams,
        signal: opts.signal,
        timeout: opts.timeout,
        headers: idempotencyHeaders(opts.idempotencyKey),
      })) as JsonApiDocument,
    );

  const api: Api = {
    config,
    client,
    store,
    flowGenerations: {
      async create(input, opts = {}) {
        const generation = await send<FlowGeneration>(
          'POST',
          'flow-generations',
          serialize('flowGenerations', input as unknown as Record<string, unknown>),
          {
            ...opts,
            searchParams: opts.sync ? { sync: 'true' } : undefined,
            timeout: opts.timeout ?? (opts.sync ? SYNC_TIMEOUT : undefined),
          },
        );
        return generation;
      },
      async get(id, opts) {
        const generation = await one<FlowGeneration>(`flow-generations/${encodeURIComponent(id)}`, opts);
        store.put('flowGenerations', generation);
        return generation;
      },
      list: (query, opts) => list<FlowGeneration>('flow-generations', query, opts),
    },
    flowRuns: {
      async get(id, opts = {}) {
        const run = await one<FlowRun>(`flow-runs/${encodeURIComponent(id)}`, {
          ...opts,
          searchParams: toSearchParams({ include: opts.include }),
        });
        store.put('flowRuns', run);
        return run;
      },
      list: (query, opts) => list<FlowRun>('flow-runs', query, opts),
      async update(id, attributes, opts) {
        const run = await send<FlowRun>(
          'PATCH',
          `flow-runs/${encodeURIComponent(id)}`,
          serialize('flowRuns', attributes, id),
          opts,
        );
        store.put('flowRuns', run);
        return run;
      },
      create: createFlowRun(client, store),
    },
    flows: {
      get: (id, opts = {}) =>
        one<Flow>(`flows/${encodeURIComponent(id)}`, {
          ...opts,
          searchParams: toSearchParams({ include: opts.include }),
        }),
      list: (query, opts) => list<Flow>('flows', query, opts),
      async update(id, attributes, opts) {
        const flow = await send<Flow>(
          'PATCH',
          `flows/${encodeURIComponent(id)}`,
          serialize('flows', attributes, id),
          opts,
        );
        return flow;
      },
    },
    nodeActions: {
      async update(id, attributes, opts) {
        const action = await send<NodeAction>(
          'PATCH',
          `node-actions/${encodeURIComponent(id)}`,
          serialize('nodeActions', attributes, id),
          opts,
        );
        return action;
      },
    },
    nodes: {
      async listByFlow(flowId, opts = {}) {
        const nodes = await all<Node>('nodes', { filter: { flowId }, include: opts.include, sort: 'index' }, opts);
        return nodes.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
      },
    },
    schedules: {
      list: (opts = {}) => all<Schedule>(opts.url ?? 'schedules', {}, opts),
    },
    messageThreads: {
      ...createMessageThreadsApi(client),
      async update(id, attributes, opts) {
        const thread = await updateMessageThread(client, id, attributes, opts);
        store.put('messageThreads', thread);
        return thread;
      },
    },
    messageTemplates: createMessageTemplatesApi(client),
    vacancyAnalyses: {
      create: (inputText, opts = {}) =>
        send<VacancyAnalysis>('POST', 'vacancy-analyses', serialize('vacancyAnalyses', { inputText }), {
          ...opts,
          searchParams: opts.sync ? { sync: 'true' } : undefined,
          timeout: opts.timeout ?? (opts.sync ? SYNC_TIMEOUT : undefined),
        }),
      get: (id, opts) => one<VacancyAnalysis>(`vacancy-analyses/${encodeURIComponent(id)}`, opts),
    },
  };
  return api;
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
    channel = m.pushChannel(options, backoffDelay);
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
