// Flow editing over real HTTP: PATCH /node-actions/{id} and PATCH /flows/{id}, validated with the shared WhatsApp
// limits (src/shared/whatsapp-limits.ts), 422 with a pointer per problem, updatedAt and unpublishedChanges, runs
// created after an edit, webhooks, and the `methods` fault the editor's retry tests use.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import { startCatcher, waitFor, type Catcher } from '../webhooks/hooks.ts';
import { call, control, start } from './helpers.ts';

describe('flow editing: PATCH /node-actions/{id} and PATCH /flows/{id}', () => {
  let s: RunningSandbox;
  let hooks: Catcher;
  before(async () => {
    s = await start({ speed: 1000 });
    hooks = await startCatcher();
  });
  after(async () => {
    s.close();
    await hooks.close();
  });
  const api = (tenant: string, path: string, init?: Parameters<typeof call>[2]) =>
    call(s.url, `/__sandbox/${tenant}/public/v2${path}`, init);
  /** The flow's node actions in node order, as the editor reads them. */
  const graph = async (tenant: string, flowId: string) => {
    const doc = (await api(tenant, `/flows/${flowId}?include=nodes.nodeActions`)).body;
    const nodes = doc.included
      .filter((r: any) => r.type === 'nodes')
      .sort((a: any, b: any) => a.attributes.index - b.attributes.index);
    const actions = nodes.map((n: any) =>
      doc.included.find((r: any) => r.type === 'nodeActions' && r.attributes.nodeId === n.id),
    );
    return { flow: doc.data, nodes, actions };
  };
  const patchAction = (tenant: string, id: string, attributes: Record<string, unknown>) =>
    api(tenant, `/node-actions/${id}`, { method: 'PATCH', body: { data: { type: 'nodeActions', id, attributes } } });
  const patchFlow = (tenant: string, id: string, attributes: Record<string, unknown>) =>
    api(tenant, `/flows/${id}`, { method: 'PATCH', body: { data: { type: 'flows', id, attributes } } });

  it('changes a text: 200 with the new value, updatedAt moves, the flow gets unpublishedChanges', async () => {
    const { seed } = await control(s.url, 'fe1', { reset: true });
    const before = await graph('fe1', seed.flowWithAppointment);
    assert.equal(before.flow.attributes.unpublishedChanges, false);
    const start = before.actions[0];
    const value = { ...start.attributes.value, text: 'Hoi {{session.first_name}}! <b>Welkom</b>' };
    const res = await patchAction('fe1', start.id, { value });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.data.attributes.value, value);
    assert.ok(Date.parse(res.body.data.attributes.updatedAt) > Date.parse(start.attributes.updatedAt));
    const after = await graph('fe1', seed.flowWithAppointment);
    assert.deepEqual(after.actions[0].attributes.value, value);
    assert.equal(after.flow.attributes.unpublishedChanges, true);
    assert.ok(Date.parse(after.flow.attributes.updatedAt) > Date.parse(before.flow.attributes.updatedAt));
    // The other actions did not move.
    assert.deepEqual(after.actions.slice(1), before.actions.slice(1));
  });

  it('refuses an option label WhatsApp would refuse: 422, one entry per problem, pointer /data/attributes/value', async () => {
    const { seed } = await control(s.url, 'fe2', { reset: true });
    const { actions } = await graph('fe2', seed.flowWithAppointment);
    const list = actions.find((a: any) => a.attributes.subType === 'list');
    const value = { ...list.attributes.value, options: ['Yes, absolutely, always!', 'No, never, not at all!!'] };
    const res = await patchAction('fe2', list.id, { value });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors.length, 2);
    for (const e of res.body.errors) {
      assert.equal(e.code, 'unprocessable_entity');
      assert.equal(e.status, '422');
      assert.equal(e.title, 'Validation Error');
      assert.deepEqual(e.source, { pointer: '/data/attributes/value' });
      assert.match(e.detail, /WhatsApp allows 20/);
    }
    const again = await graph('fe2', seed.flowWithAppointment);
    assert.deepEqual(
      again.actions.find((a: any) => a.id === list.id),
      list,
      'nothing stored',
    );
    assert.equal(again.flow.attributes.unpublishedChanges, false);
    // A text over 4,096 characters, a blank label, a bad index and a read-only attribute: each its own entry.
    const start = actions[0];
    const bad = await patchAction('fe2', start.id, { value: { text: 'x'.repeat(4097) }, index: -1, subType: 'list' });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: any) => e.source.pointer).sort(), [
      '/data/attributes/index',
      '/data/attributes/subType',
      '/data/attributes/value',
    ]);
    const blank = await patchAction('fe2', list.id, { value: { ...list.attributes.value, options: ['Yes', ' '] } });
    assert.equal(blank.status, 422);
    assert.match(blank.body.errors[0].detail, /option 2 can't be blank/);
  });

  it('changes the flow settings and refuses bad ones with the attribute as pointer', async () => {
    const { seed } = await control(s.url, 'fe3', { reset: true });
    const flowId = seed.flowWithAppointment;
    const before = (await api('fe3', `/flows/${flowId}`)).body.data;
    const ok = await patchFlow('fe3', flowId, {
      name: 'Driver (edited)',
      reminderMessage: 'Still there?',
      reminderInterval: 60,
      sessionTimeout: 1440,
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.data.attributes.name, 'Driver (edited)');
    assert.equal(ok.body.data.attributes.reminderInterval, 60);
    assert.equal(ok.body.data.attributes.unpublishedChanges, true);
    assert.ok(Date.parse(ok.body.data.attributes.updatedAt) > Date.parse(before.attributes.updatedAt));
    const bad = await patchFlow('fe3', flowId, { name: '  ', sessionTimeout: -5, publishedAt: null });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: any) => e.source.pointer).sort(), [
      '/data/attributes/name',
      '/data/attributes/publishedAt',
      '/data/attributes/sessionTimeout',
    ]);
    assert.equal((await api('fe3', `/flows/${flowId}`)).body.data.attributes.name, 'Driver (edited)');
    assert.equal((await patchFlow('fe3', 'nope', { name: 'x' })).status, 404);
    const wrongType = await api('fe3', `/flows/${flowId}`, {
      method: 'PATCH',
      body: { data: { type: 'nodes', id: flowId, attributes: { name: 'x' } } },
    });
    assert.equal(wrongType.status, 409);
  });

  it('a run created after an edit says the edited text; one created before keeps the old one', async () => {
    const { seed } = await control(s.url, 'fe4', { reset: true });
    const flowId = seed.flowWithoutGeneration;
    const { actions } = await graph('fe4', flowId);
    const oldText = actions[0].attributes.value.text;
    const startRun = async (thread: string) =>
      (
        await api('fe4', '/flow-runs', {
          method: 'POST',
          body: {
            data: { type: 'flowRuns', attributes: { flowId, messageThreadId: thread, state: {}, initialMessage: {} } },
          },
        })
      ).body.data;
    const saidOn = async (thread: string) =>
      ((await api('fe4', `/messages?filter[messageThreadId]=${thread}&page[size]=100`)).body.data as any[])
        .filter((m) => m.attributes.origin === 'outbound')
        .map((m) => JSON.stringify(m.attributes.payload));
    const [t1, t2] = [seed.messageThreads[0], seed.messageThreads[1]];
    await startRun(t1);
    const edited = 'Welcome! This text was edited in the flow editor.';
    assert.equal(
      (await patchAction('fe4', actions[0].id, { value: { ...actions[0].attributes.value, text: edited } })).status,
      200,
    );
    await startRun(t2);
    const second = await waitFor(
      async () => {
        const said = await saidOn(t2);
        return said.some((t) => t.includes(edited)) ? said : undefined;
      },
      10000,
      'the edited text on the new run',
    );
    assert.ok(!second.some((t) => t.includes(oldText)));
    const first = await waitFor(
      async () => {
        const said = await saidOn(t1);
        return said.some((t) => t.includes(oldText)) ? said : undefined;
      },
      10000,
      'the old text on the earlier run',
    );
    assert.ok(!first.some((t) => t.includes(edited)));
  });

  it('announces flow and node action updates by webhook, with the changed fields', async () => {
    hooks.answer = 204;
    const { seed } = await control(s.url, 'fe5', {
      reset: true,
      webhook: { url: hooks.url, secret: 'whsec-fe', tickMs: 20 },
    });
    const { actions, flow } = await graph('fe5', seed.flowWithAppointment);
    await patchAction('fe5', actions[0].id, { value: { ...actions[0].attributes.value, text: 'Edited' } });
    const forAction = await waitFor(
      () => hooks.deliveries.find((d) => d.body.data.attributes.resource.id === actions[0].id),
      5000,
      'the node action webhook',
    );
    assert.equal(forAction.body.data.attributes.event, 'update');
    assert.equal(forAction.body.data.attributes.resource.type, 'nodeActions');
    assert.ok(forAction.body.data.attributes.fields.includes('value'));
    const forFlow = await waitFor(
      () => hooks.deliveries.find((d) => d.body.data.attributes.resource.id === flow.id),
      5000,
      'the flow webhook',
    );
    assert.equal(forFlow.body.data.attributes.resource.type, 'flows');
    assert.ok(forFlow.body.data.attributes.fields.includes('unpublishedChanges'));
  });

  it('the `methods` fault hits only those methods, and counts only them', async () => {
    const { seed } = await control(s.url, 'fe6', {
      reset: true,
      faults: { errorRate: 1, count: 1, methods: ['PATCH'] },
    });
    const flowId = seed.flowWithoutGeneration;
    assert.equal((await api('fe6', `/flows/${flowId}`)).status, 200, 'a GET is not hit');
    assert.equal((await patchFlow('fe6', flowId, { name: 'A' })).status, 500);
    assert.equal((await patchFlow('fe6', flowId, { name: 'B' })).status, 200, 'the count is used up');
    const bad = await fetch(`${s.url}/__sandbox/fe6/control`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: { methods: 'PATCH' } }),
    });
    assert.equal(bad.status, 400);
  });
});
