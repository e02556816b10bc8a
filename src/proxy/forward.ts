// The one upstream call. The browser's headers are not copied at all (so its Authorization and Cookie never
// leave): the request is rebuilt from scratch with the real key, and only harmless response headers come back.

import { JSON_API } from './errors.ts';

export interface UpstreamRequest {
  url: string;
  method: string;
  body?: string;
  apiKey: string;
  fetch: typeof fetch;
  timeoutMs: number;
  /** The browser's request signal: when the visitor goes away, the upstream call is abandoned too. */
  clientSignal?: AbortSignal;
  /** A POST's `Idempotency-Key`, already checked; the one browser header handed on (it carries no credential). */
  idempotencyKey?: string;
}

export type UpstreamResult = { response: Response } | { failure: 'timeout' | 'network'; error: unknown };

/** Upstream headers that are safe and useful to hand on; everything else (cookies, server info) stays here. */
const SAFE_RESPONSE_HEADERS = ['content-type', 'retry-after'] as const;

export async function callUpstream(req: UpstreamRequest): Promise<UpstreamResult> {
  const controller = new AbortController();
  let timedOut = false;
  // The timer covers the wait for the upstream's response headers (a `?sync=true` generation waits there too);
  // once headers arrive the body is streamed, and a visitor who leaves aborts it through clientSignal.
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
    const response = await req.fetch(req.url, {
      method: req.method,
      headers,
      body: req.body,
      signal: controller.signal,
      // Never follow a redirect: the key would go along to wherever it points.
      redirect: 'manual',
    });
    return { response };
  } catch (error) {
    return { failure: timedOut ? 'timeout' : 'network', error };
  } finally {
    clearTimeout(timer);
  }
}

export function safeResponseHeaders(upstream: Response, into: Headers): Headers {
  for (const name of SAFE_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) into.set(name, value);
  }
  return into;
}
