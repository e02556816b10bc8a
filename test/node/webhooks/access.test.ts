// Who may watch what (issue #30, and #26 finding 6): the per-client cap counts the identity `authorize` returned (or
// the client address from `clientId`), never a raw header a caller can vary; `authorizeIds` keeps a page from
// watching ids its user may not see; the global cap is a 503 with Retry-After; no `authorize` is refused at start-up
// unless the handler is told it serves a demo. Over real HTTP, read with fetch as the elements read it.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  createMemoryBroker,
  createRecruboEventStream,
  createRecruboWebhookReceiver,
  type RecruboEventStreamHandler,
  type RecruboEventStreamOptions,
} from '../../../src/proxy/index.ts';
import { readSse, waitFor, type SseReader } from './hooks.ts';
import { serve, type Mounted } from './server.ts';

const SECRET = 'whsec-access-test';
// Two clients of one multi-tenant ATS: each recruiter may see only their own client's runs.
const RUNS: Record<string, string[]> = { acme: ['run-acme-1', 'run-acme-2'], globex: ['run-globex-1'] };
const SESSIONS: Record<string, { id: string; tenant: string }> = {
  'session=alice': { id: 'alice', tenant: 'acme' },
  'session=bob': { id: 'bob', tenant: 'globex' },
};
/** The app's session lookup: the session cookie among any others (a caller may add cookies at will). */
const sessionOf = (request: Request) => {
  const cookies = (request.headers.get('cookie') ?? '').split(/;\s*/);
  return cookies.map((c) => SESSIONS[c]).find(Boolean) ?? false;
};

