// The HTTP client: one ky instance per resolved configuration. ky does the HTTP work: retries of a GET (limit,
// status codes, Retry-After, backoff with jitter through `delay`), timeouts, auth in a `beforeRequest` hook and the
// one token refresh on a 401 in an `afterResponse` hook. What ky lacks is here: JSON:API documents, an
// Idempotency-Key on every POST, sharing identical GETs in flight, and every failure as a scrubbed RecruboApiError.
import ky, { type AfterResponseHook, type KyInstance, type Options } from 'ky';
import type { ResolvedConfig } from '../shared/config.js';
import {
  RecruboApiError,
  isRecruboApiError,
  parseErrorEntries,
  parseRetryAfter,
  type RecruboErrorKind,
} from './errors.js';
import type { JsonApiDocument } from './jsonapi.js';
import { InFlight } from '../shared/in-flight.js';
import { IDEMPOTENCY_HEADER, newIdempotencyKey } from './idempotency.js';

export const JSON_API_MEDIA_TYPE = 'application/vnd.api+json';

/** How a GET is retried (ky's `retry`); POST and PATCH never are, nor a GET the store polls (`retry: false`). */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  limit: number;
  /** Delay before the first retry, in ms; doubled each time (ky's `delay`, with jitter). */
  baseDelay: number;
  /** Cap on one backoff delay (ky's `backoffLimit`). */
  maxDelay: number;
  /** A Retry-After longer than this is not waited for: the request fails at once, with `retryAfter`. */
  maxRetryAfter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { limit: 4, baseDelay: 250, maxDelay: 4000, maxRetryAfter: 30000 };

/**
 * Exponential backoff with "equal jitter": half of the window is fixed, half random, so retries of many clients
 * spread out but never come back at once. attempt 0 is the first retry. (The push stream's reconnects use it too.)
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number {
  const window = Math.min(policy.maxDelay, policy.baseDelay * 2 ** attempt);
  return Math.round(window / 2 + random() * (window / 2));
}

export interface ClientOptions {
  retry?: Partial<RetryPolicy>;
  /** Per attempt, ms (default 15 s). */
  timeout?: number;
  /** For tests of the jitter. */
  random?: () => number;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the base URL (`flow-runs/1`), or absolute (`https://…`, `/my/schedules`). */
  path: string;
  searchParams?: Record<string, string | number | undefined>;
  body?: JsonApiDocument;
  signal?: AbortSignal;
  timeout?: number;
  /** false: no retries (a GET the store polls: its next poll is the retry). Only GETs are ever retried. */
  retry?: boolean;
  /**
   * Extra request headers, e.g. the caller's `Idempotency-Key` on a POST. A POST without one gets a fresh key here,
   * so every POST carries one; it is sent unchanged when a 401 makes us re-send.
   */
  headers?: Record<string, string>;
}

/** An answer ky must not retry (a Retry-After beyond the cap): thrown from a hook, stopped in `beforeRetry`. */
class Final extends Error {
  constructor(readonly response: Response) {
    super('final answer');
  }
}

/** The connection dropped while the answer was read (ky retries it like a failed fetch). */
class Dropped extends Error {
  constructor(
    readonly status: number,
    override readonly cause: unknown,
  ) {
    super('dropped');
  }
}

/** A 401 that came back after the token refresh. */
const REFRESHED = Symbol('refreshed');

const DEFAULT_TIMEOUT = 15000;

export class ApiClient {
  readonly ky: KyInstance;
  readonly policy: RetryPolicy;
  private readonly timeout: number;
  /** The tokenProvider's current token (`value` once it came). */
  private token?: { promise: Promise<string>; value?: string };
  /** Kept only to scrub it out of errors. */
  private lastToken?: string;
  private readonly inflight = new Map<string, InFlight<JsonApiDocument | undefined>>();

