import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import { FLOW_GENERATION_APPOINTMENT_EXAMPLE, FLOW_GENERATION_EXAMPLE } from './examples.ts';
import { call, error422, start, UUID } from './helpers.ts';

const withParams = (change: (p: Record<string, unknown>) => void, extra: Record<string, unknown> = {}) => {
  const body = structuredClone(FLOW_GENERATION_EXAMPLE) as any;
  change(body.data.attributes.parameters);
  Object.assign(body.data.attributes, extra);
  return body;
};

describe('flow-generations', () => {
  // `s` runs at speed 1 on a clock the tests step; `fast` runs at speed 1000 for `?sync=true`, which really waits.
  let s: RunningSandbox;
  let fast: RunningSandbox;
  let clock = Date.parse('2025-03-01T09:00:00Z');
  before(async () => {
    s = await start({ speed: 1, now: () => clock });
    fast = await start({ speed: 1000 });
  });
  after(() => Promise.all([s.close(), fast.close()]));
  const api = (path: string, init?: Parameters<typeof call>[2]) => call(s.url, '/public/v2' + path, init);
  const fastApi = (path: string, init?: Parameters<typeof call>[2]) => call(fast.url, '/public/v2' + path, init);

  it('accepts the documented example POST body and answers 201 in the documented shape', async () => {
    const res = await api('/flow-generations', { method: 'POST', body: FLOW_GENERATION_EXAMPLE });
    assert.equal(res.status, 201);
    assert.match(res.headers.get('content-type') ?? '', /^application\/vnd\.api\+json/);
    const { data, meta } = res.body;
    assert.equal(data.type, 'flowGenerations');
    assert.match(data.id, UUID);
    assert.deepEqual(meta, {});
    assert.equal(data.attributes.flowType, 'vacancy_application_flow');
    assert.deepEqual(data.attributes.parameters, FLOW_GENERATION_EXAMPLE.data.attributes.parameters);
    assert.deepEqual(data.attributes.context, { type: 'text', value: 'Example vacancy text here.' });
    assert.equal(data.attributes.status, 'queued');
    assert.equal(data.attributes.flowId, null);
    assert.equal(data.attributes.createdAt, new Date(clock).toISOString());
    assert.equal(data.relationships.flow.links.related, null);
  });

  it('accepts the V2 appointment example', async () => {
    const res = await fastApi('/flow-generations?sync=true', {
      method: 'POST',
      body: FLOW_GENERATION_APPOINTMENT_EXAMPLE,
    });
    assert.equal(res.status, 201);
    const flowId = res.body.data.attributes.flowId;
    const nodes = await fastApi(`/nodes?filter[flowId]=${flowId}&include=nodeActions`);
    const actions = nodes.body.included.filter((r: any) => r.type === 'nodeActions');
    const appointment = actions.find((a: any) => a.attributes.subType === 'appointment');
    assert.equal(appointment.attributes.value.scheduleIds, '1,2,3');
  });

  it('?sync=true answers finished with a flowId, and the flow, nodes and actions exist', async () => {
    const res = await fastApi('/flow-generations?sync=true', { method: 'POST', body: FLOW_GENERATION_EXAMPLE });
    assert.equal(res.status, 201);
    const gen = res.body.data;
    assert.equal(gen.attributes.status, 'finished');
    assert.match(gen.attributes.flowId, UUID);
    assert.equal(gen.attributes.cost, 3);
    assert.equal(gen.relationships.flow.links.related, `/public/v2/flows/${gen.attributes.flowId}`);
    const flow = await fastApi(`/flows/${gen.attributes.flowId}`);
    assert.equal(flow.body.data.attributes.name, 'Driver');
    assert.equal(flow.body.data.attributes.flowGenerationId, gen.id);
    assert.equal(
      flow.body.data.relationships.nodes.links.related,
      `/public/v2/nodes?filter[flowId]=${gen.attributes.flowId}`,
    );
  });

  it('walks queued → processing → finished as time passes, then its flow graph can be read', async () => {
    const created = await api('/flow-generations', { method: 'POST', body: FLOW_GENERATION_EXAMPLE });
    const id = created.body.data.id;
    const status = async () => (await api(`/flow-generations/${id}`)).body.data.attributes;
    assert.equal((await status()).status, 'queued');
    clock += 2500;
    assert.equal((await status()).status, 'processing');
    assert.equal((await status()).flowId, null);
    clock += 4000;
    const done = await status();
    assert.equal(done.status, 'finished');
    assert.match(done.flowId, UUID);

    const nodes = (await api(`/nodes?filter[flowId]=${done.flowId}&include=nodeActions&sort=index`)).body;
    const names = nodes.data.map((n: any) => n.attributes.name);
    assert.equal(names[0], 'Start');
    assert.equal(nodes.data[0].attributes.isStartFlow, true);
    assert.deepEqual(names.slice(-2), ['Accepted', 'Declined']);
    assert.deepEqual(
      nodes.data.slice(-2).map((n: any) => n.attributes.endFlowType),
      ['accepted', 'declined'],
    );
    // start + 3 required + 3 optional + 2 knockouts + 1 preferred + 2 ends
    assert.equal(nodes.data.length, 12);
    for (const node of nodes.data) {
      assert.equal(node.relationships.nodeActions.data.length, 1, 'exactly one action per node');
    }
    const vars = nodes.included.map((a: any) => a.attributes.variableName).filter(Boolean);
    assert.deepEqual(vars, [
      'first_name',
      'email',
      'phone',
      'address',
      'linkedin',
      'portfolio',
      'drivers_license',
      'communicative',
      'location',
    ]);
    const firstAction = nodes.data[1].relationships.nodeActions.data[0].id;
    const action = await api(`/node-actions/${firstAction}`);
    assert.equal(action.body.data.attributes.actionType, 'ask');
    const transitions = await api(`/node-transitions?filter[nodeId]=${nodes.data[7].id}`);
    assert.equal(transitions.body.data.length, 2, 'a knockout can lead to the declined node');
  });

  it('lists and deletes generations; a deleted one is 404 FlowGeneration not found', async () => {
    const created = await api('/flow-generations', { method: 'POST', body: FLOW_GENERATION_EXAMPLE });
    const list = await api('/flow-generations');
    assert.ok(list.body.data.some((g: any) => g.id === created.body.data.id));
    const del = await api(`/flow-generations/${created.body.data.id}`, { method: 'DELETE' });
    assert.equal(del.status, 204);
    assert.equal(del.text, '');
    const gone = await api(`/flow-generations/${created.body.data.id}`);
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.body, {
      errors: [{ code: 'not_found', status: '404', title: 'Not Found', detail: 'FlowGeneration not found' }],
    });
  });

  describe('422s', () => {
    const post = (body: unknown) => api('/flow-generations', { method: 'POST', body });

    it('without knockoutRequirements and requiredFields: the documented body, byte for byte', async () => {
      const res = await post(
        withParams((p) => {
          delete p.knockoutRequirements;
          p.requiredFields = [];
        }),
      );
      assert.equal(res.status, 422);
      assert.equal(
        res.text,
        JSON.stringify({
          errors: [
            {
              code: 'unprocessable_entity',
              status: '422',
              title: 'Validation Error',
              detail: "Parameter knockoutRequirements can't be blank",
              source: { pointer: '/data/relationships/parameter' },
            },
            {
              code: 'unprocessable_entity',
              status: '422',
              title: 'Validation Error',
              detail: "Parameter requiredFields can't be blank",
              source: { pointer: '/data/relationships/parameter' },
            },
          ],
        }),
      );
    });

    it('requiredFields / optionalFields outside the allowed set', async () => {
      const res = await post(
        withParams((p) => {
          p.requiredFields = [{ value: 'shoeSize' }, { value: 'favouriteColour' }];
          p.optionalFields = [{ value: 'nickname' }];
        }),
      );
      assert.deepEqual(res.body.errors, [
        error422('requiredFields contains invalid fields.'),
        error422('optionalFields contains invalid fields.'),
      ]);
    });

    it('language, emojiUsage, context, extraOptions', async () => {
      const res = await post(
        withParams(
          (p) => {
            p.language = 'de';
            p.emojiUsage = 3;
            p.extraOptions = [{ value: 'appointment', options: { version: 2 } }];
          },
          { context: undefined },
        ),
      );
      assert.deepEqual(res.body.errors, [
        error422("Parameter context can't be blank"),
        error422('Parameter language is invalid'),
        error422('Parameter emojiUsage is invalid'),
        error422('extraOptions contains invalid items.'),
      ]);
    });

    it('an unknown schedule id and a read-only attribute', async () => {
      const body = withParams(
        (p) => {
          p.extraOptions = [{ value: 'appointment', options: { version: 2, scheduleIds: '1,99' } }];
        },
        { status: 'finished' },
      );
      const res = await post(body);
      assert.deepEqual(res.body.errors, [
        error422('Attribute status is not writable', '/data/attributes/status'),
        error422('extraOptions contains unknown schedule ids.'),
      ]);
    });

    it('context may be left out when a vacancyId is given', async () => {
      const res = await post(
        withParams(
          (p) => {
            p.vacancyId = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
          },
          { context: undefined },
        ),
      );
      assert.equal(res.status, 201);
    });
  });
});