describe('event stream access', () => {
  const mounted: { server: Mounted; stream: RecruboEventStreamHandler }[] = [];
  const readers: SseReader[] = [];
  after(async () => {
    for (const r of readers) r.close();
    for (const m of mounted) {
      await m.stream.close();
      await m.server.close();
    }
  });
  const mount = async (options: Partial<RecruboEventStreamOptions>) => {
    const broker = createMemoryBroker();
    const stream = createRecruboEventStream({ broker, allowedOrigins: [], heartbeatMs: 60_000, ...options });
    const receiver = createRecruboWebhookReceiver({ secret: SECRET, broker });
    const server = await serve({ '/events': stream, '/hooks': receiver });
    mounted.push({ server, stream });
    return { server, stream, broker };
  };
  const open = async (server: Mounted, watch: string[], headers: Record<string, string>) => {
    const r = await readSse(`${server.url}/events?watch=${watch.join(',')}`, { headers });
    readers.push(r);
    return r;
  };
  const ready = async (r: SseReader) =>
    JSON.parse((await waitFor(() => r.events.find((e) => e.event === 'ready'), 3000, 'ready')).data) as {
      stream: string;
      refused: string[];
    };
  const changes = (r: SseReader) => r.events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data));

  it('without authorize the handler refuses to start, unless told it serves a demo', async () => {
    assert.throws(
      () => createRecruboEventStream({ broker: createMemoryBroker(), allowedOrigins: [] }),
      /authorize is required.*demo: true/,
    );
    const { server } = await mount({ demo: true, clientId: () => '10.0.0.1' });
    const r = await open(server, ['flowRuns:run-acme-1'], {});
    assert.equal(r.status, 200);
    await ready(r);
  });

  it('varying the Cookie header does not make a new client: the cap counts the identity authorize returned', async () => {
    const { server } = await mount({ authorize: sessionOf, maxStreamsPerClient: 3 });
    const three = await Promise.all([0, 1, 2].map((i) => open(server, [], { cookie: `session=alice; x=${i}` })));
    await Promise.all(three.map(ready));
    const fourth = await fetch(`${server.url}/events?watch=`, { headers: { cookie: 'session=alice; x=3' } });
    assert.equal(fourth.status, 429, 'the fourth stream of alice, whatever her other cookies');
    assert.ok(Number(fourth.headers.get('retry-after')) > 0);
    await fourth.body?.cancel();
    const bob = await open(server, [], { cookie: 'session=bob' });
    assert.equal(bob.status, 200, 'another identity has its own cap');
    for (const r of [...three, bob]) r.close();
  });

  it('with no identity of its own, the cap counts the client address from clientId, never a header string', async () => {
    // authorize says "signed in" only; the address comes from the server (here a test header standing in for the
    // socket address an integrator passes), as on createRecruboApply.
    const { server } = await mount({
      authorize: () => true,
      clientId: (req) => req.headers.get('x-test-socket') ?? undefined,
      maxStreamsPerClient: 2,
    });
    const two = await Promise.all(
      [0, 1].map((i) => open(server, [], { 'x-test-socket': '10.0.0.7', cookie: `c=${i}`, authorization: `x${i}` })),
    );
    await Promise.all(two.map(ready));
    const third = await fetch(`${server.url}/events?watch=`, {
      headers: { 'x-test-socket': '10.0.0.7', cookie: 'c=9', authorization: 'x9' },
    });
    assert.equal(third.status, 429);
    await third.body?.cancel();
    for (const r of two) r.close();
  });

  it('the global cap answers 503 with Retry-After (not 429): one client cannot lock everyone out', async () => {
    const { server } = await mount({ authorize: sessionOf, maxStreams: 2, maxStreamsPerClient: 10 });
    const two = await Promise.all([0, 1].map(() => open(server, [], { cookie: 'session=alice' })));
    await Promise.all(two.map(ready));
    const full = await fetch(`${server.url}/events?watch=`, { headers: { cookie: 'session=bob' } });
    assert.equal(full.status, 503);
    assert.ok(Number(full.headers.get('retry-after')) > 0);
    await full.body?.cancel();
    for (const r of two) r.close();
  });

  for (const flavour of ['sync', 'async'] as const) {
    it(`authorizeIds (${flavour}): refused ids are never watched; an add with one is a 403 and the rest is watched`, async () => {
      const asked: string[] = [];
      const allowed = (identity: unknown, type: string, ids: readonly string[]) => {
        asked.push(`${(identity as { id: string }).id}:${type}:${ids.join('+')}`);
        const mine = RUNS[(identity as { tenant: string }).tenant] ?? [];
        return type === 'flowRuns' ? ids.filter((id) => mine.includes(id)) : false;
      };
      const { server } = await mount({
        authorize: sessionOf,
        authorizeIds: flavour === 'sync' ? allowed : async (...args) => allowed(...args),
      });
      // Alice (acme) asks for her run and a guessed globex run.
      const r = await open(server, ['flowRuns:run-acme-1', 'flowRuns:run-globex-1'], { cookie: 'session=alice' });
      const { stream, refused } = await ready(r);
      assert.deepEqual(refused, ['flowRuns:run-globex-1']);
      assert.deepEqual(asked, ['alice:flowRuns:run-acme-1+run-globex-1']);

      const add = await fetch(`${server.url}/events`, {
        method: 'POST',
        headers: { cookie: 'session=alice', 'content-type': 'application/json' },
        body: JSON.stringify({ stream, add: ['flowRuns:run-acme-2', 'flowRuns:run-globex-1', 'messageThreads:t1'] }),
      });
      assert.equal(add.status, 403);
      const body = (await add.json()) as { meta: { refused: string[]; watching: number } };
      assert.deepEqual(body.meta.refused, ['flowRuns:run-globex-1', 'messageThreads:t1']);
      assert.equal(body.meta.watching, 2);

      // Changes of every run are published; Alice's page gets only her two.
      for (const id of ['run-globex-1', 'run-acme-2', 'run-acme-1']) {
        const hook = await fetch(`${server.url}/hooks`, {
          method: 'POST',
          headers: { 'content-type': 'application/vnd.api+json', 'x-recrubo-webhook-secret': SECRET },
          body: JSON.stringify({
            data: {
              type: 'webhookPayload',
              id: `${flavour}-${id}`,
              attributes: {
                event: 'update',
                resource: {
                  type: 'flowRuns',
                  id,
                  attributes: { status: 'running', updatedAt: '2026-01-01T10:00:00Z' },
                },
              },
            },
          }),
        });
        assert.equal(hook.status, 202);
      }
      await waitFor(() => changes(r).length === 2, 3000, 'the two allowed changes');
      assert.deepEqual(
        changes(r)
          .map((c) => c.id)
          .sort(),
        ['run-acme-1', 'run-acme-2'],
      );
      const events = r.events.filter((e) => e.event === 'change').map((e) => e.data);
      assert.ok(!events.some((d) => d.includes('globex')), 'no change of the other client reaches the page');
      r.close();
    });
  }
});
