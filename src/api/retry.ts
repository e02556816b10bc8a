// When and how long to wait before trying a GET again. Pure functions (plus an abortable sleep) so the
// schedule can be tested with a fake clock and a fixed random source.

export interface RetryPolicy {
  /** Retries after the first attempt. */
  limit: number;
  /** Delay before the first retry, in ms; doubled each time. */
  baseDelay: number;
  /** Cap on one backoff delay. */
  maxDelay: number;
  /** A Retry-After longer than this is not waited for: the request fails instead. */
  maxRetryAfter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { limit: 4, baseDelay: 250, maxDelay: 4000, maxRetryAfter: 30000 };

/**
 * Exponential backoff with "equal jitter": half of the window is fixed, half random, so retries of many clients
 * spread out but never come back at once. attempt 0 is the first retry.
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number {
  const window = Math.min(policy.maxDelay, policy.baseDelay * 2 ** attempt);
  return Math.round(window / 2 + random() * (window / 2));
}

/** Retry-After is either delta-seconds or an HTTP date. Returns ms, or undefined when absent/unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status !== 501 && status !== 505);
}

/**
 * How long to wait before retry number `attempt` (0-based): the server's Retry-After when it gave one (a floor;
 * jitter is added on top so a crowd does not return in the same millisecond), otherwise the backoff.
 * undefined: do not retry.
 */
export function retryDelay(
  attempt: number,
  retryAfter: number | undefined,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= policy.limit) return undefined;
  if (retryAfter !== undefined) {
    if (retryAfter > policy.maxRetryAfter) return undefined;
    return retryAfter + Math.round(random() * Math.min(250, policy.baseDelay));
  }
  return backoffDelay(attempt, policy, random);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason ?? new DOMException('Aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The longest the backoff alone makes a failing GET wait over all its retries (the sum of the capped windows):
 * how long an element may keep showing "loading" after the first failed attempt before it says that loading
 * failed (the retries go on; a long Retry-After or a hanging server would otherwise keep the skeleton for minutes).
 */
export function retryBudget(policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  let total = 0;
  for (let attempt = 0; attempt < policy.limit; attempt++)
    total += Math.min(policy.maxDelay, policy.baseDelay * 2 ** attempt);
  return total;
}
