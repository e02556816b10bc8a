import { expect } from '@open-wc/testing';
import { createApi } from '../../../src/api/index.js';
import { backoffDelay } from '../../../src/api/client.js';
import { parseRetryAfter } from '../../../src/api/errors.js';
import { newSandbox } from '../helpers/sandbox.js';

describe('retries', () => {
  it('backs off exponentially with jitter, up to a cap (the schedule, with a fixed random source)', () => {
    const policy = { limit: 6, baseDelay: 100, maxDelay: 1000, maxRetryAfter: 5000 };
    const low = [0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, () => 0));
    const high = [0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, () => 0.999999));
    expect(low).to.deep.equal([50, 100, 200, 400, 500, 500]);
    expect(high).to.deep.equal([100, 200, 400, 800, 1000, 1000]);
  });

  it('gives up after `limit` retries (the cap on attempts) with the last answer', async () => {
    const sb = await newSandbox({ faults: { errorRate: 1 } });
    const api = createApi(
      { baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' },
      { retry: { baseDelay: 10, limit: 3 } },
    );
    const err = await api.flowRuns.get(sb.seed.runs.finished[0]).catch((e) => e);
    expect(err.status).to.equal(500);
    expect((await sb.requests()).map((r) => r.status)).to.deep.equal([500, 500, 500, 500]);
  });

  it('reads Retry-After (seconds or a date), and gives up at once when it is longer than the cap', async () => {
    expect(parseRetryAfter('2')).to.equal(2000);
    expect(parseRetryAfter('0.5')).to.equal(500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).to.equal(6000);
    expect(parseRetryAfter('soon')).to.equal(undefined);
    const sb = await newSandbox({ faults: { rateLimitRate: 1, retryAfter: 3 } });
    const api = createApi(
      { baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' },
      { retry: { baseDelay: 10, maxRetryAfter: 2000 } },
    );
    const started = performance.now();
    const err = await api.flowRuns.get(sb.seed.runs.finished[0]).catch((e) => e);
    expect(performance.now() - started, 'not waited for').to.be.below(2000);
    expect(err.status).to.equal(429);
    expect(err.retryAfter).to.equal(3000);
    expect((await sb.requests()).map((r) => r.status)).to.deep.equal([429]);
  });

  it("waits for a 429's Retry-After before asking again", async () => {
    const sb = await newSandbox({ faults: { rateLimitRate: 1, retryAfter: 0.6, count: 1 } });
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' }, { retry: { baseDelay: 10 } });
    const started = performance.now();
    const run = await api.flowRuns.get(sb.seed.runs.finished[0]);
    const took = performance.now() - started;
    expect(run.status).to.equal('finished');
    expect(took).to.be.at.least(600);
    const log = await sb.requests();
    expect(log.map((r) => r.status)).to.deep.equal([429, 200]);
  });

  it('retries a GET through 500s and drops, and gets the answer', async () => {
    const sb = await newSandbox({ faults: { errorRate: 1, count: 2 } });
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' }, { retry: { baseDelay: 10 } });
    const run = await api.flowRuns.get(sb.seed.runs.finished[0]);
    expect(run.id).to.equal(sb.seed.runs.finished[0]);
    expect((await sb.requests()).map((r) => r.status)).to.deep.equal([500, 500, 200]);

    await sb.setFaults({ dropRate: 1, count: 1 });
    const again = await api.flowRuns.get(sb.seed.runs.finished[1]);
    expect(again.id).to.equal(sb.seed.runs.finished[1]);
  });

  it('never retries a POST or a PATCH', async () => {
    const sb = await newSandbox({ faults: { errorRate: 1, count: 1 } });
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' }, { retry: { baseDelay: 10 } });
    let failed = false;
    try {
      await api.flowRuns.update(sb.seed.runs.running[0], { status: 'cancelled' });
    } catch (err) {
      failed = (err as { status?: number }).status === 500;
    }
    expect(failed).to.equal(true);
    expect((await sb.requests()).filter((r) => r.method === 'PATCH')).to.have.length(1);
  });

  it('aborts the retry loop (and its sleep) when the signal aborts', async () => {
    const sb = await newSandbox({ faults: { errorRate: 1 } });
    const api = createApi(
      { baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' },
      { retry: { baseDelay: 200, limit: 5 } },
    );
    const controller = new AbortController();
    const pending = api.flowRuns.get(sb.seed.runs.finished[0], { signal: controller.signal }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 80));
    controller.abort();
    const err = await pending;
    expect(err.kind).to.equal('aborted');
    const before = (await sb.requests()).length;
    await new Promise((r) => setTimeout(r, 600));
    expect((await sb.requests()).length).to.equal(before);
  });
});
