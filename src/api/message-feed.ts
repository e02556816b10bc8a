// The live messages of a thread, shared: however many elements show a thread, the page asks for it once per tick.
// The first load reads every page (oldest first); later polls read the newest page (`sort=-createdAt`) and merge it
// by id, reading on only while a page holds nothing known yet (more new messages than a page since the last tick).
// It rides on the page-wide timers of ticker.ts like the resource store, pauses while the page is hidden, and backs
// off after failures.
import type { ApiClient } from './client.js';
import type { RecruboApiError } from './errors.js';
import {
  MESSAGE_PAGE_SIZE,
  createMessagesApi,
  mergeMessage,
  sortMessages,
  type Message,
  type MessagesApi,
} from './messages.js';
import { onTick, onWake } from './ticker.js';
import { notifyAll, pollInterval, safeCall, toApiError, watcher, type Watcher, type WatchOptions } from './watchers.js';

export interface MessagesSnapshot {
  /** Oldest first. */
  messages: readonly Message[];
  loading: boolean;
  /** The last poll failed (the messages shown are the last known ones). */
  error?: RecruboApiError;
}

export type MessagesListener = (snapshot: MessagesSnapshot) => void;

export interface FeedStats {
  /** GET /messages requests sent (all threads). */
  requests: number;
}

type FeedSub = Watcher<MessagesSnapshot>;

interface FeedEntry {
  threadId: string;
  byId: Map<string, Message>;
  ordered: Message[];
  loaded: boolean;
  loading: boolean;
  error?: RecruboApiError;
  subs: Set<FeedSub>;
  fetching: boolean;
  period?: number;
  off?: () => void;
  /** Ticks to wait before the next poll (backoff after failures). */
  skip: number;
  failures: number;
  controller?: AbortController;
}

const POLL_PAGE = 50;
const MAX_CATCH_UP_PAGES = 10;
const MAX_SKIP = 16;
/** 10,000 messages: beyond that a thread is not a conversation any more. */
const MAX_HISTORY_PAGES = 100;

export class MessageFeed {
  readonly stats: FeedStats = { requests: 0 };
  private readonly entries = new Map<string, FeedEntry>();
  private readonly api: MessagesApi;
  private offWake?: () => void;

  constructor(client: ApiClient) {
    this.api = createMessagesApi(client);
  }

