import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import type { SeedIds } from '../../../sandbox/app.ts';
import { call, KEY, start } from './helpers.ts';

describe('API conventions: auth, lists, errors, CORS', () => {
  let s: RunningSandbox;
  let seed: SeedIds;
  before(async () => {
    s = await start();
    seed = s.sandbox.tenant().seed;
  });
  after(() => s.close());
  const api = (path: string, init?: Parameters<typeof call>[2]) => call(s.url, '/public/v2' + path, init);
  const DENIED = '{"errors":[{"code":"unauthorized","status":"401","title":"access denied","detail":"access denied"}]}';

  it('accepts Bearer <key> and the bare key; a missing or wrong key is the exact 401', async () => {
    assert.equal((await api('/flows', { auth: `Bearer ${KEY}` })).status, 200);
    assert.equal((await api('/flows', { auth: KEY })).status, 200);
    for (const auth of [null, 'Bearer nope', 'nope', `Basic ${KEY}`]) {
      const res = await api('/flows', { auth });
      assert.equal(res.status, 401, String(auth));
      assert.equal(res.text, DENIED);
    }
  });

  it('honours --api-key', async () => {
    const other = await start({ apiKey: 'another-demo-key' });
    try {
      assert.equal((await call(other.url, '/public/v2/flows', { auth: 'Bearer another-demo-key' })).status, 200);
      assert.equal((await call(other.url, '/public/v2/flows')).status, 401);
    } finally {
      await other.close();
    }
  });

  it('404 names the resource for every GET one', async () => {
    const names: Record<string, string> = {
      'flow-generations': 'FlowGeneration',
      'flow-runs': 'FlowRun',
      flows: 'Flow',
      nodes: 'Node',
      'node-actions': 'NodeAction',
      'node-transitions': 'NodeTransition',
      'message-threads': 'MessageThread',
      'message-templates': 'MessageTemplate',
      'vacancy-analyses': 'VacancyAnalysis',
      schedules: 'Schedule',
    };
    for (const [path, name] of Object.entries(names)) {
      const res = await api(`/${path}/does-not-exist`);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, {
        errors: [{ code: 'not_found', status: '404', title: 'Not Found', detail: `${name} not found` }],
      });
    }
  });

  it('lists have the documented meta; page 2 of 3', async () => {
    const first = await api('/flow-runs');
    assert.equal(first.body.data.length, 25);
    const total = first.body.meta.total;
    assert.deepEqual(first.body.meta, {
      total,
      totalUnfiltered: total,
      currentSize: 25,
      currentPage: 1,
      maxPage: Math.ceil(total / 25),
    });
    const size = Math.ceil(total / 3);
    const page2 = await api(`/flow-runs?page[number]=2&page[size]=${size}`);
    assert.deepEqual(page2.body.meta, { total, totalUnfiltered: total, currentSize: size, currentPage: 2, maxPage: 3 });
    assert.equal(page2.body.data[0].id, first.body.data[size]?.id ?? page2.body.data[0].id);
    const big = await api('/flow-runs?page[size]=1000');
    assert.equal(big.body.meta.currentSize, 100);
    assert.equal((await api('/flow-runs?page[number]=0')).status, 400);
  });

  it('filter: a comma list is any of, several filters AND, filter[id]=a,b,c', async () => {
    const ids = seed.runs.finished.slice(0, 3);
    const byId = await api(`/flow-runs?filter[id]=${ids.join(',')}`);
    assert.deepEqual(byId.body.data.map((r: any) => r.id).sort(), [...ids].sort());
    assert.equal(byId.body.meta.total, 3);
    const either = await api('/flow-runs?filter[status]=timeout,cancelled&page[size]=100');
    assert.equal(either.body.data.length, seed.runs.timeout.length + seed.runs.cancelled.length);
    const both = await api(`/flow-runs?filter[status]=finished&filter[flowId]=${seed.flows[0]}&page[size]=100`);
    assert.ok(both.body.data.length > 0);
    for (const r of both.body.data)
      assert.deepEqual([r.attributes.status, r.attributes.flowId], ['finished', seed.flows[0]]);
    const bad = await api('/flow-runs?filter[shoeSize]=42');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].source.parameter, 'filter[shoeSize]');
  });

  it('sort=attr and sort=-attr', async () => {
    const up = (await api('/schedules?sort=appointmentDuration,id')).body.data.map(
      (d: any) => d.attributes.appointmentDuration,
    );
    assert.deepEqual(
      up,
      [...up].sort((a, b) => a - b),
    );
    const down = (await api('/flow-runs?sort=-createdAt&page[size]=100')).body.data.map(
      (d: any) => d.attributes.createdAt,
    );
    assert.deepEqual(down, [...down].sort().reverse());
    assert.equal((await api('/flow-runs?sort=nope')).status, 400);
  });

  it('include on lists, nested include, and an unknown include is a 400', async () => {
    const res = await api(`/flows/${seed.flows[0]}?include=nodes.nodeActions`);
    assert.ok(res.body.data.relationships.nodes.data.length > 3);
    const types = new Set(res.body.included.map((r: any) => r.type));
    assert.deepEqual([...types].sort(), ['nodeActions', 'nodes']);
    const list = await api('/flow-runs?include=flow&page[size]=5');
    assert.ok(list.body.included.every((r: any) => r.type === 'flows'));
    assert.equal((await api('/flow-runs?include=candidate')).status, 400);
  });

  it('schedules: string ids 1..12, the documented attributes, marked as a sandbox extension', async () => {
    const list = await api('/schedules?page[size]=100');
    assert.deepEqual(
      list.body.data.map((d: any) => d.id),
      seed.schedules,
    );
    assert.equal(list.body.meta.sandboxExtension, true);
    const one = await api('/schedules/3');
    assert.deepEqual(Object.keys(one.body.data.attributes), [
      'createdAt',
      'updatedAt',
      'name',
      'appointmentDuration',
      'timeZone',
      'userId',
    ]);
    assert.equal(one.body.meta.sandboxExtension, true);
  });

  it('message threads and templates: list, one, POST thread', async () => {
    const t = await api(`/message-templates/${seed.messageTemplates[0]}`);
    assert.equal(t.body.data.type, 'messageTemplates');
    const created = await api('/message-threads', {
      method: 'POST',
      body: { data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier: '31612345678' } } },
    });
    assert.equal(created.status, 201);
    assert.equal(
      created.body.data.relationships.flowRuns.links.related,
      `/public/v2/flow-runs?filter[messageThreadId]=${created.body.data.id}`,
    );
  });

  it('vacancy-analyses: ?sync=true extracts skills deterministically', async () => {
    const body = {
      data: {
        type: 'vacancyAnalyses',
        attributes: {
          inputText: "We need a driver with a driver's license B. You are communicative and have a VCA certificate.",
        },
      },
    };
    const a = await api('/vacancy-analyses?sync=true', { method: 'POST', body });
    const b = await api('/vacancy-analyses?sync=true', { method: 'POST', body });
    assert.equal(a.status, 201);
    assert.equal(a.body.data.attributes.status, 'finished');
    const result = a.body.data.attributes.analyzeResult;
    assert.deepEqual(result, b.body.data.attributes.analyzeResult);
    assert.deepEqual(
      result.hardSkills.map((s: any) => s.skill),
      ["Driver's license B"],
    );
    assert.deepEqual(
      result.softSkills.map((s: any) => s.skill),
      ['Communication'],
    );
    assert.deepEqual(
      result.certifications.map((s: any) => s.certification),
      ['VCA'],
    );
    assert.equal((await api(`/vacancy-analyses/${a.body.data.id}`)).body.data.id, a.body.data.id);
  });

  it('a body that is not JSON or not JSON:API is a 400, a wrong type a 409, and the server keeps serving', async () => {
    for (const body of [
      '{not json',
      '[]',
      '{"type":"flowRuns"}',
      '{"data":{"type":"flowRuns"}}',
      '{"data":{"type":"flowRuns","attributes":"x"}}',
    ]) {
      const res = await api('/flow-runs', { method: 'POST', body });
      assert.equal(res.status, 400, body);
      assert.equal(res.body.errors[0].code, 'bad_request');
    }
    const wrong = await api('/flow-runs', {
      method: 'POST',
      body: { data: { type: 'flowGenerations', attributes: {} } },
    });
    assert.equal(wrong.status, 409);
    assert.equal(wrong.body.errors[0].status, '409');
    assert.equal((await api('/flows')).status, 200);
  });

  it('CORS: preflight without a key, any origin, Authorization allowed, Retry-After exposed', async () => {
    const pre = await fetch(`${s.url}/public/v2/flow-runs`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://ats.example',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Content-Type/);
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /PATCH/);
    const res = await api('/flows', { headers: { origin: 'https://ats.example' } });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After');
    const denied = await api('/flows', { auth: null, headers: { origin: 'https://ats.example' } });
    assert.equal(denied.headers.get('access-control-allow-origin'), '*', 'errors are readable cross-origin too');
  });

  it("paths outside /public/v2 and /__sandbox/ are not the sandbox's", async () => {
    const res = await fetch(`${s.url}/index.html`);
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
  });
});
