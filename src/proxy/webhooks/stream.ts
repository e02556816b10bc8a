// createRecruboEventStream: Server-Sent Events to pages, for the resources each page watches.
//   GET  <basePath>?watch=flowRuns:<id>,flowRuns:<id>   opens a stream; the first event (`ready`) names it
//   POST <basePath> {"stream":"<name>","add":["flowRuns:<id>"],"remove":[...]}   changes what it watches
// so one stream serves a whole page while elements come and go. `authorize` says who asks, `authorizeIds` which ids
// that identity may watch (refused ones are dropped: named in `ready`, or a 403 for that add). Every `change` event
// carries `{type,id,status,updatedAt}` only; a page that shows more fetches it through the normal API path. Event ids are `<instance>.<n>`, increasing; a reconnect
// with `Last-Event-ID` replays from a bounded buffer, and a cursor older than the buffer (or from another
// instance) gets one `refetch` event: the page then asks again for everything it watches.
import { corsHeaders, type OriginPolicy } from '../cors.ts';
import { compileOriginCheck } from '../guard.ts';
import { normalizeBasePath, relativePath } from '../match.ts';
import { compileAccess, type AuthorizeIds, type AuthorizeStream, type Caller } from './access.ts';
import type { RecruboBroker, RecruboChange } from './broker.ts';
import {
  DEFAULT_BROKER_TIMEOUT_MS,
  fail,
  isPushType,
  isResourceId,
  jsonAnswer,
  readJson,
  securityHeaders,
  unavailable,
  withDeadline,
} from './shared.ts';

export const DEFAULT_HEARTBEAT_MS = 15_000;
export const DEFAULT_REPLAY_SIZE = 1000;
export const DEFAULT_MAX_IDS = 1000;
export const DEFAULT_MAX_STREAMS_PER_CLIENT = 10;
/**
 * An idle stream costs about 19 KB of heap and 35 KB of RSS, Node's HTTP objects included (bench/push-streams): the
 * default cap keeps all of them under about 175 MB. Raise it with the memory to match.
 */
export const DEFAULT_MAX_STREAMS = 5_000;
/** Seconds a refused page waits before it opens again (global cap, broker out). */
const RETRY_AFTER_S = 30;
const BROKER_RETRY_AFTER_S = 5;
/** A client that reads this far behind is cut off (it reconnects and refetches) rather than buffered forever. */
const MAX_QUEUED_BYTES = 1024 * 1024;
const WATCH_BODY_BYTES = 128 * 1024;

export interface RecruboEventStreamOptions {
  broker: RecruboBroker;
  /** Exact origins (`https://ats.example`) or a predicate, as on the proxy. Others get 403. */
  allowedOrigins: OriginPolicy;
  /**
   * The origin(s) this handler is served from (same-origin pages send Origin on their watch-list POSTs). From
   * configuration, never from the Host header.
   */
  publicOrigin?: string | readonly string[];
  /**
   * The integrator's session check, required unless `demo`: falsy → 401; `true` → signed in (counted per client
   * address); any other value is the caller's identity (a user id, or an object with `id`), handed to
   * `authorizeIds` and counted per identity.
   */
  authorize?: AuthorizeStream;
  /**
   * Which ids (of one type) the identity may watch: the allowed ids, or true/false. Refused ids are never watched:
   * named in the `ready` event for the stream's URL, a 403 (with the rest watched) for a later `add`.
   */
  authorizeIds?: AuthorizeIds;
  /** A page without sign-in (a demo, the sandbox): serve streams without `authorize`. Default false. */
  demo?: boolean;
  /** Where the handler is mounted (e.g. `/recrubo/events`). Default: any path. */
  basePath?: string;
  /**
   * The client's address (e.g. the socket's), as on `createRecruboApply`: the per-client cap counts it when
   * `authorize` returned no identity of its own. Without it (and without `trustForwardedFor`) such streams share one
   * bucket of `maxStreamsPerClient` (fail closed), and `onError` is told once.
   */
  clientId?: (request: Request) => string | undefined | Promise<string | undefined>;
  /** Use the last `X-Forwarded-For` entry as the client address (only behind your own proxy that sets it). */
  trustForwardedFor?: boolean;
  heartbeatMs?: number;
  replaySize?: number;
  maxIdsPerStream?: number;
  /** Streams one identity (or client address) may hold open; one more is a 429 with Retry-After. Default 10. */
  maxStreamsPerClient?: number;
  /** Streams this instance holds open in all; one more is a 503 with Retry-After (never a 429). Default 5 000. */
  maxStreams?: number;
  /** How long the first broker subscription may take before a stream is answered 503 (default 1500 ms). */
  brokerTimeoutMs?: number;
  allowCredentials?: boolean;
  onError?: (error: unknown) => void;
}

