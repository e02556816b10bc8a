// Lists in the live store (store.ts): the items of one JSON:API query (a thread's messages, the inbox's
// conversations), followed with the same pacing, backoff and push path as single resources. This file is the list
// kind of the engine's entries (live.ts) and `watchList(store, …)`: how a list is read, merged and shown; the
// engine keeps the entries, their watchers and their timers. Two ways to read one:
// - whole (the default): every poll reads the query again (every page, or the one page the query names) and the
//   list is what the server says;
// - a log (`newest` set): a list that only grows (messages). The first load reads every page, later polls read the
//   newest page (`sort=<newest>`) and merge it by id, reading on while a page holds nothing known yet.
import { isNotFoundError, type RecruboApiError } from './errors.js';
import { newEntry, type EntryKind, type LiveEntry, type Verdict } from './live.js';
import type { PushedChange } from './push-change.js';
import { resource, type Resource } from './resource.js';
import type { ResourceStore } from './store.js';
import type { ListQuery } from './types.js';
import { toApiError, type WatchOptions } from './watchers.js';

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

interface ListEntry extends LiveEntry {
  store: ResourceStore;
  list: ListState;
  resource: Resource<Item>;
  /** The item ids whose push announcements it follows. */
  pushed: Set<string>;
}

/** A list follows the push announcements of at most this many of its items (the newest). */
const PUSHED_ITEMS = 100;

/**
 * Follows a list: the items of `query` on `type`'s endpoint (`filter`, `sort`, `include`; every page, or the one
 * `page` named), with the same pacing, backoff and push path as a resource. `opts` also says what the list is (a
 * log with `newest`, `merge`, `order`; its `parent`; `announced`), taken from the watcher that makes the entry.
 * Returns the unsubscribe.
 */
export function watchList<T extends Item>(
  store: ResourceStore,
  type: string,
  query: ListQuery,
  listener: ListListener<T>,
  opts: ListWatchOptions<T> = {},
): () => void {
  const key = `list:${listKey(type, query)}`;
  let entry = store.entries.get(key);
  const created = !entry;
  if (!entry) {
    const { interval: _i, poll: _p, ...behaviour } = opts;
    const made: ListEntry = {
      ...newEntry(LIST, key, !!opts.announced),
      store,
      list: { type, query, behaviour: behaviour as ListBehaviour<Item>, byId: new Map(), items: [], loaded: false },
      resource: resource({ client: store.client }, type),
      pushed: new Set(),
    };
    if (opts.parent) store.push?.watch(opts.parent.type, opts.parent.id);
    entry = made;
  }
  return store.subscribe(entry, created, listener as (s: never) => void, opts);
}

/** Read the list now (ignores the polling schedule). */
export function refreshList(store: ResourceStore, type: string, query: ListQuery): void {
  const entry = store.entries.get(`list:${listKey(type, query)}`);
  if (entry && !entry.fetching) entry.kind.fetch(entry);
}

/** The current snapshot, without subscribing. */
export function peekList<T>(store: ResourceStore, type: string, query: ListQuery): ListSnapshot<T> | undefined {
  const entry = store.entries.get(`list:${listKey(type, query)}`);
  return entry ? (entry.kind.snapshot(entry) as ListSnapshot<T>) : undefined;
}

