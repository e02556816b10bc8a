// The live store: single resources and lists, with the elements that watch them, on the one live engine
// (live.ts: pacing, backoff, wake-up, push). A resource is one entry per (type, id); ids asked for in the same tick
// go out as one `filter[id]` request. A list is one entry per (type, query) (lists.ts: read whole, or as a log
// such as a thread's messages). A PATCH or POST answer is `put()` here so every element that shows the resource
// (or a list holding it) changes at once.
import type { ApiClient } from './client.js';
import { isNotFoundError, type RecruboApiError } from './errors.js';
import { deserializeMany, deserializeOne, type JsonApiDocument } from './jsonapi.js';
import { LiveEngine, newEntry, type LiveEntry, type PushLink } from './live.js';
import {
  addItems,
  belongsTo,
  listKey,
  readList,
  type ListListener,
  type ListSnapshot,
  type ListState,
  type ListWatchOptions,
} from './lists.js';
import { Coalescer, itemChange, verdict, type PushedChange } from './push-change.js';
import { resource, type Resource } from './resource.js';
import { toApiError, type WatchOptions } from './watchers.js';
import {
  ANALYSIS_TERMINAL_STATUSES,
  GENERATION_TERMINAL_STATUSES,
  RUN_TERMINAL_STATUSES,
  type ListQuery,
  type WatchedResources,
  type WatchedType,
} from './types.js';

export interface ResourceSnapshot<T> {
  data?: T;
  error?: RecruboApiError;
  loading: boolean;
  /** When `data` was last fetched (epoch ms), also by a poll that found nothing new: "not refreshed since …". */
  fetchedAt?: number;
}

export type SnapshotListener<T> = (snapshot: ResourceSnapshot<T>) => void;
export { DEFAULT_POLL_INTERVAL, type WatchOptions } from './watchers.js';
export { PUSH_SAFETY_INTERVAL } from './poll-pace.js';
export type { PushLink } from './live.js';
export type { ListBehaviour, ListListener, ListSnapshot, ListWatchOptions } from './lists.js';

export interface StoreStats {
  batchRequests: number;
  singleRequests: number;
  /** GETs of lists (every page counts). */
  listRequests: number;
}

/** JSON:API servers commonly cap page[size] at 100, so a `filter[id]` list never exceeds it. */
export const MAX_BATCH = 100;
/** A list follows the push announcements of at most this many of its items (the newest). */
const PUSHED_ITEMS = 100;

const PATHS: Record<WatchedType, string> = {
  flowRuns: 'flow-runs',
  flowGenerations: 'flow-generations',
  vacancyAnalyses: 'vacancy-analyses',
  messageThreads: 'message-threads',
};
const TERMINAL: Record<WatchedType, readonly string[]> = {
  flowRuns: RUN_TERMINAL_STATUSES,
  flowGenerations: GENERATION_TERMINAL_STATUSES,
  vacancyAnalyses: ANALYSIS_TERMINAL_STATUSES,
  messageThreads: [],
};

interface ResourceEntry extends LiveEntry {
  kind: 'one';
  type: WatchedType;
  id: string;
  data?: { id: string; status?: string };
  json?: string;
  /** Bumped by put(): answers to requests sent before it are stale and dropped. */
  version: number;
}

interface ListEntry extends LiveEntry {
  kind: 'list';
  list: ListState;
  resource: Resource<{ id: string }>;
  /** The item ids whose push announcements it follows. */
  pushed: Set<string>;
}

type Entry = ResourceEntry | ListEntry;

// The store of each client (a conversation's messages API, made apart from getApi(), finds it by its client).
const stores = new WeakMap<ApiClient, ResourceStore>();
export const storeOf = (client: ApiClient): ResourceStore | undefined => stores.get(client);

export function isTerminal(type: WatchedType, status: string | undefined): boolean {
  return status !== undefined && TERMINAL[type].includes(status);
}

