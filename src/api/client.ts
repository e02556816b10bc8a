// The HTTP client: one ky instance per resolved configuration, auth, JSON:API media type, the retry loop for
// GETs, sharing of identical GETs in flight, and the mapping of every failure to RecruboApiError.
import ky, { type KyInstance } from 'ky';
import type { ResolvedConfig } from '../shared/config.js';
import { RecruboApiError, parseErrorEntries, type RecruboErrorKind } from './errors.js';
import type { JsonApiDocument } from './jsonapi.js';
import { SharedTask } from '../shared/shared-task.js';
import { IDEMPOTENCY_HEADER, newIdempotencyKey } from './idempotency.js';
import {
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  isRetryableStatus,
  retryDelay,
  sleep,
  type RetryPolicy,
} from './retry.js';

export const JSON_API_MEDIA_TYPE = 'application/vnd.api+json';

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
  /** Turn off the retry loop (only GETs are ever retried anyway). */
  retry?: boolean;
  /**
   * Extra request headers, e.g. the caller's `Idempotency-Key` on a POST. A POST without one gets a fresh key here,
   * so every POST carries one; it is sent unchanged when a 401 makes us re-send.
   */
  headers?: Record<string, string>;
  /**
   * A GET's attempt failed and will be tried again after `wait` ms (the store uses it to tell a first-time load
   * that is still retrying). Identical GETs in flight share one loop: only the first caller's hook is called.
   */
  onRetry?: (error: RecruboApiError, wait: number) => void;
}

interface AttemptResult {
  doc?: JsonApiDocument;
  error?: RecruboApiError;
  retryable?: boolean;
  unauthorized?: boolean;
  retryAfter?: number;
}

const DEFAULT_TIMEOUT = 15000;

export class ApiClient {
  readonly ky: KyInstance;
  readonly policy: RetryPolicy;
  private readonly timeout: number;
  private readonly random: () => number;
  private tokenPromise?: Promise<string>;
  private readonly inflight = new Map<string, SharedTask<JsonApiDocument | undefined>>();

