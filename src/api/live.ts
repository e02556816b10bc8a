// The one live engine under the store (store.ts): entries (a single resource, or a list) with the elements that
// watch them, the page-wide timers they poll on (one per period, poll-pace.ts says when each entry is due), the
// backoff after failures, the wake-up (tab visible again, back online) and the push stream. What an entry fetches
// and how it shows is the store's (resources: batched `filter[id]` GETs; lists: lists.ts).
import type { RecruboApiError } from './errors.js';
import { onWake } from './ticker.js';
import { HOT_POLLS, PeriodTimers, dueAfterFailure, nextDue, periodFor } from './poll-pace.js';
import { notifyAll, pollInterval, safeCall, watcher, type Watcher, type WatchOptions } from './watchers.js';
import type { PushedChange } from './push-change.js';

/** The store's view of the page's push stream (push.ts; loaded only for a configuration with `eventsUrl`). */
export interface PushLink {
  readonly healthy: boolean;
  join(client: {
    /** A change event from the stream: `{ type, id, status, updatedAt }` (push-change.ts says what it costs). */
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

/** What every entry has: its watchers, what it shows, and its pace. */
export interface LiveEntry {
  key: string;
  subs: Set<Watcher<never>>;
  error?: RecruboApiError;
  loading: boolean;
  /** When it was last fetched (epoch ms), also by a poll that found nothing new: "not refreshed since …". */
  fetchedAt?: number;
  fetching: boolean;
  /** Not found: nothing to poll for. */
  gone: boolean;
  period?: number;
  /** Half-tick number at which the next poll is due. */
  due: number;
  hotPolls: number;
  unchangedPolls: number;
  /** Polls that failed in a row (a polled GET is not retried by the client: the next poll is the retry). */
  failures: number;
  controller?: AbortController;
  /** A push said it changed while a request was in flight (that answer may be older): fetch again after it. */
  again?: boolean;
  /** The push stream announces every change of it, so polling slows to the safety net while the stream is healthy. */
  announced: boolean;
}

export const newEntry = (key: string, announced: boolean): LiveEntry => ({
  key,
  subs: new Set(),
  loading: true,
  fetching: false,
  gone: false,
  due: 0,
  hotPolls: HOT_POLLS,
  unchangedPolls: 0,
  failures: 0,
  announced,
});

export abstract class LiveEngine<E extends LiveEntry> {
  protected readonly entries = new Map<string, E>();
  private readonly timers = new PeriodTimers((period, tick) => this.tick(period, tick));
  private offWake?: () => void;
  private offPush?: () => void;

  /** `push`: the page's event stream for this configuration's `eventsUrl` (see push.ts), if any. */
  constructor(protected readonly push?: PushLink) {}

  /** A push said this resource changed: refresh what shows it. */
  abstract changed(type: string, id: string): void;
  /** A change event from the stream (status, updatedAt): by default a refresh; the store applies what it can. */
  pushed(change: PushedChange): void {
    this.changed(change.type, change.id);
  }
  /** Fetch the entry now (it is not fetching). */
  protected abstract fetch(entry: E): void;
  /** Nothing more will change (a terminal status): no polling. */
  protected abstract finished(entry: E): boolean;
  /** Has shown data (a first load is not needed). */
  protected abstract loaded(entry: E): boolean;
  protected abstract snapshot(entry: E): unknown;
  /** The last watcher left: let go of its push watches and of what is in flight for it alone. */
  protected abstract forget(entry: E): void;

  /** How many resources and lists are watched (tests, benchmark). */
  get size(): number {
    return this.entries.size;
  }

  /** Every polled, unfinished entry, at once (tab visible again, back online, a reconnected push stream). */
  refreshAll(): void {
    for (const entry of this.entries.values()) {
      if (entry.fetching || entry.gone || this.finished(entry)) continue;
      if (this.loaded(entry) && !polling(entry)) continue;
      this.fetch(entry);
    }
  }

  /** Adds a watcher to `entry` (made by the caller when new, `created`); returns the unsubscribe. */
  protected subscribe(entry: E, created: boolean, listener: (s: never) => void, opts: WatchOptions): () => void {
    if (created) {
      this.entries.set(entry.key, entry);
      this.offPush ??= this.push?.join({
        pushed: (change) => this.pushed(change),
        changed: (t, i) => this.changed(t, i),
        refused: (t, i) => {
          // Not announced after all: it polls at its own pace, not the safety net's.
          const refused = this.entries.get(`${t}:${i}`);
          if (refused?.announced) {
            refused.announced = false;
            this.schedule(refused);
          }
        },
        refetchAll: () => this.refreshAll(),
        health: () => {
          for (const e of this.entries.values()) this.schedule(e);
        },
      });
    }
    const sub = watcher(listener, opts);
    entry.subs.add(sub);
    this.offWake ??= onWake(() => this.refreshAll());
    safeCall(sub.listener, this.snapshot(entry) as never);
    if (!this.loaded(entry) && !entry.fetching && !entry.gone) {
      entry.loading = true;
      this.fetch(entry);
    }
    this.schedule(entry);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.unsubscribe(entry, sub);
    };
  }

  /** Fetch now when someone polls it (a push), or after the request in flight (its answer may be older). */
  protected poke(entry: E): void {
    if (!polling(entry)) return; // `poll: false` (static) shows what it loaded, by choice
    if (entry.fetching) entry.again = true;
    else this.fetch(entry);
  }

  /** A request for the entry ended: fetch again when a push came meanwhile. */
  protected ended(entry: E): void {
    entry.fetching = false;
    if (entry.again) {
      entry.again = false;
      this.fetch(entry);
    }
  }

  private unsubscribe(entry: E, sub: Watcher<never>) {
    entry.subs.delete(sub);
    if (entry.subs.size > 0) return this.schedule(entry);
    // Nobody shows it any more: forget it, stop its timer share and abort what is in flight for it alone.
    this.entries.delete(entry.key);
    this.setPeriod(entry, undefined);
    entry.controller?.abort();
    this.forget(entry);
    if (this.entries.size === 0) {
      this.offWake?.();
      this.offWake = undefined;
      this.offPush?.();
      this.offPush = undefined;
    }
  }

  private healthy(entry: E): boolean {
    return entry.announced && (this.push?.healthy ?? false);
  }

  /** Which page-wide timer the entry rides on, if any. */
  protected schedule(entry: E): void {
    const asked = pollInterval(entry.subs);
    const wantsPolling = asked !== undefined && !entry.gone && !this.finished(entry);
    this.setPeriod(entry, wantsPolling ? periodFor(asked, this.healthy(entry)) : undefined);
  }

  private setPeriod(entry: E, period: number | undefined) {
    if (entry.period === period) return;
    const tick = this.timers.move(entry.period, period);
    entry.period = period;
    if (tick !== undefined) this.planNext(entry, tick);
  }

  private planNext(entry: E, tick: number) {
    entry.due = nextDue(entry, tick, this.healthy(entry));
  }

  private tick(period: number, tick: number) {
    for (const entry of this.entries.values()) {
      if (entry.period !== period || entry.fetching || entry.due > tick) continue;
      if (entry.hotPolls > 0) entry.hotPolls--;
      this.planNext(entry, tick);
      this.fetch(entry);
    }
  }

  /** A fetch answered: `changed` when what it shows changed. Paces the next poll and tells the watchers. */
  protected answered(entry: E, changed: boolean): void {
    const wasPending = entry.loading || entry.error !== undefined;
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

  protected fail(entry: E, error: RecruboApiError): void {
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

  protected notify(entry: E): void {
    notifyAll(entry.subs, this.snapshot(entry) as never);
  }
}

function polling(entry: LiveEntry): boolean {
  return pollInterval(entry.subs) !== undefined;
}
