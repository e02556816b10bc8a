/** Shared by the sandbox's Node tests: a real server on port 0, fetch helpers and the JSON:API schema check. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { startSandboxServer, type RunningSandbox, type StartOptions } from '../../../sandbox/node.ts';

export const KEY = 'sandbox-key';
export const JSONAPI = 'application/vnd.api+json';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function start(options: StartOptions = {}): Promise<RunningSandbox> {
  return startSandboxServer({ port: 0, speed: 1000, ...options });
}

const schema = JSON.parse(
  readFileSync(new URL('../fixtures/jsonapi-1.0-response.schema.json', import.meta.url), 'utf8'),
);
// strict: false because the schema uses the draft-07 `dependencies` keyword; `uri` accepts the host-relative
// links that Recrubo documents (JSON:API allows URI references).
const ajv = new Ajv2020({ strict: false, allErrors: true, formats: { uri: true } });
const validate = ajv.compile(schema);

/**
 * Validates a response body against the JSON:API 1.0 response schema. The one documented exception: Recrubo
 * shows an empty to-one relationship as `links: {related: null}`, which the schema does not allow; such links are
 * checked here (null only, nothing else odd) and removed before the schema check.
 */
export function assertJsonApi(body: unknown): void {
  const copy = structuredClone(body) as Record<string, unknown>;
  const resources = [copy.data, copy.included]
    .flat()
    .filter((r): r is Record<string, unknown> => !!r && typeof r === 'object');
  for (const r of resources) {
    for (const rel of Object.values((r.relationships ?? {}) as Record<string, { links?: Record<string, unknown> }>)) {
      if (rel.links && rel.links.related === null) delete rel.links.related;
    }
  }
  const ok = validate(copy);
  assert.ok(ok, `not a JSON:API response: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 400)}`);
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** A request with the key (unless `auth` is given), checking every JSON:API answer against the schema. */
export async function call(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; auth?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: JSONAPI, ...init.headers };
  const auth = init.auth === undefined ? `Bearer ${KEY}` : init.auth;
  if (auth !== null) headers.authorization = auth;
  let body: string | undefined;
  if (init.body !== undefined) {
    headers['content-type'] = JSONAPI;
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  }
  const res = await fetch(base + path, { method: init.method ?? 'GET', headers, body });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.includes('json') && text ? JSON.parse(text) : undefined;
  if (type.startsWith(JSONAPI)) assertJsonApi(parsed);
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** The control endpoint of a tenant. */
export async function control(url: string, tenant: string, body: unknown): Promise<any> {
  const res = await fetch(`${url}/__sandbox/${tenant}/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200);
  return res.json();
}

export const error422 = (detail: string, pointer = '/data/relationships/parameter') => ({
  code: 'unprocessable_entity',
  status: '422',
  title: 'Validation Error',
  detail,
  source: { pointer },
});
