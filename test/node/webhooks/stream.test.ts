// createRecruboEventStream over real HTTP, read with fetch as the elements read it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createMemoryBroker,
  createRecruboEventStream,
  type RecruboBroker,
  type RecruboEventStreamHandler,
} from '../../../src/proxy/index.ts';
import { readSse, waitFor, type SseReader } from './hooks.ts';
import { serve, type Mounted } from './server.ts';

const RUN_A = '0f6a1b9e-8f5c-4d7e-a1b2-c3d4e5f60718';
const RUN_B = '1f6a1b9e-8f5c-4d7e-a1b2-c3d4e5f60718';
const ORIGIN = 'https://ats.example';

describe('event stream', () => {
  let server: Mounted;
  let broker: RecruboBroker;
  let stream: RecruboEventStreamHandler;
  let resync: (() => void) | undefined;
  const readers: SseReader[] = [];
  before(async () => {
    const memory = createMemoryBroker();
    broker = {
      ...memory,
      subscribe: (sub) => {
        resync = sub.onResync;
        return memory.subscribe(sub);
      },
    };
    stream = createRecruboEventStream({
      broker,
      allowedOrigins: [ORIGIN],
      // The identity is the bearer token's user (a real app looks the session up): the cap counts it.
      authorize: (req) => {
        const user = (req.headers.get('authorization') ?? '').replace(/^Bearer /, '');
        return user !== 'nobody' && user !== '' && user;
      },
      basePath: '/events',
      heartbeatMs: 100,
      replaySize: 5,
      maxIdsPerStream: 3,
      maxStreamsPerClient: 3,
    });
    server = await serve({ '/events': stream });
  });
  after(async () => {
    for (const r of readers) r.close();
    await stream.close();
    await server.close();
  });
  const open = async (watch: string[], headers: Record<string, string> = {}) => {
    const r = await readSse(`${server.url}/events?watch=${watch.join(',')}`, {
      headers: { authorization: 'Bearer alice', ...headers },
    });
    readers.push(r);
    return r;
  };
  const ready = async (r: SseReader) =>
    JSON.parse((await waitFor(() => r.events.find((e) => e.event === 'ready'), 3000, 'ready')).data).stream as string;
  const changes = (r: SseReader) => r.events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data));
  const watchPost = (body: unknown, auth = 'Bearer alice') =>
    fetch(`${server.url}/events`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('streams the watched ids only, as { type, id, status }, with the headers proxies need', async () => {
    const r = await open([`flowRuns:${RUN_A}`]);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(r.headers.get('x-accel-buffering'), 'no');
    assert.match(r.headers.get('cache-control') ?? '', /no-cache/);
    await ready(r);
    await broker.publish({ type: 'flowRuns', id: RUN_B, status: 'running' });
    await broker.publish({ type: 'flowRuns', id: RUN_A, status: 'running' });
    await waitFor(() => changes(r).length === 1, 3000, 'one change');
    assert.deepEqual(changes(r), [{ type: 'flowRuns', id: RUN_A, status: 'running', updatedAt: null }]);
    r.close();
  });

  it('ids are added and removed without reopening; only the opener may change a stream', async () => {
    const r = await open([]);
    const name = await ready(r);
    assert.equal((await watchPost({ stream: name, add: [`flowRuns:${RUN_B}`] })).status, 200);
    await broker.publish({ type: 'flowRuns', id: RUN_B, status: 'finished' });
    await waitFor(() => changes(r).length === 1, 3000, 'added id');
    assert.equal(
      (await watchPost({ stream: name, remove: [`flowRuns:${RUN_B}`], add: [`flowGenerations:${RUN_A}`] })).status,
      200,
    );
    await broker.publish({ type: 'flowRuns', id: RUN_B, status: 'timeout' });
    await broker.publish({ type: 'flowGenerations', id: RUN_A, status: 'finished', updatedAt: null });
    await waitFor(() => changes(r).length === 2, 3000, 'second');
    assert.deepEqual(changes(r)[1], { type: 'flowGenerations', id: RUN_A, status: 'finished', updatedAt: null });
    assert.equal((await watchPost({ stream: name, add: [`flowRuns:${RUN_A}`] }, 'Bearer mallory')).status, 404);
    assert.equal((await watchPost({ stream: 'nope', add: [] })).status, 404);
    assert.equal((await watchPost({ stream: name, add: ['users:1'] })).status, 400);
    assert.equal(
      (await watchPost({ stream: name, add: ['flowRuns:a', 'flowRuns:b', 'flowRuns:c'] })).status,
      413,
      'over the id cap',
    );
    r.close();
  });

  it('a heartbeat comment keeps an idle stream alive', async () => {
    const r = await open([`flowRuns:${RUN_A}`]);
    await waitFor(() => r.raw.split(': heartbeat').length > 2, 3000, 'two heartbeats');
    r.close();
  });

  it('monotonic ids; Last-Event-ID replays from the buffer, an older or foreign cursor gets one refetch event', async () => {
    const r = await open([`flowRuns:${RUN_A}`]);
    await ready(r);
    for (const status of ['queued', 'running']) await broker.publish({ type: 'flowRuns', id: RUN_A, status });
    await waitFor(() => changes(r).length === 2, 3000, 'two');
    const ids = r.events.filter((e) => e.event === 'change').map((e) => e.id!);
    const seqOf = (id: string) => Number(id.split('.')[1]);
    assert.ok(seqOf(ids[1]!) > seqOf(ids[0]!));
    r.close();
    await broker.publish({ type: 'flowRuns', id: RUN_A, status: 'finished' }); // missed while away
    const back = await open([`flowRuns:${RUN_A}`], { 'last-event-id': ids[1]! });
    await waitFor(() => changes(back).length === 1, 3000, 'replayed');
    assert.equal(changes(back)[0].status, 'finished');
    assert.equal(back.events.filter((e) => e.event === 'refetch').length, 0);
    back.close();
    for (let i = 0; i < 6; i++) await broker.publish({ type: 'flowRuns', id: RUN_B, status: `s${i}` }); // buffer of 5 overflows
    const old = await open([`flowRuns:${RUN_A}`], { 'last-event-id': ids[0]! });
    await waitFor(() => old.events.some((e) => e.event === 'refetch'), 3000, 'refetch');
    assert.equal(changes(old).length, 0);
    old.close();
    const foreign = await open([`flowRuns:${RUN_A}`], { 'last-event-id': 'deadbeef.1' });
    await waitFor(() => foreign.events.some((e) => e.event === 'refetch'), 3000, 'refetch for a foreign cursor');
    foreign.close();
  });

  it('a broker that lost its connection makes every stream refetch', async () => {
    const r = await open([`flowRuns:${RUN_A}`]);
    await ready(r);
    resync?.();
    await waitFor(() => r.events.some((e) => e.event === 'refetch'), 3000, 'refetch');
    r.close();
  });

  it('refuses a foreign origin (403), a failed authorize (401), too many ids (413), bad ids (400), too many streams (429)', async () => {
    const foreign = await fetch(`${server.url}/events?watch=flowRuns:${RUN_A}`, {
      headers: { origin: 'https://evil.example', authorization: 'Bearer alice' },
    });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    const allowed = await open([`flowRuns:${RUN_A}`], { origin: ORIGIN, authorization: 'Bearer carol' });
    assert.equal(allowed.headers.get('access-control-allow-origin'), ORIGIN);
    allowed.close();
    assert.equal(
      (await fetch(`${server.url}/events?watch=flowRuns:${RUN_A}`, { headers: { authorization: 'Bearer nobody' } }))
        .status,
      401,
    );
    assert.equal(
      (
        await fetch(`${server.url}/events?watch=flowRuns:a,flowRuns:b,flowRuns:c,flowRuns:d`, {
          headers: { authorization: 'Bearer dave' },
        })
      ).status,
      413,
    );
    assert.equal(
      (
        await fetch(`${server.url}/events?watch=flowRuns:${encodeURIComponent('<x>')}`, {
          headers: { authorization: 'Bearer dave' },
        })
      ).status,
      400,
    );
    const three = await Promise.all([1, 2, 3].map(() => open([], { authorization: 'Bearer erin' })));
    await Promise.all(three.map(ready));
    const fourth = await fetch(`${server.url}/events?watch=`, { headers: { authorization: 'Bearer erin' } });
    assert.equal(fourth.status, 429);
    const other = await open([], { authorization: 'Bearer frank' });
    assert.equal(other.status, 200, 'the cap is per client');
    for (const r of [...three, other]) r.close();
  });

  it('a client that goes away is cleaned up (abort closes the stream)', async () => {
    await waitFor(() => stream.openStreams === 0, 3000, 'earlier streams closed');
    const r = await open([`flowRuns:${RUN_A}`]);
    await ready(r);
    assert.equal(stream.openStreams, 1);
    r.close();
    await waitFor(() => stream.openStreams === 0, 3000, 'closed on abort');
  });
});
