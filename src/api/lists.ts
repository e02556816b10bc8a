// Lists in the live store (store.ts): the items of one JSON:API query (a thread's messages, the inbox's
// conversations), followed with the same pacing, backoff and push path as single resources. This file is how a
// list is read and merged; the store keeps the entries, their watchers and their timers. Two ways to read one:
// - whole (the default): every poll reads the query again (every page, or the one page the query names) and the
//   list is what the server says;
// - a log (`newest` set): a list that only grows (messages). The first load reads every page, later polls read the
//   newest page (`sort=<newest>`) and merge it by id, reading on while a page holds nothing known yet.
import type { RecruboApiError } from './errors.js';
import type { Resource } from './resource.js';
import type { ListQuery } from './types.js';
import type { WatchOptions } from './watchers.js';

export interface ListSnapshot<T> {
  /** In the list's order (`order`, else the server's). A new array whenever something in it changed. */
  items: readonly T[];
  loading: boolean;
  /** The last poll failed (the items are the last known ones). */
  error?: RecruboApiError;
  /** When the list was last read (epoch ms). */
  fetchedAt?: number;
}

export type ListListener<T> = (snapshot: ListSnapshot<T>) => void;

/** What a list is; taken from the watcher that makes the entry (the same query is the same list). */
export interface ListBehaviour<T> {
  /** A log: the sort that puts the newest first (`-createdAt`); polls read only the newest page. */
  newest?: string;
  /** How a newer copy of an item joins the one shown (messages: a delivery status only moves forward). */
  merge?: (previous: T | undefined, next: T) => T;
  /** The order to show (default: the server's). */
  order?: (items: T[]) => T[];
  /** The resource the list belongs to (a thread for its messages): its push announcement refreshes the list. */
  parent?: { type: string; id: string };
  /**
   * The push stream announces every change of the list itself (a new item too), so polling may slow to the safety
   * net while the stream is healthy, like a single resource. Default false: the stream announces only the items
   * the page knows and the parent, so the list keeps its pace to find new items.
   */
  announced?: boolean;
}

export interface ListWatchOptions<T> extends WatchOptions, ListBehaviour<T> {}

type Item = { id: string };

export interface ListState<T extends Item = Item> {
  type: string;
  query: ListQuery;
  behaviour: ListBehaviour<T>;
  byId: Map<string, T>;
  items: T[];
  /** JSON of `items` (whole lists: an unchanged answer changes nothing). */
  json?: string;
  loaded: boolean;
}

/** A poll of a log reads pages of this size, newest first. */
const POLL_PAGE = 50;
/** …and at most this many while every page is new (more new items than that: the next poll goes on). */
const MAX_CATCH_UP_PAGES = 10;

/** The entry key of a query: the same filter, sort, include and page in any key order is the same list. */
export function listKey(type: string, query: ListQuery): string {
  return `${type}?${JSON.stringify(query, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  )}`;
}

/** Reads what the list needs now; true when something visible changed. */
export async function readList<T extends Item>(
  state: ListState<T>,
  resource: Resource<T>,
  signal: AbortSignal,
): Promise<boolean> {
  const opts = { signal, retry: false }; // the next poll is the retry
  const { query } = state;
  const { newest } = state.behaviour;
  if (!newest) {
    const items = query.page ? (await resource.list(query, opts)).items : await resource.listAll(query, opts);
    state.loaded = true;
    return replaceItems(state, items);
  }
  if (!state.loaded) {
    const all = await resource.listAll(query, opts);
    state.loaded = true;
    return addItems(state, all);
  }
  let changed = false;
  for (let number = 1; number <= MAX_CATCH_UP_PAGES; number++) {
    const page = await resource.list({ ...query, sort: newest, page: { number, size: POLL_PAGE } }, opts);
    const anyKnown = page.items.some((m) => state.byId.has(m.id));
    changed = addItems(state, page.items) || changed;
    if (anyKnown || page.items.length < POLL_PAGE) break;
  }
  return changed;
}

/** Merges items by id (new ones join, known ones are merged); true when something visible changed. */
export function addItems<T extends Item>(state: ListState<T>, incoming: readonly T[]): boolean {
  const merge = state.behaviour.merge ?? ((_p: T | undefined, n: T) => n);
  let changed = false;
  let added = false;
  for (const item of incoming) {
    if (!item?.id) continue;
    const previous = state.byId.get(item.id);
    const merged = merge(previous, item);
    if (previous && JSON.stringify(previous) === JSON.stringify(merged)) continue;
    state.byId.set(item.id, merged);
    changed = true;
    if (!previous) added = true;
  }
  if (changed) {
    // A new array, so that elements can compare by identity; re-ordered only when an item was added.
    const order = state.behaviour.order ?? ((items: T[]) => items);
    state.items = added ? order([...state.byId.values()]) : state.items.map((m) => state.byId.get(m.id)!);
  }
  return changed;
}

function replaceItems<T extends Item>(state: ListState<T>, items: T[]): boolean {
  const json = JSON.stringify(items);
  if (json === state.json) return false;
  state.json = json;
  state.byId = new Map(items.map((item) => [item.id, item]));
  state.items = state.behaviour.order ? state.behaviour.order([...items]) : items;
  return true;
}

/** Whether a resource the page just got (a POST's answer) belongs in a log: every filter of the query matches it. */
export function belongsTo(state: ListState, item: Record<string, unknown>): boolean {
  if (!state.behaviour.newest) return false; // a whole list shows what the server says, at its next read
  return Object.entries(state.query.filter ?? {}).every(([name, value]) =>
    Array.isArray(value) ? value.map(String).includes(String(item[name])) : String(item[name]) === String(value),
  );
}
