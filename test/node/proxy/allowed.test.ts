// Every operation of the default allow-list goes through to the real sandbox, with the real key and nothing of
// the browser's credentials.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { operationsFor } from '../../../src/proxy/index.ts';
import { KEY, PAGE_ORIGIN, UNKNOWN_ID, assertForbidden, startProxy, startUpstream, type Upstream } from './harness.ts';

const JSON_API = 'application/vnd.api+json';
/** What a page might send: its own token and cookies. Neither may reach Recrubo. */
const BROWSER = { authorization: 'Bearer page-session-token', cookie: 'session=abc123', accept: JSON_API };

let upstream: Upstream;
before(async () => {
  upstream = await startUpstream();
});
after(() => upstream.close());

describe('allowed operations', () => {
  test('GET flow-runs/:id reaches the sandbox with the real key and without the browser credentials', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      const id = t.seed.runs.finished[0]!;
      const res = await proxy.send('GET', `/recrubo/flow-runs/${id}`, { headers: BROWSER });
      assert.equal(res.status, 200, res.text);
      assert.match(String(res.headers['content-type']), /^application\/vnd\.api\+json/);
      assert.equal(res.json().data.id, id);

      assert.equal(proxy.calls.length, 1);
      const call = proxy.calls[0]!;
      assert.equal(call.url, `${t.upstream}/flow-runs/${id}`);
      assert.equal(call.headers.get('authorization'), `Bearer ${KEY}`);
      assert.equal(call.headers.get('accept'), JSON_API);
      assert.equal(call.headers.get('cookie'), null);
      assert.deepEqual([...call.headers.keys()].sort(), ['accept', 'authorization']);

      const log = await t.requests();
      assert.deepEqual(
        log.map((r) => [r.method, r.path, r.status]),
        [['GET', `/public/v2/flow-runs/${id}`, 200]],
      );
    } finally {
      await proxy.close();
    }
  });

  test('GET flow-runs with filter[id] (the batched poll) passes; other parameters are dropped', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      const ids = [t.seed.runs.finished[0]!, t.seed.runs.timeout[0]!];
      const res = await proxy.send('GET', `/recrubo/flow-runs?filter[id]=${ids.join(',')}&page[size]=100&_=123`);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(
        res
          .json()
          .data.map((r: { id: string }) => r.id)
          .sort(),
        [...ids].sort(),
      );
      const [entry] = await t.requests();
      const query = new URLSearchParams(entry!.query);
      assert.equal(query.get('filter[id]'), ids.join(','));
      assert.equal(query.get('page[size]'), '100');
      assert.equal(query.has('_'), false);
    } finally {
      await proxy.close();
    }
  });

  test('GET flow-generations with filter[id] (batched) and GET flow-runs/:id?include=flow pass', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      const ids = t.seed.flowGenerations.slice(0, 2);
      const generations = await proxy.send(
        'GET',
        `/recrubo/flow-generations?filter[id]=${ids.join(',')}&page[size]=100`,
      );
      assert.equal(generations.status, 200, generations.text);
      assert.deepEqual(
        generations
          .json()
          .data.map((g: { id: string }) => g.id)
          .sort(),
        [...ids].sort(),
      );

      const run = await proxy.send('GET', `/recrubo/flow-runs/${t.seed.runs.finished[0]}?include=flow`);
      assert.equal(run.status, 200, run.text);
      assert.equal(run.json().included?.[0]?.type, 'flows');
    } finally {
      await proxy.close();
    }
  });

  test('PATCH flow-runs/:id with status, and with state {}', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      const running = t.seed.runs.running[0]!;
      const stop = await proxy.send('PATCH', `/recrubo/flow-runs/${running}`, {
        headers: { ...BROWSER, 'content-type': JSON_API, origin: PAGE_ORIGIN },
        body: JSON.stringify({ data: { type: 'flowRuns', id: running, attributes: { status: 'cancelled' } } }),
      });
      assert.equal(stop.status, 200, stop.text);
      assert.equal(stop.json().data.attributes.status, 'cancelled');
      assert.equal(proxy.calls[0]!.headers.get('content-type'), JSON_API);
      assert.equal(proxy.calls[0]!.headers.get('authorization'), `Bearer ${KEY}`);

      const finished = t.seed.runs.finished[1]!;
      const erase = await proxy.send('PATCH', `/recrubo/flow-runs/${finished}`, {
        headers: { 'content-type': JSON_API },
        body: JSON.stringify({ data: { type: 'flowRuns', attributes: { state: {} } } }),
      });
      assert.equal(erase.status, 200, erase.text);
      assert.deepEqual(erase.json().data.attributes.state, {});
      assert.deepEqual(
        (await t.requests()).map((r) => [r.method, r.status]),
        [
          ['PATCH', 200],
          ['PATCH', 200],
        ],
      );
    } finally {
      await proxy.close();
    }
  });

  test('POST flow-generations?sync=true, then GET flow-generations/:id, flows/:id and nodes?filter[flowId]', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      const created = await proxy.send('POST', '/recrubo/flow-generations?sync=true', {
        headers: { ...BROWSER, 'content-type': JSON_API },
        body: JSON.stringify({
          data: {
            type: 'flowGenerations',
            attributes: {
              flowType: 'vacancy_application_flow',
              parameters: {
                flowName: 'Proxy test',
                language: 'en',
                emojiUsage: '1',
                knockoutRequirements: [{ value: 'Driving licence', sessionField: 'drivingLicence' }],
                requiredFields: [{ value: 'firstName' }, { value: 'email' }],
              },
              context: { type: 'text', value: 'We are hiring a delivery driver in Utrecht.' },
            },
          },
        }),
      });
      assert.equal(created.status, 201, created.text);
      const generation = created.json().data;
      assert.equal(generation.attributes.status, 'finished');
      assert.equal(new URL(proxy.calls[0]!.url).searchParams.get('sync'), 'true');

      const again = await proxy.send('GET', `/recrubo/flow-generations/${generation.id}`);
      assert.equal(again.status, 200, again.text);
      const flowId = again.json().data.attributes.flowId;
      assert.ok(flowId);

      const flow = await proxy.send('GET', `/recrubo/flows/${flowId}`);
      assert.equal(flow.status, 200, flow.text);
      assert.equal(flow.json().data.id, flowId);

      const nodes = await proxy.send('GET', `/recrubo/nodes?filter[flowId]=${flowId}&include=nodeActions`);
      assert.equal(nodes.status, 200, nodes.text);
      assert.ok(nodes.json().data.length > 0);

      assert.deepEqual(
        (await t.requests()).map((r) => [r.method, r.path.replace(/\/[0-9a-f-]{36}$/, '/:id'), r.status]),
        [
          ['POST', '/public/v2/flow-generations', 201],
          ['GET', '/public/v2/flow-generations/:id', 200],
          ['GET', '/public/v2/flows/:id', 200],
          ['GET', '/public/v2/nodes', 200],
        ],
      );
    } finally {
      await proxy.close();
    }
  });

  test('GET schedules and GET schedules/:id (short ids)', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      const list = await proxy.send('GET', '/recrubo/schedules?page[size]=50');
      assert.equal(list.status, 200, list.text);
      assert.equal(list.json().data.length, t.seed.schedules.length);
      const one = await proxy.send('GET', `/recrubo/schedules/${t.seed.schedules[0]}`);
      assert.equal(one.status, 200, one.text);
      assert.equal(one.json().data.id, t.seed.schedules[0]);
      const some = await proxy.send('GET', '/recrubo/schedules?filter[id]=1,2');
      assert.equal(some.status, 200, some.text);
      assert.equal(some.json().data.length, 2);
    } finally {
      await proxy.close();
    }
  });

  test("the upstream's own errors pass through unchanged (404 not found)", async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      const res = await proxy.send('GET', `/recrubo/flow-runs/${UNKNOWN_ID}`);
      assert.equal(res.status, 404);
      assert.match(String(res.headers['content-type']), /^application\/vnd\.api\+json/);
      assert.equal(res.json().errors[0].code, 'not_found');
      assert.equal(res.json().errors[0].detail, 'FlowRun not found');
    } finally {
      await proxy.close();
    }
  });

  test('a 429 keeps its Retry-After, exposed to the page; other upstream headers stay behind', async () => {
    const t = await upstream.tenant();
    await t.control({ faults: { rateLimitRate: 1, retryAfter: 7, count: 1 } });
    const proxy = await startProxy({ upstream: t.upstream });
    try {
      const res = await proxy.send('GET', `/recrubo/flow-runs/${t.seed.runs.finished[0]}`, {
        headers: { origin: PAGE_ORIGIN },
      });
      assert.equal(res.status, 429);
      assert.equal(res.headers['retry-after'], '7');
      assert.equal(res.headers['access-control-expose-headers'], 'Retry-After');
      assert.equal(res.headers['access-control-allow-origin'], PAGE_ORIGIN);
      // The sandbox's own CORS headers (it allows any origin) must not leak through as the proxy's policy.
      assert.equal(res.headers['access-control-allow-headers'], undefined);
      assert.equal(res.headers['cache-control'], 'no-store');
    } finally {
      await proxy.close();
    }
  });

  test('a per-element preset allows only that element’s calls', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream, allow: operationsFor.schedulePicker });
    try {
      assert.equal((await proxy.send('GET', '/recrubo/schedules')).status, 200);
      const run = `/flow-runs/${t.seed.runs.finished[0]}`;
      assertForbidden(await proxy.send('GET', `/recrubo${run}`), 'GET', run);
      assertForbidden(
        await proxy.send('POST', '/recrubo/flow-generations', { body: '{}' }),
        'POST',
        '/flow-generations',
      );
      assert.equal(proxy.calls.length, 1);
      assert.equal((await t.requests()).length, 1);
    } finally {
      await proxy.close();
    }
  });

  test('the flow-preview preset: the flow with nodes, actions and transitions, and the nodes fallback', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream, allow: operationsFor.flowPreview });
    try {
      const flowId = t.seed.flowWithAppointment;
      const flow = await proxy.send('GET', `/recrubo/flows/${flowId}?include=nodes.nodeActions,nodes.nodeTransitions`);
      assert.equal(flow.status, 200, flow.text);
      assert.ok(
        flow.json().included.some((r: { type: string }) => r.type === 'nodeTransitions'),
        'the branches came along',
      );
      const nodes = await proxy.send(
        'GET',
        `/recrubo/nodes?filter[flowId]=${flowId}&include=nodeActions,nodeTransitions`,
      );
      assert.equal(nodes.status, 200, nodes.text);
      const runs = `/flow-runs/${t.seed.runs.finished[0]}`;
      assertForbidden(await proxy.send('GET', `/recrubo${runs}`), 'GET', runs);
    } finally {
      await proxy.close();
    }
  });

  test('the generate-flow preset allows "Suggest requirements": POST vacancy-analyses (sync), GET one, GET by filter[id]', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream, allow: operationsFor.generateFlow });
    try {
      const body = JSON.stringify({
        data: { type: 'vacancyAnalyses', attributes: { inputText: "Driver's license B required, communicative." } },
      });
      const created = await proxy.send('POST', '/recrubo/vacancy-analyses?sync=true', {
        headers: { ...BROWSER, 'content-type': JSON_API },
        body,
      });
      assert.equal(created.status, 201, created.text);
      const id = created.json().data.id as string;
      assert.ok(created.json().data.attributes.analyzeResult.hardSkills.length > 0);
      assert.equal((await proxy.send('GET', `/recrubo/vacancy-analyses/${id}`)).status, 200);
      assert.equal((await proxy.send('GET', `/recrubo/vacancy-analyses?filter[id]=${id}`)).status, 200);
      // Only the text: nothing else may be written through the page.
      const more = JSON.stringify({
        data: { type: 'vacancyAnalyses', attributes: { inputText: 'x', analyzeResult: {} } },
      });
      assert.equal(
        (
          await proxy.send('POST', '/recrubo/vacancy-analyses', {
            headers: { ...BROWSER, 'content-type': JSON_API },
            body: more,
          })
        ).status,
        403,
      );
      // Never the organisation's whole list of analyses.
      assertForbidden(await proxy.send('GET', '/recrubo/vacancy-analyses'), 'GET', '/vacancy-analyses');
    } finally {
      await proxy.close();
    }
  });

  test('the flow-run-status preset allows what a card asks: the run, its flow with nodes.nodeActions, and the fallback', async () => {
    const t = await upstream.tenant();
    const proxy = await startProxy({ upstream: t.upstream, allow: operationsFor.flowRunStatus });
    try {
      const runId = t.seed.runs.finished[0]!;
      const run = await proxy.send('GET', `/recrubo/flow-runs/${runId}`);
      assert.equal(run.status, 200, run.text);
      const flowId = run.json().data.attributes.flowId as string;
      const flow = await proxy.send('GET', `/recrubo/flows/${flowId}?include=nodes.nodeActions`);
      assert.equal(flow.status, 200, flow.text);
      assert.ok(
        flow.json().included.some((r: { type: string }) => r.type === 'nodeActions'),
        'the questions came along',
      );
      const nodes = await proxy.send('GET', `/recrubo/nodes?filter[flowId]=${flowId}&include=nodeActions`);
      assert.equal(nodes.status, 200, nodes.text);
      // still nothing of a candidate's conversation
      const thread = `/flow-runs/${runId}?include=messageThread`;
      assertForbidden(await proxy.send('GET', `/recrubo${thread}`), 'GET', '/flow-runs/' + runId);
    } finally {
      await proxy.close();
    }
  });
});
