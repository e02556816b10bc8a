// What the store does with a pushed change (spec §13 amended): the event carries `{ type, id, status, updatedAt }`.
// Deliveries come late, twice and out of order, so a change is applied only when it is newer than what the entry
// holds; a watcher that shows only status and time (a badge) takes it from the event with no request; one that shows
// more (a card, a conversation, an inbox row) has the resource refetched, and the refetches of about a second are
// coalesced into one batched GET per type.

/** A change as the page's stream delivers it. */
export interface PushedChange {
  type: string;
  id: string;
  status: string | null;
  updatedAt: string | null;
}

/** What to do with a change: nothing (older or the same), take it from the event, or fetch the resource. */
export type Verdict = 'ignore' | 'apply' | 'refetch';

const time = (v: unknown): number | undefined => {
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
};

/**
 * `held`: what the entry shows (undefined before its first answer). `statusOnly`: every watcher shows only status
 * and time. `needsLoad`: the new status needs more than the event (a finished run's outcome needs its answers).
 */
export function verdict(
  held: { status?: unknown; updatedAt?: unknown } | undefined,
  change: PushedChange,
  statusOnly: boolean,
  needsLoad: boolean,
): Verdict {
  const at = time(change.updatedAt);
  // Nothing to compare with (first load pending, or an event without a time): only a fetch can tell.
  if (!held || at === undefined) return 'refetch';
  const heldAt = time(held.updatedAt);
  if (heldAt !== undefined) {
    if (at < heldAt) return 'ignore'; // an older delivery, arriving late
    if (at === heldAt) {
      // The same moment: a duplicate, unless the status differs (two changes in one ms: ask the server).
      return change.status === null || change.status === held.status ? 'ignore' : 'refetch';
    }
  }
  if (change.status === null || !statusOnly || needsLoad) return 'refetch';
  return 'apply';
}

/** About one second: refetches asked for within it go out as one batched GET per type. */
export const COALESCE_MS = 1000;
/** The first refetch after a quiet spell waits only this long (changes of the same moment join it). */
const FIRST_WAIT_MS = 30;

/**
 * At most one refetch round per `COALESCE_MS`: the first change after a quiet spell goes out almost at once, later
 * ones wait for the end of the window and then go out together. `run` receives every key asked for meanwhile.
 */
export class Coalescer {
  private readonly keys = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;
  private lastRun = -Infinity;

  constructor(
    private readonly run: (keys: string[]) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  add(key: string): void {
    this.keys.add(key);
    if (this.timer !== undefined) return;
    const wait = Math.max(FIRST_WAIT_MS, this.lastRun + COALESCE_MS - this.now());
    this.timer = setTimeout(() => this.fire(), wait);
  }

  delete(key: string): void {
    this.keys.delete(key);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.keys.clear();
  }

  private fire() {
    this.timer = undefined;
    this.lastRun = this.now();
    const keys = [...this.keys];
    this.keys.clear();
    if (keys.length) this.run(keys);
  }
}
