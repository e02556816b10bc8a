// When the resource store (store.ts) polls an entry next. Entries ride on the page-wide timers of ticker.ts, one
// per period (half the asked interval), shared here by every entry of the store with that period; an entry is due
// at a half-tick number: sooner right after a change, slower while nothing moves, later after failures or a
// Retry-After, and only as a safety net while the push stream is healthy.
import { onTick } from './ticker.js';

/**
 * While the push stream is healthy, polling only checks this often: a safety net for a webhook Recrubo never
 * delivered (after its own retries). Everything else a healthy-looking stream could miss is caught sooner by the
 * transport itself: a stream silent for 45 s (heartbeats every 15 s) is reopened, and every (re)open, every `refetch`
 * event (a broker that lost its connection, a cursor older than the replay buffer) refetches all the page watches.
 */
export const PUSH_SAFETY_INTERVAL = 300_000;
/** Polls at the hot stride after a change. */
export const HOT_POLLS = 3;
/** Half-ticks (interval/2) between polls: right after a change, normally, and while nothing moves. */
const STRIDE_HOT = 1;
const STRIDE_NORMAL = 2;
const IDLE_STEPS: [unchangedPolls: number, stride: number][] = [
  [30, 8],
  [10, 4],
];
/** After failed polls (each already retried by the client): 2, 4, 8, then 16 half-ticks; a Retry-After waits longer. */
const MAX_FAILURE_STRIDE = 16;
/** A Retry-After longer than this (a day, a far date) is honoured only this far; a wake-up or a retry asks at once. */
const MAX_RETRY_AFTER = 5 * 60_000;

/** What an entry's pace depends on. */
export interface Pace {
  hotPolls: number;
  unchangedPolls: number;
}

/** The timer period (ms) of a polled entry: half its interval, or half the safety interval on a healthy push. */
export function periodFor(interval: number, pushHealthy: boolean): number {
  const effective = pushHealthy ? Math.max(interval, PUSH_SAFETY_INTERVAL) : interval;
  return Math.max(25, Math.round(effective / 2));
}

/** The half-tick after `tick` at which the entry polls next. */
export function nextDue(pace: Pace, tick: number, pushHealthy: boolean): number {
  // On push the poll is only the safety net: every 5 min, neither faster after a change (the stream tells) nor
  // slower while idle (a lost webhook must not go unnoticed for minutes).
  if (pushHealthy) return Math.ceil((tick + 1) / STRIDE_NORMAL) * STRIDE_NORMAL;
  let stride = pace.hotPolls > 0 ? STRIDE_HOT : STRIDE_NORMAL;
  for (const [after, slower] of IDLE_STEPS) {
    if (pace.unchangedPolls >= after) {
      stride = slower;
      break;
    }
  }
  // Rounded up to a multiple of the stride so that entries with the same pace go out in the same request.
  return Math.ceil((tick + 1) / stride) * stride;
}

/** After `failures` failed polls in a row: longer while they repeat, and at least what the server asked for. */
export function dueAfterFailure(failures: number, tick: number, period: number, retryAfter?: number): number {
  const backoff = Math.min(MAX_FAILURE_STRIDE, STRIDE_NORMAL * 2 ** (failures - 1));
  const asked = retryAfter ? Math.ceil(Math.min(retryAfter, MAX_RETRY_AFTER) / period) : 0;
  return tick + Math.max(backoff, asked);
}

interface PeriodUse {
  users: number;
  tick: number;
  off: () => void;
}

/** The store's share of the page-wide timers: one per period while an entry uses it, counting half-ticks. */
export class PeriodTimers {
  private readonly periods = new Map<number, PeriodUse>();

  /** `onHalfTick(period, tick)`: a period's timer fired; `tick` counts its firings. */
  constructor(private readonly onHalfTick: (period: number, tick: number) => void) {}

  /** One user leaves `from` (if any) and joins `to` (if any); returns `to`'s current tick. */
  move(from: number | undefined, to: number | undefined): number | undefined {
    if (from !== undefined) {
      const use = this.periods.get(from)!;
      if (--use.users === 0) {
        use.off();
        this.periods.delete(from);
      }
    }
    if (to === undefined) return undefined;
    let use = this.periods.get(to);
    if (!use) {
      const created: PeriodUse = { users: 0, tick: 0, off: () => {} };
      created.off = onTick(to, () => {
        if (this.periods.get(to) === created) this.onHalfTick(to, ++created.tick); // not after it was let go
      });
      this.periods.set(to, created);
      use = created;
    }
    use.users++;
    return use.tick;
  }

  /** The period's current tick (it is in use). */
  tick(period: number): number {
    return this.periods.get(period)!.tick;
  }
}
