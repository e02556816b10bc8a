// The one live engine under the store (store.ts): entries (a single resource, or a list) with the elements that
// watch them, the page-wide timers they poll on (one per period, poll-pace.ts says when each entry is due), the
// backoff after failures, the wake-up (tab visible again, back online) and the push stream. What an entry fetches
// and how it shows is its kind's: resources are the store's (batched `filter[id]` GETs), lists are lists.ts's (a
// page that shows no list does not load that code).
import type { RecruboApiError } from './errors.js';
import { onWake } from './ticker.js';
import { HOT_POLLS, PeriodTimers, dueAfterFailure, nextDue, periodFor } from './poll-pace.js';
import { notifyAll, pollInterval, safeCall, watcher, type Watcher, type WatchOptions } from './watchers.js';
import type { Coalescer, PushedChange, verdict } from './push-change.js';

/** push-change.ts's rules, loaded with the push transport (push.ts re-exports them): a page without a stream does
 *  not download them. */
export type Verdict = typeof verdict;

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

/** What an entry fetches and shows (the store for resources, lists.ts for lists). */
export interface EntryKind<E extends LiveEntry = LiveEntry> {
  /** Fetch the entry now (it is not fetching). */
  fetch(entry: E): void;
  /** Nothing more will change (a terminal status): no polling. */
  finished(entry: E): boolean;
  /** Has shown data (a first load is not needed). */
  loaded(entry: E): boolean;
  snapshot(entry: E): unknown;
  /** The last watcher left: let go of its push watches and of what is in flight for it alone. */
  forget(entry: E): void;
  /**
   * A push said this resource changed (`{ type, id, status, updatedAt }`, status and time null when unknown): take
   * what the event carries where that is all the entry shows, else `refetch` it (coalesced) when it shows it.
   */
  changed(entry: E, change: PushedChange, verdict: Verdict): void;
  /** A fresh copy of a resource (a PATCH's or POST's answer): take it in when the entry shows it. */
  put(entry: E, type: string, item: { id: string }): void;
}