export type RecruboEventStreamHandler = ((request: Request) => Promise<Response>) & {
  /** Ends every stream and the broker subscription (server shutdown, tests). */
  close(): Promise<void>;
  /** How many streams are open (tests, metrics). */
  readonly openStreams: number;
};

interface Stream {
  name: string;
  client: string;
  caller: Caller;
  watched: Set<string>;
  send(text: string): void;
  beat(): void;
  end(): void;
}

const problem = (status: number, code: string, title: string, detail: string) => ({ status, code, title, detail });
const encoder = new TextEncoder();

/** `flowRuns:<id>` entries, checked; a string says what is wrong. */
function parseKeys(list: unknown, max: number): string[] | string {
  if (!Array.isArray(list)) return 'a list of "type:id" entries was expected';
  if (list.length > max) return `at most ${max} entries`;
  const out: string[] = [];
  for (const entry of list) {
    if (typeof entry !== 'string') return 'entries are "type:id" strings';
    const at = entry.indexOf(':');
    const type = entry.slice(0, at);
    const id = entry.slice(at + 1);
    if (at < 0 || !isPushType(type) || !isResourceId(id)) return `"${entry.slice(0, 80)}" is not a watchable "type:id"`;
    out.push(`${type}:${id}`);
  }
  return out;
}

