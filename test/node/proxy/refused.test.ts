// Everything outside the allow-list is refused with the JSON:API 403 and never reaches the upstream: not the
// proxy's fetch, not the sandbox's request log.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  UNKNOWN_ID,
  assertForbidden,
  startProxy,
  startUpstream,
  type Proxy,
  type Tenant,
  type Upstream,
} from './harness.ts';

const JSON_API = 'application/vnd.api+json';
const ID = UNKNOWN_ID;

let upstream: Upstream;
let tenant: Tenant;
let proxy: Proxy;
before(async () => {
  upstream = await startUpstream();
  tenant = await upstream.tenant();
  proxy = await startProxy({ upstream: tenant.upstream });
});
after(async () => {
  // The point of the whole file: nothing refused was forwarded.
  assert.deepEqual(proxy.calls, []);
  assert.deepEqual(await tenant.requests(), []);
  await proxy.close();
  await upstream.close();
});

async function refused(method: string, path: string, shownPath: string, body?: unknown) {
  const before = proxy.calls.length;
  const res = await proxy.send(method, `/recrubo${path}`, {
    headers: { 'content-type': JSON_API },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  assertForbidden(res, method, shownPath);
  assert.equal(proxy.calls.length, before, 'nothing was sent upstream');
  return res.json().errors[0] as { source?: { parameter?: string; pointer?: string } };
}

describe('methods and paths outside the allow-list', () => {
  const cases: [string, string][] = [
    ['DELETE', `/flow-runs/${ID}`],
    ['POST', '/flow-runs'],
    ['PUT', `/flow-runs/${ID}`],
    ['HEAD', `/flow-runs/${ID}`],
    ['GET', '/message-threads'],
    ['GET', `/message-threads/${ID}`],
    ['GET', '/flow-generations'],
    ['GET', '/flows'],
    ['DELETE', `/flow-generations/${ID}`],
    ['DELETE', `/vacancy-analyses/${ID}`],
    ['GET', '/management/organizations'],
    ['GET', '/'],
    ['GET', `/flow-runs/${ID}/`],
    ['GET', `/flow-runs/${ID}/flow`],
    ['GET', '/flow-runs/not-a-uuid'],
    ['GET', '/flows/1'],
  ];
  for (const [method, path] of cases) {
    test(`${method} ${path}`, async () => {
      if (method === 'HEAD') {
        // A HEAD answer has no body; the status is what counts.
        const res = await proxy.send('HEAD', `/recrubo${path}`);
        assert.equal(res.status, 403);
        assert.equal(proxy.calls.length, 0);
        return;
      }
      await refused(method, path, path, method === 'POST' || method === 'PUT' ? {} : undefined);
    });
  }
});

describe('path tricks', () => {
  // Sent raw (no client-side normalisation). The URL parser resolves dot segments, so these land outside the
  // allowed shapes or outside the base path; encoded separators are refused as they are, never decoded.
  const cases: [string, string][] = [
    ['/recrubo/flow-runs/../../management/organizations', '/management/organizations'],
    ['/recrubo/flow-runs/%2e%2e/%2e%2e/management/organizations', '/management/organizations'],
    ['/recrubo/schedules/..', '/'],
    [`/recrubo/flow-runs/${ID}%2f..%2f..%2fmanagement`, `/flow-runs/${ID}%2f..%2f..%2fmanagement`],
    ['/recrubo/flow-runs%2F..%2Fmessage-threads', '/flow-runs%2F..%2Fmessage-threads'],
    ['/recrubo/schedules/1%2F..%2F..%2Fmessage-threads', '/schedules/1%2F..%2F..%2Fmessage-threads'],
    ['/recrubo/flows/..%5cmanagement', '/flows/..%5cmanagement'],
    ['/recrubo//flow-runs', '//flow-runs'],
    [`/recrubo/flow-runs/${ID}%00`, `/flow-runs/${ID}%00`],
    ['/recrubo/schedules/1.json', '/schedules/1.json'],
    ['/recrubo/schedules/%31', '/schedules/%31'],
    ['/other/flow-runs', '/other/flow-runs'],
    ['/recrubo-evil/schedules', '/recrubo-evil/schedules'],
  ];
  for (const [raw, shown] of cases) {
    test(`GET ${raw}`, async () => {
      const res = await proxy.send('GET', raw);
      assertForbidden(res, 'GET', shown);
    });
  }
});

test('a raw backslash in the path is refused (by the HTTP layer, before the proxy)', async () => {
  const res = await proxy.send('GET', '/recrubo/flows/..\\..\\management');
  assert.ok(res.status === 400 || res.status === 403, String(res.status));
  assert.equal(proxy.calls.length, 0);
});

describe('query parameters', () => {
  test('GET flow-runs without filter[id] would list every run: refused', async () => {
    const error = await refused('GET', '/flow-runs', '/flow-runs');
    assert.equal(error.source?.parameter, 'filter[id]');
  });
  test('GET flow-runs?filter[status]=running: refused', async () => {
    const error = await refused('GET', `/flow-runs?filter[id]=${ID}&filter[status]=running`, '/flow-runs');
    assert.equal(error.source?.parameter, 'filter[status]');
  });
  test('filter[id] with 101 ids: refused; ids must be UUIDs', async () => {
    const many = Array.from({ length: 101 }, () => ID).join(',');
    assert.equal((await refused('GET', `/flow-runs?filter[id]=${many}`, '/flow-runs')).source?.parameter, 'filter[id]');
    await refused('GET', '/flow-runs?filter[id]=abc', '/flow-runs');
    await refused('GET', `/flow-runs?filter[id]=${ID},`, '/flow-runs');
  });
  test('a parameter given twice: refused (servers disagree on which one counts)', async () => {
    await refused('GET', `/flow-runs?filter[id]=${ID}&filter[id]=${ID}`, '/flow-runs');
  });
  test('filter operators and prototype names are not filters the proxy knows', async () => {
    await refused('GET', `/flow-runs?filter[id][prefix]=0`, '/flow-runs');
    await refused('GET', `/flow-runs?filter[id]=${ID}&filter[__proto__]=x`, '/flow-runs');
    await refused('GET', `/flow-runs?filter[id]=${ID}&filter[constructor]=x`, '/flow-runs');
  });
  test('include outside the operation’s list: refused (a run’s messageThread holds the conversation)', async () => {
    const error = await refused('GET', `/flow-runs/${ID}?include=messageThread`, `/flow-runs/${ID}`);
    assert.equal(error.source?.parameter, 'include');
  });
  test('GET nodes without filter[flowId], or with two flows: refused', async () => {
    await refused('GET', '/nodes', '/nodes');
    await refused('GET', `/nodes?filter[flowId]=${ID},${ID}`, '/nodes');
    await refused('GET', `/nodes?filter[nodeId]=${ID}`, '/nodes');
  });
  test('malformed sort, page and sync values: refused', async () => {
    await refused('GET', '/schedules?sort=name;drop', '/schedules');
    await refused('GET', '/schedules?page[size]=1%26x', '/schedules');
    await refused('POST', '/flow-generations?sync=yes', '/flow-generations', {
      data: { type: 'flowGenerations', attributes: {} },
    });
  });
});

describe('bodies', () => {
  const patch = (attributes: unknown, extra: Record<string, unknown> = {}) => ({
    data: { type: 'flowRuns', id: ID, attributes, ...extra },
  });
  test('PATCH flow-runs/:id with initialMessage: refused, pointing at the attribute', async () => {
    const error = await refused('PATCH', `/flow-runs/${ID}`, `/flow-runs/${ID}`, patch({ initialMessage: {} }));
    assert.equal(error.source?.pointer, '/data/attributes/initialMessage');
  });
  test('the refusal names the refused field, never the value that was sent (issue 26, finding 9)', async () => {
    const path = `/flow-runs/${ID}`;
    const secret = 'value-9f3a-never-echoed';
    const member = await proxy.send('PATCH', `/recrubo${path}`, {
      headers: { 'content-type': JSON_API },
      body: JSON.stringify(patch({ status: 'finished', note: secret })),
    });
    assert.equal(
      member.json().errors[0].detail,
      `PATCH ${path}: the body member /data/attributes/note is not allowed by this proxy`,
    );
    const value = await proxy.send('PATCH', `/recrubo${path}`, {
      headers: { 'content-type': JSON_API },
      body: JSON.stringify(patch({ status: secret })),
    });
    assert.equal(value.status, 403);
    assert.equal(
      value.json().errors[0].detail,
      `PATCH ${path}: this value of the body member /data/attributes/status is not allowed by this proxy`,
    );
    const parameter = await proxy.send('GET', `/recrubo/flow-runs?filter[id]=${ID}&filter[status]=${secret}`);
    assert.equal(
      parameter.json().errors[0].detail,
      'GET /flow-runs: the query parameter filter[status] is not allowed by this proxy',
    );
    for (const reply of [member, value, parameter]) assert.ok(!reply.text.includes(secret), reply.text);
  });
  test('PATCH flow-runs/:id writing cost or flowId next to status: refused', async () => {
    await refused('PATCH', `/flow-runs/${ID}`, `/flow-runs/${ID}`, patch({ status: 'finished', cost: 0 }));
    await refused('PATCH', `/flow-runs/${ID}`, `/flow-runs/${ID}`, patch({ flowId: ID }));
  });
  test('PATCH with a duplicated key: the checked value is the one sent (here: refused)', async () => {
    const body = `{"data":{"type":"flowRuns","attributes":{"status":"finished","initialMessage":{},"initialMessage":{}}}}`;
    await refused('PATCH', `/flow-runs/${ID}`, `/flow-runs/${ID}`, body);
  });
  test('PATCH with relationships, another id, another type, or extra top-level members: refused', async () => {
    const path = `/flow-runs/${ID}`;
    const other = '11111111-1111-4111-8111-111111111111';
    assert.equal(
      (await refused('PATCH', path, path, patch({ status: 'finished' }, { relationships: { flow: {} } }))).source
        ?.pointer,
      '/data/relationships',
    );
    assert.equal(
      (await refused('PATCH', path, path, patch({ status: 'finished' }, { id: other }))).source?.pointer,
      '/data/id',
    );
    assert.equal(
      (await refused('PATCH', path, path, { data: { type: 'flowGenerations', attributes: { status: 'finished' } } }))
        .source?.pointer,
      '/data/type',
    );
    assert.equal(
      (await refused('PATCH', path, path, { ...patch({ status: 'finished' }), included: [] })).source?.pointer,
      '/included',
    );
  });
  test('POST flow-generations with an id or an undocumented attribute: refused', async () => {
    await refused('POST', '/flow-generations', '/flow-generations', {
      data: { type: 'flowGenerations', id: ID, attributes: {} },
    });
    await refused('POST', '/flow-generations', '/flow-generations', {
      data: { type: 'flowGenerations', attributes: { flowType: 'x', publicApiInitiated: true } },
    });
  });
  test('a body that is not JSON or not a document: 400, not forwarded', async () => {
    for (const body of ['not json', '[]', '{"data":null}', '{"data":{"type":"flowRuns"}}']) {
      const res = await proxy.send('PATCH', `/recrubo/flow-runs/${ID}`, {
        headers: { 'content-type': JSON_API },
        body,
      });
      assert.equal(res.status, 400, body);
      assert.equal(res.headers['content-type'], JSON_API);
      assert.equal(res.json().errors[0].code, 'bad_request');
    }
    assert.equal(proxy.calls.length, 0);
  });
});
