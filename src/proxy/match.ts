// Turning a browser's request line into an allowed operation and a clean query string. Everything is matched
// against a strict grammar instead of being cleaned up: what does not fit exactly is refused, so no encoding
// trick (`..`, `%2F`, `%00`, double slashes) can reach an upstream path the allow-list did not name.

import type { ErrorSource } from './errors.ts';
import type { FilterRule, Operation } from './operations.ts';

export interface Target {
  /** Path relative to the API root, e.g. `/flow-runs/<id>`; used in messages. */
  path: string;
  resource: string;
  id?: string;
}

// The URL parser has already resolved `.`/`..` segments; a percent sign, dot or anything unusual left in a
// segment is refused here rather than decoded, because a decoded `%2F` would become a new path segment upstream.
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const RESOURCE = /^[a-z][a-z0-9-]*$/;

/** `'/recrubo/'` → `'/recrubo'`, `''` → `''`. */
export function normalizeBasePath(basePath: string | undefined): string {
  if (!basePath || basePath === '/') return '';
  const withSlash = basePath.startsWith('/') ? basePath : `/${basePath}`;
  return withSlash.replace(/\/+$/, '');
}

/** The part of `pathname` below `basePath`, or undefined when the request is not for this handler at all. */
export function relativePath(pathname: string, basePath: string): string | undefined {
  if (!basePath) return pathname;
  if (pathname === basePath) return '/';
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined;
}

/** `/flow-runs/<id>` → target, or undefined when the path does not fit `/<resource>[/<id>]`. */
export function parseTarget(path: string): Target | undefined {
  const segments = path.split('/').slice(1); // path starts with '/'
  if (segments.length < 1 || segments.length > 2) return undefined;
  if (!segments.every((s) => SEGMENT.test(s))) return undefined;
  const [resource, id] = segments as [string, string | undefined];
  if (!RESOURCE.test(resource)) return undefined;
  return id === undefined ? { path, resource } : { path, resource, id };
}

/** Operations that fit the target's shape, whatever their method (for preflight's allowed methods). */
export function operationsForTarget(allow: readonly Operation[], target: Target): Operation[] {
  return allow.filter(
    (op) =>
      op.resource === target.resource &&
      (target.id === undefined ? op.id === undefined : op.id !== undefined && op.id.test(target.id)),
  );
}

export type QueryResult = { query: URLSearchParams } | { refused: ErrorSource };

const FILTER_KEY = /^filter\[([A-Za-z0-9_]+)\]$/;
const FILTER_KEY_WITH_OPERATOR = /^filter\[[A-Za-z0-9_]+\](\[[A-Za-z]+\])?$/;
const PAGE_KEY = /^page\[[A-Za-z]+\]$/;
const PAGE_VALUE = /^[A-Za-z0-9_-]{1,100}$/;
const SORT = /^-?[A-Za-z][A-Za-z0-9_.]*(,-?[A-Za-z][A-Za-z0-9_.]*)*$/;
const SYNC = /^(true|false)$/;

/**
 * Keeps only the JSON:API parameters (`filter[...]`, `include`, `page[...]`, `sort`) and `sync`, checked against
 * the operation. Other parameters (cache busters and the like) are dropped, not forwarded. A parameter given twice
 * is refused: different servers pick the first or the last, and the proxy must check the one that is used.
 */
export function buildQuery(op: Operation, params: URLSearchParams): QueryResult {
  const query = new URLSearchParams();
  const seen = new Set<string>();
  for (const [key, value] of params) {
    const passes =
      key.startsWith('filter[') || key === 'include' || PAGE_KEY.test(key) || key === 'sort' || key === 'sync';
    if (!passes) continue;
    if (seen.has(key)) return { refused: { parameter: key } };
    seen.add(key);
    const ok = key.startsWith('filter[')
      ? filterAllowed(op, key, value)
      : key === 'include'
        ? includeAllowed(op, value)
        : key === 'sort'
          ? SORT.test(value)
          : key === 'sync'
            ? SYNC.test(value)
            : PAGE_VALUE.test(value);
    if (!ok) return { refused: { parameter: key } };
    query.append(key, value);
  }
  if (op.filters && op.filters !== 'any') {
    for (const [name, rule] of Object.entries(op.filters)) {
      if (rule.required && !seen.has(`filter[${name}]`)) return { refused: { parameter: `filter[${name}]` } };
    }
  }
  return { query };
}

function filterAllowed(op: Operation, key: string, value: string): boolean {
  if (op.filters === 'any') return FILTER_KEY_WITH_OPERATOR.test(key);
  const name = FILTER_KEY.exec(key)?.[1];
  // hasOwn, not `in` or a lookup: `filter[__proto__]` or `filter[constructor]` must not find a rule.
  if (name === undefined || !op.filters || !Object.hasOwn(op.filters, name)) return false;
  return valuesFit(op.filters[name]!, value);
}

function valuesFit(rule: FilterRule, value: string): boolean {
  const values = value.split(',');
  if (values.some((v) => v === '')) return false;
  if (rule.max !== undefined && values.length > rule.max) return false;
  return rule.value ? values.every((v) => rule.value!.test(v)) : true;
}

function includeAllowed(op: Operation, value: string): boolean {
  const names = value.split(',');
  return names.every((name) => op.include?.includes(name) ?? false);
}
