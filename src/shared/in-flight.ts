// Identical requests in flight, shared: one piece of work for several callers (the client's identical GETs, one
// flow's info for many cards), kept alive while anyone waits for it. Each caller joins with its own AbortSignal;
// when the last one leaves before the work has settled, the work is aborted and `onAbandoned` lets the owner drop
// it from its cache. (A load of one element is an ElementTask; this is for work many callers share.)
// Pure: no DOM and no HTTP, so the api layer and the elements both use it.

export class InFlight<T> {
  readonly promise: Promise<T>;
  /** Set once the work has succeeded; later callers may use it synchronously. */
  value?: T;
  settled = false;
  private readonly controller = new AbortController();
  private waiters = 0;

  /**
   * @param run the work; it must stop when the signal aborts.
   * @param onAbandoned called once when every caller left before the work settled (after it was aborted).
   */
  constructor(
    run: (signal: AbortSignal) => Promise<T>,
    private readonly onAbandoned?: () => void,
  ) {
    this.promise = run(this.controller.signal).then(
      (value) => {
        this.settled = true;
        this.value = value;
        return value;
      },
      (error: unknown) => {
        this.settled = true;
        throw error;
      },
    );
    this.promise.catch(() => {}); // every caller handles it; no unhandled rejection once nobody waits any more
  }

  /**
   * The work's result for one caller. Rejects with `abortError()` as soon as `signal` aborts (the work goes on
   * for the others); a settled task is answered without counting the caller.
   */
  join(signal: AbortSignal | undefined, abortError: () => unknown): Promise<T> {
    if (this.settled) return this.promise;
    this.waiters++;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = () => {
        if (done) return false;
        done = true;
        this.waiters--;
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = () => {
        if (!finish()) return;
        if (this.waiters === 0 && !this.settled) {
          this.controller.abort(); // the default reason, an AbortError DOMException, is what fetch and ky expect
          this.onAbandoned?.();
        }
        reject(abortError());
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.promise.then(
        (value) => finish() && resolve(value),
        (error: unknown) => finish() && reject(error),
      );
    });
  }
}