  constructor(
    readonly config: ResolvedConfig,
    options: ClientOptions = {},
  ) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT;
    this.random = options.random ?? Math.random;
    this.ky = ky.create({
      headers: { Accept: JSON_API_MEDIA_TYPE },
      // Cookies never go to the API; an integrator's own fetch may still decide otherwise.
      credentials: 'omit',
      retry: 0, // our own loop below: it knows about POST, Retry-After caps, jitter and auth refresh
      throwHttpErrors: false,
      timeout: this.timeout,
      ...(config.fetch ? { fetch: config.fetch } : {}),
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
    if (method === 'POST') return this.run(method, url, withIdempotencyKey(opts), opts.signal);
    if (method !== 'GET') return this.run(method, url, opts, opts.signal);
    // Identical GETs in flight share one request; it is aborted only when every caller has aborted.
    const key = `${url}\u0000${opts.retry === false ? 'noretry' : ''}`;
    let shared = this.inflight.get(key);
    if (!shared) {
      const task: SharedTask<JsonApiDocument | undefined> = new SharedTask(
        (signal) =>
          this.run(method, url, opts, signal).finally(() => {
            if (this.inflight.get(key) === task) this.inflight.delete(key);
          }),
        () => {
          if (this.inflight.get(key) === task) this.inflight.delete(key);
        },
      );
      this.inflight.set(key, task);
      shared = task;
    }
    return shared.join(opts.signal, () => this.error('aborted', { method, url }));
  }

  private async run(
    method: string,
    url: string,
    opts: RequestOptions,
    signal?: AbortSignal,
  ): Promise<JsonApiDocument | undefined> {
    const canRetry = method === 'GET' && opts.retry !== false;
    let refreshedToken = false;
    for (let attempt = 0; ;) {
      const result = await this.attempt(method, url, opts, signal);
      if (result.doc !== undefined || !result.error) return result.doc;
      if (result.unauthorized && this.config.tokenProvider && !refreshedToken) {
        // A short-lived token expired: ask for a new one once, then give up with a clear error.
        refreshedToken = true;
        this.invalidateToken(result);
        continue;
      }
      if (result.unauthorized) throw this.authError(method, url, refreshedToken);
      if (!canRetry || !result.retryable) throw result.error;
      const wait = retryDelay(attempt, result.retryAfter, this.policy, this.random);
      if (wait === undefined) throw result.error;
      attempt++;
      opts.onRetry?.(result.error, wait);
      try {
        await sleep(wait, signal);
      } catch {
        throw this.error('aborted', { method, url });
      }
    }
  }

  /** Kept only to scrub it out of errors. */
  private lastToken?: string;

  private async authorization(): Promise<{ header?: string; used?: Promise<string> }> {
    if (this.config.tokenProvider) {
      const provider = this.config.tokenProvider;
      // One token for all requests of this client until a 401 says it expired.
      if (!this.tokenPromise) {
        const p = Promise.resolve().then(() => provider());
        this.tokenPromise = p;
        // A failing provider is not cached: the next request asks again.
        p.catch(() => {
          if (this.tokenPromise === p) this.tokenPromise = undefined;
        });
      }
      const used = this.tokenPromise;
      const token = await used;
      this.lastToken = token;
      return { header: `Bearer ${token}`, used };
    }
    if (this.config.apiKey) return { header: `Bearer ${this.config.apiKey}` };
    return {}; // the integrator's own fetch adds its auth
  }

  private invalidateToken(result: AttemptResult & { used?: Promise<string> }) {
    // Several requests may hit the same expired token at once: only the first one asks for a new token.
    if (!result.used || this.tokenPromise === result.used) this.tokenPromise = undefined;
  }

  private async attempt(
    method: string,
    url: string,
    opts: RequestOptions,
    signal?: AbortSignal,
  ): Promise<AttemptResult & { used?: Promise<string> }> {
    let auth: { header?: string; used?: Promise<string> };
    try {
      auth = await this.authorization();
    } catch (cause) {
      return {
        error: this.error('auth', {
          method,
          url,
          message: 'tokenProvider did not return a token, so the request was not sent.',
          cause,
        }),
      };
    }
    if (signal?.aborted) return { error: this.error('aborted', { method, url }) };
    const headers: Record<string, string> = { ...opts.headers };
    if (auth.header) headers.Authorization = auth.header;
    if (opts.body !== undefined) headers['Content-Type'] = JSON_API_MEDIA_TYPE;

    let response: Response;
    try {
      response = await this.ky(url, {
        method,
        headers,
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        signal,
        timeout: opts.timeout ?? this.timeout,
      });
    } catch (cause) {
      const name = (cause as Error)?.name;
      if (signal?.aborted) return { error: this.error('aborted', { method, url }) };
      if (name === 'TimeoutError') {
        return {
          error: this.error('timeout', {
            method,
            url,
            message: `The Recrubo API did not answer within ${opts.timeout ?? this.timeout} ms (${method} ${this.shortPath(url)}).`,
          }),
          retryable: true,
        };
      }
      if (name === 'AbortError') return { error: this.error('aborted', { method, url }) };
      return {
        error: this.error('network', {
          method,
          url,
          cause,
          message: `Could not reach the Recrubo API at ${this.origin(url)}: the connection failed or was dropped (${method} ${this.shortPath(url)}).`,
        }),
        retryable: true,
      };
    }

    const status = response.status;
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) return { error: this.error('aborted', { method, url }) };
      return {
        error: this.error('network', {
          method,
          url,
          status,
          cause,
          message: `The connection dropped while reading the answer to ${method} ${this.shortPath(url)}.`,
        }),
        retryable: true,
      };
    }
    let body: unknown;
    let parsed = false;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
        parsed = typeof body === 'object' && body !== null;
      } catch {
        parsed = false;
      }
    }

    if (status === 401) {
      return { unauthorized: true, used: auth.used, error: this.authError(method, url, false) };
    }
    if (response.ok) {
      if (text.trim() === '' || status === 204) return {};
      if (!parsed) {
        return { error: this.parseError(method, url, status, response), retryable: false };
      }
      return { doc: body as JsonApiDocument };
    }
    if (!parsed) {
      return {
        error: this.parseError(method, url, status, response),
        retryable: isRetryableStatus(status),
        retryAfter,
      };
    }
    const errors = parseErrorEntries(body);
    const summary =
      errors
        .map((e) => e.detail ?? e.title ?? e.code)
        .filter(Boolean)
        .join('; ') ||
      response.statusText ||
      'request failed';
    return {
      error: this.error('http', {
        method,
        url,
        status,
        errors,
        retryAfter,
        message: `Recrubo API ${status} on ${method} ${this.shortPath(url)}: ${summary}`,
      }),
      retryable: isRetryableStatus(status),
      retryAfter,
    };
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
