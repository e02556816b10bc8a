// The test infrastructure itself: the sandbox answers the page same-origin and cross-origin (CORS).
import { expect } from '@open-wc/testing';
import { newSandbox } from './helpers/sandbox.ts';

declare global {
  interface Window {
    __RECRUBO_TEST__: { crossOriginBaseUrl: string };
  }
}

const JSON_API = 'application/vnd.api+json';

describe('the sandbox, seen from a browser page', () => {
  it('answers same-origin with JSON:API and the documented 401', async () => {
    const sb = await newSandbox();
    const ok = await fetch(`${sb.baseUrl}/flow-runs?page[size]=2`, {
      headers: { Accept: JSON_API, Authorization: `Bearer ${sb.apiKey}` },
    });
    expect(ok.status).to.equal(200);
    expect(ok.headers.get('content-type')).to.contain(JSON_API);
    const body = await ok.json();
    expect(body.data).to.have.length(2);
    expect(body.meta.currentSize).to.equal(2);

    const denied = await fetch(`${sb.baseUrl}/flow-runs`, {
      headers: { Accept: JSON_API, Authorization: 'Bearer wrong' },
    });
    expect(denied.status).to.equal(401);
    expect(await denied.json()).to.deep.equal({
      errors: [{ code: 'unauthorized', status: '401', title: 'access denied', detail: 'access denied' }],
    });
  });

  it('answers a cross-origin POST with Authorization after a CORS preflight', async () => {
    const base = window.__RECRUBO_TEST__.crossOriginBaseUrl;
    expect(new URL(base).origin).not.to.equal(location.origin);
    const res = await fetch(`${base}/flow-generations?sync=true`, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: { Accept: JSON_API, 'Content-Type': JSON_API, Authorization: 'Bearer sandbox-key' },
      body: JSON.stringify({
        data: {
          type: 'flowGenerations',
          attributes: {
            flowType: 'vacancy_application_flow',
            parameters: {
              language: 'nl',
              emojiUsage: '3',
              flowName: 'Driver',
              knockoutRequirements: [{ value: 'Has drivers license B', sessionField: 'drivers_license' }],
              requiredFields: [{ value: 'firstName', sessionField: 'first_name' }],
            },
            context: { type: 'text', value: 'Example vacancy text here.' },
          },
        },
      }),
    });
    expect(res.status).to.equal(201);
    const body = await res.json();
    expect(body.data.type).to.equal('flowGenerations');
    expect(body.data.attributes.status).to.equal('finished');
    expect(body.data.attributes.flowId).to.match(/^[0-9a-f-]{36}$/);
  });

  it('lets a page read Retry-After across origins', async () => {
    const base = window.__RECRUBO_TEST__.crossOriginBaseUrl;
    // Faulted from Node in web-test-runner.config.mjs: control routes refuse other origins.
    const tenantBase = base.replace('/public/v2', '/__sandbox/cors-rate-limited');
    const res = await fetch(`${tenantBase}/public/v2/flow-runs`, {
      headers: { Accept: JSON_API, Authorization: 'Bearer sandbox-key' },
    });
    expect(res.status).to.equal(429);
    expect(res.headers.get('retry-after')).to.equal('7');
  });

  it("refuses a page on another origin that tries to reset the sandbox (issue #12.9), and can't read the answer", async () => {
    const tenantBase = window.__RECRUBO_TEST__.crossOriginBaseUrl.replace(
      '/public/v2',
      '/__sandbox/cors-reset-attempt',
    );
    // A "simple" request: no preflight, exactly what any web page can send.
    let outcome: string;
    try {
      const res = await fetch(`${tenantBase}/control`, { method: 'POST', mode: 'no-cors', body: '{"reset":true}' });
      outcome = res.type; // opaque: the page learns nothing
    } catch {
      outcome = 'failed';
    }
    expect(['opaque', 'failed']).to.include(outcome);
    await expectRejected(fetch(`${tenantBase}/requests`)); // CORS: no Access-Control-Allow-Origin
  });
});

async function expectRejected(promise: Promise<unknown>): Promise<void> {
  let rejected = false;
  try {
    await promise;
  } catch {
    rejected = true;
  }
  expect(rejected).to.equal(true);
}
