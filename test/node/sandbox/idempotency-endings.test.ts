import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import type { SeedIds } from '../../../sandbox/app.ts';
import { FLOW_GENERATION_EXAMPLE, FLOW_RUN_DOCS_EXAMPLE } from './examples.ts';
import { call, control, start } from './helpers.ts';

describe('Idempotency-Key and how a run ends', () => {
  let s: RunningSandbox;
  let seed: SeedIds;
  let clock = Date.parse('2025-03-01T09:00:00Z');
  before(async () => {
    s = await start({ speed: 1, now: () => clock });
    seed = s.sandbox.tenant().seed;
  });
  after(() => s.close());
  const api = (path: string, init?: Parameters<typeof call>[2]) => call(s.url, '/public/v2' + path, init);
  const withKey = (key: string, path: string, body: unknown) =>
    api(path, { method: 'POST', body, headers: { 'idempotency-key': key } });
  const count = async (path: string) => (await api(path)).body.meta.total as number;
  const thread = (identifier: string) => ({
    data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier } },
  });

  it('same key, same body: the first answer again (201, same resource), nothing created twice', async () => {
    const before = await count('/flow-runs');
    const messagesBefore = await count('/messages');
    const first = await withKey('run-1', '/flow-runs', FLOW_RUN_DOCS_EXAMPLE);
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(first.body.meta.sandboxIdempotency.replayed, false);
    assert.match(first.body.meta.sandboxIdempotency.note, /sandbox decision/);
    // The same body with its keys in another order is the same request.
    const reordered = { data: { attributes: { ...FLOW_RUN_DOCS_EXAMPLE.data.attributes }, type: 'flowRuns' } };
    const again = await withKey('run-1', '/flow-runs', reordered);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body.data, first.body.data);
    assert.equal(again.body.meta.sandboxIdempotency.replayed, true);
    assert.equal(await count('/flow-runs'), before + 1);
    assert.equal(await count('/messages'), messagesBefore + 1, 'one invitation, not two');
    clock += 23 * 60 * 60_000;
    assert.equal(
      (await withKey('run-1', '/flow-runs', FLOW_RUN_DOCS_EXAMPLE)).body.data.id,
      first.body.data.id,
      'still the first within 24 h',
    );
    clock += 2 * 60 * 60_000;
    const later = await withKey('run-1', '/flow-runs', FLOW_RUN_DOCS_EXAMPLE);
    assert.notEqual(later.body.data.id, first.body.data.id, 'after 24 h the key is forgotten');
    // Without a key, two POSTs are two runs.
    const a = await api('/flow-runs', { method: 'POST', body: FLOW_RUN_DOCS_EXAMPLE });
    const b = await api('/flow-runs', { method: 'POST', body: FLOW_RUN_DOCS_EXAMPLE });
    assert.notEqual(a.body.data.id, b.body.data.id);
    assert.deepEqual(a.body.meta, {});
  });

  it('same key, another body or endpoint: 422 idempotency_key_reused, nothing created', async () => {
    const first = await withKey('thread-1', '/message-threads', thread('31622220001'));
    assert.equal(first.status, 201);
    const threads = await count('/message-threads');
    const other = await withKey('thread-1', '/message-threads', thread('31622220002'));
    assert.equal(other.status, 422);
    assert.equal(other.body.errors[0].code, 'idempotency_key_reused');
    assert.equal(other.body.errors[0].status, '422');
    assert.deepEqual(other.body.errors[0].source, { header: 'Idempotency-Key' });
    assert.match(
      other.body.errors[0].detail,
      /thread-1 was used for another request \(POST \/public\/v2\/message-threads with another body\)/,
    );
    assert.match(other.body.meta.sandboxIdempotency.note, /Recrubo documents no such header/);
    const elsewhere = await withKey('thread-1', '/messages', {
      data: {
        type: 'messages',
        attributes: {
          sendBy: 'A',
          messageThreadId: first.body.data.id,
          payload: { type: 'text', text: { value: 'x' } },
        },
      },
    });
    assert.equal(elsewhere.status, 422);
    assert.equal(await count('/message-threads'), threads);
    assert.equal(await count(`/message-threads?filter[identifier]=31622220002`), 0);
  });

  it('a refused request keeps nothing: fixed and sent again with the same key, it goes through', async () => {
    const bad = structuredClone(FLOW_RUN_DOCS_EXAMPLE) as any;
    bad.data.attributes.initialMessage.template.components[0].parameters = [];
    assert.equal((await withKey('run-2', '/flow-runs', bad)).status, 422);
    assert.equal((await withKey('run-2', '/flow-runs', FLOW_RUN_DOCS_EXAMPLE)).status, 201);
  });

  it('a key still being answered (?sync=true) is a 409; keys are per tenant; bad keys are a 400', async () => {
    const body = FLOW_GENERATION_EXAMPLE;
    const t = await start({ speed: 20 });
    try {
      const post = (key: string, tenant = 'idem') =>
        call(t.url, `/__sandbox/${tenant}/public/v2/flow-generations?sync=true`, {
          method: 'POST',
          body,
          headers: { 'idempotency-key': key },
        });
      const slow = post('gen-1');
      // Wait on the condition (the first request has registered its key), not on a fixed time.
      while (!t.sandbox.tenant('idem').idempotency.has('gen-1')) await new Promise((r) => setTimeout(r, 5));
      const busy = await post('gen-1');
      assert.equal(busy.status, 409);
      assert.equal(busy.body.errors[0].code, 'idempotency_key_in_use');
      const done = await slow;
      assert.equal(done.status, 201);
      assert.equal(done.body.data.attributes.status, 'finished');
      const replay = await post('gen-1');
      assert.equal(replay.body.data.id, done.body.data.id);
      assert.equal(replay.body.data.attributes.status, 'finished');
      assert.equal(
        (
          await call(t.url, '/__sandbox/other/public/v2/flow-generations', {
            method: 'POST',
            body,
            headers: { 'idempotency-key': 'gen-1' },
          })
        ).status,
        201,
      );
      await control(t.url, 'idem', { reset: true });
      const afterReset = await post('gen-1');
      assert.notEqual(afterReset.body.data.id, done.body.data.id, 'a reset forgets the keys');
      for (const key of ['', 'x'.repeat(256), 'naïve key']) {
        const res = await call(t.url, '/__sandbox/idem/public/v2/message-threads', {
          method: 'POST',
          body: thread('31622220003'),
          headers: { 'idempotency-key': key },
        });
        assert.equal(res.status, 400, JSON.stringify(key));
        assert.equal(res.body.errors[0].source.parameter, 'Idempotency-Key');
      }
    } finally {
      await t.close();
    }
  });

  it('dropAfterRate: the POST is carried out, its answer lost; a retry with the key gets the first run, without makes two', async () => {
    const tenant = 'drop-after';
    const base = `${s.url}/__sandbox/${tenant}/public/v2`;
    const runs = async () => (await call(base, '/flow-runs')).body.meta.total as number;
    const lost = async (key?: string) => {
      await control(s.url, tenant, { faults: { dropAfterRate: 1, count: 1 } });
      await assert.rejects(
        call(base, '/flow-runs', {
          method: 'POST',
          body: FLOW_RUN_DOCS_EXAMPLE,
          headers: key ? { 'idempotency-key': key } : {},
        }),
      );
    };
    const before = await runs();
    await lost('click-1');
    assert.equal(await runs(), before + 1, 'carried out although unanswered');
    const retry = await call(base, '/flow-runs', {
      method: 'POST',
      body: FLOW_RUN_DOCS_EXAMPLE,
      headers: { 'idempotency-key': 'click-1' },
    });
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(await runs(), before + 1, 'the retry made no second run');
    await lost();
    await call(base, '/flow-runs', { method: 'POST', body: FLOW_RUN_DOCS_EXAMPLE });
    assert.equal(await runs(), before + 3, 'without a key the retry acts again');
    await control(s.url, tenant, { faults: { dropAfterRate: 1 } });
    assert.equal((await call(base, '/flow-runs')).status, 200, 'reads are never dropped after');
    const log = (await (await fetch(`${s.url}/__sandbox/${tenant}/requests`)).json()).requests;
    assert.ok(log.some((r: { method: string; status: number }) => r.method === 'POST' && r.status === 503));
  });

  it('a run that runs its course ends accepted; a knockout "no" ends it declined, and says which', async () => {
    const post = async (identifier: string) => {
      const th = (await api('/message-threads', { method: 'POST', body: thread(identifier) })).body.data.id;
      const body = structuredClone(FLOW_RUN_DOCS_EXAMPLE) as any;
      body.data.attributes.messageThreadId = th;
      return { run: (await api('/flow-runs', { method: 'POST', body })).body.data, th };
    };
    const yes = await post('31633330001');
    const no = await post('31633330100'); // ends in 00: the simulated candidate declines at the first knockout
    assert.equal(yes.run.meta, undefined, 'no ending before the end');
    clock += 60_000;
    const accepted = (await api(`/flow-runs/${yes.run.id}`)).body.data;
    const declined = (await api(`/flow-runs/${no.run.id}`)).body.data;
    assert.equal(accepted.attributes.status, 'finished');
    assert.equal(declined.attributes.status, 'finished');
    const nodes = (
      await api(`/nodes?filter[flowId]=${seed.flowWithAppointment}&include=nodeActions,nodeTransitions&page[size]=100`)
    ).body;
    const endOf = (type: string) => nodes.data.find((n: any) => n.attributes.endFlowType === type).id;
    assert.deepEqual(accepted.meta, {
      sandboxEnding: { outcome: 'accepted', declinedBy: null, endNodeId: endOf('accepted'), sandboxExtension: true },
    });
    assert.deepEqual(declined.meta, {
      sandboxEnding: {
        outcome: 'declined',
        declinedBy: 'drivers_license',
        endNodeId: endOf('declined'),
        sandboxExtension: true,
      },
    });
    // Knowable without the extension too: the state stops at the knockout whose transition leads to the declined end.
    assert.deepEqual(Object.keys(declined.attributes.state), [
      'first_name',
      'email',
      'phone',
      'address',
      'drivers_license',
    ]);
    assert.equal(declined.attributes.state.drivers_license, 'no');
    const knockoutAction = nodes.included.find(
      (r: any) => r.type === 'nodeActions' && r.attributes.variableName === 'drivers_license',
    );
    const transition = nodes.included.find(
      (r: any) =>
        r.type === 'nodeTransitions' &&
        r.attributes.nodeId === knockoutAction.attributes.nodeId &&
        r.attributes.condition,
    );
    assert.equal(transition.attributes.condition, 'answer == "no"');
    assert.equal(transition.attributes.targetNodeId, endOf('declined'));
    assert.ok(Object.values(accepted.attributes.state).length === 8);
    const said = (await api(`/messages?filter[messageThreadId]=${no.th}&sort=-createdAt&page[size]=1`)).body.data[0];
    assert.match(said.attributes.payload.text.value, /Helaas/, 'the declined ending is the last thing the bot said');
    // A run stopped by PATCH has no simulated ending.
    const stopped = await post('31633330002');
    clock += 2000;
    const patched = await api(`/flow-runs/${stopped.run.id}`, {
      method: 'PATCH',
      body: { data: { type: 'flowRuns', id: stopped.run.id, attributes: { status: 'finished' } } },
    });
    assert.equal(patched.body.data.meta, undefined);
  });

  it('seeded finished runs carry their ending; declined ones stop at the knockout', async () => {
    const list = (await api(`/flow-runs?filter[id]=${seed.runs.finished.join(',')}&page[size]=100`)).body.data as any[];
    assert.ok(list.every((r) => ['accepted', 'declined'].includes(r.meta?.sandboxEnding?.outcome)));
    const declined = list.filter((r) => r.meta.sandboxEnding.outcome === 'declined');
    assert.ok(declined.length > 0 && declined.length < list.length, 'some of each');
    for (const r of declined) {
      assert.equal(r.attributes.state[r.meta.sandboxEnding.declinedBy], 'no');
      // The questions end at that knockout (the XSS run has an extra `name` key put in after the fact).
      if (r.id !== seed.runs.xss) assert.equal(Object.keys(r.attributes.state).at(-1), r.meta.sandboxEnding.declinedBy);
    }
    const other = (await api(`/flow-runs/${seed.runs.timeout[0]}`)).body.data;
    assert.equal(other.meta, undefined);
  });
});
