// Issue #12.2: a server that reflects the key. RecruboApiError used to scrub only message, title and detail, so
// the key came back in `code`, `pointer`, `field` and `errors[].detailObject` of the `recrubo-error` detail. Here
// a real HTTP server puts the Authorization it received into every member of its error document (and into keys),
// and nothing the error carries may contain it.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createApi } from '../../../src/api/index.ts';
import { RecruboApiError, scrubSecrets } from '../../../src/api/errors.ts';

const KEY = 'live-reflected-key-4711';
const RUN = '11111111-1111-4111-8111-111111111111';

let server: Server;
let baseUrl: string;
let status = 422;

before(async () => {
  server = createServer((req, res) => {
    const auth = String(req.headers.authorization); // "Bearer live-reflected-key-4711"
    const key = auth.replace(/^Bearer /, '');
    res.writeHead(status, { 'content-type': 'application/vnd.api+json' });
    res.end(
      JSON.stringify({
        errors: [
          {
            status: String(status),
            code: `bad_${key}`,
            title: `Rejected ${key}`,
            detail: `You sent ${auth}`,
            source: { pointer: `/data/attributes/${key}`, parameter: key },
          },
          {
            status: String(status),
            code: key,
            detail: {
              message: `Meta says ${key}`,
              error_user_msg: `no ${key}`,
              nested: { deeper: [{ [key]: key }], header: auth },
            },
            source: { parameter: `filter[${key}]` },
          },
        ],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/public/v2`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failure(): Promise<RecruboApiError> {
  const api = createApi({ baseUrl, apiKey: KEY, lang: 'en' }, { retry: { limit: 0, baseDelay: 1, maxDelay: 1 } });
  try {
    await api.flowRuns.get(RUN);
  } catch (error) {
    assert.ok(error instanceof RecruboApiError);
    return error;
  }
  throw new Error('expected a rejection');
}

describe('RecruboApiError scrubs every member', () => {
  for (const code of [422, 500]) {
    test(`a ${code} that reflects the key everywhere: the key is in no member, at no depth`, async () => {
      status = code;
      const error = await failure();
      const everything = JSON.stringify({
        json: error.toJSON(),
        errors: error.errors,
        fieldErrors: error.fieldErrors,
        message: error.message,
        stack: error.stack,
      });
      assert.ok(!everything.includes(KEY), `the key leaked: ${everything}`);
      // What was around it survives, so the error is still useful.
      assert.equal(error.errors.length, 2);
      assert.equal(error.code, 'bad_[redacted]');
      assert.equal(error.pointer, '/data/attributes/[redacted]');
      assert.equal(error.field, '[redacted]');
      assert.equal((error.errors[1]!.detailObject as { message: string }).message, 'Meta says [redacted]');
    });
  }

  test('scrubSecrets walks strings, keys and arrays; numbers pass; very deep values are cut', () => {
    const out = scrubSecrets({ a: [`x${KEY}`, 3, true, null], [KEY]: { b: `Bearer anything` } }, [KEY]);
    assert.deepEqual(out, { a: ['x[redacted]', 3, true, null], '[redacted]': { b: 'Bearer [redacted]' } });
    let deep: unknown = KEY;
    for (let i = 0; i < 100; i++) deep = [deep];
    assert.ok(!JSON.stringify(scrubSecrets(deep, [KEY])).includes(KEY));
  });
});