/** What every entry has: its kind, its watchers, what it shows, and its pace. */
export interface LiveEntry {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kind: EntryKind<any>;
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

export const newEntry = (kind: EntryKind, key: string, announced: boolean): LiveEntry => ({
  kind,
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

/** The engine; its entry kinds use `entries`, `subscribe`, `poke`, `ended`, `answered`, `fail` and `notify`. */
export class LiveEngine {
  readonly entries = new Map<string, LiveEntry>();
  private readonly timers = new PeriodTimers((period, tick) => this.tick(period, tick));
  private offWake?: () => void;
  private offPush?: () => void;

  /** Refetches asked for by pushes: about a second's worth go out together (one batched GET per type). Made with
   *  the first change, from the push chunk. */
  private refetches?: Coalescer;
  /** The push chunk (push.ts), where the rules for a change are: already loaded on a page with a stream. */
  private rules?: Promise<typeof import('./push.js')>;

  /** `push`: the page's event stream for this configuration's `eventsUrl` (see push.ts), if any. */
  constructor(readonly push?: PushLink) {}

  /**
   * A change event of the push stream: every entry that shows the resource takes what the event carries or is
   * refetched (a resource through the batched GET, a list that holds it or belongs to it), coalesced.
   */
  pushed(change: PushedChange): void {
    // Changes arrive from push.ts, so this import is there already (in order: one promise for every change).
    void (this.rules ??= import('./push.js')).then(({ Coalescer, verdict }) => {
      this.refetches ??= new Coalescer((keys) => {
        for (const key of keys) {
          const entry = this.entries.get(key);
          if (entry) this.poke(entry);
        }
      });
      for (const entry of [...this.entries.values()]) entry.kind.changed(entry, change, verdict);
    });
  }

  /** A push said the resource changed, with nothing more known: every entry that shows it is refetched. */
  changed(type: string, id: string): void {
    this.pushed({ type, id, status: null, updatedAt: null });
  }

  /** Fetch it soon, with the other refetches of about a second (push-change.ts's Coalescer). */
  refetch(entry: LiveEntry): void {
    this.refetches?.add(entry.key);
  }

  /** A fresh copy of a resource (PATCH answer, POST answer): every entry that shows it shows it now. */
  put(type: string, item: { id: string; status?: string }): void {
    for (const entry of [...this.entries.values()]) entry.kind.put(entry, type, item);
  }

  /** How many resources and lists are watched (tests, benchmark). */
  get size(): number {
    return this.entries.size;
  }

  /** Every polled, unfinished entry, at once (tab visible again, back online, a reconnected push stream). */
  refreshAll(): void {
    for (const entry of this.entries.values()) {
      if (entry.fetching || entry.gone || entry.kind.finished(entry)) continue;
      if (entry.kind.loaded(entry) && !polling(entry)) continue;
      entry.kind.fetch(entry);
    }
  }

  /** Adds a watcher to `entry` (made by the caller when new, `created`); returns the unsubscribe. */
  subscribe(entry: LiveEntry, created: boolean, listener: (s: never) => void, opts: WatchOptions): () => void {
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
    safeCall(sub.listener, entry.kind.snapshot(entry) as never);
    if (!entry.kind.loaded(entry) && !entry.fetching && !entry.gone) {
      entry.loading = true;
      entry.kind.fetch(entry);
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
  poke(entry: LiveEntry): void {
    if (!polling(entry)) return; // `poll: false` (static) shows what it loaded, by choice
    if (entry.fetching) entry.again = true;
    else entry.kind.fetch(entry);
  }

  /** A request for the entry ended: fetch again when a push came meanwhile. */
  ended(entry: LiveEntry): void {
    entry.fetching = false;
    if (entry.again) {
      entry.again = false;
      entry.kind.fetch(entry);
    }
  }

  private unsubscribe(entry: LiveEntry, sub: Watcher<never>) {
    entry.subs.delete(sub);
    if (entry.subs.size > 0) return this.schedule(entry);
    // Nobody shows it any more: forget it, stop its timer share and abort what is in flight for it alone.
    this.entries.delete(entry.key);
    this.setPeriod(entry, undefined);
    entry.controller?.abort();
    entry.kind.forget(entry);
    if (this.entries.size === 0) {
      this.offWake?.();
      this.offWake = undefined;
      this.offPush?.();
      this.offPush = undefined;
      this.refetches?.stop();
    }
  }

  private healthy(entry: LiveEntry): boolean {
    return entry.announced && (this.push?.healthy ?? false);
  }

  /** Which page-wide timer the entry rides on, if any. */
  schedule(entry: LiveEntry): void {
    const asked = pollInterval(entry.subs);
    const wantsPolling = asked !== undefined && !entry.gone && !entry.kind.finished(entry);
    this.setPeriod(entry, wantsPolling ? periodFor(asked, this.healthy(entry)) : undefined);
  }

  private setPeriod(entry: LiveEntry, period: number | undefined) {
    if (entry.period === period) return;
    const tick = this.timers.move(entry.period, period);
    entry.period = period;
    if (tick !== undefined) this.planNext(entry, tick);
  }

  private planNext(entry: LiveEntry, tick: number) {
    entry.due = nextDue(entry, tick, this.healthy(entry));
  }

  private tick(period: number, tick: number) {
    for (const entry of this.entries.values()) {
      if (entry.period !== period || entry.fetching || entry.due > tick) continue;
      if (entry.hotPolls > 0) entry.hotPolls--;
      this.planNext(entry, tick);
      entry.kind.fetch(entry);
    }
  }

  /** A fetch answered: `changed` when what it shows changed. Paces the next poll and tells the watchers. */
  answered(entry: LiveEntry, changed: boolean): void {
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

  fail(entry: LiveEntry, error: RecruboApiError): void {
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

  notify(entry: LiveEntry): void {
    notifyAll(entry.subs, entry.kind.snapshot(entry) as never);
  }
}

function polling(entry: LiveEntry): boolean {
  return pollInterval(entry.subs) !== undefined;
}
