// Checking a POST/PATCH body (read by guard.ts with a byte cap and a deadline). The body is checked for depth,
// parsed, checked against the operation's rule, and then re-serialised: the upstream receives exactly the document
// that was checked, so a trick such as a duplicated key (`{"status":"x","status":"y"}`, where parsers
// disagree on which one wins) cannot smuggle a different value past the check.

import type { ErrorSource } from './errors.ts';
import { DEFAULT_MAX_DEPTH, jsonDepth } from './guard.ts';
import type { BodyRule } from './operations.ts';

export type CheckResult =
  | { document: unknown }
  | { malformed: string; source?: ErrorSource }
  /** `value`: the member is allowed, the value it was given is not. */
  | { refused: ErrorSource; value?: true };

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
  // Counted before parsing: a document nested thousands deep parses, but re-serialising it would throw (a 500).
  if (jsonDepth(text, DEFAULT_MAX_DEPTH) > DEFAULT_MAX_DEPTH) {
    return { malformed: `The request body is nested deeper than ${DEFAULT_MAX_DEPTH} levels` };
  }
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
  for (const [name, value] of Object.entries(data.attributes)) {
    const pointer = `/data/attributes/${escapePointer(name)}`;
    if (!rule.attributes.includes(name)) return { refused: { pointer } };
    const allowed = rule.values && Object.hasOwn(rule.values, name) ? rule.values[name] : undefined;
    if (allowed !== undefined && !valueAllowed(value, allowed)) return { refused: { pointer }, value: true };
  }
  return { document: parsed };
}

/** A list of allowed values, compared as JSON (so `[{}]` accepts an empty object only), or a predicate. */
function valueAllowed(value: unknown, allowed: NonNullable<BodyRule['values']>[string]): boolean {
  if (typeof allowed === 'function') return allowed(value);
  const text = canonical(value);
  return allowed.some((candidate) => canonical(candidate) === text);
}

/** JSON with sorted keys: `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same value. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
