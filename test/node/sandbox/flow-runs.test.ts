import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import type { SeedIds } from '../../../sandbox/app.ts';
import { flowRunExample, flowRunPatchExample } from './examples.ts';
import { call, error422, start, UUID } from './helpers.ts';

describe('flow-runs', () => {
  let s: RunningSandbox;
  let seed: SeedIds;
  let clock = Date.parse('2025-03-01T09:00:00Z');
  before(async () => {
    s = await start({ speed: 1, now: () => clock });
    seed = s.sandbox.tenant().seed;
  });
  after(() => s.close());
  const api = (path: string, init?: Parameters<typeof call>[2]) => call(s.url, '/public/v2' + path, init);
  const example = () =>
    flowRunExample(seed.flowWithAppointment, seed.messageThreads[0] as string, seed.messageTemplates[0] as string);
  const create = async () => (await api('/flow-runs', { method: 'POST', body: example() })).body.data;

  it('accepts the documented example POST body: 201, queued, cost 0, documented links', async () => {
    const res = await api('/flow-runs', { method: 'POST', body: example() });
    assert.equal(res.status, 201);
    const { data, meta } = res.body;
    assert.deepEqual(meta, {});
    assert.equal(data.type, 'flowRuns');
    assert.match(data.id, UUID);
    assert.equal(data.attributes.status, 'queued');
    assert.equal(data.attributes.cost, 0);
    assert.deepEqual(data.attributes.state, {});
    assert.deepEqual(data.attributes.initialMessage, example().data.attributes.initialMessage);
    assert.ok(data.attributes.createdAt && data.attributes.updatedAt);
    assert.deepEqual(data.relationships, {
      flow: { links: { related: `/public/v2/flows/${seed.flowWithAppointment}` } },
      messageThread: { links: { related: `/public/v2/message-threads/${seed.messageThreads[0]}` } },
    });
  });

  it('walks queued → running → finished, state filling with the flow sessionFields and cost growing', async () => {
    const run = await create();
    const read = async () => (await api(`/flow-runs/${run.id}`)).body.data.attributes;
    clock += 1000 + 1500 * 2; // started, two answers in
    const running = await read();
    assert.equal(running.status, 'running');
    assert.deepEqual(Object.keys(running.state), ['first_name', 'email']);
    assert.ok(running.cost > 0);
    clock += 1500 * 3;
    const later = await read();
    assert.equal(Object.keys(later.state).length, 5);
    assert.ok(later.cost > running.cost);
    clock += 60_000;
    const done = await read();
    assert.equal(done.status, 'finished');
    // Driver: first_name, email, phone, address, drivers_license, communicative, location, appointment
    assert.deepEqual(Object.keys(done.state), [
      'first_name',
      'email',
      'phone',
      'address',
      'drivers_license',
      'communicative',
      'location',
      'appointment',
    ]);
  });

  it('PATCH with the documented example body finishes a run, and the status wins over the simulation', async () => {
    const run = await create();
    clock += 2500;
    const res = await api(`/flow-runs/${run.id}`, { method: 'PATCH', body: flowRunPatchExample(run.id) });
    assert.equal(res.status, 200);
    assert.equal(res.body.data.attributes.status, 'finished');
    clock += 60_000;
    const again = await api(`/flow-runs/${run.id}`);
    assert.equal(again.body.data.attributes.status, 'finished');
    assert.equal(Object.keys(again.body.data.attributes.state).length, 1, 'no more answers after a manual stop');
  });

  it('PATCH status accepts finished, timeout, cancelled and exception, and nothing else', async () => {
    for (const status of ['finished', 'timeout', 'cancelled', 'exception']) {
      const run = await create();
      const res = await api(`/flow-runs/${run.id}`, {
        method: 'PATCH',
        body: { data: { type: 'flowRuns', id: run.id, attributes: { status } } },
      });
      assert.equal(res.body.data.attributes.status, status);
    }
    const run = await create();
    for (const status of ['running', 'queued', 'paused']) {
      const res = await api(`/flow-runs/${run.id}`, {
        method: 'PATCH',
        body: { data: { type: 'flowRuns', id: run.id, attributes: { status } } },
      });
      assert.equal(res.status, 422);
      assert.deepEqual(res.body.errors, [
        error422('Parameter status must be one of finished, timeout, cancelled, exception', '/data/attributes/status'),
      ]);
    }
  });

  it('PATCH state: refused while running, accepted when not (with status in the same request too)', async () => {
    const run = await create();
    clock += 1100;
    const patch = (attributes: object) =>
      api(`/flow-runs/${run.id}`, { method: 'PATCH', body: { data: { type: 'flowRuns', id: run.id, attributes } } });
    const refused = await patch({ state: {} });
    assert.equal(refused.status, 422);
    assert.deepEqual(refused.body.errors, [
      error422('Parameter state can only be updated when the FlowRun is not running', '/data/attributes/state'),
    ]);
    const both = await patch({ status: 'finished', state: { scheduleId: ['1', '2'] } });
    assert.equal(both.status, 200);
    assert.deepEqual(both.body.data.attributes.state, { scheduleId: ['1', '2'] });
    const wipe = await patch({ state: {} });
    assert.deepEqual(wipe.body.data.attributes.state, {});
  });

  it('PATCH initialMessage → the documented 422; read-only attributes → 422', async () => {
    const run = await create();
    const res = await api(`/flow-runs/${run.id}`, {
      method: 'PATCH',
      body: { data: { type: 'flowRuns', id: run.id, attributes: { initialMessage: {}, cost: 5 } } },
    });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors, [
      error422('Invalid Request opening message can not be updated', '/data/attributes/initialMessage'),
      error422('Attribute cost is not writable', '/data/attributes/cost'),
    ]);
  });

  it('POST: read-only attributes, missing and unknown references → 422 with one entry per problem', async () => {
    const body = example() as any;
    body.data.attributes.status = 'running';
    delete body.data.attributes.initialMessage;
    body.data.attributes.messageThreadId = '00000000-0000-4000-8000-000000000000';
    const res = await api('/flow-runs', { method: 'POST', body });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors, [
      error422('Attribute status is not writable', '/data/attributes/status'),
      error422('MessageThread not found', '/data/attributes/messageThreadId'),
      error422("Parameter initialMessage can't be blank", '/data/attributes/initialMessage'),
    ]);
  });

  it('state.scheduleId as a string or an array is accepted for custom schedule mode', async () => {
    for (const scheduleId of ['4', ['4', '5']]) {
      const body = flowRunExample(
        seed.flowWithCustomSchedule,
        seed.messageThreads[1] as string,
        seed.messageTemplates[1] as string,
      ) as any;
      body.data.attributes.state = { scheduleId };
      const res = await api('/flow-runs', { method: 'POST', body });
      assert.equal(res.status, 201);
      assert.deepEqual(res.body.data.attributes.state, { scheduleId });
    }
  });

  it('include=flow,messageThread fills included and the linkage; DELETE then 404 FlowRun not found', async () => {
    const run = await create();
    const res = await api(`/flow-runs/${run.id}?include=flow,messageThread`);
    assert.deepEqual(res.body.data.relationships.flow.data, { type: 'flows', id: seed.flowWithAppointment });
    assert.deepEqual(res.body.data.relationships.messageThread.data, {
      type: 'messageThreads',
      id: seed.messageThreads[0],
    });
    assert.deepEqual(res.body.included.map((r: any) => r.type).sort(), ['flows', 'messageThreads']);
    const thread = res.body.included.find((r: any) => r.type === 'messageThreads');
    // The seeded thread has a candidate (the inbox's seed links most threads to one).
    assert.deepEqual(thread.relationships.candidate, {
      links: { related: `/public/v2/candidates/${thread.attributes.candidateId}` },
    });
    assert.equal((await api(`/flow-runs/${run.id}`, { method: 'DELETE' })).status, 204);
    const gone = await api(`/flow-runs/${run.id}`);
    assert.equal(
      gone.text,
      '{"errors":[{"code":"not_found","status":"404","title":"Not Found","detail":"FlowRun not found"}]}',
    );
  });

  it('seeded runs cover every status, an unknown one, and an XSS answer; live ones progress', async () => {
    for (const status of ['queued', 'running', 'finished', 'timeout', 'cancelled', 'exception', 'paused'] as const) {
      assert.ok(seed.runs[status].length > 0, status);
      const res = await api(`/flow-runs?filter[status]=${status}&page[size]=100`);
      for (const id of seed.runs[status])
        assert.ok(
          res.body.data.some((r: any) => r.id === id),
          `${status} ${id}`,
        );
    }
    const xss = await api(`/flow-runs/${seed.runs.xss}`);
    assert.equal(xss.body.data.attributes.state.first_name, '<img src=x onerror=alert(1)>');
    const total = (await api('/flow-runs')).body.meta.totalUnfiltered;
    assert.ok(total >= 60);
    clock += 10 * 60_000;
    for (const id of seed.runs.live)
      assert.equal((await api(`/flow-runs/${id}`)).body.data.attributes.status, 'finished');
  });
});
