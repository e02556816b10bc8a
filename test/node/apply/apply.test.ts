// What a successful apply does at Recrubo (the sandbox over HTTP): one thread and one run per number and flow
// however the page repeats itself, nothing sent in candidate-first mode, the template in invite mode, and a status
// that follows the run without ever showing its state.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BUSINESS_NUMBER,
  getJson,
  KEY,
  startApply,
  startUpstream,
  upstreamCalls,
  VALID,
  type Tenant,
  type Upstream,
} from './harness.ts';

let upstream: Upstream;
before(async () => {
  upstream = await startUpstream();
});
after(() => upstream.close());

const threadsOf = async (t: Tenant, identifier: string) =>
  (await getJson(t, `/message-threads?filter[identifier]=${identifier}`)).data as { id: string }[];
const runsOn = async (t: Tenant, threadId: string) =>
  (await getJson(t, `/flow-runs?filter[messageThreadId]=${threadId}`)).data as any[];
const TICKET = /^[A-Za-z0-9_-]{32}$/;
const messagesOf = async (t: Tenant, threadId: string) =>
  (await getJson(t, `/messages?filter[messageThreadId]=${threadId}&page[size]=100`)).data as {
    attributes: { origin: string; payload?: { type?: string } };
  }[];
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('candidate-first', () => {
  test('starts one run with initialMessage {}, sends no message, and answers { ticket, status, waLink } only', async () => {
    const t = await upstream.tenant();
    const app = await startApply(t);
    try {
      const res = await app.post({ ...VALID, firstName: 'Sanne', lang: 'nl' });
      assert.equal(res.status, 200, res.text);
      const answer = res.json();
      assert.deepEqual(Object.keys(answer).sort(), ['status', 'ticket', 'waLink']);
      assert.match(answer.ticket, TICKET);
      assert.equal(answer.status, 'sent');
      const link = new URL(answer.waLink);
      assert.equal(link.origin + link.pathname, 'https://wa.me/31201234567', `the business number ${BUSINESS_NUMBER}`);
      assert.equal(link.searchParams.get('text'), 'Hoi! Ik wil graag solliciteren op Barista.');

      const calls = await upstreamCalls(t);
      assert.deepEqual(calls, ['GET /message-threads', 'POST /message-threads', 'GET /flow-runs', 'POST /flow-runs']);
      assert.ok(!calls.some((c) => c.startsWith('POST /messages')), 'no message sent');
      const [thread] = await threadsOf(t, '31612345678');
      assert.ok(thread, 'the thread has the documented identifier form 31612345678');
      const [run] = await runsOn(t, thread.id);
      assert.deepEqual(run.attributes.initialMessage, {});
      assert.equal(run.attributes.flowId, t.seed.flows[0]);
      assert.ok(!res.text.includes(run.id), 'the run id is not the ticket and not in the answer');
      // Nothing went to the typed number: the thread's first message, if any yet, is the candidate's own.
      const messages = await messagesOf(t, thread.id);
      assert.ok(messages.length === 0 || messages[0]!.attributes.origin === 'inbound', JSON.stringify(messages[0]));
    } finally {
      await app.close();
    }
  });

  test('local, international and doubled forms of one number reach one thread and one run', async () => {
    const t = await upstream.tenant();
    const app = await startApply(t, { rateLimit: { number: false } });
    try {
      const tickets = new Set<string>();
      for (const phone of [
        '06 12345678',
        '+31 6 12345678',
        '0031612345678',
        '+31+31612345678',
        '+31 (0)6-1234 5678',
        '0612345678',
      ]) {
        const res = await app.post({ ...VALID, phone });
        assert.equal(res.status, 200, `${phone}: ${res.text}`);
        tickets.add(res.json().ticket);
      }
      const threads = await threadsOf(t, '31612345678');
      assert.equal(threads.length, 1);
      assert.equal((await runsOn(t, threads[0]!.id)).length, 1, 'one run');
      assert.equal((await upstreamCalls(t)).filter((c) => c === 'POST /flow-runs').length, 1);
    } finally {
      await app.close();
    }
  });

  test('ten concurrent applies for one number (double click, two tabs) make one thread and one run', async () => {
    const t = await upstream.tenant();
    const app = await startApply(t, { rateLimit: { client: false, number: false } });
    try {
      const replies = await Promise.all(Array.from({ length: 10 }, () => app.post(VALID)));
      for (const r of replies) assert.equal(r.status, 200, r.text);
      const calls = await upstreamCalls(t);
      assert.equal(calls.filter((c) => c === 'POST /message-threads').length, 1, calls.join('\n'));
      assert.equal(calls.filter((c) => c === 'POST /flow-runs').length, 1);
      assert.equal((await threadsOf(t, '31612345678')).length, 1);
    } finally {
      await app.close();
    }
  });

  test('another vacancy with another flow is another run on the same thread', async () => {
    const t = await upstream.tenant();
    const app = await startApply(t);
    try {
      await app.post(VALID);
      await app.post({ ...VALID, vacancy: 'driver' });
      const threads = await threadsOf(t, '31612345678');
      assert.equal(threads.length, 1);
      assert.equal((await runsOn(t, threads[0]!.id)).length, 2);
    } finally {
      await app.close();
    }
  });

  test('an existing thread of that number is reused, and its live run of the flow answered without a new one', async () => {
    const t = await upstream.tenant();
    const identifier = '31687654321';
    const madeThread = await fetch(`${t.upstream}/message-threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/vnd.api+json' },
      body: JSON.stringify({ data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier } } }),
    });
    const thread = ((await madeThread.json()) as { data: { id: string } }).data.id;
    const created = await fetch(`${t.upstream}/flow-runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/vnd.api+json' },
      body: JSON.stringify({
        data: {
          type: 'flowRuns',
          attributes: { flowId: t.seed.flows[0], messageThreadId: thread, state: {}, initialMessage: {} },
        },
      }),
    });
    assert.equal(created.status, 201);
    const app = await startApply(t);
    try {
      const res = await app.post({ ...VALID, phone: `+${identifier}` });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json().status, 'sent', 'someone else’s run: "sent", nothing more');
      const calls = await upstreamCalls(t);
      assert.ok(
        calls.filter((c) => c === 'POST /message-threads').length === 1 &&
          calls.filter((c) => c === 'POST /flow-runs').length === 1,
        calls.join('\n'),
      );
    } finally {
      await app.close();
    }
  });
});

