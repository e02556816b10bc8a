// Reading and checking a POST/PATCH body. The body is read with a hard byte limit (Content-Length can be absent or
// wrong), parsed, checked against the operation's rule, and then re-serialised: the upstream receives exactly the
// document that was checked, so a trick such as a duplicated key (`{"status":"x","status":"y"}`, where parsers
// disagree on which one wins) cannot smuggle a different value past the check.

import type { ErrorSource } from './errors.ts';
import type { BodyRule } from './operations.ts';

export type ReadResult = { text: string } | { tooLarge: true } | { invalid: true };

export async function readBody(request: Request, limit: number): Promise<ReadResult> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return { tooLarge: true };
  if (!request.body) return { text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { invalid: true };
  }
}

export type CheckResult =
  | { document: unknown }
  | { malformed: string; source?: ErrorSource }
  | { refused: ErrorSource };

/** RFC 6901: `~` and `/` inside a name would otherwise change the pointer's meaning. */
function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON:API document `{ data: { type, id?, attributes } }` whose type and attribute names the rule allows.
 * `pathId` is the id in the URL (PATCH): a `data.id` must agree with it.
 */
export function checkDocument(text: string, rule: BodyRule, pathId: string | undefined): CheckResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { malformed: 'The request body is not JSON' };
  }
  if (!isObject(parsed) || !isObject(parsed.data)) {
    return { malformed: 'The request body must be a JSON:API document with data', source: { pointer: '/data' } };
  }
  for (const key of Object.keys(parsed)) {
    if (key !== 'data') return { refused: { pointer: `/${key}` } };
  }
  const data = parsed.data;
  for (const key of Object.keys(data)) {
    if (key !== 'type' && key !== 'id' && key !== 'attributes') return { refused: { pointer: `/data/${key}` } };
  }
  if (data.type !== rule.type) return { refused: { pointer: '/data/type' } };
  if (pathId === undefined ? 'id' in data : 'id' in data && data.id !== pathId) {
    return { refused: { pointer: '/data/id' } };
  }
  if (!isObject(data.attributes)) {
    return { malformed: 'The request body must have data.attributes', source: { pointer: '/data/attributes' } };
  }
  for (const name of Object.keys(data.attributes)) {
    if (!rule.attributes.includes(name)) return { refused: { pointer: `/data/attributes/${escapePointer(name)}` } };
  }
  return { document: parsed };
}
