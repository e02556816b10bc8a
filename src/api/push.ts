// The store's push transport: one Server-Sent Events stream per page and events URL (whatever the number of
// elements or stores), read with fetch so that a tokenProvider's token can be sent (EventSource cannot send
// headers, and gives up for good on one non-200 answer). A change carries `{ type, id, status, updatedAt }`: the
// store takes it from the event where that is all a watcher shows, else refetches (push-change.ts). Ids the server
// refuses to watch (its authorizeIds) are handed back to the store, which polls them as without push. While the
// stream is healthy the stores poll as a slow safety net; when it breaks they poll normally again, and the stream reconnects with backoff and jitter. Every reconnect ends in a
// refetch of what the page watches, because whatever was published meanwhile is gone.
import type { backoffDelay, RetryPolicy } from './client.js';
import type { PushedChange } from './push-change.js';
// What a change does to an entry: here, not in the main chunk, since only a page with a stream receives changes.
export { Coalescer, verdict } from './push-change.js';

export type PushState = 'off' | 'connecting' | 'live' | 'down';

/** A store's side of the channel. */
export interface PushClient {
  /** A change event for a watched resource. */
  pushed(change: PushedChange): void;
  /** It may have changed unseen (just added to the stream): fetch it. */
  changed(type: string, id: string): void;
  /** The server will not watch it for this page (authorizeIds). */
  refused(type: string, id: string): void;
  /** Anything may have changed (reconnect, or the server's `refetch` event). */
  refetchAll(): void;
  /** The stream became healthy (true) or broke (false): polling slows down or speeds up again. */
  health(healthy: boolean): void;
}

export interface PushOptions {
  url: string;
  fetch?: typeof fetch;
  tokenProvider?: () => Promise<string>;
}

/** Without a byte (not even a heartbeat) for this long the stream is taken for dead: proxies cut streams silently. */
const SILENCE_MS = 45_000;
/** Watch-list changes made in the same moment go out as one POST. */
const WATCH_FLUSH_MS = 20;
/** Ids that do not fit in the stream's URL are sent by POST after it opened. */
const MAX_URL_KEYS = 100;
const RECONNECT: RetryPolicy = { limit: Infinity, baseDelay: 1000, maxDelay: 30_000, maxRetryAfter: 30_000 };
/** A stream nobody needs any more is closed after this, so that an element moving in the DOM does not reopen it. */
const LINGER_MS = 2000;

type Listener = (state: PushState, url: string) => void;
const stateListeners = new Set<Listener>();
const channels = new Map<string, PushChannel>();

/** The page's push state per events URL changes (the demo shows which transport is live). */
export function onPushStateChange(listener: Listener): () => void {
  stateListeners.add(listener);
  for (const channel of channels.values()) listener(channel.state, channel.url);
  return () => stateListeners.delete(listener);
}

/** How many push streams the page has open (tests). */
export function openPushStreams(): number {
  let n = 0;
  for (const channel of channels.values()) if (channel.state === 'live') n++;
  return n;
}

/**
 * The one channel for this events URL and way of asking (fetch, token): stores with the same ones share it. `key`
 * says which those are (index.ts makes it with its `idOf`), `backoff` is the api layer's backoffDelay: both passed
 * in so that this lazy chunk shares no module with the main one.
 */
export function pushChannel(options: PushOptions, key: string, backoff: typeof backoffDelay): PushChannel {
  let channel = channels.get(key);
  if (!channel) {
    channel = new PushChannel(options, backoff, () => channels.delete(key));
    channels.set(key, channel);
  }
  return channel;
}