function randomName(bytes: number): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return [...raw].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function createRecruboEventStream(options: RecruboEventStreamOptions): RecruboEventStreamHandler {
  if (!options?.broker || typeof options.broker.subscribe !== 'function') {
    throw new TypeError('createRecruboEventStream: broker is required (createMemoryBroker() or createRedisBroker())');
  }
  const originOk = compileOriginCheck(
    { allowedOrigins: options.allowedOrigins, publicOrigin: options.publicOrigin },
    'createRecruboEventStream',
  );
  const basePath = normalizeBasePath(options.basePath);
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const replaySize = options.replaySize ?? DEFAULT_REPLAY_SIZE;
  const maxIds = options.maxIdsPerStream ?? DEFAULT_MAX_IDS;
  const maxPerClient = options.maxStreamsPerClient ?? DEFAULT_MAX_STREAMS_PER_CLIENT;
  const maxStreams = options.maxStreams ?? DEFAULT_MAX_STREAMS;
  const allowCredentials = options.allowCredentials ?? false;
  const brokerMs = options.brokerTimeoutMs ?? DEFAULT_BROKER_TIMEOUT_MS;
  const { broker, onError } = options;
  const access = compileAccess(options);

  // This instance's event ids: `<epoch>.<seq>`. Another instance (or a restart) has another epoch, so its cursor
  // is recognised as foreign and answered with a refetch.
  const epoch = randomName(4);
  let seq = 0;
  const replay: { seq: number; key: string; change: RecruboChange }[] = [];
  const streams = new Map<string, Stream>();
  const perClient = new Map<string, number>();
  // A watched key → the streams watching it, so a change costs a lookup, not a scan of every stream.
  const byKey = new Map<string, Set<Stream>>();
  let unsubscribe: Promise<(() => Promise<void>) | undefined> | undefined;
  let closed = false;

  const watch = (s: Stream, key: string) => {
    s.watched.add(key);
    let set = byKey.get(key);
    if (!set) byKey.set(key, (set = new Set()));
    set.add(s);
  };
  const unwatch = (s: Stream, key: string) => {
    s.watched.delete(key);
    const set = byKey.get(key);
    set?.delete(s);
    if (set?.size === 0) byKey.delete(key);
  };

  const changeEvent = (n: number, change: RecruboChange) =>
    `id: ${epoch}.${n}\nevent: change\ndata: ${JSON.stringify({ type: change.type, id: change.id, status: change.status, updatedAt: change.updatedAt ?? null })}\n\n`;

  // One timer for every stream's heartbeat (not one per stream): an idle stream costs its objects, nothing ticking.
  const HEARTBEAT = encoder.encode(': heartbeat\n\n');
  let beat: ReturnType<typeof setInterval> | undefined;
  const beating = () => {
    if (beat || streams.size === 0) return;
    beat = setInterval(() => {
      if (streams.size === 0) {
        clearInterval(beat);
        beat = undefined;
      }
      for (const s of [...streams.values()]) s.beat();
    }, heartbeatMs);
    (beat as { unref?: () => void }).unref?.();
  };
  const refetchEvent = () => `id: ${epoch}.${seq}\nevent: refetch\ndata: {}\n\n`;

  const onChange = (change: RecruboChange) => {
    const key = `${change.type}:${change.id}`;
    const n = ++seq;
    replay.push({ seq: n, key, change });
    if (replay.length > replaySize) replay.splice(0, replay.length - replaySize);
    const text = changeEvent(n, change);
    for (const s of byKey.get(key) ?? []) s.send(text);
  };
  const onResync = () => {
    // The broker lost its connection and may have missed changes: everybody refetches.
    seq++;
    replay.length = 0;
    for (const s of streams.values()) s.send(refetchEvent());
  };

  const subscribed = () => {
    unsubscribe ??= broker.subscribe({ onChange, onResync }).catch((error) => {
      unsubscribe = undefined; // try again with the next stream
      onError?.(error);
      return undefined;
    });
    return unsubscribe;
  };

  const open = async (request: Request, cors: Headers, caller: Caller): Promise<Response> => {
    const client = caller.key;
    const url = new URL(request.url);
    const raw = url.searchParams.get('watch');
    const asked = parseKeys(raw ? raw.split(',') : [], maxIds);
    if (typeof asked === 'string')
      return fail(
        problem(asked.startsWith('at most') ? 413 : 400, 'bad_request', 'Bad Request', `watch: ${asked}`),
        cors,
      );
    // The instance is full: a 503 that every page treats as "try again later", not one client's 429.
    if (streams.size >= maxStreams)
      return unavailable('This server holds all the event streams it can', RETRY_AFTER_S, cors);
    if ((perClient.get(client) ?? 0) >= maxPerClient) {
      const headers = new Headers(cors);
      headers.set('retry-after', String(RETRY_AFTER_S));
      return fail(problem(429, 'too_many_requests', 'Too Many Requests', 'Too many open event streams'), headers);
    }
    const live = await withDeadline(subscribed(), brokerMs, 'a subscribe').catch(() => undefined);
    if (!live) return unavailable('The event broker is not reachable', BROKER_RETRY_AFTER_S, cors);
    const { allowed: keys, refused } = await access.filter(caller, asked);

    const name = randomName(16);
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let ended = false;
    const enqueue = (bytes: Uint8Array) => {
      if (ended) return;
      if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) return stream.end(); // a reader that stopped reading
      try {
        controller.enqueue(bytes);
      } catch {
        stream.end();
      }
    };
    const stream: Stream = {
      name,
      client,
      caller,
      watched: new Set(),
      send: (text) => enqueue(encoder.encode(text)),
      beat: () => enqueue(HEARTBEAT),
      end() {
        if (ended) return;
        ended = true;
        for (const key of [...stream.watched]) unwatch(stream, key);
        streams.delete(name);
        const left = (perClient.get(client) ?? 1) - 1;
        if (left > 0) perClient.set(client, left);
        else perClient.delete(client);
        try {
          controller.close();
        } catch {
          // already closed or errored by the runtime
        }
      },
    };
    const body = new ReadableStream<Uint8Array>(
      {
        start(c) {
          controller = c;
        },
        cancel() {
          stream.end();
        },
      },
      { highWaterMark: MAX_QUEUED_BYTES, size: (chunk) => chunk.byteLength },
    );
    streams.set(name, stream);
    perClient.set(client, (perClient.get(client) ?? 0) + 1);
    for (const key of keys) watch(stream, key);
    request.signal?.addEventListener('abort', () => stream.end(), { once: true });

    stream.send(`retry: 3000\n\nevent: ready\ndata: ${JSON.stringify({ stream: name, heartbeatMs, refused })}\n\n`);
    const last = request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId');
    if (last !== null) {
      const [lastEpoch, lastSeqText] = last.split('.');
      const lastSeq = Number(lastSeqText);
      const oldest = replay[0]?.seq ?? seq + 1;
      // Replayable: our own cursor, not in the future, and nothing after it has left the buffer.
      if (lastEpoch === epoch && Number.isInteger(lastSeq) && lastSeq <= seq && lastSeq >= oldest - 1) {
        for (const item of replay)
          if (item.seq > lastSeq && stream.watched.has(item.key)) stream.send(changeEvent(item.seq, item.change));
      } else stream.send(refetchEvent());
    }
    // A comment line every so often: proxies and load balancers cut streams that look idle (often at 55-60 s).
    beating();

    const headers = securityHeaders(new Headers(cors));
    headers.set('content-type', 'text/event-stream; charset=utf-8');
    headers.set('cache-control', 'no-cache, no-store, no-transform');
    headers.set('x-accel-buffering', 'no'); // nginx: pass each event on at once
    return new Response(body, { status: 200, headers });
  };

  const change = async (request: Request, cors: Headers, caller: Caller): Promise<Response> => {
    const read = await readJson(request, WATCH_BODY_BYTES, 10_000);
    if ('error' in read) return fail(read.error, cors);
    const body = read.value;
    if (typeof body !== 'object' || body === null || typeof (body as { stream?: unknown }).stream !== 'string') {
      return fail(problem(400, 'bad_request', 'Bad Request', 'Expected {"stream", "add"?, "remove"?}'), cors);
    }
    const { stream: name, add = [], remove = [] } = body as { stream: string; add?: unknown; remove?: unknown };
    const stream = streams.get(name);
    // Someone else's stream looks exactly like no stream.
    if (!stream || stream.client !== caller.key)
      return fail(problem(404, 'not_found', 'Not Found', 'No such event stream (it may have closed)'), cors);
    const adding = parseKeys(add, maxIds);
    const removing = parseKeys(remove, maxIds);
    if (typeof adding === 'string') return fail(problem(400, 'bad_request', 'Bad Request', `add: ${adding}`), cors);
    if (typeof removing === 'string')
      return fail(problem(400, 'bad_request', 'Bad Request', `remove: ${removing}`), cors);
    const { allowed, refused } = await access.filter(stream.caller, adding);
    const after = new Set(stream.watched);
    for (const key of removing) after.delete(key);
    for (const key of allowed) after.add(key);
    if (after.size > maxIds)
      return fail(
        problem(413, 'payload_too_large', 'Payload Too Large', `A stream watches at most ${maxIds} resources`),
        cors,
      );
    if (streams.get(name) !== stream) return fail(problem(404, 'not_found', 'Not Found', 'The stream closed'), cors);
    for (const key of removing) unwatch(stream, key);
    for (const key of allowed) watch(stream, key);
    if (refused.length === 0) return jsonAnswer(200, { watching: stream.watched.size }, cors);
    // The rest is watched; the page is told which it may not (never why: that is the integrator's business).
    return jsonAnswer(
      403,
      {
        errors: [
          { status: '403', code: 'forbidden', title: 'Forbidden', detail: 'Not allowed to watch some of these' },
        ],
        meta: { refused, watching: stream.watched.size },
      },
      cors,
    );
  };

  const handler = async (request: Request): Promise<Response> => {
    const origin = request.headers.get('origin');
    let cors = corsHeaders(null, false);
    try {
      const url = new URL(request.url);
      const path = relativePath(url.pathname, basePath);
      if (path === undefined || (basePath && path !== '/'))
        return fail(problem(404, 'not_found', 'Not Found', 'Not an event stream path'), cors);
      if (!originOk(origin))
        return fail(problem(403, 'forbidden', 'Forbidden', 'This origin may not use the event stream'), cors);
      cors = corsHeaders(origin, allowCredentials);
      if (request.method === 'OPTIONS') {
        const headers = securityHeaders(new Headers(cors));
        headers.set('access-control-allow-methods', 'GET, POST');
        headers.set(
          'access-control-allow-headers',
          'Accept, Authorization, Content-Type, Last-Event-ID, Cache-Control',
        );
        headers.set('access-control-max-age', '600');
        return new Response(null, { status: 204, headers });
      }
      if (request.method !== 'GET' && request.method !== 'POST') {
        const headers = new Headers(cors);
        headers.set('allow', 'GET, POST, OPTIONS');
        return fail(
          problem(405, 'method_not_allowed', 'Method Not Allowed', 'GET opens a stream, POST changes what it watches'),
          headers,
        );
      }
      if (closed) return fail(problem(503, 'service_unavailable', 'Service Unavailable', 'Shutting down'), cors);
      const caller = await access.caller(request);
      if (!caller) return fail(problem(401, 'unauthorized', 'Unauthorized', 'Not signed in'), cors);
      return request.method === 'GET' ? await open(request, cors, caller) : await change(request, cors, caller);
    } catch (error) {
      onError?.(error);
      return fail(problem(500, 'internal_server_error', 'Internal Server Error', 'Unexpected error'), cors);
    }
  };

  Object.defineProperty(handler, 'openStreams', { get: () => streams.size });
  return Object.assign(handler, {
    async close() {
      closed = true;
      for (const s of [...streams.values()]) s.end();
      clearInterval(beat);
      beat = undefined;
      const off = await unsubscribe;
      unsubscribe = undefined;
      await off?.();
    },
  }) as RecruboEventStreamHandler;
}