describe('status by ticket', () => {
  test('follows the run (sent → started → completed) with the candidate-safe status only', async () => {
    const t = await upstream.tenant(100_000);
    const app = await startApply(t);
    try {
      const { ticket } = (await app.post(VALID)).json();
      const seen = new Set<string>();
      const deadline = Date.now() + 20_000;
      for (;;) {
        const res = await app.status(ticket);
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(Object.keys(res.json()).sort(), ['status', 'ticket']);
        for (const word of ['state', 'cost', 'flowId', 'messageThreadId', '31612345678'])
          assert.ok(!res.text.includes(word), `no ${word} in ${res.text}`);
        seen.add(res.json().status);
        if (res.json().status === 'completed' || res.json().status === 'ended' || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(seen.has('completed') || seen.has('ended'), [...seen].join(','));
      // Candidate-first: the conversation starts with the candidate's own message, never with ours.
      const [thread] = await threadsOf(t, '31612345678');
      const messages = await messagesOf(t, thread!.id);
      assert.ok(messages.length > 0);
      assert.equal(messages[0]!.attributes.origin, 'inbound');
      assert.ok(['sent', 'started', 'completed', 'ended'].some((s) => seen.has(s)));
    } finally {
      await app.close();
    }
  });

  test('a second apply for the number without the first ticket cannot follow the first one’s progress', async () => {
    const t = await upstream.tenant(100_000);
    const app = await startApply(t);
    try {
      const first = (await app.post(VALID)).json();
      const deadline = Date.now() + 20_000;
      while ((await app.status(first.ticket)).json().status === 'sent' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      assert.notEqual((await app.status(first.ticket)).json().status, 'sent', 'the owner sees progress');

      const stranger = (await app.post(VALID, { headers: { 'x-test-client': 'someone-else' } })).json();
      assert.notEqual(stranger.ticket, first.ticket);
      assert.equal(stranger.status, 'sent');
      assert.equal((await app.status(stranger.ticket)).json().status, 'sent', 'masked: never the stranger’s progress');

      const again = (await app.post({ ...VALID, ticket: first.ticket })).json();
      assert.equal(again.ticket, first.ticket, 'the same browser (it sends its ticket) keeps its ticket');
      assert.notEqual(again.status, 'sent');
      assert.equal((await upstreamCalls(t)).filter((c) => c === 'POST /flow-runs').length, 1);
    } finally {
      await app.close();
    }
  });

  test('CORS: the allowed page may read the answer, a preflight is answered here', async () => {
    const t = await upstream.tenant();
    const app = await startApply(t);
    try {
      const pre = await app.send('OPTIONS', '/apply', {
        headers: {
          origin: 'https://careers.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers['access-control-allow-origin'], 'https://careers.example');
      assert.match(String(pre.headers['access-control-allow-headers']), /Content-Type/i);
      const res = await app.post(VALID);
      assert.equal(res.headers['access-control-allow-origin'], 'https://careers.example');
      assert.match(String(res.headers['access-control-expose-headers']), /Retry-After/);
      // A preflight is no guard (the POST is refused by origin on its own); answered alike, never forwarded.
      const evil = await app.send('OPTIONS', '/apply', {
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(evil.status, 204);
      assert.deepEqual((await upstreamCalls(t)).length, 4);
    } finally {
      await app.close();
    }
  });
});

describe('invite mode', () => {
  test('starts the run with the template and its parameters, once', async () => {
    const t = await upstream.tenant();
    const app = await startApply(t, { whatsappNumber: undefined, rateLimit: { client: false } });
    try {
      const replies = await Promise.all([
        app.post({ ...VALID, firstName: 'Sanne' }),
        app.post({ ...VALID, firstName: 'Sanne' }),
      ]);
      for (const r of replies) {
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(Object.keys(r.json()).sort(), ['status', 'ticket'], 'no waLink in invite mode');
      }
      const [thread] = await threadsOf(t, '31612345678');
      const runs = await runsOn(t, thread!.id);
      assert.equal(runs.length, 1, 'one run: at most one WhatsApp invitation');
      const messages = await eventually(
        () => messagesOf(t, thread!.id),
        (m) => m.length > 0,
        'the invitation',
      );
      assert.equal(
        messages.filter((m) => m.attributes.payload?.type === 'template').length,
        1,
        'exactly one template message',
      );
      assert.equal(messages[0]!.attributes.origin, 'outbound', 'the business writes first');
      assert.deepEqual(runs[0].attributes.initialMessage, {
        type: 'template',
        template: {
          id: t.seed.messageTemplates[0],
          components: [{ type: 'body', parameters: [{ type: 'text', text: 'Sanne' }] }],
        },
      });
    } finally {
      await app.close();
    }
  });

  test('an upstream failure is a 502 that says nothing of the key, told to onError', async () => {
    const t = await upstream.tenant();
    const errors: unknown[] = [];
    const app = await startApply(t, { upstream: 'http://127.0.0.1:9/public/v2', onError: (e) => errors.push(e) });
    try {
      const res = await app.post(VALID);
      assert.equal(res.status, 502, res.text);
      assert.equal(res.json().errors[0].code, 'bad_gateway');
      assert.equal(errors.length, 1);
      assert.ok(!String((errors[0] as Error).message).includes('31612345678'), 'no phone number in the log');
    } finally {
      await app.close();
    }
  });
});

describe('start-up checks', () => {
  test('a misconfigured endpoint does not boot', async () => {
    const { createRecruboApply } = await import('../../../src/proxy/index.ts');
    assert.throws(() => createRecruboApply({ apiKey: '', vacancies: {} }), /apiKey/);
    assert.throws(() => createRecruboApply({ apiKey: 'k', vacancies: {}, mode: 'candidate-first' }), /whatsappNumber/);
    assert.throws(
      () => createRecruboApply({ apiKey: 'k', vacancies: {}, whatsappNumber: 'call me' }),
      /whatsappNumber/,
    );
    assert.throws(
      () => createRecruboApply({ apiKey: 'k', vacancies: {}, rateLimit: { client: { limit: 0, windowMs: 1 } } }),
      /rateLimit/,
    );
    assert.throws(
      () => createRecruboApply({ apiKey: 'k', vacancies: {}, allowedOrigins: ['*.example.com'] }),
      /allowedOrigins/,
    );
  });
});