export class PushChannel {
  state: PushState = 'off';
  readonly url: string;
  private readonly clients = new Set<PushClient>();
  private readonly counts = new Map<string, number>();
  private readonly toAdd = new Set<string>();
  private readonly toRemove = new Set<string>();
  /** Keys the server refused for this page: not asked for again until they are watched anew. */
  private readonly refusedKeys = new Set<string>();
  private controller?: AbortController;
  private streamName?: string;
  private lastEventId?: string;
  private failures = 0;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private flushTimer?: ReturnType<typeof setTimeout>;
  private lingerTimer?: ReturnType<typeof setTimeout>;
  private silenceTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly options: PushOptions,
    private readonly backoff: typeof backoffDelay,
    private readonly onEmpty: () => void,
  ) {
    this.url = options.url;
  }

  get healthy(): boolean {
    return this.state === 'live';
  }

  join(client: PushClient): () => void {
    this.clients.add(client);
    return () => {
      this.clients.delete(client);
    };
  }

  watch(type: string, id: string): void {
    const key = `${type}:${id}`;
    const n = this.counts.get(key) ?? 0;
    this.counts.set(key, n + 1);
    if (n > 0) return;
    clearTimeout(this.lingerTimer);
    this.toRemove.delete(key);
    this.toAdd.add(key);
    if (this.state === 'off') {
      // A macrotask later, so that every element mounted in the same moment is in the stream's URL.
      this.setState('connecting');
      this.reconnectTimer = setTimeout(() => this.connect(), 0);
    } else this.scheduleFlush();
  }

  unwatch(type: string, id: string): void {
    const key = `${type}:${id}`;
    const n = this.counts.get(key) ?? 0;
    if (n > 1) return void this.counts.set(key, n - 1);
    this.counts.delete(key);
    this.toAdd.delete(key);
    if (this.refusedKeys.delete(key)) return this.lingerIfEmpty();
    this.toRemove.add(key);
    this.scheduleFlush();
    this.lingerIfEmpty();
  }

  private lingerIfEmpty() {
    if (this.counts.size === 0) {
      clearTimeout(this.lingerTimer);
      this.lingerTimer = setTimeout(() => {
        if (this.counts.size === 0) this.shutdown();
      }, LINGER_MS);
    }
  }

  private setState(state: PushState) {
    if (this.state === state) return;
    const wasLive = this.state === 'live';
    this.state = state;
    for (const listener of [...stateListeners]) safe(() => listener(state, this.url));
    if (state === 'live' || wasLive) for (const c of [...this.clients]) safe(() => c.health(state === 'live'));
  }

  private shutdown() {
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.flushTimer);
    clearTimeout(this.silenceTimer);
    this.controller?.abort();
    this.controller = undefined;
    this.streamName = undefined;
    this.toAdd.clear();
    this.toRemove.clear();
    this.setState('off');
    this.onEmpty();
  }

  private connect() {
    clearTimeout(this.reconnectTimer);
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.streamName = undefined;
    this.setState('connecting');
    void this.run(controller).then(
      () => this.broken(controller),
      () => this.broken(controller),
    );
  }

  private async headers(extra: Record<string, string>): Promise<Record<string, string>> {
    const headers: Record<string, string> = { ...extra };
    // The events URL is the integrator's own server: it gets the integrator's token, never an API key.
    if (this.options.tokenProvider) headers.Authorization = `Bearer ${await this.options.tokenProvider()}`;
    return headers;
  }

  private refuse(keys: unknown) {
    if (!Array.isArray(keys)) return;
    for (const key of keys) {
      if (typeof key !== 'string' || !this.counts.has(key) || this.refusedKeys.has(key)) continue;
      this.refusedKeys.add(key);
      const at = key.indexOf(':');
      for (const c of [...this.clients]) safe(() => c.refused(key.slice(0, at), key.slice(at + 1)));
    }
  }

  private async run(controller: AbortController) {
    const keys = [...this.counts.keys()].filter((k) => !this.refusedKeys.has(k));
    const inUrl = keys.slice(0, MAX_URL_KEYS);
    const url = new URL(this.options.url, typeof location !== 'undefined' ? location.href : undefined);
    url.searchParams.set('watch', inUrl.join(','));
    const headers = await this.headers({
      Accept: 'text/event-stream',
      ...(this.lastEventId ? { 'Last-Event-ID': this.lastEventId } : {}),
    });
    const doFetch = this.options.fetch ?? ((i: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(i, init));
    const res = await doFetch(url.href, { headers, signal: controller.signal, credentials: 'omit', cache: 'no-store' });
    if (res.status !== 200 || !res.body || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      await res.body?.cancel().catch(() => {});
      return;
    }
    // What the URL did not carry, and what changed while it was being opened, follows by POST once named.
    for (const key of keys.slice(MAX_URL_KEYS)) this.toAdd.add(key);
    for (const key of inUrl) if (this.counts.has(key)) this.toAdd.delete(key);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    this.touch(controller);
    for (;;) {
      const { done, value } = await reader.read();
      if (done || controller.signal.aborted) return;
      this.touch(controller);
      buffer += value;
      let at: number;
      while ((at = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at).replace(/^\r?\n\r?\n/, '');
        this.handle(block, controller);
      }
    }
  }

  /** One SSE block: `event:`, `data:`, `id:` lines; comments (heartbeats) only prove the stream is alive. */
  private handle(block: string, controller: AbortController) {
    let event = 'message';
    let data = '';
    let id: string | undefined;
    for (const line of block.split(/\r?\n/)) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data = data ? `${data}\n${value}` : value;
      else if (field === 'id') id = value;
    }
    if (id !== undefined) this.lastEventId = id;
    let payload: Record<string, unknown> = {};
    try {
      payload = data ? (JSON.parse(data) as Record<string, unknown>) : {};
    } catch {
      return; // not ours
    }
    if (event === 'ready' && typeof payload.stream === 'string') {
      if (controller !== this.controller) return;
      this.streamName = payload.stream;
      this.failures = 0;
      this.refuse(payload.refused);
      this.setState('live');
      this.scheduleFlush(0);
      // A reconnect: anything may have changed while we were away. The first open: what loaded before the stream
      // was there may have missed a change. Either way one batched GET of what the page watches.
      for (const c of [...this.clients]) safe(() => c.refetchAll());
    } else if (event === 'change' && typeof payload.type === 'string' && typeof payload.id === 'string') {
      if (!this.counts.has(`${payload.type}:${payload.id}`)) return;
      const change: PushedChange = {
        type: payload.type,
        id: payload.id,
        status: typeof payload.status === 'string' ? payload.status : null,
        updatedAt: typeof payload.updatedAt === 'string' ? payload.updatedAt : null,
      };
      for (const c of [...this.clients]) safe(() => c.pushed(change));
    } else if (event === 'refetch') {
      for (const c of [...this.clients]) safe(() => c.refetchAll());
    }
  }

  /** Any byte resets the silence timer; a stream silent for too long is closed and reopened. */
  private touch(controller: AbortController) {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => {
      if (controller === this.controller) controller.abort();
    }, SILENCE_MS);
  }

  private broken(controller: AbortController) {
    if (controller !== this.controller) return; // replaced or shut down on purpose
    clearTimeout(this.silenceTimer);
    this.controller = undefined;
    this.streamName = undefined;
    if (this.counts.size === 0) return this.shutdown();
    this.setState('down');
    // Back to full polling meanwhile (health(false) above); reconnect with backoff and full jitter.
    const delay = this.backoff(this.failures++, RECONNECT);
    for (const key of this.counts.keys()) if (!this.refusedKeys.has(key)) this.toAdd.add(key);
    this.toRemove.clear();
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private scheduleFlush(ms = WATCH_FLUSH_MS) {
    if (!this.streamName) return; // the next open carries the list
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => void this.flush(), ms);
  }

  private async flush() {
    const name = this.streamName;
    const controller = this.controller;
    if (!name || !controller || (this.toAdd.size === 0 && this.toRemove.size === 0)) return;
    const add = [...this.toAdd];
    const remove = [...this.toRemove];
    this.toAdd.clear();
    this.toRemove.clear();
    try {
      const doFetch = this.options.fetch ?? ((i: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(i, init));
      const url = new URL(this.options.url, typeof location !== 'undefined' ? location.href : undefined);
      url.search = '';
      const res = await doFetch(url.href, {
        method: 'POST',
        headers: await this.headers({ 'Content-Type': 'application/json' }),
        body: JSON.stringify({ stream: name, add, remove }),
        credentials: 'omit',
        signal: controller.signal,
      });
      let refused: unknown;
      if (res.status === 403) {
        // Some ids refused (authorizeIds), the rest watched: the store polls the refused ones itself.
        refused = ((await res.json().catch(() => ({}))) as { meta?: { refused?: unknown } }).meta?.refused;
        if (!Array.isArray(refused)) throw new Error('watch: 403');
        this.refuse(refused);
      } else await res.body?.cancel().catch(() => {});
      if (!res.ok && res.status !== 403) throw new Error(`watch: ${res.status}`);
      // Watched from now on: a change between their first load and this moment would have been missed.
      for (const key of add) {
        if (this.refusedKeys.has(key)) continue;
        const at = key.indexOf(':');
        for (const c of [...this.clients]) safe(() => c.changed(key.slice(0, at), key.slice(at + 1)));
      }
    } catch {
      // The stream is gone or refuses: reopen (the new stream carries the whole list).
      if (controller === this.controller) controller.abort();
    }
  }
}

function safe(fn: () => void) {
  try {
    fn();
  } catch (err) {
    setTimeout(() => {
      throw err;
    }, 0);
  }
}
