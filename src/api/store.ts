// The live store: single resources and lists, with the elements that watch them, on the one live engine
// (live.ts: pacing, backoff, wake-up, push). A resource is one entry per (type, id), and this file is their kind:
// ids asked for in the same tick go out as one `filter[id]` request. A list is one entry per (type, query), of
// lists.ts's kind (`watchList(store, …)`: read whole, or as a log such as a thread's messages). A PATCH or POST
// answer is `put()` here so every element that shows the resource (or a list holding it) changes at once.
import type { ApiClient } from './client.js';
import { isNotFoundError, type RecruboApiError } from './errors.js';
import { deserializeMany, deserializeOne, type JsonApiDocument } from './jsonapi.js';
import { LiveEngine, newEntry, type EntryKind, type LiveEntry, type PushLink } from './live.js';
import { toApiError, type WatchOptions } from './watchers.js';
import {
  ANALYSIS_TERMINAL_STATUSES,
  GENERATION_TERMINAL_STATUSES,
  RUN_TERMINAL_STATUSES,
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

export interface StoreStats {
  batchRequests: number;
  singleRequests: number;
}

/** JSON:API servers commonly cap page[size] at 100, so a `filter[id]` list never exceeds it. */
export const MAX_BATCH = 100;

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
  type: WatchedType;
  id: string;
  data?: { id: string; status?: string };
  json?: string;
  /** Bumped by put(): answers to requests sent before it are stale and dropped. */
  version: number;
}

// The store of each client (a conversation's messages API, made apart from getApi(), finds it by its client).
const stores = new WeakMap<ApiClient, ResourceStore>();
export const storeOf = (client: ApiClient): ResourceStore | undefined => stores.get(client);

export function isTerminal(type: WatchedType, status: string | undefined): boolean {
  return status !== undefined && TERMINAL[type].includes(status);
}

export class ResourceStore extends LiveEngine {
  readonly stats: StoreStats = { batchRequests: 0, singleRequests: 0 };
  private readonly pending = new Map<WatchedType, Set<string>>();
  private flushScheduled = false;
  private readonly batchRefused = new Set<WatchedType>();
  private readonly batches = new Set<{ type: WatchedType; ids: string[]; controller: AbortController }>();

  /** `push`: the page's event stream for this configuration's `eventsUrl` (see push.ts), if any. */
  constructor(
    readonly client: ApiClient,
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
      entry = { ...newEntry(this.kind, `${type}:${id}`, true), type, id, version: 0 };
      this.push?.watch(type, id);
    }
    return this.subscribe(entry, created, listener as (s: never) => void, opts);
  }

  /** The current snapshot, without subscribing. */
  peek<K extends WatchedType>(type: K, id: string): ResourceSnapshot<WatchedResources[K]> | undefined {
    const entry = this.one(type, id);
    return entry ? (this.kind.snapshot(entry) as ResourceSnapshot<WatchedResources[K]>) : undefined;
  }

  /** Fetch now (ignores the polling schedule). */
  refresh(type: WatchedType, id: string): void {
    const entry = this.one(type, id);
    if (entry && !entry.fetching) this.enqueue(entry);
  }

  /** The kind (live.ts) of the store's own entries: single resources. */
  private readonly kind: EntryKind<ResourceEntry> = {
    fetch: (entry) => this.enqueue(entry),
    finished: (entry) => !!entry.data && isTerminal(entry.type, entry.data.status),
    loaded: (entry) => !!entry.data,
    snapshot: (entry) => {
      const snap: ResourceSnapshot<unknown> = { loading: entry.loading };
      if (entry.data) snap.data = entry.data;
      if (entry.error) snap.error = entry.error;
      if (entry.fetchedAt !== undefined) snap.fetchedAt = entry.fetchedAt;
      return snap;
    },
    forget: (entry) => {
      this.push?.unwatch(entry.type, entry.id);
      this.pending.get(entry.type)?.delete(entry.id);
      for (const batch of this.batches) {
        if (batch.ids.every((id) => !this.entries.has(`${batch.type}:${id}`))) batch.controller.abort();
      }
    },
    // Newer only (late, duplicate deliveries); from the event when every watcher shows only status and time (a
    // badge: no request), unless one names the status in `fetchOn` (the badge's outcome); else refetched.
    changed: (entry, change, verdict) => {
      if (entry.type !== change.type || entry.id !== change.id || ![...entry.subs].some((s) => s.poll)) return;
      const statusOnly = [...entry.subs].every((s) => s.shows === 'status' || !s.poll);
      const status = change.status ?? undefined;
      const needsLoad = status !== undefined && [...entry.subs].some((s) => s.fetchOn.includes(status));
      const held = entry.error ? undefined : (entry.data as { status?: string; updatedAt?: string } | undefined);
      const what = verdict(held, change, statusOnly, needsLoad);
      if (what === 'refetch') return this.refetch(entry);
      if (what !== 'apply') return;
      entry.version++; // an answer in flight is older than this
      this.apply(entry, {
        ...entry.data!,
        status: change.status!,
        updatedAt: change.updatedAt!,
      } as typeof entry.data & {});
    },
    put: (entry, type, item) => {
      if (entry.type !== type || entry.id !== item.id) return;
      entry.version++;
      this.apply(entry, item);
    },
  };

  private one(type: WatchedType, id: string): ResourceEntry | undefined {
    const entry = this.entries.get(`${type}:${id}`);
    return entry?.kind === this.kind ? (entry as ResourceEntry) : undefined;
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
