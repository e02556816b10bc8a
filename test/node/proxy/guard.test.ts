// The shared server-side guards (src/proxy/guard.ts) on their own, with real Requests and streams: the proxy,
// apply, the webhook receiver and the event stream all rely on exactly these.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  SECURITY_HEADERS,
  checkApiKey,
  compileOriginCheck,
  jsonApiError,
  jsonContainsSecret,
  jsonDepth,
  parseJson,
  readRequestJson,
  readRequestText,
  scrubValue,
  secureResponse,
} from '../../../src/proxy/guard.ts';

const limits = { maxBytes: 1024, deadlineMs: 2000 };

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request('http://proxy.test/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

/** A body that sends one chunk and then nothing, never ending: a slow-drip client. */
function drip(first: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
  });
}

describe('reading bodies', () => {
  test('text within the limits is read', async () => {
    assert.deepEqual(await readRequestText(post('{"a":1}'), limits), { text: '{"a":1}' });
  });

  test('over the cap → 413, declared or not', async () => {
    const declared = await readRequestText(post('x'.repeat(10), { 'content-length': '5000' }), limits);
    assert.equal('error' in declared && declared.error.status, 413);
    const streamed = await readRequestText(post(drip('x'.repeat(2000))), limits);
    assert.equal('error' in streamed && streamed.error.status, 413);
  });

  test('a body that never ends → 408 after the deadline, not a hang', async () => {
    const started = Date.now();
    const result = await readRequestText(post(drip('{"data":')), { maxBytes: 1024, deadlineMs: 200 });
    assert.equal('error' in result && result.error.status, 408);
    assert.equal('error' in result && result.error.code, 'request_timeout');
    assert.ok(Date.now() - started < 5000);
  });

  test('bytes that are not UTF-8 → 400', async () => {
    const result = await readRequestText(post(new Uint8Array([0x7b, 0xff, 0x7d])), limits);
    assert.equal('error' in result && result.error.status, 400);
  });
});

describe('JSON with a nesting limit', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

  test('depth is counted outside strings only', () => {
    assert.equal(jsonDepth('{"a":[1,{"b":"[[[[{{{{"}]}'), 3);
    assert.equal(jsonDepth('"\\"[[["'), 0);
    assert.equal(jsonDepth(deep(4200)), 4200);
  });

  test('4,200 levels (the finding: parsed, stored, never serialisable) → 400 bad_request', async () => {
    const result = parseJson(deep(4200));
    assert.ok('error' in result);
    assert.equal(result.error.status, 400);
    assert.match(result.error.detail, /nested deeper than 32/);
    const read = await readRequestJson(post(`{"data":${deep(100)}}`), { ...limits, maxBytes: 10_000 });
    assert.ok('error' in read && read.error.status === 400);
  });

  test('ordinary documents pass; not-JSON → 400', () => {
    assert.deepEqual(parseJson('{"data":{"attributes":{"state":{}}}}'), {
      value: { data: { attributes: { state: {} } } },
    });
    const bad = parseJson('{nope');
    assert.ok('error' in bad && bad.error.status === 400);
  });
});

describe('origins from configuration, never from Host', () => {
  test('allowedOrigins and publicOrigin are allowed; no Origin is allowed; anything else is not', () => {
    const allowed = compileOriginCheck(
      { allowedOrigins: ['https://ats.example'], publicOrigin: 'https://api.ats.example' },
      'test',
    );
    assert.equal(allowed('https://ats.example'), true);
    assert.equal(allowed('https://api.ats.example'), true);
    assert.equal(allowed(null), true);
    assert.equal(allowed('https://evil.example'), false);
    assert.equal(allowed('null'), false);
  });

  test('a bad entry fails at start-up, naming the handler and the option', () => {
    assert.throws(
      () => compileOriginCheck({ publicOrigin: 'https://x.example/path' }, 'createThing'),
      /createThing: publicOrigin entry/,
    );
    assert.throws(
      () => compileOriginCheck({ allowedOrigins: ['*'] }, 'createThing'),
      /createThing: allowedOrigins entry/,
    );
  });
});

describe('answers', () => {
  test('jsonApiError is a JSON:API document with the security headers', async () => {
    const res = jsonApiError(429, 'too_many_requests', 'Too Many Requests', 'Try again later', {
      headers: { 'retry-after': '5' },
    });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('content-type'), 'application/vnd.api+json');
    assert.equal(res.headers.get('retry-after'), '5');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) assert.equal(res.headers.get(name), value);
    assert.deepEqual(await res.json(), {
      errors: [{ status: '429', code: 'too_many_requests', title: 'Too Many Requests', detail: 'Try again later' }],
    });
  });

  test('secureResponse adds the headers to any answer', () => {
    const res = secureResponse(new Response('{}', { headers: { 'content-type': 'application/json' } }));
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(res.headers.get('content-type'), 'application/json');
  });
});

describe('secrets', () => {
  const KEY = 'live-key-0123456789';

  test('a key with CR, LF, NUL, space or non-ASCII is refused at start-up without the key in the message', () => {
    for (const bad of [`${KEY}\n`, `${KEY}\r\nX-Evil: 1`, `${KEY}\0`, `Bearer ${KEY}`, `${KEY}é`, `${KEY}\t`]) {
      assert.throws(
        () => checkApiKey(bad, 'createRecruboProxy'),
        (error: Error) => {
          assert.match(
            error.message,
            /createRecruboProxy: apiKey contains a character that cannot be sent in an HTTP header/,
          );
          assert.ok(!error.message.includes(KEY), 'the message does not contain the key');
          return true;
        },
      );
    }
    assert.throws(() => checkApiKey('', 'x'), /apiKey is required/);
    assert.equal(checkApiKey(KEY, 'x'), KEY);
  });

  test('jsonContainsSecret sees the key plainly and behind JSON escapes', () => {
    assert.equal(jsonContainsSecret(`{"echo":"Bearer ${KEY}"}`, KEY), true);
    assert.equal(jsonContainsSecret('{"echo":"\\u006cive-key-0123456789"}', KEY), true);
    assert.equal(jsonContainsSecret('{"echo":"nothing"}', KEY), false);
  });

  test('scrubValue replaces the key in every string and key, at any depth', () => {
    const scrubbed = scrubValue({ a: KEY, b: [{ [KEY]: `x${KEY}y` }], c: 3, d: null }, [KEY]);
    assert.ok(!JSON.stringify(scrubbed).includes(KEY));
    assert.deepEqual(scrubbed, { a: '[redacted]', b: [{ '[redacted]': 'x[redacted]y' }], c: 3, d: null });
  });
});
