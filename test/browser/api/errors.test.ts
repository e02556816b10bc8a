import { expect } from '@open-wc/testing';
import { createApi } from '../../../src/api/index.js';
import { RecruboApiError, fieldFromEntry, parseErrorEntries } from '../../../src/api/errors.js';
import type { FlowGenerationInput } from '../../../src/shared/vacancy-flow-rules.js';
import { newSandbox } from '../helpers/sandbox.js';

const FAST_RETRY = { limit: 2, baseDelay: 10, maxDelay: 40 };

const validInput = (): FlowGenerationInput => ({
  flowType: 'vacancy_application_flow',
  parameters: {
    language: 'en',
    emojiUsage: '2',
    flowName: 'Driver',
    knockoutRequirements: [{ value: 'Driving licence C', sessionField: 'licence' }],
    preferredRequirements: [],
    requiredFields: [{ value: 'email', sessionField: 'email' }],
    optionalFields: [],
  },
  context: { type: 'text', value: 'We are looking for a truck driver.' },
});

async function caught(promise: Promise<unknown>): Promise<RecruboApiError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(RecruboApiError);
    return err as RecruboApiError;
  }
  throw new Error('expected a rejection');
}

describe('RecruboApiError', () => {
  it('carries every errors[] entry of the documented 422 and maps each to its form field', async () => {
    const sb = await newSandbox();
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' }, { retry: FAST_RETRY });
    const input = validInput();
    input.parameters.knockoutRequirements = [];
    input.parameters.requiredFields = [{ value: 'shoeSize' }];
    const err = await caught(api.flowGenerations.create(input));
    expect(err.kind).to.equal('http');
    expect(err.status).to.equal(422);
    const blank = err.errors.find((e) => e.detail === "Parameter knockoutRequirements can't be blank");
    expect(blank).to.deep.include({
      status: 422,
      code: 'unprocessable_entity',
      title: 'Validation Error',
      pointer: '/data/relationships/parameter',
      field: 'knockoutRequirements',
    });
    const invalid = err.errors.find((e) => e.detail === 'requiredFields contains invalid fields.');
    expect(invalid?.field).to.equal('requiredFields');
    expect(err.fieldErrors).to.have.keys(['knockoutRequirements', 'requiredFields']);
    expect(err.message).to.contain("Parameter knockoutRequirements can't be blank");
    // a POST is never retried: exactly one request reached the server
    const posts = (await sb.requests()).filter((r) => r.method === 'POST');
    expect(posts).to.have.length(1);
  });

  it('parses the documented 422 body verbatim (status as a string, pointer /data/relationships/parameter)', () => {
    const [entry] = parseErrorEntries({
      errors: [
        {
          code: 'unprocessable_entity',
          status: '422',
          title: 'Validation Error',
          detail: "Parameter knockoutRequirements can't be blank",
          source: { pointer: '/data/relationships/parameter' },
        },
      ],
    });
    expect(entry).to.deep.equal({
      status: 422,
      code: 'unprocessable_entity',
      title: 'Validation Error',
      detail: "Parameter knockoutRequirements can't be blank",
      pointer: '/data/relationships/parameter',
      field: 'knockoutRequirements',
    });
  });

  it('parses the Meta passthrough 400 (numeric status, detail object)', () => {
    const [entry] = parseErrorEntries({
      errors: [
        {
          code: 'bad_request',
          status: 400,
          title: 'Bad Request',
          detail: {
            message: 'Invalid parameter',
            type: 'OAuthException',
            code: 100,
            error_user_msg: 'Template name already exists',
          },
        },
      ],
    });
    expect(entry.status).to.equal(400);
    expect(entry.detail).to.equal('Template name already exists');
    expect(entry.detailObject).to.include({ type: 'OAuthException' });
  });

  it('maps fields from pointers and documented texts', () => {
    expect(fieldFromEntry('/data/attributes/parameters/requiredFields/0/value', undefined)).to.equal('requiredFields');
    expect(fieldFromEntry('/data/attributes/state', undefined)).to.equal('state');
    expect(
      fieldFromEntry('/data/attributes/initialMessage/template/components/0/parameters/1', undefined),
      'a template parameter is part of initialMessage, not a field "1"',
    ).to.equal('initialMessage');
    expect(fieldFromEntry('/data/relationships/parameter', "Parameter requiredFields can't be blank")).to.equal(
      'requiredFields',
    );
    expect(fieldFromEntry(undefined, 'Invalid Request opening message can not be updated')).to.equal('initialMessage');
    expect(fieldFromEntry(undefined, 'Something else')).to.equal(undefined);
  });

  it("names initialMessage as the field of a blank template parameter in a FlowRun POST (the server's pointer ends in /parameters/1)", async () => {
    const sb = await newSandbox();
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' }, { retry: FAST_RETRY });
    const thread = await api.messageThreads.create({ channel: 'whatsapp', identifier: '31698765432' });
    const text = (value: string) => ({ type: 'text', text: value });
    const err = await caught(
      api.flowRuns.create({
        flowId: sb.seed.flowWithoutGeneration,
        messageThreadId: thread.id,
        state: {},
        initialMessage: {
          type: 'template',
          template: {
            id: sb.seed.templates.twoParameters,
            components: [{ type: 'body', parameters: [text('John'), text(' ')] }],
          },
        },
      }),
    );
    expect(err.status).to.equal(422);
    expect(err.errors.map((e) => e.pointer)).to.deep.equal([
      '/data/attributes/initialMessage/template/components/0/parameters/1',
    ]);
    expect(err.field).to.equal('initialMessage');
    expect(Object.keys(err.fieldErrors)).to.deep.equal(['initialMessage']);
  });

  it('turns an HTML 502 from a proxy into kind "parse" with the status, after retrying the GET', async () => {
    const sb = await newSandbox({ faults: { htmlErrorRate: 1 } });
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' }, { retry: FAST_RETRY });
    const err = await caught(api.flowRuns.get(sb.seed.runs.finished[0]));
    expect(err.kind).to.equal('parse');
    expect(err.status).to.equal(502);
    expect(err.message).to.contain('text/html');
    expect((await sb.requests()).length).to.equal(1 + FAST_RETRY.limit);
  });

  it('turns a dropped connection into kind "network"', async () => {
    const sb = await newSandbox({ faults: { dropRate: 1 } });
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' }, { retry: FAST_RETRY });
    const err = await caught(api.flowRuns.get(sb.seed.runs.finished[0]));
    expect(err.kind).to.equal('network');
    expect(err.status).to.equal(undefined);
    expect(err.message).to.match(/Could not reach the Recrubo API/);
  });

  it('turns a timeout into kind "timeout"', async () => {
    const sb = await newSandbox({ faults: { latencyMs: 600 } });
    const api = createApi(
      { baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' },
      { retry: { ...FAST_RETRY, limit: 0 } },
    );
    const err = await caught(api.flowRuns.get(sb.seed.runs.finished[0], { timeout: 100 }));
    expect(err.kind).to.equal('timeout');
    expect(err.message).to.contain('100 ms');
  });

  it('turns an abort into kind "aborted"', async () => {
    const sb = await newSandbox({ faults: { latencyMs: 300 } });
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' });
    const controller = new AbortController();
    const pending = api.flowRuns.get(sb.seed.runs.finished[0], { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await caught(pending)).kind).to.equal('aborted');
  });

  it('never shows the key or token: not in the message, the JSON form or the URL', async () => {
    const sb = await newSandbox();
    const secret = 'sk_live_this-must-not-leak-42';
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: secret, lang: 'en' });
    const err = await caught(api.flowRuns.get(sb.seed.runs.finished[0]));
    expect(err.kind).to.equal('auth');
    expect(err.status).to.equal(401);
    const everything = [err.message, JSON.stringify(err), err.url, String(err), err.stack ?? ''].join('\n');
    expect(everything).not.to.contain(secret);

    const tokenApi = createApi({ baseUrl: sb.baseUrl, tokenProvider: async () => secret, lang: 'en' });
    const err2 = await caught(tokenApi.flowRuns.get(sb.seed.runs.finished[0]));
    expect([err2.message, JSON.stringify(err2), String(err2)].join('\n')).not.to.contain(secret);
  });

  it('scrubs a secret that a server echoes back in its detail', () => {
    const err = new RecruboApiError({
      kind: 'http',
      message: 'failed with Bearer abc.def.ghi',
      errors: [{ detail: 'bad key sandbox-secret-1' }],
      url: 'https://user:pw@api.example/public/v2/flow-runs?api_key=sandbox-secret-1',
      secrets: ['sandbox-secret-1'],
    });
    const json = JSON.stringify(err);
    expect(json).not.to.contain('sandbox-secret-1');
    expect(json).not.to.contain('abc.def.ghi');
    expect(json).not.to.contain('pw@');
  });
});