export class ResourceStore extends LiveEngine<Entry> {
  readonly stats: StoreStats = { batchRequests: 0, singleRequests: 0, listRequests: 0 };
  private readonly pending = new Map<WatchedType, Set<string>>();
  private flushScheduled = false;
  private readonly batchRefused = new Set<WatchedType>();
  private readonly batches = new Set<{ type: WatchedType; ids: string[]; controller: AbortController }>();
  /** Refetches asked for by pushed changes: about a second's worth go out together (one batched GET per type). */
  private readonly refetches = new Coalescer((keys) => {
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry) this.poke(entry);
    }
  });

  /** `push`: the page's event stream for this configuration's `eventsUrl` (see push.ts), if any. */
  constructor(
    private readonly client: ApiClient,
    push?: PushLink,
  ) {
    super(push);
    stores.set(client, this);
  }

  /** Follows one resource: the listener gets a snapshot now and on every change; returns the unsubscribe. */
  watch<K extends WatchedType>(
    type: K,
    id: string,
    listener: SnapshotListener<WatchedResources[K]>,
    opts: WatchOptions = {},
  ): () => void {
    let entry = this.one(type, id);
    const created = !entry;
    if (!entry) {
      entry = { ...newEntry(`${type}:${id}`, true), kind: 'one', type, id, version: 0 };
      this.push?.watch(type, id);
    }
    return this.subscribe(entry, created, listener as (s: never) => void, opts);
  }

  /**
   * Follows a list: the items of `query` on `type`'s endpoint (`filter`, `sort`, `include`; every page, or the one
   * `page` named), with the same pacing, backoff and push path as a resource. `opts` also says what the list is
   * (lists.ts: a log with `newest`, `merge`, `order`, its `parent`), taken from the watcher that makes the entry.
   */
  watchList<T extends { id: string }>(
    type: string,
    query: ListQuery,
    listener: ListListener<T>,
    opts: ListWatchOptions<T> = {},
  ): () => void {
    const key = `list:${listKey(type, query)}`;
    let entry = this.entries.get(key);
    const created = !entry;
    if (!entry) {
      const { interval: _i, poll: _p, ...behaviour } = opts;
      entry = {
        ...newEntry(key, !!opts.announced),
        kind: 'list',
        list: {
          type,
          query,
          behaviour: behaviour as ListState['behaviour'],
          byId: new Map(),
          items: [],
          loaded: false,
        },
        resource: resource({ client: this.client }, type),
        pushed: new Set(),
      };
      if (opts.parent) this.push?.watch(opts.parent.type, opts.parent.id);
    }
    return this.subscribe(entry, created, listener as (s: never) => void, opts);
  }

  /** The current snapshot, without subscribing. */
  peek<K extends WatchedType>(type: K, id: string): ResourceSnapshot<WatchedResources[K]> | undefined {
    const entry = this.one(type, id);
    return entry ? (this.snapshot(entry) as ResourceSnapshot<WatchedResources[K]>) : undefined;
  }

  peekList<T>(type: string, query: ListQuery): ListSnapshot<T> | undefined {
    const entry = this.entries.get(`list:${listKey(type, query)}`);
    return entry ? (this.snapshot(entry) as ListSnapshot<T>) : undefined;
  }

  /**
   * A fresh copy of a resource (PATCH answer, POST answer): every watcher of it sees it now, and so does every list
   * that holds it (a log whose filter it matches takes it in: a sent message shows at once, once).
   */
  put(type: string, item: { id: string; status?: string }): void {
    const entry = this.one(type as WatchedType, item.id);
    if (entry) {
      entry.version++;
      this.apply(entry, item);
    }
    for (const list of this.entries.values()) {
      if (list.kind !== 'list' || list.list.type !== type) continue;
      if (!list.list.byId.has(item.id) && !belongsTo(list.list, item)) continue;
      if (addItems(list.list, [item])) {
        list.list.json = undefined;
        this.watchItems(list);
        this.notify(list);
      }
    }
  }

  /** Fetch now (ignores the polling schedule). */
  refresh(type: WatchedType, id: string): void {
    const entry = this.one(type, id);
    if (entry && !entry.fetching) this.fetch(entry);
  }

  refreshList(type: string, query: ListQuery): void {
    const entry = this.entries.get(`list:${listKey(type, query)}`);
    if (entry && !entry.fetching) this.fetch(entry);
  }

  /**
   * It may have changed unseen (the stream just started watching it): fetch it through the normal (batched) GET,
   * and read again every list that holds it or belongs to it, through the one-second coalescer like every push.
   */
  changed(type: string, id: string): void {
    const entry = this.one(type as WatchedType, id);
    if (entry) this.refetches.add(entry.key);
    for (const list of this.entries.values()) {
      if (list.kind !== 'list') continue;
      const parent = list.list.behaviour.parent;
      const holds = list.list.type === type && list.list.byId.has(id);
      if (holds || (parent?.type === type && parent.id === id)) this.refetches.add(list.key);
    }
  }

  /**
   * A change event (spec §13 amended): ignored when older than (or the same as) what an entry holds; taken from
   * the event when every watcher shows only status and time (a badge: no request), and into a list's copy of the
   * item (a message's delivery status); else refetched, coalesced with the others of about a second. A status a
   * watcher names in `fetchOn` is fetched once (the badge's `finished`: its outcome needs the answers). A list whose parent changed (a thread: a new message) reads
   * its newest page.
   */
  override pushed(change: PushedChange): void {
    const entry = this.one(change.type as WatchedType, change.id);
    if (entry && this.pollingEntry(entry)) {
      const statusOnly = [...entry.subs].every((s) => s.shows === 'status' || !s.poll);
      const status = change.status ?? undefined;
      const needsLoad = status !== undefined && [...entry.subs].some((s) => s.fetchOn.includes(status));
      const held = entry.error ? undefined : (entry.data as { status?: string; updatedAt?: string } | undefined);
      const what = verdict(held, change, statusOnly, needsLoad);
      if (what === 'refetch') this.refetches.add(entry.key);
      else if (what === 'apply') {
        entry.version++; // an answer in flight is older than this
        const next: { id: string; status?: string; updatedAt?: string } = {
          ...entry.data!,
          status: change.status!,
          updatedAt: change.updatedAt!,
        };
        this.apply(entry, next);
      }
    }
    for (const list of this.entries.values()) {
      if (list.kind !== 'list' || !this.pollingEntry(list)) continue;
      const parent = list.list.behaviour.parent;
      if (parent?.type === change.type && parent.id === change.id) {
        this.refetches.add(list.key);
        continue;
      }
      const what = itemChange(list.list, change);
      if (what === 'refetch') this.refetches.add(list.key);
      else if (what === 'applied') this.notify(list);
    }
  }

  private pollingEntry(entry: Entry): boolean {
    return [...entry.subs].some((s) => s.poll);
  }

  protected fetch(entry: Entry): void {
    if (entry.kind === 'one') this.enqueue(entry);
    else void this.fetchList(entry);
  }

  protected finished(entry: Entry): boolean {
    return entry.kind === 'one' && !!entry.data && isTerminal(entry.type, entry.data.status);
  }

  protected loaded(entry: Entry): boolean {
    return entry.kind === 'one' ? !!entry.data : entry.list.loaded;
  }

  protected snapshot(entry: Entry): ResourceSnapshot<unknown> | ListSnapshot<unknown> {
    const snap: ResourceSnapshot<unknown> & Partial<ListSnapshot<unknown>> = { loading: entry.loading };
    if (entry.kind === 'one') {
      if (entry.data) snap.data = entry.data;
    } else snap.items = entry.list.items;
    if (entry.error) snap.error = entry.error;
    if (entry.fetchedAt !== undefined) snap.fetchedAt = entry.fetchedAt;
    return snap;
  }

  protected forget(entry: Entry): void {
    if (entry.kind === 'list') {
      const parent = entry.list.behaviour.parent;
      if (parent) this.push?.unwatch(parent.type, parent.id);
      for (const id of entry.pushed) this.push?.unwatch(entry.list.type, id);
      return;
    }
    this.push?.unwatch(entry.type, entry.id);
    this.pending.get(entry.type)?.delete(entry.id);
    for (const batch of this.batches) {
      if (batch.ids.every((id) => !this.entries.has(`${batch.type}:${id}`))) batch.controller.abort();
    }
  }

  private one(type: WatchedType, id: string): ResourceEntry | undefined {
    const entry = this.entries.get(`${type}:${id}`);
    return entry?.kind === 'one' ? entry : undefined;
  }

  private async fetchList(entry: ListEntry) {
    entry.fetching = true;
    const controller = new AbortController();
    entry.controller = controller;
    const counted = {
      ...entry.resource,
      list: (...args: Parameters<Resource<{ id: string }>['list']>) => {
        this.stats.listRequests++;
        return entry.resource.list(...args);
      },
    };
    try {
      const changed = await readList(entry.list, counted, controller.signal);
      if (!this.entries.has(entry.key)) return;
      if (changed) this.watchItems(entry);
      this.answered(entry, changed);
    } catch (err) {
      const error = toApiError(err);
      if (error.kind === 'aborted' || !this.entries.has(entry.key)) return;
      if (isNotFoundError(error)) entry.gone = true;
      this.fail(entry, error);
    } finally {
      if (entry.controller === controller) entry.controller = undefined;
      if (this.entries.get(entry.key) === entry) this.ended(entry);
      else entry.fetching = false;
    }
  }

  /** A list follows the push announcements of its newest items (a message's delivery status). */
  private watchItems(entry: ListEntry) {
    if (!this.push) return;
    const next = new Set(entry.list.items.slice(-PUSHED_ITEMS).map((item) => item.id));
    for (const id of entry.pushed) if (!next.has(id)) this.push.unwatch(entry.list.type, id);
    for (const id of next) if (!entry.pushed.has(id)) this.push.watch(entry.list.type, id);
    entry.pushed = next;
  }

  private enqueue(entry: ResourceEntry) {
    let ids = this.pending.get(entry.type);
    if (!ids) this.pending.set(entry.type, (ids = new Set()));
    ids.add(entry.id);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A macrotask, not a microtask: Lit updates of many elements each run in their own microtask, and all of
    // them should land in the same batch.
    nextMacrotask(() => this.flush());
  }

  private flush() {
    this.flushScheduled = false;
    for (const [type, idSet] of this.pending) {
      const ids = [...idSet].filter((id) => {
        const entry = this.one(type, id);
        return entry && !entry.fetching;
      });
      idSet.clear();
      if (ids.length === 0) continue;
      if (ids.length === 1 || this.batchRefused.has(type)) {
        for (const id of ids) void this.fetchOne(type, id);
        continue;
      }
      for (let i = 0; i < ids.length; i += MAX_BATCH) void this.fetchBatch(type, ids.slice(i, i + MAX_BATCH));
    }
  }

  private begin(type: WatchedType, ids: string[]) {
    const versions = new Map<string, number>();
    for (const id of ids) {
      const entry = this.one(type, id);
      if (!entry) continue;
      entry.fetching = true;
      versions.set(id, entry.version);
    }
    return versions;
  }

  private end(type: WatchedType, id: string, versions: Map<string, number>): ResourceEntry | undefined {
    const entry = this.one(type, id);
    if (!entry) return undefined;
    this.ended(entry); // a push meanwhile: fetched again a macrotask later, after this answer is applied
    // Answer to a request sent before a put() (a PATCH): older than what we show, drop it.
    return entry.version === versions.get(id) ? entry : undefined;
  }

  private async fetchBatch(type: WatchedType, ids: string[]) {
    const versions = this.begin(type, ids);
    const controller = new AbortController();
    const batch = { type, ids, controller };
    this.batches.add(batch);
    this.stats.batchRequests++;
    let doc: JsonApiDocument | undefined;
    try {
      doc = await this.client.request({
        path: PATHS[type],
        searchParams: { 'filter[id]': ids.join(','), 'page[size]': MAX_BATCH },
        signal: controller.signal,
        retry: false, // the next poll is the retry
      });
    } catch (err) {
      const error = toApiError(err);
      for (const id of ids) this.end(type, id, new Map()); // clear `fetching` whatever the version
      if (error.kind === 'aborted') return;
      if (
        error.kind === 'http' &&
        error.status !== undefined &&
        error.status >= 400 &&
        error.status < 500 &&
        error.status !== 408 &&
        error.status !== 429
      ) {
        // The server does not know `filter[id]`: single GETs from now on, for this store and type.
        this.batchRefused.add(type);
        for (const id of ids) void this.fetchOne(type, id);
        return;
      }
      for (const id of ids) {
        const entry = this.one(type, id);
        if (entry) this.fail(entry, error);
      }
      return;
    } finally {
      this.batches.delete(batch);
    }
    let items: { id: string }[] = [];
    try {
      items = doc ? deserializeMany<{ id: string }>(doc) : [];
    } catch {
      items = [];
    }
    const byId = new Map(items.map((item) => [String(item.id), item]));
    const missing: string[] = [];
    for (const id of ids) {
      const entry = this.end(type, id, versions);
      if (!entry) continue;
      const item = byId.get(id);
      if (item) this.apply(entry, item);
      else missing.push(id);
    }
    // Not in the list: ask one by one, which gives the proper 404 for each.
    for (const id of missing) void this.fetchOne(type, id);
  }

  private async fetchOne(type: WatchedType, id: string) {
    const existing = this.one(type, id);
    if (!existing) return;
    const versions = this.begin(type, [id]);
    const controller = new AbortController();
    existing.controller = controller;
    this.stats.singleRequests++;
    try {
      const doc = await this.client.request({
        path: `${PATHS[type]}/${encodeURIComponent(id)}`,
        signal: controller.signal,
        retry: false, // the next poll is the retry
      });
      const entry = this.end(type, id, versions);
      if (entry && doc) this.apply(entry, deserializeOne<{ id: string }>(doc));
    } catch (err) {
      const error = toApiError(err);
      const entry = this.one(type, id);
      if (entry) entry.fetching = false;
      if (!entry || error.kind === 'aborted') return;
      if (isNotFoundError(error)) entry.gone = true;
      this.fail(entry, error);
    } finally {
      if (existing.controller === controller) existing.controller = undefined;
    }
  }

  private apply(entry: ResourceEntry, data: { id: string; status?: string }) {
    const json = JSON.stringify(data);
    const changed = json !== entry.json;
    entry.json = json;
    entry.data = data;
    this.answered(entry, changed);
  }
}

/**
 * MessageChannel where there is one: unlike setTimeout(0) it is not clamped to 4 ms, nor to 1 s in a background
 * tab (a page that loads while hidden still shows its data when it is brought to the front).
 */
function nextMacrotask(fn: () => void) {
  if (typeof MessageChannel === 'undefined') {
    setTimeout(fn, 0);
    return;
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(null);
}