/** The list kind of entries (live.ts). */
const LIST: EntryKind<ListEntry> = {
  fetch: (entry) => void fetchList(entry),
  finished: () => false,
  loaded: (entry) => entry.list.loaded,
  snapshot: (entry) => {
    const snap: ListSnapshot<Item> = { items: entry.list.items, loading: entry.loading };
    if (entry.error) snap.error = entry.error;
    if (entry.fetchedAt !== undefined) snap.fetchedAt = entry.fetchedAt;
    return snap;
  },
  forget: (entry) => {
    const parent = entry.list.behaviour.parent;
    if (parent) entry.store.push?.unwatch(parent.type, parent.id);
    for (const id of entry.pushed) entry.store.push?.unwatch(entry.list.type, id);
  },
  // Read again (coalesced) when it belongs to it (a thread's messages when the thread changed: a new message); an
  // item it holds takes its status from the event (a message's delivery status), or is read again.
  changed: (entry, change, verdict) => {
    if (![...entry.subs].some((s) => s.poll)) return;
    const parent = entry.list.behaviour.parent;
    if (parent?.type === change.type && parent.id === change.id) return entry.store.refetch(entry);
    const what = itemChange(entry.list, change, verdict);
    if (what === 'refetch') entry.store.refetch(entry);
    else if (what === 'applied') entry.store.notify(entry);
  },
  // A POST's or PATCH's answer joins the list that holds it, and a log whose filter it matches (a sent message).
  put: (entry, type, item) => {
    if (entry.list.type !== type) return;
    if (!entry.list.byId.has(item.id) && !belongsTo(entry.list, item)) return;
    if (!addItems(entry.list, [item])) return;
    entry.list.json = undefined;
    watchItems(entry);
    entry.store.notify(entry);
  },
};

/**
 * A change of an item the list holds: its status taken from the event into the list's copy (a message's
 * `deliveryStatus`) when newer; `refetch` when only the server can tell; `none` when not held or old.
 */
function itemChange(list: ListState, change: PushedChange, verdict: Verdict): 'applied' | 'refetch' | 'none' {
  if (list.type !== change.type) return 'none';
  const item = list.byId.get(change.id) as ({ id: string } & Record<string, unknown>) | undefined;
  if (!item) return 'none';
  const field = change.type === 'messages' ? 'deliveryStatus' : 'status';
  const what = verdict({ status: item[field], updatedAt: item.updatedAt }, change, true, false);
  if (what !== 'apply') return what === 'refetch' ? 'refetch' : 'none';
  const next: { id: string } & Record<string, unknown> = {
    ...item,
    [field]: change.status,
    updatedAt: change.updatedAt,
  };
  if (!addItems(list, [next])) return 'none';
  list.json = undefined;
  return 'applied';
}

async function fetchList(entry: ListEntry) {
  const { store } = entry;
  entry.fetching = true;
  const controller = new AbortController();
  entry.controller = controller;
  try {
    const changed = await readList(entry.list, entry.resource, controller.signal);
    if (store.entries.get(entry.key) !== entry) return;
    if (changed) watchItems(entry);
    store.answered(entry, changed);
  } catch (err) {
    const error = toApiError(err);
    if (error.kind === 'aborted' || store.entries.get(entry.key) !== entry) return;
    if (isNotFoundError(error)) entry.gone = true;
    store.fail(entry, error);
  } finally {
    if (entry.controller === controller) entry.controller = undefined;
    if (store.entries.get(entry.key) === entry) store.ended(entry);
    else entry.fetching = false;
  }
}

/** A list follows the push announcements of its newest items (a message's delivery status). */
function watchItems(entry: ListEntry) {
  const push = entry.store.push;
  if (!push) return;
  const next = new Set(entry.list.items.slice(-PUSHED_ITEMS).map((item) => item.id));
  for (const id of entry.pushed) if (!next.has(id)) push.unwatch(entry.list.type, id);
  for (const id of next) if (!entry.pushed.has(id)) push.watch(entry.list.type, id);
  entry.pushed = next;
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
async function readList<T extends Item>(
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
function addItems<T extends Item>(state: ListState<T>, incoming: readonly T[]): boolean {
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
function belongsTo(state: ListState, item: { id: string }): boolean {
  if (!state.behaviour.newest) return false; // a whole list shows what the server says, at its next read
  return Object.entries(state.query.filter ?? {}).every(([name, value]) =>
    Array.isArray(value)
      ? value.map(String).includes(String((item as Record<string, unknown>)[name]))
      : String((item as Record<string, unknown>)[name]) === String(value),
  );
}
