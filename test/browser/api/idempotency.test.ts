// Every POST of the api layer carries an `Idempotency-Key`: the caller's when it gives one (the elements keep one
// per click), else a fresh one per request; a re-send after a 401 (a new token) keeps it.
import { expect } from '@open-wc/testing';
import { createApi } from '../../../src/api/index.js';
import { analyzeVacancy } from '../../../src/api/vacancy-analyses.js';
import { newSandbox } from '../helpers/sandbox.js';
import { FLOW_GENERATION_EXAMPLE_BODY, attributesOf } from '../recrubo-generate-flow/fixtures.js';

describe('api layer: Idempotency-Key on every POST', function () {
  this.timeout(30000);

  it('flow generations, vacancy analyses, threads and runs: a key on each POST, the caller’s when given', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const sent: { path: string; key: string | null }[] = [];
    const recording: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'POST')
        sent.push({ path: new URL(request.url).pathname, key: request.headers.get('idempotency-key') });
      return fetch(request);
    };
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en', fetch: recording });
    await api.flowGenerations.create(attributesOf(FLOW_GENERATION_EXAMPLE_BODY));
    await api.flowGenerations.create(attributesOf(FLOW_GENERATION_EXAMPLE_BODY), { idempotencyKey: 'mine-0000-1' });
    await analyzeVacancy(api, 'We are looking for a driver with licence B.', { sync: true });
    const thread = await api.messageThreads.create({ channel: 'whatsapp', identifier: '31611112222' });
    await api.flowRuns.create({
      flowId: sb.seed.flowWithoutGeneration,
      messageThreadId: thread.id,
      state: {},
      initialMessage: {
        type: 'template',
        template: { id: sb.seed.templates.noParameters, components: [] },
      },
    });
    expect(sent.map((s) => s.path.split('/').pop())).to.deep.equal([
      'flow-generations',
      'flow-generations',
      'vacancy-analyses',
      'message-threads',
      'flow-runs',
    ]);
    for (const s of sent) expect(s.key, s.path).to.be.a('string').and.not.equal('');
    expect(sent[1]!.key).to.equal('mine-0000-1');
    expect(new Set(sent.map((s) => s.key)).size, 'a fresh key per request without one').to.equal(sent.length);
  });

  it('the key survives the re-send after a 401 (a new token)', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const keys: (string | null)[] = [];
    let tokens = 0;
    const recording: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'POST') keys.push(request.headers.get('idempotency-key'));
      return fetch(request);
    };
    const api = createApi({
      baseUrl: sb.baseUrl,
      lang: 'en',
      fetch: recording,
      tokenProvider: async () => (tokens++ === 0 ? 'expired-token' : sb.apiKey),
    });
    await api.flowGenerations.create(attributesOf(FLOW_GENERATION_EXAMPLE_BODY));
    expect(keys).to.have.length(2);
    expect(keys[0]).to.be.a('string');
    expect(keys[1]).to.equal(keys[0]);
  });
});
