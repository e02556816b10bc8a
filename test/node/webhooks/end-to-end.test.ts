// Sandbox webhooks → receiver → memory broker → event stream, all over real HTTP: what a page receives is only
// { type, id, status }, and a reader that refetches on every signal ends at the server's truth even when
// deliveries come twice and out of order.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createMemoryBroker,
  createRecruboEventStream,
  createRecruboWebhookReceiver,
  type RecruboEventStreamHandler,
} from '../../../src/proxy/index.ts';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import { flowRunExample } from '../sandbox/examples.ts';
import { call, control, start } from '../sandbox/helpers.ts';
import { readSse, waitFor } from './hooks.ts';
import { serve, type Mounted } from './server.ts';

const SECRET = 'whsec-e2e';

describe('webhooks end to end', () => {
  let s: RunningSandbox;
  let push: Mounted;
  let stream: RecruboEventStreamHandler;
  before(async () => {
    s = await start({ speed: 1 });
    const broker = createMemoryBroker();
    stream = createRecruboEventStream({ broker, allowedOrigins: [], basePath: '/events', demo: true });
    push = await serve({
      '/hooks': createRecruboWebhookReceiver({ secret: SECRET, broker, basePath: '/hooks' }),
      '/events': stream,
    });
  });
  after(async () => {
    await stream.close();
    await push.close();
    s.close();
  });
  const api = (path: string, init?: Parameters<typeof call>[2]) => call(s.url, `/__sandbox/e2e/public/v2${path}`, init);

  it('duplicated, delayed deliveries of a whole run: the stream carries type, id, status only, and refetching converges', async () => {
    const { seed } = await control(s.url, 'e2e', {
      reset: true,
      speed: 0.001,
      webhook: { url: `${push.url}/hooks`, secret: SECRET, duplicateRate: 0.5, delayMs: 250, tickMs: 20 },
    });
    const run = (
      await api('/flow-runs', {
        method: 'POST',
        body: flowRunExample(seed.flowWithAppointment, seed.messageThreads[0], seed.messageTemplates[0]),
      })
    ).body.data;
    const reader = await readSse(`${push.url}/events?watch=flowRuns:${run.id}`);
    await waitFor(() => reader.events.some((e) => e.event === 'ready'), 3000, 'ready');
    // What the page would show: the last refetched status (a change is a signal; the GET is the truth).
    let shown = run.attributes.status as string;
    let handled = 0;
    const refetching = (async () => {
      while (!reader.events.some((e) => e.event === 'end-of-test')) {
        const changes = reader.events.filter((e) => e.event === 'change');
        if (changes.length > handled) {
          handled = changes.length;
          shown = (await api(`/flow-runs/${run.id}`)).body.data.attributes.status;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await control(s.url, 'e2e', { speed: 10 }); // now the run goes queued → running (answers) → finished
    const truth = await waitFor(
      async () => {
        const now = (await api(`/flow-runs/${run.id}`)).body.data.attributes;
        return now.status === 'finished' ? now : undefined;
      },
      20000,
      'finished on the server',
    );
    await waitFor(async () => (await control(s.url, 'e2e', {})).webhook.stats.delivered >= 3, 5000, 'deliveries');
    await waitFor(() => shown === 'finished', 5000, 'the reader shows the server truth');
    reader.events.push({ event: 'end-of-test', data: '' });
    await refetching;
    reader.close();

    const changes = reader.events.filter((e) => e.event === 'change');
    assert.ok(changes.length >= 2, `saw ${changes.length} changes`);
    for (const ev of changes) {
      const data = JSON.parse(ev.data);
      assert.deepEqual(Object.keys(data).sort(), ['id', 'status', 'type', 'updatedAt']);
      assert.equal(data.id, run.id);
    }
    // The run's answers (its `state`) never travel on the stream.
    assert.ok(Object.keys(truth.state).length > 0);
    for (const value of Object.values(truth.state))
      if (typeof value === 'string' && value.length > 3)
        assert.ok(!reader.raw.includes(value), `state value ${value} leaked`);
    assert.ok(!reader.raw.includes('"state"'));
    const stats = (await control(s.url, 'e2e', {})).webhook.stats;
    assert.ok(stats.duplicated > 0, 'some deliveries came twice');
  });
});
