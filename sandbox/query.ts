/** `filter[...]`, `sort`, `page[...]` and `include` of a list request (JSON:API style, as sandbox.md fixes it). */
import { badRequest, type ErrorEntry } from './errors.ts';
import type { Rec, TypeName } from './store.ts';
import type { ResourceDef } from './resources.ts';
import { resourceDef } from './resources.ts';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export interface ListQuery {
  filters: [attr: string, values: string[]][];
  sort: { attr: string; desc: boolean }[];
  page: { number: number; size: number };
}

export interface ListPage {
  records: Rec[];
  meta: { total: number; totalUnfiltered: number; currentSize: number; currentPage: number; maxPage: number };
}

const valueOf = (rec: Rec, attr: string): unknown =>
  attr === 'id'
    ? rec.id
    : attr === 'createdAt'
      ? rec.createdAt
      : attr === 'updatedAt'
        ? rec.updatedAt
        : rec.attrs[attr];

const known = (def: ResourceDef, attr: string) =>
  attr === 'id' || attr === 'createdAt' || attr === 'updatedAt' || def.attributes.includes(attr);

function positiveInt(raw: string | null, fallback: number): number | null {
  if (raw === null) return fallback;
  return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : null;
}

export function parseListQuery(
  params: URLSearchParams,
  def: ResourceDef,
  opts: { rejectIdFilter: boolean },
): ListQuery | ErrorEntry {
  const filters: ListQuery['filters'] = [];
  for (const [key, value] of params) {
    if (!key.startsWith('filter[')) continue;
    const m = /^filter\[([^\]]+)\]$/.exec(key);
    if (!m)
      return badRequest(`Unsupported filter ${key}: only filter[attribute]=value is supported`, { parameter: key });
    const attr = m[1] as string;
    if (!known(def, attr) || (attr === 'id' && opts.rejectIdFilter)) {
      return badRequest(`Filtering ${def.path.slice(1)} by ${attr} is not supported`, { parameter: key });
    }
    filters.push([attr, value.split(',')]);
  }
  const sort: ListQuery['sort'] = [];
  for (const part of (params.get('sort') ?? '').split(',').filter(Boolean)) {
    const desc = part.startsWith('-');
    const attr = desc ? part.slice(1) : part;
    if (!known(def, attr)) return badRequest(`Sorting by ${attr} is not supported`, { parameter: 'sort' });
    sort.push({ attr, desc });
  }
  const number = positiveInt(params.get('page[number]'), 1);
  const size = positiveInt(params.get('page[size]'), DEFAULT_PAGE_SIZE);
  if (number === null) return badRequest('page[number] must be a positive integer', { parameter: 'page[number]' });
  if (size === null) return badRequest('page[size] must be a positive integer', { parameter: 'page[size]' });
  return { filters, sort, page: { number, size: Math.min(size, MAX_PAGE_SIZE) } };
}

const asText = (v: unknown): string =>
  v === null || v === undefined ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v);

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1; // nulls last
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return asText(a).localeCompare(asText(b));
}

export function applyListQuery(all: Rec[], q: ListQuery): ListPage {
  const filtered = all.filter((rec) =>
    q.filters.every(([attr, values]) => values.includes(asText(valueOf(rec, attr)))),
  );
  const sorted = q.sort.length
    ? [...filtered].sort((a, b) => {
        for (const { attr, desc } of q.sort) {
          const c = compare(valueOf(a, attr), valueOf(b, attr));
          if (c !== 0) return desc ? -c : c;
        }
        return 0;
      })
    : filtered;
  const { number, size } = q.page;
  return {
    records: sorted.slice((number - 1) * size, number * size),
    meta: {
      total: filtered.length,
      totalUnfiltered: all.length,
      currentSize: size,
      currentPage: number,
      maxPage: Math.max(1, Math.ceil(filtered.length / size)),
    },
  };
}

/** `include=a,b.c` → paths of relationship names, each step checked against the resource's `includes`. */
export function parseInclude(params: URLSearchParams, def: ResourceDef): string[][] | ErrorEntry {
  const raw = params.get('include');
  if (!raw) return [];
  const paths: string[][] = [];
  for (const path of raw.split(',').filter(Boolean)) {
    const segments = path.split('.');
    let current: ResourceDef | undefined = def;
    for (const seg of segments) {
      const target: TypeName | undefined = current?.includes?.[seg];
      if (!target) return badRequest(`Cannot include ${path} on ${def.path.slice(1)}`, { parameter: 'include' });
      current = resourceDef(target);
    }
    paths.push(segments);
  }
  return paths;
}
