// The page side of the apply endpoint (createRecruboApply): two plain fetches, no key, no JSON:API client. Kept
// apart from the rest of the api layer (ky, the store) so that a career-site page with only <recrubo-apply> stays
// small. Every failure is a RecruboApiError like everywhere else.
import { parseErrorEntries, parseRetryAfter, RecruboApiError } from './errors.js';
import { IDEMPOTENCY_HEADER } from './idempotency.js';

export interface ApplyRequest {
  vacancy: string;
  /** As normalised on the page (`+31612345678`); the server parses it again with `country`. */
  phone: string;
  /** ISO code of the page's default country, for local forms. */
  country: string;
  firstName?: string;
  consent: true;
  lang?: string;
  /** The ticket this page got before (a reload): the server then answers with it again. */
  ticket?: string;
  /** The honeypot field, as the form had it. */
  website?: string;
  /** For the integrator's `verify` (a captcha token). */
  extra?: Record<string, unknown>;
}

/** `sent`, `started`, `completed`, `ended`; anything else a newer server may say is shown as unknown. */
export type ApplyStatus = 'sent' | 'started' | 'completed' | 'ended' | (string & {});

export interface ApplyAnswer {
  ticket: string;
  status: ApplyStatus;
  waLink?: string;
}

const TIMEOUT = 20_000;

async function call(
  method: 'GET' | 'POST',
  url: string,
  body: unknown,
  signal?: AbortSignal,
  fetchImpl: typeof fetch = fetch,
  idempotencyKey?: string,
): Promise<ApplyAnswer> {
  const timeout = AbortSignal.timeout(TIMEOUT);
  const combined = signal ? anySignal([signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method,
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : {
              accept: 'application/json',
              'content-type': 'application/json',
              ...(idempotencyKey ? { [IDEMPOTENCY_HEADER]: idempotencyKey } : {}),
            },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: combined,
      credentials: 'same-origin',
    });
  } catch (cause) {
    const aborted = signal?.aborted;
    const kind = aborted ? 'aborted' : timeout.aborted ? 'timeout' : 'network';
    throw new RecruboApiError({ kind, message: `${method} apply: ${kind}`, method, url, cause });
  }
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch (cause) {
    throw new RecruboApiError({
      kind: response.ok ? 'parse' : 'http',
      status: response.status,
      message: `${method} apply: not JSON`,
      method,
      url,
      cause,
    });
  }
  if (!response.ok) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    throw new RecruboApiError({
      kind: 'http',
      status: response.status,
      errors: parseErrorEntries(parsed),
      message: `${method} apply: HTTP ${response.status}`,
      method,
      url,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }
  const answer = parsed as Partial<ApplyAnswer>;
  if (typeof answer?.ticket !== 'string' || typeof answer.status !== 'string') {
    throw new RecruboApiError({
      kind: 'parse',
      status: response.status,
      message: `${method} apply: no ticket in the answer`,
      method,
      url,
    });
  }
  // Only the fields the page may have; anything else a server adds is dropped here.
  return {
    ticket: answer.ticket,
    status: answer.status,
    ...(typeof answer.waLink === 'string' && answer.waLink.startsWith('https://wa.me/')
      ? { waLink: answer.waLink }
      : {}),
  };
}

function anySignal(signals: AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

/**
 * `POST {applyUrl}`: never retried (the server is idempotent, but the user decides when to try again). With the
 * `Idempotency-Key` of the click, createRecruboApply answers a repeat with the first answer (the same ticket).
 */
export function submitApplication(
  applyUrl: string,
  request: ApplyRequest,
  options: { signal?: AbortSignal; fetch?: typeof fetch; idempotencyKey?: string } = {},
): Promise<ApplyAnswer> {
  return call('POST', applyUrl, request, options.signal, options.fetch, options.idempotencyKey);
}

/** `GET {applyUrl}/{ticket}`: this one application's candidate-safe status. */
export function applicationStatus(
  applyUrl: string,
  ticket: string,
  options: { signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<ApplyAnswer> {
  return call(
    'GET',
    `${applyUrl.replace(/\/+$/, '')}/${encodeURIComponent(ticket)}`,
    undefined,
    options.signal,
    options.fetch,
  );
}