  watch(threadId: string, listener: MessagesListener, opts: WatchOptions = {}): () => void {
    let entry = this.entries.get(threadId);
    if (!entry) {
      entry = {
        threadId,
        byId: new Map(),
        ordered: [],
        loaded: false,
        loading: true,
        subs: new Set(),
        fetching: false,
        skip: 0,
        failures: 0,
      };
      this.entries.set(threadId, entry);
    }
    const sub: FeedSub = watcher(listener, opts);
    entry.subs.add(sub);
    this.offWake ??= onWake(() => {
      for (const e of this.entries.values()) if (e.period !== undefined) void this.fetch(e);
    });
    safeCall(listener, snapshotOf(entry));
    if (!entry.loaded && !entry.fetching) void this.fetch(entry);
    this.schedule(entry);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.unsubscribe(entry!, sub);
    };
  }

  peek(threadId: string): MessagesSnapshot | undefined {
    const entry = this.entries.get(threadId);
    return entry ? snapshotOf(entry) : undefined;
  }

  /** A message the page knows first (the POST's answer): every element showing the thread shows it now, once. */
  put(message: Message): void {
    const entry = this.entries.get(message.messageThreadId);
    if (!entry) return;
    if (this.merge(entry, [message])) this.notify(entry);
  }

  /** Poll now (e.g. right after a send, to pick up its delivery status sooner). */
  refresh(threadId: string): void {
    const entry = this.entries.get(threadId);
    if (entry) void this.fetch(entry);
  }

  get size(): number {
    return this.entries.size;
  }

  private unsubscribe(entry: FeedEntry, sub: FeedSub) {
    entry.subs.delete(sub);
    if (entry.subs.size > 0) return this.schedule(entry);
    this.entries.delete(entry.threadId);
    entry.off?.();
    entry.off = entry.period = undefined;
    entry.controller?.abort();
    if (this.entries.size === 0) {
      this.offWake?.();
      this.offWake = undefined;
    }
  }

  private schedule(entry: FeedEntry) {
    const period = pollInterval(entry.subs);
    if (period === entry.period) return;
    entry.off?.();
    entry.off = undefined;
    entry.period = period;
    if (period === undefined) return;
    entry.off = onTick(period, () => {
      if (entry.skip > 0) {
        entry.skip--;
        return;
      }
      void this.fetch(entry);
    });
  }

  private async fetch(entry: FeedEntry) {
    if (entry.fetching) return;
    entry.fetching = true;
    const controller = new AbortController();
    entry.controller = controller;
    const opts = { signal: controller.signal };
    try {
      let changed = false;
      if (!entry.loaded) {
        // The whole history once, oldest first, page by page.
        const all: Message[] = [];
        for (let number = 1; number <= MAX_HISTORY_PAGES; number++) {
          this.stats.requests++;
          const page = await this.api.list(
            entry.threadId,
            { sort: 'createdAt', page: { number, size: MESSAGE_PAGE_SIZE } },
            opts,
          );
          all.push(...page.items);
          if (page.items.length < MESSAGE_PAGE_SIZE || (page.meta.maxPage !== undefined && number >= page.meta.maxPage))
            break;
        }
        changed = this.merge(entry, all);
        entry.loaded = true;
      } else {
        for (let number = 1; number <= MAX_CATCH_UP_PAGES; number++) {
          this.stats.requests++;
          const page = await this.api.list(
            entry.threadId,
            { sort: '-createdAt', page: { number, size: POLL_PAGE } },
            opts,
          );
          const anyKnown = page.items.some((m) => entry.byId.has(m.id));
          changed = this.merge(entry, page.items) || changed;
          if (anyKnown || page.items.length < POLL_PAGE) break;
        }
      }
      const wasPending = entry.loading || entry.error !== undefined;
      entry.loading = false;
      entry.error = undefined;
      entry.failures = 0;
      if (changed || wasPending) this.notify(entry);
    } catch (err) {
      const error = toApiError(err);
      if (error.kind === 'aborted' || !this.entries.has(entry.threadId)) return;
      entry.error = error;
      entry.loading = false;
      entry.failures++;
      entry.skip = Math.min(MAX_SKIP, 2 ** (entry.failures - 1));
      this.notify(entry);
    } finally {
      entry.fetching = false;
      if (entry.controller === controller) entry.controller = undefined;
    }
  }

  /** True when something visible changed. */
  private merge(entry: FeedEntry, incoming: readonly Message[]): boolean {
    let changed = false;
    let added = false;
    for (const message of incoming) {
      if (!message?.id) continue;
      const previous = entry.byId.get(message.id);
      const merged = mergeMessage(previous, message);
      if (previous && JSON.stringify(previous) === JSON.stringify(merged)) continue;
      entry.byId.set(message.id, merged);
      changed = true;
      if (!previous) added = true;
    }
    if (changed) {
      // New array, so that elements can compare by identity; a re-sort only when a message was added.
      entry.ordered = added ? sortMessages([...entry.byId.values()]) : entry.ordered.map((m) => entry.byId.get(m.id)!);
    }
    return changed;
  }

  private notify(entry: FeedEntry) {
    notifyAll(entry.subs, snapshotOf(entry));
  }
}

function snapshotOf(entry: FeedEntry): MessagesSnapshot {
  const snap: MessagesSnapshot = { messages: entry.ordered, loading: entry.loading };
  if (entry.error) snap.error = entry.error;
  return snap;
}

/** Messages of a thread (list/get/send/template) with the live, shared `feed`; a sent message goes to the feed. */
export type ConversationApi = MessagesApi & { feed: MessageFeed };

// Per client, so that every element with the same configuration shares one feed. Not part of `getApi()`: only
// the pages that show a conversation pay for it.
const byClient = new WeakMap<ApiClient, ConversationApi>();

export function messagesFor(client: ApiClient): ConversationApi {
  let api = byClient.get(client);
  if (!api) {
    const messages = createMessagesApi(client);
    const feed = new MessageFeed(client);
    api = {
      ...messages,
      feed,
      async send(input, opts) {
        const message = await messages.send(input, opts);
        // The POST's answer goes to the feed at once: every element showing the thread shows it now, once.
        feed.put(message);
        return message;
      },
    };
    byClient.set(client, api);
  }
  return api;
}
