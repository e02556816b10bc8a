// The live resource store: one entry per (type, id) with the elements that watch it, shared fetching
// (ids asked for in the same tick go out as one `filter[id]` request), and adaptive polling on the page-wide
// timers of ticker.ts (the pace: poll-pace.ts). A PATCH result is `put()` here so every element that shows the
// resource changes at once.
import type { ApiClient } from './client.js';
import { isNotFoundError, type RecruboApiError } from './errors.js';
import { deserializeMany, deserializeOne, type JsonApiDocument } from './jsonapi.js';
import { onWake } from './ticker.js';
import { HOT_POLLS, PeriodTimers, dueAfterFailure, nextDue, periodFor } from './poll-pace.js';
import { notifyAll, pollInterval, safeCall, toApiError, watcher, type Watcher, type WatchOptions } from './watchers.js';
import { retryBudget } from './retry.js';
import { Coalescer, verdict, type PushedChange } from './push-change.js';
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

export interface StoreStats {
  batchRequests: number;
  singleRequests: number;
}

/** The store's view of the page's push stream (push.ts; loaded only for a configuration with `eventsUrl`). */
export interface PushLink {
  readonly healthy: boolean;
  join(client: {
    /** A change from the stream (push-change.ts says what it costs). */
    pushed(change: PushedChange): void;
    /** Fetch it: it may have changed unseen (just added to the stream). */
    changed(type: string, id: string): void;
    /** The stream's server will not tell this page about it (authorizeIds): it polls at its own pace. */
    refused(type: string, id: string): void;
    refetchAll(): void;
    health(healthy: boolean): void;
  }): () => void;
  watch(type: string, id: string): void;
  unwatch(type: string, id: string): void;
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

type Subscription = Watcher<ResourceSnapshot<unknown>>;

interface Entry {
  type: WatchedType;
  id: string;
  data?: { id: string; status?: string };
  error?: RecruboApiError;
  loading: boolean;
  fetchedAt?: number;
  subs: Set<Subscription>;
  json?: string;
  /** Bumped by put(): answers to requests sent before it are stale and dropped. */
  version: number;
  fetching: boolean;
  /** Not found: nothing to poll for. */
  gone: boolean;
  period?: number;
  /** Half-tick number at which the next poll is due. */
  due: number;
  hotPolls: number;
  unchangedPolls: number;
  /** Polls that failed in a row (after the client's own retries). */
  failures: number;
  controller?: AbortController;
  /** A push said it changed while a request was in flight (that answer may be older): fetch again after it. */
  again?: boolean;
  /** The stream refused to watch it (authorizeIds): no safety-net pace for it, it polls as without push. */
  unpushed?: boolean;
}

export function isTerminal(type: WatchedType, status: string | undefined): boolean {
  return status !== undefined && TERMINAL[type].includes(status);
}

export class ResourceStore {
  readonly stats: StoreStats = { batchRequests: 0, singleRequests: 0 };
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new PeriodTimers((period, tick) => this.tick(period, tick));
  private readonly pending = new Map<WatchedType, Set<string>>();
  private flushScheduled = false;
  private readonly batchRefused = new Set<WatchedType>();
  private readonly batches = new Set<{ type: WatchedType; ids: string[]; controller: AbortController }>();
  private offWake?: () => void;
  private offPush?: () => void;
  /** Refetches asked for by pushed changes, about a second's worth per batched GET. */
  private readonly refetches = new Coalescer((keys) => {
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (!entry || !polling(entry)) continue;
      if (entry.fetching) entry.again = true;
      else this.enqueue(entry);
    }
  });

  /** `push`: the page's event stream for this configuration's `eventsUrl` (see push.ts), if any. */
  constructor(
    private readonly client: ApiClient,
    private readonly push?: PushLink,
  ) {}

