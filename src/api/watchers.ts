// What every entry of the live store (live.ts: a resource or a list) knows about the elements that watch it: a
// watcher's pace, the pace an entry polls at, handing a snapshot to every watcher (one broken listener does not
// starve the others), and turning whatever a request threw into a RecruboApiError.
import { RecruboApiError, isRecruboApiError } from './errors.js';

export const DEFAULT_POLL_INTERVAL = 5000;

export interface WatchOptions {
  /** Base polling interval in ms (default 5000). */
  interval?: number;
  /** false: load once, never poll. */
  poll?: boolean;
  /**
   * What the watcher shows of the resource: `status` (its status and the time of its last change, e.g. a badge)
   * takes a pushed change straight from the event, with no request; `all` (default) has it refetched.
   */
  shows?: 'status' | 'all';
  /** With `shows: 'status'`: statuses after which it needs the whole resource once (the badge: `finished`, for its outcome). */
  fetchOn?: readonly string[];
}

export interface Watcher<S> {
  listener: (snapshot: S) => void;
  interval: number;
  poll: boolean;
  shows: 'status' | 'all';
  fetchOn: readonly string[];
}

export function watcher<S>(listener: (snapshot: S) => void, opts: WatchOptions = {}): Watcher<S> {
  return {
    listener,
    interval: Math.max(50, opts.interval ?? DEFAULT_POLL_INTERVAL),
    poll: opts.poll ?? true,
    shows: opts.shows ?? 'all',
    fetchOn: opts.fetchOn ?? [],
  };
}

/** The shortest interval among the watchers that poll; undefined when none does (`poll: false` shows what it loaded). */
export function pollInterval(watchers: Iterable<Watcher<never>>): number | undefined {
  let shortest: number | undefined;
  for (const w of watchers) if (w.poll && (shortest === undefined || w.interval < shortest)) shortest = w.interval;
  return shortest;
}

/** Every watcher gets the snapshot, even when one of them throws. */
export function notifyAll<S>(watchers: Iterable<Watcher<S>>, snapshot: S): void {
  for (const w of [...watchers]) safeCall(w.listener, snapshot);
}

export function safeCall<S>(listener: (snapshot: S) => void, snapshot: S): void {
  try {
    listener(snapshot);
  } catch (err) {
    // One broken listener must not starve the others; report it where the page sees uncaught errors.
    setTimeout(() => {
      throw err;
    }, 0);
  }
}

/** What a request threw, as the api's error (`isRecruboApiError`, not `instanceof`: two copies on one page). */
export function toApiError(err: unknown): RecruboApiError {
  if (isRecruboApiError(err)) return err;
  return new RecruboApiError({
    kind: 'parse',
    message: `Unexpected answer: ${String((err as Error)?.message ?? err)}`,
    cause: err,
  });
}
