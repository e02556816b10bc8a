// Issue #12's sandbox findings, each reproduced over real HTTP: JSON nested too deep to serve back (4), bodies
// without a limit (4), control routes any page could call (9), and the PATCH race and stuck runs (5).

import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { SeedIds } from '../../../sandbox/app.ts';
import { sandboxMiddleware, type RunningSandbox } from '../../../sandbox/node.ts';
import { flowRunExample } from './examples.ts';
import { call, JSONAPI, KEY, start } from './helpers.ts';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('sandbox hardening', () => {
  let s: RunningSandbox;
  let seed: SeedIds;
  let clock = Date.parse('2025-03-01T09:00:00Z');
  // One tenant per finding, so that one finding's damage (before the fixes) cannot fail another's test.
  let tenant = 'default';
  before(async () => {
    s = await start({ speed: 1, now: () => clock });
    seed = s.sandbox.tenant().seed;
  });
  after(() => s.close());
  const api = (path: string, init?: Parameters<typeof call>[2]) =>
    call(s.url, `/__sandbox/${tenant}/public/v2${path}`, init);
  const runBody = (state: string) => {
    const example = flowRunExample(
      seed.flowWithAppointment,
      seed.messageThreads[0] as string,
      seed.messageTemplates[0] as string,
    );
    return JSON.stringify(example).replace('"state":{}', `"state":${state}`);
  };

  describe('#12.4 bodies: nesting and size', () => {
    before(() => void (tenant = 'nesting'));
    it('a run whose state is nested 4,200 deep (25 KB) → 400 JSON:API error; the tenant keeps answering', async () => {
      const body = runBody(`{"x":${deep(4200)}}`);
      assert.ok(body.includes(deep(10)), 'the example was rewritten');
      const res = await api('/flow-runs', { method: 'POST', body });
      assert.equal(res.status, 400);
      assert.equal(res.body.errors[0].code, 'bad_request');
      assert.match(res.body.errors[0].detail, /nested deeper than 64/);
      // Before the fix the run was stored and every list holding it (and the tenant's life cycle) answered 500.
      assert.equal((await api('/flow-runs')).status, 200);
    });

    it('everything accepted can be served back: state 60 deep is stored, read and listed', async () => {
      tenant = 'nesting-ok';
      const res = await api('/flow-runs', { method: 'POST', body: runBody(`{"x":${deep(60)}}`) });
      assert.equal(res.status, 201);
      const one = await api(`/flow-runs/${res.body.data.id}`);
      assert.equal(one.status, 200);
      assert.equal(JSON.stringify(one.body.data.attributes.state.x), deep(60));
      assert.equal((await api(`/flow-runs?filter[id]=${res.body.data.id}`)).status, 200);
    });

    it('a body over 1 MB → 400, declared or streamed', async () => {
      const big = runBody(`{"note":"${'x'.repeat(1024 * 1024)}"}`);
      const res = await api('/flow-runs', { method: 'POST', body: big });
      assert.equal(res.status, 400);
      assert.match(res.body.errors[0].detail, /larger than 1048576 bytes/);
    });
  });

  describe('#12.9 control routes are same-origin only', () => {
    const control = (headers: Record<string, string>, body = '{"reset":true}') =>
      fetch(`${s.url}/__sandbox/ctl-${Math.random().toString(36).slice(2)}/control`, { method: 'POST', headers, body });

    it('a simple POST from another origin (a web page resetting a developer sandbox) → 403, no CORS headers', async () => {
      const res = await control({ origin: 'https://evil.example', 'content-type': 'text/plain' });
      assert.equal(res.status, 403);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      const log = await fetch(`${s.url}/__sandbox/default/requests`, { headers: { origin: 'https://evil.example' } });
      assert.equal(log.status, 403);
      const fetchMeta = await control({ 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' });
      assert.equal(fetchMeta.status, 403);
      const preflight = await fetch(`${s.url}/__sandbox/default/control`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.status, 403);
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    });

    it('Node (no Origin) and the sandbox own origin may; the API itself stays CORS-open', async () => {
      assert.equal((await control({ 'content-type': 'application/json' })).status, 200);
      assert.equal((await control({ origin: s.url, 'sec-fetch-site': 'same-origin' })).status, 200);
      const apiCors = await fetch(`${s.url}/__sandbox/cors-api/public/v2/flow-runs`, {
        headers: { origin: 'https://elsewhere.example', authorization: `Bearer ${KEY}` },
      });
      assert.equal(apiCors.status, 200);
      assert.equal(apiCors.headers.get('access-control-allow-origin'), '*');
    });

    it('an 80 MB control body is not read: 400 after 16 KB', async () => {
      const res = await control({}, JSON.stringify({ reset: true, pad: 'x'.repeat(80 * 1024 * 1024) }));
      assert.equal(res.status, 400);
      assert.match(await res.text(), /larger than 16384 bytes/);
    });
  });

  describe('#12.5 PATCH decides after the body is read and the life cycle advanced', () => {
    // The same sandbox behind a server of the test's own, which says when a PATCH has arrived: the race needs
    // the handler to be waiting for the body before the clock moves (a condition, not a sleep).
    let raceServer: Server;
    let raceUrl: string;
    let arrived: ((req: IncomingMessage) => void) | undefined;
    before(async () => {
      tenant = 'race';
      const middleware = sandboxMiddleware(s.sandbox);
      raceServer = createServer((req, res) => {
        if (req.method === 'PATCH') setImmediate(() => arrived?.(req));
        middleware(req, res, () => res.writeHead(404).end());
      });
      await new Promise<void>((resolve) => raceServer.listen(0, '127.0.0.1', () => resolve()));
      raceUrl = `http://127.0.0.1:${(raceServer.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => raceServer.close(() => resolve())));
    const create = async () => (await api('/flow-runs', { method: 'POST', body: runBody('{}') })).body.data;
    const read = async (id: string) => (await api(`/flow-runs/${id}`)).body.data.attributes;

    /**
     * A PATCH whose body arrives in two parts: `started` resolves once the server has it and is reading the body,
     * `finish()` sends the rest and resolves with status and body.
     */
    function slowPatch(id: string, body: string) {
      const url = new URL(raceUrl);
      const started = new Promise<void>((resolve) => (arrived = () => resolve()));
      const half = Math.floor(body.length / 2);
      let resolveAnswer!: (value: { status: number; body: any }) => void;
      const answer = new Promise<{ status: number; body: any }>((resolve) => (resolveAnswer = resolve));
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: 'PATCH',
          path: `/__sandbox/${tenant}/public/v2/flow-runs/${id}`,
          headers: {
            authorization: `Bearer ${KEY}`,
            'content-type': JSONAPI,
            'content-length': String(Buffer.byteLength(body)),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.write(body.slice(0, half));
      return {
        started,
        finish: () => {
          req.end(body.slice(half));
          return answer;
        },
      };
    }

    it('a slow PATCH of state on a queued run that becomes running meanwhile → 422, and the run still finishes', async () => {
      const run = await create();
      const patch = slowPatch(
        run.id,
        JSON.stringify({ data: { type: 'flowRuns', id: run.id, attributes: { state: {} } } }),
      );
      await patch.started;
      // The run starts while the body is still on its way. Nothing reads it meanwhile: the old handler checked the
      // status it had read before the body (queued), accepted, and left the run running without a life cycle.
      clock += 1100;
      const answer = await patch.finish();
      assert.equal(answer.status, 422, JSON.stringify(answer.body));
      assert.equal(answer.body.errors[0].detail, 'Parameter state can only be updated when the FlowRun is not running');
      clock += 60_000;
      assert.equal((await read(run.id)).status, 'finished', 'not stuck at running');
    });

    it('a slow PATCH of status on a run that started meanwhile answers the run as it is now', async () => {
      const run = await create();
      const patch = slowPatch(
        run.id,
        JSON.stringify({ data: { type: 'flowRuns', id: run.id, attributes: { status: 'cancelled' } } }),
      );
      await patch.started;
      clock += 1100 + 1500; // running, one answer in
      const answer = await patch.finish();
      assert.equal(answer.status, 200);
      assert.equal(answer.body.data.attributes.status, 'cancelled');
      assert.equal(
        Object.keys(answer.body.data.attributes.state).length,
        1,
        'the answer given before the stop is kept',
      );
    });

    it('a PATCH of state on a queued run does not leave it stuck at queued', async () => {
      const run = await create();
      const res = await api(`/flow-runs/${run.id}`, {
        method: 'PATCH',
        body: { data: { type: 'flowRuns', id: run.id, attributes: { state: { scheduleId: '1' } } } },
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.data.attributes.status, 'queued');
      assert.deepEqual(res.body.data.attributes.state, { scheduleId: '1' });
      clock += 1100;
      const running = await read(run.id);
      assert.equal(running.status, 'running');
      assert.equal(running.state.scheduleId, '1', 'the life cycle continues from the patched state');
      clock += 60_000;
      assert.equal((await read(run.id)).status, 'finished');
    });
  });
});