  constructor(
    readonly config: ResolvedConfig,
    options: ClientOptions = {},
  ) {
    const policy = (this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry });
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT;
    const random = options.random ?? Math.random;
    // Reads the whole answer inside ky, so that a connection dropped mid-body is retried like a failed fetch, and
    // ends the retries of an answer whose Retry-After is beyond the cap.
    const buffer: AfterResponseHook = async (_request, _options, response) => {
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        throw new Dropped(response.status, cause);
      }
      const { status, statusText, headers } = response;
      const buffered = new Response([101, 204, 205, 304].includes(status) ? null : text, {
        status,
        statusText,
        headers,
      });
      const retryAfter = parseRetryAfter(headers.get('Retry-After'));
      if (retryAfter !== undefined && retryAfter > policy.maxRetryAfter) throw new Final(buffered);
      return buffered;
    };
    const base: Options = {
      headers: { Accept: JSON_API_MEDIA_TYPE },
      // Cookies never go to the API; an integrator's own fetch may still decide otherwise.
      credentials: 'omit',
      timeout: this.timeout,
      retry: {
        limit: policy.limit,
        methods: ['get'],
        statusCodes: [408, 429, 500, 502, 503, 504],
        afterStatusCodes: [429, 503],
        maxRetryAfter: policy.maxRetryAfter,
        backoffLimit: policy.maxDelay,
        delay: (attempt) => backoffDelay(attempt - 1, policy, random),
      },
      hooks: {
        beforeRequest: [
          async (request) => {
            const header = await this.authorization(request.method, request.url);
            if (header) request.headers.set('Authorization', header);
          },
        ],
        // Our own errors (no token) and final answers are not retried.
        beforeRetry: [
          ({ error }) => {
            if (isRecruboApiError(error) || error instanceof Final) throw error;
          },
        ],
      },
      ...(config.fetch ? { fetch: config.fetch } : {}),
    };
    // The re-send after a token refresh: the same hooks but the refresh, and no retries of its own.
    const once = ky.create({ ...base, retry: 0, hooks: { ...base.hooks, afterResponse: [buffer] } });
    this.ky = ky.create({
      ...base,
      hooks: {
        ...base.hooks,
        afterResponse: [
          // A short-lived token expired: ask for a new one once and send again (ky's own README example).
          async (request, options, response) => {
            if (response.status !== 401 || !this.config.tokenProvider) return;
            this.invalidateToken(request.headers.get('Authorization'));
            try {
              return await once(request, { timeout: (options as Options).timeout });
            } catch (error) {
              if ((error as { response?: Response }).response?.status === 401)
                Object.assign(error as object, { [REFRESHED]: true });
              throw error;
            }
          },
          buffer,
        ],
      },
    });
  }

  url(path: string, searchParams?: Record<string, string | number | undefined>): string {
    const origin = typeof location !== 'undefined' ? location.href : undefined;
    // A relative base-url (`/public/v2`, as the demo pages use) is relative to the page.
    const rawBase = this.config.baseUrl.replace(/\/+$/, '') + '/';
    const base = origin && !/^[a-z][a-z0-9+.-]*:/i.test(rawBase) ? new URL(rawBase, origin).toString() : rawBase;
    const url = /^[a-z][a-z0-9+.-]*:/i.test(path)
      ? new URL(path)
      : path.startsWith('/')
        ? new URL(path, origin ?? base)
        : new URL(path, base);
    for (const [k, v] of Object.entries(searchParams ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  /** A JSON:API document, or undefined for 204. Throws RecruboApiError. */
  request(opts: RequestOptions): Promise<JsonApiDocument | undefined> {
    const method = opts.method ?? 'GET';
    const url = this.url(opts.path, opts.searchParams);
    if (method === 'POST') return this.send(method, url, withIdempotencyKey(opts), opts.signal);
    if (method !== 'GET') return this.send(method, url, opts, opts.signal);
    // Identical GETs in flight share one request; it is aborted only when every caller has aborted.
    const key = `${url}\u0000${opts.retry === false ? 'noretry' : ''}`;
    let shared = this.inflight.get(key);
    if (!shared) {
      const drop = () => {
        if (this.inflight.get(key) === task) this.inflight.delete(key);
      };
      const task: InFlight<JsonApiDocument | undefined> = new InFlight(
        (signal) => this.send(method, url, opts, signal).finally(drop),
        drop,
      );
      this.inflight.set(key, task);
      shared = task;
    }
    return shared.join(opts.signal, () => this.error('aborted', { method, url }));
  }

  /** The Authorization header (none: the integrator's own fetch adds its auth). */
  private async authorization(method: string, url: string): Promise<string | undefined> {
    const provider = this.config.tokenProvider;
    if (!provider) return this.config.apiKey ? `Bearer ${this.config.apiKey}` : undefined;
    // One token for all requests of this client until a 401 says it expired.
    if (!this.token) {
      const token: { promise: Promise<string>; value?: string } = { promise: Promise.resolve().then(() => provider()) };
      this.token = token;
      token.promise.then(
        (value) => (token.value = this.lastToken = value),
        // A failing provider is not cached: the next request asks again.
        () => this.token === token && (this.token = undefined),
      );
    }
    const { promise } = this.token;
    try {
      return `Bearer ${await promise}`;
    } catch (cause) {
      throw this.error('auth', {
        method,
        url,
        message: 'tokenProvider did not return a token, so the request was not sent.',
        cause,
      });
    }
  }

  /** Several requests may hit the same expired token at once: only the first one asks for a new token. */
  private invalidateToken(sent: string | null) {
    const value = this.token?.value;
    if (value !== undefined && sent === `Bearer ${value}`) this.token = undefined;
  }

  private async send(
    method: string,
    url: string,
    opts: RequestOptions,
    signal?: AbortSignal,
  ): Promise<JsonApiDocument | undefined> {
    const timeout = opts.timeout ?? this.timeout;
    let response: Response;
    try {
      response = await this.ky(url, {
        method,
        headers: { ...opts.headers, ...(opts.body !== undefined ? { 'Content-Type': JSON_API_MEDIA_TYPE } : {}) },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        signal,
        timeout,
        ...(opts.retry === false ? { retry: 0 } : {}),
      });
    } catch (cause) {
      const name = (cause as Error)?.name;
      if (signal?.aborted) throw this.error('aborted', { method, url });
      if (isRecruboApiError(cause)) throw cause;
      const answered = (cause as { response?: Response }).response;
      if (answered) return this.read(method, url, answered, (cause as { [REFRESHED]?: boolean })[REFRESHED]);
      if (name === 'TimeoutError') {
        throw this.error('timeout', {
          method,
          url,
          message: `The Recrubo API did not answer within ${timeout} ms (${method} ${this.shortPath(url)}).`,
        });
      }
      if (name === 'AbortError') throw this.error('aborted', { method, url });
      if (cause instanceof Dropped) {
        throw this.error('network', {
          method,
          url,
          status: cause.status,
          cause: cause.cause,
          message: `The connection dropped while reading the answer to ${method} ${this.shortPath(url)}.`,
        });
      }
      throw this.error('network', {
        method,
        url,
        cause,
        message: `Could not reach the Recrubo API at ${this.origin(url)}: the connection failed or was dropped (${method} ${this.shortPath(url)}).`,
      });
    }
    return this.read(method, url, response);
  }

  /** The (buffered) answer as a document, or its failure as a RecruboApiError. */
  private async read(
    method: string,
    url: string,
    response: Response,
    refreshed?: boolean,
  ): Promise<JsonApiDocument | undefined> {
    const status = response.status;
    if (status === 401) throw this.authError(method, url, !!refreshed);
    const text = await response.text();
    let body: unknown;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    const parsed = typeof body === 'object' && body !== null;
    if (response.ok) {
      if (text.trim() === '' || status === 204) return undefined;
      if (!parsed) throw this.parseError(method, url, status, response);
      return body as JsonApiDocument;
    }
    if (!parsed) throw this.parseError(method, url, status, response);
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
    const errors = parseErrorEntries(body);
    const summary =
      errors
        .map((e) => e.detail ?? e.title ?? e.code)
        .filter(Boolean)
        .join('; ') ||
      response.statusText ||
      'request failed';
    throw this.error('http', {
      method,
      url,
      status,
      errors,
      retryAfter,
      message: `Recrubo API ${status} on ${method} ${this.shortPath(url)}: ${summary}`,
    });
  }

  private parseError(method: string, url: string, status: number, response: Response) {
    const type = response.headers.get('Content-Type')?.split(';')[0] || 'an empty or unreadable body';
    return this.error('parse', {
      method,
      url,
      status,
      message: `The server answered ${status} to ${method} ${this.shortPath(url)} with ${type} instead of a JSON:API document (a proxy or gateway error page?).`,
    });
  }

  private authError(method: string, url: string, afterRefresh: boolean) {
    const message = this.config.tokenProvider
      ? afterRefresh
        ? 'Access denied (401) even after asking tokenProvider for a new token: check what it returns.'
        : 'Access denied (401): the token from tokenProvider was refused.'
      : this.config.apiKey
        ? 'Access denied (401): the api-key was refused.'
        : 'Access denied (401): no api-key or tokenProvider is configured, and the fetch in use sent no valid credentials.';
    return this.error('auth', {
      method,
      url,
      status: 401,
      message,
      errors: [{ status: 401, code: 'unauthorized', title: 'access denied', detail: 'access denied' }],
    });
  }

  private error(
    kind: RecruboErrorKind,
    init: {
      method: string;
      url: string;
      status?: number;
      message?: string;
      errors?: RecruboApiError['errors'];
      retryAfter?: number;
      cause?: unknown;
    },
  ) {
    return new RecruboApiError({
      kind,
      message:
        init.message ??
        (kind === 'aborted'
          ? `${init.method} ${this.shortPath(init.url)} was aborted (the element that asked for it left the page).`
          : `${init.method} ${this.shortPath(init.url)} failed.`),
      status: init.status,
      errors: init.errors,
      method: init.method,
      url: init.url,
      retryAfter: init.retryAfter,
      cause: init.cause,
      secrets: [this.config.apiKey, this.lastToken],
    });
  }

  private origin(url: string) {
    try {
      return new URL(url).origin;
    } catch {
      return url;
    }
  }

  private shortPath(url: string) {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  }
}

/** A POST's options with an `Idempotency-Key` (the caller's, else a fresh one for this one request). */
function withIdempotencyKey(opts: RequestOptions): RequestOptions {
  const has = Object.keys(opts.headers ?? {}).some((h) => h.toLowerCase() === IDEMPOTENCY_HEADER.toLowerCase());
  return has ? opts : { ...opts, headers: { ...opts.headers, [IDEMPOTENCY_HEADER]: newIdempotencyKey() } };
}
