// createRecruboWebhookReceiver over real HTTP: refusals publish nothing; one publish per payload id.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createMemoryBroker,
  createRecruboWebhookReceiver,
  type RecruboBroker,
  type RecruboChange,
} from '../../../src/proxy/index.ts';
import { serve, type Mounted } from './server.ts';

const SECRET = 'whsec-receiver-test';

/** The documented example delivery (reference §3.3), for a flow run instead of a candidate. */
const payload = (deliveryId: string, resource: Record<string, unknown> = runResource('running')) => ({
  data: {
    type: 'webhookPayload',
    id: deliveryId,
    attributes: { webhookId: '4b1c5f0e-1d2a-4e0b-9a57-2f1f6c0d9e11', event: 'update', fields: ['status'], resource },
  },
});
const runResource = (status: string) => ({
  id: '0f6a1b9e-8f5c-4d7e-a1b2-c3d4e5f60718',
  type: 'flowRuns',
  attributes: {
    createdAt: '2024-08-20T10:45:03+00:00',
    updatedAt: '2024-08-20T10:45:03+00:00',
    status,
    cost: 3,
    state: { firstName: 'John', email: 'john@example.com' },
  },
  relationships: { flow: { links: { related: '/public/v2/flows/x' } } },
});

describe('webhook receiver', () => {
  let server: Mounted;
  let published: RecruboChange[];
  let broker: RecruboBroker;
  let failPublish = false;
  const errors: unknown[] = [];
  before(async () => {
    const memory = createMemoryBroker();
    broker = {
      ...memory,
      publish: async (c) => {
        if (failPublish) throw new Error('broker down');
        published.push(c);
        return memory.publish(c);
      },
    };
    const receiver = createRecruboWebhookReceiver({
      secret: SECRET,
      broker,
      basePath: '/hooks/recrubo',
      maxBodyBytes: 4096,
      onError: (e) => errors.push(e),
    });
    server = await serve({ '/hooks': receiver });
  });
  after(() => server.close());
  beforeEach(() => {
    published = [];
    failPublish = false;
  });
  const post = (
    body: unknown,
    headers: Record<string, string> = { 'x-recrubo-webhook-secret': SECRET },
    path = '/hooks/recrubo',
  ) =>
    fetch(server.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.api+json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('accepts a webhookPayload with a 2xx at once and publishes exactly { type, id, status }', async () => {
    const started = performance.now();
    const res = await post(payload('11111111-1111-4111-8111-111111111111'));
    const took = performance.now() - started;
    assert.equal(res.status, 202);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(published, [
      {
        type: 'flowRuns',
        id: '0f6a1b9e-8f5c-4d7e-a1b2-c3d4e5f60718',
        status: 'running',
        updatedAt: '2024-08-20T10:45:03.000Z',
      },
    ]);
    assert.ok(took < 1000, `answered in ${took} ms`);
  });

  it('a redelivered payload id is answered 2xx and not published again', async () => {
    const first = await post(payload('22222222-2222-4222-8222-222222222222'));
    const again = await post(payload('22222222-2222-4222-8222-222222222222', runResource('finished')));
    assert.equal(first.status, 202);
    assert.equal(again.status, 200);
    assert.equal(published.length, 1);
  });

  for (const [name, send] of [
    ['no secret', () => post(payload('33333333-0000-4000-8000-000000000001'), {})],
    [
      'a wrong secret',
      () =>
        post(payload('33333333-0000-4000-8000-000000000002'), { 'x-recrubo-webhook-secret': 'whsec-receiver-tesT' }),
    ],
    [
      'a secret with a valid prefix',
      () => post(payload('33333333-0000-4000-8000-000000000003'), { 'x-recrubo-webhook-secret': `${SECRET}x` }),
    ],
    [
      'the secret in another header',
      () => post(payload('33333333-0000-4000-8000-000000000004'), { authorization: SECRET }),
    ],
  ] as const) {
    it(`refuses ${name} with a 401 and publishes nothing`, async () => {
      const res = await send();
      assert.equal(res.status, 401);
      const body = await res.json();
      assert.equal(body.errors[0].status, '401');
      assert.ok(!JSON.stringify(body).includes(SECRET));
      assert.equal(published.length, 0);
    });
  }

  it('refuses an oversize body (413), a body that is not JSON, and JSON that is not a webhookPayload (400): nothing published', async () => {
    const big = payload('44444444-0000-4000-8000-000000000001');
    (big.data.attributes.resource as any).attributes.state = { blob: 'x'.repeat(5000) };
    assert.equal((await post(big)).status, 413);
    assert.equal((await post('{"data":')).status, 400);
    assert.equal((await post({ data: { type: 'flowRuns', id: 'x', attributes: {} } })).status, 400);
    assert.equal(
      (await post({ data: { type: 'webhookPayload', attributes: { event: 'update', resource: runResource('x') } } }))
        .status,
      400,
    );
    assert.equal(
      (
        await post({
          data: { type: 'webhookPayload', id: 'a', attributes: { event: 'explode', resource: runResource('x') } },
        })
      ).status,
      400,
    );
    assert.equal(
      (await post({ data: { type: 'webhookPayload', id: 'b', attributes: { event: 'update' } } })).status,
      400,
    );
    assert.equal((await post([1, 2])).status, 400);
    assert.equal(published.length, 0);
  });

  it('GET is a 405 and another path a 404; nothing published', async () => {
    assert.equal(
      (await fetch(`${server.url}/hooks/recrubo`, { headers: { 'x-recrubo-webhook-secret': SECRET } })).status,
      405,
    );
    assert.equal((await post(payload('55555555-0000-4000-8000-000000000001'), undefined, '/hooks/other')).status, 404);
    assert.equal(published.length, 0);
  });

  it('a resource type nobody watches is accepted (no redelivery) and not published; odd ids and statuses never pass', async () => {
    const candidate = { id: 'c1', type: 'candidates', attributes: { firstName: 'John' } };
    assert.equal((await post(payload('66666666-0000-4000-8000-000000000001', candidate))).status, 202);
    const odd = { ...runResource('<img src=x>'), id: '../../etc' };
    assert.equal((await post(payload('66666666-0000-4000-8000-000000000002', odd))).status, 202);
    const script = runResource('<script>');
    assert.equal((await post(payload('66666666-0000-4000-8000-000000000003', script))).status, 202);
    assert.deepEqual(published, [
      { type: 'flowRuns', id: script.id, status: null, updatedAt: '2024-08-20T10:45:03.000Z' },
    ]);
  });

  it('when the broker cannot publish: 503, and the redelivery goes through', async () => {
    failPublish = true;
    const res = await post(payload('77777777-0000-4000-8000-000000000001'));
    assert.equal(res.status, 503);
    assert.ok(errors.length > 0);
    failPublish = false;
    assert.equal((await post(payload('77777777-0000-4000-8000-000000000001'))).status, 202);
    assert.equal(published.length, 1);
  });

  it('refuses to start without a secret or a broker', () => {
    assert.throws(() => createRecruboWebhookReceiver({ secret: '', broker }), /secret/);
    assert.throws(() => createRecruboWebhookReceiver({ secret: 's', broker: undefined as never }), /broker/);
  });
});
