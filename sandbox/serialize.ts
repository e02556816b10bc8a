/** Records → JSON:API resource objects and documents, with `include` and data linkage only where included. */
import { EXTENSION_META, resourceDef } from './resources.ts';
import type { Rec, Store } from './store.ts';

export interface ResourceObject {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { links: { related: string | null }; data?: unknown }>;
  meta?: Record<string, unknown>;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

const key = (r: Rec) => `${r.type}:${r.id}`;

/** `base` is the tenant's API root (`/public/v2` or `/__sandbox/<t>/public/v2`), so every link can be followed. */
export function toResource(
  rec: Rec,
  store: Store,
  base: string,
  linked: ReadonlySet<string> = new Set(),
): ResourceObject {
  const def = resourceDef(rec.type);
  const attributes: Record<string, unknown> = { createdAt: iso(rec.createdAt), updatedAt: iso(rec.updatedAt) };
  for (const name of def.attributes) attributes[name] = rec.attrs[name] ?? null;
  const out: ResourceObject = { id: rec.id, type: rec.type, attributes };
  if (def.relationships) {
    out.relationships = {};
    for (const [name, rel] of Object.entries(def.relationships(rec, store))) {
      const entry: { links: { related: string | null }; data?: unknown } = {
        links: { related: rel.related === null ? null : base + rel.related },
      };
      if (linked.has(name) && rel.ids) {
        const data = rel.ids().map((id) => ({ type: rel.target, id }));
        entry.data = rel.many ? data : (data[0] ?? null);
      }
      out.relationships[name] = entry;
    }
  }
  const meta = def.meta?.(rec, store);
  if (meta) out.meta = meta;
  return out;
}

/** Walks the include paths from the primary records; returns the included records and which relationships got linkage. */
function collectIncludes(primary: Rec[], paths: string[][], store: Store) {
  const linkage = new Map<string, Set<string>>();
  const included = new Map<string, Rec>();
  const primaryKeys = new Set(primary.map(key));
  for (const path of paths) {
    let level = primary;
    for (const seg of path) {
      const next: Rec[] = [];
      for (const rec of level) {
        const rel = resourceDef(rec.type).relationships?.(rec, store)[seg];
        if (!rel?.ids) continue;
        (linkage.get(key(rec)) ?? linkage.set(key(rec), new Set()).get(key(rec))!).add(seg);
        for (const id of rel.ids()) {
          const target = store.get(rel.target, id);
          if (!target) continue;
          next.push(target);
          if (!primaryKeys.has(key(target))) included.set(key(target), target);
        }
      }
      level = next;
    }
  }
  return { linkage, included: [...included.values()] };
}

export function singleDocument(rec: Rec, paths: string[][], store: Store, base: string) {
  const { linkage, included } = collectIncludes([rec], paths, store);
  const doc: Record<string, unknown> = {
    data: toResource(rec, store, base, linkage.get(key(rec))),
    meta: resourceDef(rec.type).extension ? { ...EXTENSION_META } : {},
  };
  if (paths.length) doc.included = included.map((r) => toResource(r, store, base, linkage.get(key(r))));
  return doc;
}

export function listDocument(
  recs: Rec[],
  meta: Record<string, unknown>,
  paths: string[][],
  store: Store,
  base: string,
  extension: boolean,
) {
  const { linkage, included } = collectIncludes(recs, paths, store);
  const doc: Record<string, unknown> = {
    data: recs.map((r) => toResource(r, store, base, linkage.get(key(r)))),
    meta: extension ? { ...meta, ...EXTENSION_META } : meta,
  };
  if (paths.length) doc.included = included.map((r) => toResource(r, store, base, linkage.get(key(r))));
  return doc;
}
