// The push tests' side of the test runner's wiring (web-test-runner.config.mjs): a tenant's webhooks go to the
// runner's receiver, the page reads the stream at /__push/events.
import { waitUntil } from '@open-wc/testing';
import { openPushStreams } from '../../../src/api/push.js';
import type { TestSandbox } from '../helpers/sandbox.js';
import { pretendVisible, stopPretending, unmountAll } from '../recrubo-flow-run-status/helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface PushWiring {
  webhookUrl: string;
  secret: string;
  eventsUrl: string;
  /** A stream with authorize and authorizeIds: the token `allow:<id>,<id>` may watch those runs and no other. */
  guardedEventsUrl: string;
}

export const wiring = (window as unknown as { __RECRUBO_TEST__: { push: PushWiring } }).__RECRUBO_TEST__.push;

const enabled = new Set<string>();

/** Points the tenant's webhooks at the runner's receiver (with delivery faults, if any). */
export async function enableWebhooks(
  sb: TestSandbox,
  faults: { duplicateRate?: number; delayMs?: number; dropRate?: number } = {},
): Promise<void> {
  await setWebhook(sb.tenant, { url: wiring.webhookUrl, secret: wiring.secret, tickMs: 50, ...faults });
  enabled.add(sb.tenant);
}

/** Ends every tenant's webhooks (and so its ticker): three browsers' tests share the runner's process. */
export async function disableWebhooks(): Promise<void> {
  for (const tenant of [...enabled]) {
    await setWebhook(tenant, null);
    enabled.delete(tenant);
  }
}

async function setWebhook(tenant: string, webhook: unknown) {
  const res = await fetch(`${location.origin}/__sandbox/${tenant}/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ webhook }),
  });
  if (!res.ok) throw new Error(`control webhook: ${res.status} ${await res.text()}`);
}

/** A change on the server, made the way the ATS's backend would (a plain PATCH, not through the page's store). */
export async function patchRunStatus(sb: TestSandbox, id: string, status: string): Promise<void> {
  const res = await fetch(`${sb.baseUrl}/flow-runs/${id}`, {
    method: 'PATCH',
    headers: {
      Authorization: `Bearer ${sb.apiKey}`,
      'Content-Type': 'application/vnd.api+json',
      Accept: 'application/vnd.api+json',
    },
    body: JSON.stringify({ data: { type: 'flowRuns', id, attributes: { status } } }),
  });
  if (!res.ok) throw new Error(`PATCH: ${res.status}`);
}

/**
 * A real fetch whose event-stream connections can be cut, as a network drop or a proxy would: `cut()` ends every
 * open stream and answers new stream requests 503 until `heal()`. API requests pass untouched.
 */
export function cuttableFetch() {
  let down = false;
  const open = new Set<AbortController>();
  const f: typeof fetch = async (input, init = {}) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.includes(wiring.eventsUrl) || (init.method ?? 'GET') !== 'GET') return fetch(input, init);
    if (down) return new Response('cut', { status: 503 });
    const controller = new AbortController();
    init.signal?.addEventListener('abort', () => controller.abort());
    open.add(controller);
    return fetch(input, { ...init, signal: controller.signal });
  };
  return {
    fetch: f,
    cut() {
      down = true;
      for (const c of open) c.abort();
      open.clear();
    },
    heal() {
      down = false;
    },
  };
}

/**
 * A fetch that signs the guarded event stream's requests with `Bearer allow:<ids>` (the page's session, as the
 * integrator's own server sees it), and nothing else: API requests keep the sandbox's key.
 */
export function signedStreamFetch(allowedIds: string[]): typeof fetch {
  return (input, init = {}) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.includes(wiring.guardedEventsUrl)) return fetch(input, init);
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer allow:${allowedIds.join(',')}`);
    return fetch(input, { ...init, headers });
  };
}

/**
 * Until the sandbox has logged no new request for `quietMs` (at most `timeout`): the GETs of the first load and of
 * the stream's opening refetch are in, however late a loaded machine makes them.
 */
export async function untilQuiet(sb: { requests(): Promise<unknown[]> }, quietMs = 300, timeout = 10000) {
  const end = performance.now() + timeout;
  let seen = (await sb.requests()).length;
  while (performance.now() < end) {
    await sleep(quietMs);
    const now = (await sb.requests()).length;
    if (now === seen) return;
    seen = now;
  }
  throw new Error(`the sandbox was still being asked after ${timeout} ms`);
}

/**
 * The hooks of every push test file (inside its `describe`): a page in front; after each test nothing mounted
 * (`mount` of the run-status helpers), every webhook off, and the stream closed (it closes once nobody watches,
 * after a short linger).
 */
export function pushTestHooks(): void {
  beforeEach(() => pretendVisible());
  afterEach(async () => {
    unmountAll();
    stopPretending();
    await disableWebhooks();
    await waitUntil(() => openPushStreams() === 0, 'stream closed', { timeout: 10000 });
  });
}
