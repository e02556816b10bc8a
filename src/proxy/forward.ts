// The one upstream call. The browser's headers are not copied at all (so its Authorization and Cookie never
// leave): the request is rebuilt from scratch with the real key, and only harmless response headers come back.
// The answer is read whole, within a byte cap and the same deadline as the headers, and is relayed only when it is
// JSON that does not carry the key: the browser must never get an upstream page it could render, or the key an
// upstream echoed (an `Authorization` reflected into a body).

import { JSON_API, upstreamRefused, type ProxyError } from './errors.ts';
import { jsonContainsSecret, readStreamText } from './guard.ts';

export interface UpstreamRequest {
  url: string;
  method: string;
  body?: string;
  apiKey: string;
  fetch: typeof fetch;
  /** From the call until the whole answer has arrived (headers and body); then 504. */
  timeoutMs: number;
  /** Largest answer relayed; a bigger one becomes the proxy's own 502. */
  maxResponseBytes: number;
  /** The browser's request signal: when the visitor goes away, the upstream call is abandoned too. */
  clientSignal?: AbortSignal;
  /** A POST's `Idempotency-Key`, already checked; the one browser header handed on (it carries no credential). */
  idempotencyKey?: string;
}

export interface UpstreamAnswer {
  status: number;
  headers: Headers;
  /** The body as received (null for a status without one). */
  text: string | null;
}

export type UpstreamResult =
  | { answer: UpstreamAnswer }
  | { failure: 'timeout' | 'network'; error: unknown }
  | { refused: ProxyError; reason: string };

/** Upstream headers that are safe and useful to hand on; everything else (cookies, server info) stays here. */
const SAFE_RESPONSE_HEADERS = ['content-type', 'retry-after'] as const;

/** `application/vnd.api+json`, `application/json` or another `+json`, with or without parameters. */
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export async function callUpstream(req: UpstreamRequest): Promise<UpstreamResult> {
  const controller = new AbortController();
  let timedOut = false;
  const started = Date.now();
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  const onClientAbort = () => controller.abort();
  req.clientSignal?.addEventListener('abort', onClientAbort, { once: true });

  const headers = new Headers({ authorization: `Bearer ${req.apiKey}`, accept: JSON_API });
  if (req.body !== undefined) headers.set('content-type', JSON_API);
  if (req.idempotencyKey) headers.set('idempotency-key', req.idempotencyKey);
  try {
    let response: Response;
    try {
      response = await req.fetch(req.url, {
        method: req.method,
        headers,
        body: req.body,
        signal: controller.signal,
        // Never follow a redirect: the key would go along to wherever it points.
        redirect: 'manual',
      });
    } catch (error) {
      return { failure: timedOut ? 'timeout' : 'network', error };
    }
    const noBody = response.status === 204 || response.status === 205 || response.status === 304;
    if (response.status >= 300 && response.status < 400 && !noBody) {
      // A redirect is not followed and not passed on: the elements cannot use one.
      await response.body?.cancel().catch(() => {});
      return { refused: upstreamRefused(), reason: `a redirect (${response.status})` };
    }
    if (noBody) {
      await response.body?.cancel().catch(() => {});
      return { answer: { status: response.status, headers: response.headers, text: null } };
    }
    const type = response.headers.get('content-type') ?? '';
    if (!JSON_TYPE.test(type)) {
      await response.body?.cancel().catch(() => {});
      return { refused: upstreamRefused(), reason: 'an answer that is not JSON' };
    }
    let why = 'broken' as 'big' | 'slow' | 'broken';
    const read = await readStreamText(
      response.body,
      response.headers.get('content-length'),
      { maxBytes: req.maxResponseBytes, deadlineMs: Math.max(1, req.timeoutMs - (Date.now() - started)) },
      {
        tooLarge: () => ((why = 'big'), upstreamRefused()),
        timeout: () => ((why = 'slow'), upstreamRefused()),
        invalid: () => upstreamRefused(),
      },
    );
    if ('error' in read) {
      // The timer aborts the stream too, which the reader sees as a broken stream.
      if (why === 'slow' || timedOut)
        return { failure: 'timeout', error: new Error('The upstream answer did not arrive in time') };
      return {
        refused: read.error,
        reason: why === 'big' ? `an answer over ${req.maxResponseBytes} bytes` : 'an unreadable answer',
      };
    }
    if (read.text !== '') {
      try {
        JSON.parse(read.text);
      } catch {
        return { refused: upstreamRefused(), reason: 'an answer that says it is JSON but is not' };
      }
    }
    if (jsonContainsSecret(read.text, req.apiKey)) {
      return { refused: upstreamRefused(), reason: 'an answer that contains the API key' };
    }
    return { answer: { status: response.status, headers: response.headers, text: read.text } };
  } finally {
    clearTimeout(timer);
    req.clientSignal?.removeEventListener('abort', onClientAbort);
  }
}

export function safeResponseHeaders(upstream: Headers, into: Headers): Headers {
  for (const name of SAFE_RESPONSE_HEADERS) {
    const value = upstream.get(name);
    if (value !== null) into.set(name, value);
  }
  return into;
}
