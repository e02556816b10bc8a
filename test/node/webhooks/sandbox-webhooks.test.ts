// The sandbox's webhooks over real HTTP: a real sandbox server delivers to a real recording server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseCli } from '../../../sandbox/cli-args.ts';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import { flowRunExample } from '../sandbox/examples.ts';
import { call, control, start, UUID } from '../sandbox/helpers.ts';
import { sleep, startCatcher, waitFor, type Catcher } from './hooks.ts';

const SECRET = 'whsec-test-1';

describe('sandbox webhooks', () => {
  let s: RunningSandbox;
  let hooks: Catcher;
  before(async () => {
    s = await start({ speed: 10 });
    hooks = await startCatcher();
  });
  after(async () => {
    s.close();
    await hooks.close();
  });
  const api = (tenant: string, path: string, init?: Parameters<typeof call>[2]) =>
    call(s.url, `/__sandbox/${tenant}/public/v2${path}`, init);
  const createRun = async (tenant: string, seed: any) =>
    (
      await api(tenant, '/flow-runs', {
        method: 'POST',
        body: flowRunExample(seed.flowWithAppointment, seed.messageThreads[0], seed.messageTemplates[0]),
      })
    ).body.data;
  const of = (tenant: string, id: string) =>
    hooks.deliveries.filter((d) => d.body.data.attributes.resource.id === id && tenantOf(d) === tenant);
  const tenantOf = (d: { body: any }) =>
    String(
      Object.values<any>(d.body.data.attributes.resource.relationships ?? {}).find((rel) => rel.links?.related)?.links
        .related ?? '',
    ).split('/')[2];

  it('sends a webhookPayload per create and update (with fields, without any API request) and per delete', async () => {
    hooks.answer = 204;
    const { seed, webhook } = await control(s.url, 'wh1', {
      reset: true,
      webhook: { url: hooks.url, secret: SECRET, tickMs: 20 },
    });
    assert.equal(webhook.url, hooks.url);
    assert.equal(JSON.stringify(webhook).includes(SECRET), false, 'the control answer never shows the secret');
    const run = await createRun('wh1', seed);
    // No request from here on: only the ticker moves the run.
    const finished = await waitFor(
      () => of('wh1', run.id).find((d) => d.body.data.attributes.resource.attributes.status === 'finished'),
      15000,
      'finished webhook',
    );
    // Deliveries go out in parallel (as Recrubo's do): the create need not arrive first.
    const first = await waitFor(
      () => of('wh1', run.id).find((d) => d.body.data.attributes.event === 'create'),
      5000,
      'the create delivery',
    );
    const mine = of('wh1', run.id);
    assert.equal(first.headers['x-recrubo-webhook-secret'], SECRET);
    assert.match(String(first.headers['content-type']), /^application\/vnd\.api\+json/);
    assert.equal(first.body.data.type, 'webhookPayload');
    assert.match(first.body.data.id, UUID);
    assert.equal(first.body.data.attributes.event, 'create');
    assert.equal(first.body.data.attributes.fields, null);
    assert.match(first.body.data.attributes.webhookId, UUID);
    assert.deepEqual(Object.keys(first.body.data.attributes.resource).sort(), [
      'attributes',
      'id',
      'relationships',
      'type',
    ]);
    assert.equal(first.body.data.attributes.resource.type, 'flowRuns');
    const statuses = mine.map((d) => d.body.data.attributes.resource.attributes.status);
    assert.ok(statuses.includes('running'), `saw ${statuses.join(',')}`);
    // What the receiver passes on besides type, id and status: the resource's updatedAt, moving with each change.
    const times = mine.map((d) => Date.parse(d.body.data.attributes.resource.attributes.updatedAt));
    assert.ok(times.every(Number.isFinite), 'every payload carries updatedAt');
    assert.ok(times[times.length - 1]! > times[0]!, 'updatedAt moves with the run');
    assert.equal(finished.body.data.attributes.event, 'update');
    assert.ok(finished.body.data.attributes.fields.includes('status'));
    assert.ok(!finished.body.data.attributes.fields.includes('createdAt'));
    assert.equal(new Set(mine.map((d) => d.body.data.id)).size, mine.length, 'every payload has its own id');

    // The conversation the run writes is announced too (messages: create, then deliveryStatus updates).
    const messages = hooks.deliveries.filter(
      (d) => tenantOf(d) === 'wh1' && d.body.data.attributes.resource.type === 'messages',
    );
    assert.ok(
      messages.some((d) => d.body.data.attributes.event === 'create'),
      'message webhooks',
    );

    await api('wh1', `/flow-runs/${run.id}`, { method: 'DELETE' });
    const del = await waitFor(
      () => of('wh1', run.id).find((d) => d.body.data.attributes.event === 'delete'),
      5000,
      'delete webhook',
    );
    assert.equal(del.body.data.attributes.resource.id, run.id);
  });

  it('a PATCH is announced at once, with fields ["status"]', async () => {
    const { seed } = await control(s.url, 'wh2', {
      reset: true,
      speed: 0.001,
      webhook: { url: hooks.url, secret: SECRET, tickMs: 1000 },
    });
    const run = await createRun('wh2', seed);
    await api('wh2', `/flow-runs/${run.id}`, {
      method: 'PATCH',
      body: { data: { type: 'flowRuns', id: run.id, attributes: { status: 'cancelled' } } },
    });
    const upd = await waitFor(
      () => of('wh2', run.id).find((d) => d.body.data.attributes.event === 'update'),
      2000,
      'update',
    );
    assert.deepEqual(upd.body.data.attributes.fields, ['status']);
    assert.equal(upd.body.data.attributes.resource.attributes.status, 'cancelled');
  });

  it('retries 5 times with backoff when not answered 2xx, with the same payload id', async () => {
    const { seed } = await control(s.url, 'wh3', {
      reset: true,
      speed: 0.001,
      webhook: { url: hooks.url, secret: SECRET, retryBaseMs: 0.02, tickMs: 1000 },
    });
    hooks.answer = (d) => (tenantOf(d) === 'wh3' && d.body.data.attributes.resource.type === 'flowRuns' ? 500 : 204);
    const run = await createRun('wh3', seed);
    // retryBaseMs 0.02 at speed 0.001: 20, 40, 80, 160, 320 ms.
    await waitFor(() => of('wh3', run.id).length >= 6, 10000, 'six attempts');
    await waitFor(async () => (await control(s.url, 'wh3', {})).webhook.stats.failed >= 1, 3000, 'given up');
    await sleep(700); // no seventh
    const tries = of('wh3', run.id);
    assert.equal(tries.length, 6, 'one attempt and 5 retries');
    assert.equal(new Set(tries.map((d) => d.body.data.id)).size, 1);
    const gaps = tries.slice(1).map((d, i) => d.at - tries[i]!.at);
    assert.ok(gaps[4]! > gaps[0]!, `backoff grows: ${gaps.join(',')}`);
    hooks.answer = 204;
  });

  it('a 500 twice, then 2xx: delivered once the receiver is back', async () => {
    const { seed } = await control(s.url, 'wh4', {
      reset: true,
      speed: 0.001,
      webhook: { url: hooks.url, secret: SECRET, retryBaseMs: 0.02, tickMs: 1000 },
    });
    let refused = 0;
    hooks.answer = (d) =>
      tenantOf(d) === 'wh4' && d.body.data.attributes.resource.type === 'flowRuns' && refused++ < 2 ? 503 : 204;
    const run = await createRun('wh4', seed);
    await waitFor(() => of('wh4', run.id).length >= 3, 5000, 'delivered on the third attempt');
    await sleep(300); // answered 2xx: no more attempts
    assert.equal(of('wh4', run.id).length, 3);
    hooks.answer = 204;
  });

  it('faults: duplicate sends the same payload twice; drop sends nothing', async () => {
    const { seed } = await control(s.url, 'wh5', {
      reset: true,
      speed: 0.001,
      webhook: { url: hooks.url, secret: SECRET, duplicateRate: 1, tickMs: 1000 },
    });
    const run = await createRun('wh5', seed);
    await waitFor(() => of('wh5', run.id).length === 2, 3000, 'two copies');
    const [a, b] = of('wh5', run.id);
    assert.equal(a!.body.data.id, b!.body.data.id);

    const again = await control(s.url, 'wh6', {
      reset: true,
      speed: 0.001,
      webhook: { url: hooks.url, secret: SECRET, dropRate: 1, tickMs: 1000 },
    });
    const lost = await createRun('wh6', again.seed);
    await waitFor(
      async () => {
        const { stats } = (await control(s.url, 'wh6', {})).webhook;
        return stats.events >= 1 && stats.dropped === stats.events;
      },
      3000,
      'dropped',
    );
    assert.equal(of('wh6', lost.id).length, 0);
  });

  it('faults: delay lets later changes arrive before earlier ones', async () => {
    const { seed } = await control(s.url, 'wh7', {
      reset: true,
      speed: 0.001,
      webhook: { url: hooks.url, secret: SECRET, delayMs: 300, tickMs: 1000 },
    });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await createRun('wh7', seed)).id);
    await waitFor(() => ids.every((id) => of('wh7', id).length === 1), 5000, 'all twelve');
    const arrival = hooks.deliveries
      .filter((d) => tenantOf(d) === 'wh7')
      .map((d) => d.body.data.attributes.resource.id);
    assert.notDeepEqual(arrival, ids, 'some arrive out of order');
  });

  it('webhook null stops deliveries; reset restores the instance default (none); bad settings are a 400', async () => {
    const { seed } = await control(s.url, 'wh8', { reset: true, webhook: { url: hooks.url, secret: SECRET } });
    const answer = await control(s.url, 'wh8', { webhook: null });
    assert.equal(answer.webhook, null);
    const run = await createRun('wh8', seed);
    await control(s.url, 'wh8', { reset: true, webhook: { url: hooks.url, secret: SECRET } });
    assert.equal((await control(s.url, 'wh8', { reset: true })).webhook, null);
    assert.equal(of('wh8', run.id).length, 0);
    for (const bad of [
      { url: 'ftp://x', secret: 's' },
      { url: hooks.url },
      { url: hooks.url, secret: 's', dropRate: 2 },
      { url: hooks.url, secret: 's', extra: 1 },
      'x',
    ]) {
      const res = await fetch(`${s.url}/__sandbox/wh8/control`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ webhook: bad }),
      });
      assert.equal(res.status, 400, JSON.stringify(bad));
    }
  });

  it('--webhook-url with --webhook-secret configure every tenant; one without the other is an error', async () => {
    const ok = parseCli(['--webhook-url', hooks.url, '--webhook-secret', SECRET]);
    assert.ok('options' in ok && ok.options.webhook?.url === hooks.url);
    assert.ok('error' in parseCli(['--webhook-url', hooks.url]));
    assert.ok('error' in parseCli(['--webhook-url', 'nope', '--webhook-secret', 'x']));
    const other = await start({ speed: 0.001, webhook: { url: hooks.url, secret: SECRET, tickMs: 1000 } });
    try {
      const seed = other.sandbox.tenant('cli').seed as any;
      const res = await call(other.url, '/__sandbox/cli/public/v2/flow-runs', {
        method: 'POST',
        body: flowRunExample(seed.flowWithAppointment, seed.messageThreads[0], seed.messageTemplates[0]),
      });
      await waitFor(
        () => hooks.deliveries.some((d) => d.body.data.attributes.resource.id === res.body.data.id),
        3000,
        'default webhook',
      );
    } finally {
      await other.close();
    }
  });
});