  watch<K extends WatchedType>(
    type: K,
    id: string,
    listener: SnapshotListener<WatchedResources[K]>,
    opts: WatchOptions = {},
  ): () => void {
    const key = `${type}:${id}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        type,
        id,
        loading: true,
        subs: new Set(),
        version: 0,
        fetching: false,
        gone: false,
        due: 0,
        hotPolls: HOT_POLLS,
        unchangedPolls: 0,
        failures: 0,
      };
      this.entries.set(key, entry);
      this.offPush ??= this.push?.join({
        pushed: (change) => this.pushed(change),
        changed: (t, i) => this.changed(t as WatchedType, i),
        refused: (t, i) => {
          const e = this.entries.get(`${t}:${i}`);
          if (e && !e.unpushed) {
            e.unpushed = true;
            this.setPeriod(e, undefined);
            this.schedule(e);
          }
        },
        refetchAll: () => this.refreshAll(),
        health: () => {
          for (const e of this.entries.values()) this.schedule(e);
        },
      });
      this.push?.watch(type, id);
    }
    const sub: Subscription = watcher(listener as SnapshotListener<unknown>, opts);
    entry.subs.add(sub);
    this.offWake ??= onWake(() => this.refreshAll());
    safeCall(sub.listener, snapshot(entry));
    if (!entry.data && !entry.fetching && !entry.gone) {
      entry.loading = true;
      this.enqueue(entry);
    }
    this.schedule(entry);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.unsubscribe(key, sub);
    };
  }

  /** The current snapshot, without subscribing. */
  peek<K extends WatchedType>(type: K, id: string): ResourceSnapshot<WatchedResources[K]> | undefined {
    const entry = this.entries.get(`${type}:${id}`);
    return entry ? (snapshot(entry) as ResourceSnapshot<WatchedResources[K]>) : undefined;
  }

  /** A fresh copy of a resource (PATCH answer, POST answer): every watcher sees it now. */
  put<K extends WatchedType>(type: K, resource: WatchedResources[K]): void {
    const entry = this.entries.get(`${type}:${resource.id}`);
    if (!entry) return;
    entry.version++;
    this.apply(entry, resource);
  }

  /** Fetch now (ignores the polling schedule). */
  refresh(type: WatchedType, id: string): void {
    const entry = this.entries.get(`${type}:${id}`);
    if (entry && !entry.fetching) this.enqueue(entry);
  }

  /** A push said the resource changed: fetch it now through the normal (batched) GET. */
  changed(type: WatchedType, id: string): void {
    const entry = this.entries.get(`${type}:${id}`);
    if (!entry || !polling(entry)) return; // `poll: false` (static) shows what it loaded, by choice
    if (entry.fetching) entry.again = true;
    else this.enqueue(entry);
  }

  /**
   * A change from the stream: ignored when older than (or the same as) what the entry holds; taken from the event
   * when every watcher shows only status and time; else the resource is refetched, coalesced with the others of
   * about a second into one batched GET per type. A finished run is fetched once (its outcome needs its answers).
   */
  pushed(change: PushedChange): void {
    const key = `${change.type}:${change.id}`;
    const entry = this.entries.get(key);
    if (!entry || !polling(entry)) return; // `poll: false` (static) shows what it loaded, by choice
    const statusOnly = [...entry.subs].every((s) => s.shows === 'status' || !s.poll);
    const status = change.status ?? undefined;
    const needsLoad = entry.type === 'flowRuns' ? status === 'finished' : isTerminal(entry.type, status);
    const held = entry.data as { status?: string; updatedAt?: string } | undefined;
    const what = verdict(entry.error ? undefined : held, change, statusOnly, needsLoad);
    if (what === 'ignore') return;
    if (what === 'refetch') return this.refetches.add(key);
    entry.version++; // an answer in flight is older than this
    const next: { id: string; status?: string; updatedAt?: string } = {
      ...entry.data!,
      status: change.status!,
      updatedAt: change.updatedAt!,
    };
    this.apply(entry, next);
  }

  /** Every polled, unfinished resource, at once (tab visible again, back online). */
  refreshAll(): void {
    for (const entry of this.entries.values()) {
      if (entry.fetching || entry.gone) continue;
      if (entry.data && isTerminal(entry.type, entry.data.status)) continue;
      if (entry.data && !polling(entry)) continue;
      this.enqueue(entry);
    }
  }

  /** How many resources are watched (tests, benchmark). */
  get size(): number {
    return this.entries.size;
  }

  private unsubscribe(key: string, sub: Subscription) {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.subs.delete(sub);
    if (entry.subs.size > 0) {
      this.schedule(entry);
      return;
    }
    // Nobody shows it any more: forget it, stop its timer share and abort what is in flight for it alone.
    this.entries.delete(key);
    this.push?.unwatch(entry.type, entry.id);
    this.setPeriod(entry, undefined);
    this.pending.get(entry.type)?.delete(entry.id);
    entry.controller?.abort();
    for (const batch of this.batches) {
      if (batch.ids.every((id) => !this.entries.has(`${batch.type}:${id}`))) batch.controller.abort();
    }
    if (this.entries.size === 0) {
      this.offWake?.();
      this.offWake = undefined;
      this.offPush?.();
      this.offPush = undefined;
      this.refetches.stop();
    }
  }

  /** Which page-wide timer the entry rides on, if any. */
  private schedule(entry: Entry) {
    const asked = pollInterval(entry.subs);
    const wantsPolling =
      asked !== undefined && !entry.gone && !(entry.data && isTerminal(entry.type, entry.data.status));
    this.setPeriod(entry, wantsPolling ? periodFor(asked, this.pushCovers(entry)) : undefined);
  }

  private setPeriod(entry: Entry, period: number | undefined) {
    if (entry.period === period) return;
    const tick = this.timers.move(entry.period, period);
    entry.period = period;
    if (tick !== undefined) this.planNext(entry, tick);
  }

  private planNext(entry: Entry, tick: number) {
    entry.due = nextDue(entry, tick, this.pushCovers(entry));
  }

  /** The stream is healthy and watches this entry: polling is only the safety net. */
  private pushCovers(entry: Entry): boolean {
    return (this.push?.healthy ?? false) && !entry.unpushed;
  }

  private tick(period: number, tick: number) {
    for (const entry of this.entries.values()) {
      if (entry.period !== period || entry.fetching || entry.due > tick) continue;
      if (entry.hotPolls > 0) entry.hotPolls--;
      this.planNext(entry, tick);
      this.enqueue(entry);
    }
  }

  private enqueue(entry: Entry) {
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
        const entry = this.entries.get(`${type}:${id}`);
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
      const entry = this.entries.get(`${type}:${id}`);
      if (!entry) continue;
      entry.fetching = true;
      versions.set(id, entry.version);
    }
    return versions;
  }

  private end(type: WatchedType, id: string, versions: Map<string, number>): Entry | undefined {
    const entry = this.entries.get(`${type}:${id}`);
    if (!entry) return undefined;
    entry.fetching = false;
    if (entry.again) {
      entry.again = false;
      this.enqueue(entry); // goes out a macrotask later, after this answer is applied
    }
    // Answer to a request sent before a put() (a PATCH): older than what we show, drop it.
    return entry.version === versions.get(id) ? entry : undefined;
  }

  private async fetchBatch(type: WatchedType, ids: string[]) {
    const versions = this.begin(type, ids);
    const controller = new AbortController();
    const batch = { type, ids, controller };
    this.batches.add(batch);
    this.stats.batchRequests++;
    const early = this.earlyFailure(type, ids);
    let doc: JsonApiDocument | undefined;
    try {
      doc = await this.client.request({
        path: PATHS[type],
        searchParams: { 'filter[id]': ids.join(','), 'page[size]': MAX_BATCH },
        signal: controller.signal,
        onRetry: early.onRetry,
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
        const entry = this.entries.get(`${type}:${id}`);
        if (entry) this.fail(entry, error);
      }
      return;
    } finally {
      early.done();
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
    const existing = this.entries.get(`${type}:${id}`);
    if (!existing) return;
    const versions = this.begin(type, [id]);
    const controller = new AbortController();
    existing.controller = controller;
    this.stats.singleRequests++;
    const early = this.earlyFailure(type, [id]);
    try {
      const doc = await this.client.request({
        path: `${PATHS[type]}/${encodeURIComponent(id)}`,
        signal: controller.signal,
        onRetry: early.onRetry,
      });
      const entry = this.end(type, id, versions);
      if (entry && doc) this.apply(entry, deserializeOne<{ id: string }>(doc));
    } catch (err) {
      const error = toApiError(err);
      const entry = this.entries.get(`${type}:${id}`);
      if (entry) entry.fetching = false;
      if (!entry || error.kind === 'aborted') return;
      if (isNotFoundError(error)) entry.gone = true;
      this.fail(entry, error);
    } finally {
      early.done();
      if (existing.controller === controller) existing.controller = undefined;
    }
  }

  /**
   * A request whose first attempt failed may retry for long (a Retry-After of 20 s, four times; a server that
   * hangs until the timeout). Once the backoff's own budget (retryBudget) has passed since that first failure and
   * the request is still trying, its resources show the failure (stale data, or "could not load" with a retry)
   * while the retries go on; an answer clears it as usual.
   */
  private earlyFailure(type: WatchedType, ids: string[]) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: RecruboApiError | undefined;
    const onRetry = (error: RecruboApiError) => {
      last = error;
      timer ??= setTimeout(() => {
        for (const id of ids) {
          const entry = this.entries.get(`${type}:${id}`);
          if (!entry || !entry.fetching || entry.error || !last) continue;
          entry.error = last;
          this.notify(entry);
        }
      }, retryBudget(this.client.policy));
    };
    return { onRetry, done: () => clearTimeout(timer) };
  }

  private apply(entry: Entry, data: { id: string; status?: string }) {
    const json = JSON.stringify(data);
    const changed = json !== entry.json;
    const wasPending = entry.loading || entry.error !== undefined;
    entry.json = json;
    entry.data = data;
    entry.fetchedAt = Date.now();
    entry.error = undefined;
    entry.loading = false;
    entry.gone = false;
    entry.failures = 0;
    if (changed) {
      entry.unchangedPolls = 0;
      entry.hotPolls = HOT_POLLS;
    } else {
      entry.unchangedPolls++;
    }
    this.schedule(entry);
    if (entry.period !== undefined) this.planNext(entry, this.timers.tick(entry.period));
    if (changed || wasPending) this.notify(entry);
  }

  private fail(entry: Entry, error: RecruboApiError) {
    entry.error = error;
    entry.loading = false;
    entry.failures++;
    this.schedule(entry);
    if (entry.period !== undefined) {
      // The next poll waits: longer while failures repeat, and at least what the server asked for (Retry-After).
      const after = dueAfterFailure(entry.failures, this.timers.tick(entry.period), entry.period, error.retryAfter);
      entry.due = Math.max(entry.due, after);
    }
    this.notify(entry);
  }

  private notify(entry: Entry) {
    notifyAll(entry.subs, snapshot(entry));
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

function polling(entry: Entry): boolean {
  return pollInterval(entry.subs) !== undefined;
}

function snapshot(entry: Entry): ResourceSnapshot<unknown> {
  const snap: ResourceSnapshot<unknown> = { loading: entry.loading };
  if (entry.data) snap.data = entry.data;
  if (entry.error) snap.error = entry.error;
  if (entry.fetchedAt !== undefined) snap.fetchedAt = entry.fetchedAt;
  return snap;
}
