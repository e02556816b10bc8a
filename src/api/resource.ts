// The one JSON:API resource helper: `get`, `list`, `listAll`, `create` and `update` for a resource type, built on
// the client and the (de)serialiser. Every resource group of the Api is one of these plus the few calls that differ
// (index.ts); a new group is one line: `resource<Candidate>(ctx, 'candidates')`.
import type { ApiClient } from './client.js';
import { idempotencyHeaders } from './idempotency.js';
import { deserializeMany, deserializeOne, serialize, toSearchParams, type JsonApiDocument } from './jsonapi.js';
import type { CallOptions, ListMeta, ListQuery, ListResult } from './types.js';

/** Options of a POST: the `Idempotency-Key` to send (the caller keeps it to re-send the same request). */
export interface CreateOptions extends CallOptions {
  idempotencyKey?: string;
  /** Sandbox only: `?sync=true`, the POST answers when the job is done (a long timeout, unless one is given). */
  sync?: boolean;
}

export interface ListOptions extends CallOptions {
  /** Another endpoint with the same JSON:API shape (an integrator's own, absolute or relative to the page). */
  url?: string;
  /** false: the client does not retry (a list the store polls: the next poll is the retry). */
  retry?: boolean;
}

/** Where a resource's answers go: the live store (store.ts) takes what it follows and ignores the rest. */
export interface ResourceSink {
  put(type: string, resource: { id: string }): void;
}

export interface ResourceContext {
  client: ApiClient;
  store?: ResourceSink;
}

export interface Resource<T extends { id: string }, Input = Partial<T>, Patch = Partial<T>> {
  /** The JSON:API type (`flowRuns`) and its path (`flow-runs`). */
  readonly type: string;
  readonly path: string;
  /** GET one; `include` resolves the named relationships into properties. The answer goes to the store. */
  get(id: string, opts?: CallOptions & { include?: string[] }): Promise<T>;
  /** GET one page, with `filter`, `sort`, `include`, `page`. */
  list(query?: ListQuery, opts?: ListOptions): Promise<ListResult<T>>;
  /** GET every page (of 100, at most LIST_ALL_MAX_PAGES), in the server's order, each id once. */
  listAll(query?: ListQuery, opts?: ListOptions): Promise<T[]>;
  /** POST with an `Idempotency-Key` (the caller's, else a fresh one); never retried. The answer goes to the store. */
  create(attributes: Input, opts?: CreateOptions): Promise<T>;
  /** PATCH; the answer is written to the store, so every element showing the resource changes together. */
  update(id: string, attributes: Patch, opts?: CallOptions): Promise<T>;
}

/** The largest page the elements ask for (JSON:API servers commonly cap `page[size]` at 100). */
export const PAGE_SIZE = 100;
/** The one cap on following pages: 10,000 items; a runaway `maxPage` cannot loop forever. */
export const LIST_ALL_MAX_PAGES = 100;
/** Generous: `?sync=true` holds the answer until the job is done. */
const SYNC_TIMEOUT = 120000;

/** `flowRuns` → `flow-runs`. */
export const pathOf = (type: string): string => type.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function resource<T extends { id: string }, Input = Partial<T>, Patch = Partial<T>>(
  ctx: ResourceContext,
  type: string,
  path: string = pathOf(type),
): Resource<T, Input, Patch> {
  const { client, store } = ctx;
  const keep = (item: T) => {
    store?.put(type, item);
    return item;
  };
  const one = (id: string) => `${path}/${encodeURIComponent(id)}`;
  const list = async (query: ListQuery = {}, opts: ListOptions = {}): Promise<ListResult<T>> => {
    const doc = (await client.request({
      path: opts.url ?? path,
      searchParams: toSearchParams(query),
      signal: opts.signal,
      timeout: opts.timeout,
      retry: opts.retry,
    })) as JsonApiDocument;
    return { items: deserializeMany<T>(doc), meta: (doc.meta ?? {}) as ListMeta };
  };
  return {
    type,
    path,
    async get(id, opts = {}) {
      const doc = await client.request({
        path: one(id),
        searchParams: toSearchParams({ include: opts.include }),
        signal: opts.signal,
        timeout: opts.timeout,
      });
      return keep(deserializeOne<T>(doc as JsonApiDocument));
    },
    list,
    async listAll(query = {}, opts = {}) {
      const size = query.page?.size ?? PAGE_SIZE;
      const items: T[] = [];
      const seen = new Set<string>();
      for (let number = 1; number <= LIST_ALL_MAX_PAGES; number++) {
        const res = await list({ ...query, page: { number, size } }, opts);
        let fresh = 0;
        for (const item of res.items) {
          if (seen.has(item.id)) continue;
          seen.add(item.id);
          items.push(item);
          fresh++;
        }
        // The last page: the server says so (`maxPage`), or a short page; a server that ignores `page[number]`
        // answers with what it gave before (nothing new), which ends it too.
        const last = res.meta.maxPage !== undefined ? number >= res.meta.maxPage : res.items.length < size;
        if (last || fresh === 0) break;
      }
      return items;
    },
    async create(attributes, opts = {}) {
      const doc = await client.request({
        method: 'POST',
        path,
        body: serialize(type, attributes as Record<string, unknown>),
        searchParams: opts.sync ? { sync: 'true' } : undefined,
        signal: opts.signal,
        timeout: opts.timeout ?? (opts.sync ? SYNC_TIMEOUT : undefined),
        headers: idempotencyHeaders(opts.idempotencyKey),
      });
      return keep(deserializeOne<T>(doc as JsonApiDocument));
    },
    async update(id, attributes, opts = {}) {
      const doc = await client.request({
        method: 'PATCH',
        path: one(id),
        body: serialize(type, attributes as Record<string, unknown>, id),
        signal: opts.signal,
        timeout: opts.timeout,
      });
      return keep(deserializeOne<T>(doc as JsonApiDocument));
    },
  };
}
