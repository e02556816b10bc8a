import { expect } from '@open-wc/testing';
import { createApi, RecruboApiError } from '../../../src/api/index.js';
import { newSandbox } from '../helpers/sandbox.js';

describe('authentication', () => {
  it('asks the tokenProvider again once on a 401 and succeeds with the new token', async () => {
    const sb = await newSandbox();
    const tokens = ['expired-token', sb.apiKey];
    let calls = 0;
    const api = createApi({ baseUrl: sb.baseUrl, lang: 'en', tokenProvider: async () => tokens[Math.min(calls++, 1)] });
    const run = await api.flowRuns.get(sb.seed.runs.finished[0]);
    expect(run.status).to.equal('finished');
    expect(calls).to.equal(2);
    // the fresh token is kept for the next requests
    await api.flowRuns.get(sb.seed.runs.finished[1]);
    expect(calls).to.equal(2);
    expect((await sb.requests()).map((r) => r.status)).to.deep.equal([401, 200, 200]);
  });

  it('fails with a clear auth error after exactly 2 calls when the token is always refused', async () => {
    const sb = await newSandbox();
    let calls = 0;
    const api = createApi({ baseUrl: sb.baseUrl, lang: 'en', tokenProvider: async () => (calls++, 'always-wrong') });
    let error: RecruboApiError | undefined;
    try {
      await api.flowRuns.get(sb.seed.runs.finished[0]);
    } catch (err) {
      error = err as RecruboApiError;
    }
    expect(calls).to.equal(2);
    expect(error?.kind).to.equal('auth');
    expect(error?.status).to.equal(401);
    expect(error?.message).to.contain('even after asking tokenProvider for a new token');
  });

  it('shares one token refresh between requests that hit the same expired token', async () => {
    const sb = await newSandbox();
    let calls = 0;
    const api = createApi({
      baseUrl: sb.baseUrl,
      lang: 'en',
      tokenProvider: async () => (calls++ === 0 ? 'expired' : sb.apiKey),
    });
    const ids = sb.seed.runs.finished.slice(0, 3);
    const runs = await Promise.all(ids.map((id) => api.flowRuns.get(id)));
    expect(runs.map((r) => r.id)).to.deep.equal(ids);
    expect(calls).to.equal(2);
  });

  it('reports a tokenProvider that throws as kind "auth" without sending anything', async () => {
    const sb = await newSandbox();
    const api = createApi({
      baseUrl: sb.baseUrl,
      lang: 'en',
      tokenProvider: async () => Promise.reject(new Error('backend down')),
    });
    const err = await api.flowRuns.get(sb.seed.runs.finished[0]).catch((e) => e);
    expect(err.kind).to.equal('auth');
    expect(await sb.requests()).to.have.length(0);
  });

  it('sends the api-key as a Bearer token with the JSON:API media type, and uses an integrator fetch', async () => {
    const sb = await newSandbox();
    const seen: Request[] = [];
    const myFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      seen.push(request.clone());
      // the integrator's own auth: add the header ourselves
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${sb.apiKey}`);
      return fetch(new Request(request, { headers }));
    };
    const api = createApi({ baseUrl: sb.baseUrl, lang: 'en', fetch: myFetch });
    const run = await api.flowRuns.update(sb.seed.runs.finished[0], { state: {} });
    expect(run.state).to.deep.equal({});
    expect(seen).to.have.length(1);
    expect(seen[0].headers.get('Authorization')).to.equal(null); // no key configured: we add none
    expect(seen[0].headers.get('Content-Type')).to.equal('application/vnd.api+json');
    expect(seen[0].headers.get('Accept')).to.equal('application/vnd.api+json');
    expect(seen[0].credentials).to.equal('omit');
    expect(await seen[0].json()).to.deep.equal({
      data: { type: 'flowRuns', attributes: { state: {} }, id: sb.seed.runs.finished[0] },
    });

    const keyed: Request[] = [];
    const spy: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      keyed.push(request.clone());
      return fetch(request);
    };
    await createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en', fetch: spy }).flowRuns.get(
      sb.seed.runs.finished[0],
    );
    expect(keyed[0].headers.get('Authorization')).to.equal(`Bearer ${sb.apiKey}`);
  });
});
