// JSON:API documents ⇄ plain objects. Reading: `{ id, ...attributes }` plus every relationship whose linkage
// is in `included` (or is the primary data) resolved into a property of the same name. Writing: `{ data: {...} }`.

export interface ResourceIdentifier {
  type: string;
  id: string;
}

export interface ResourceObject extends Partial<ResourceIdentifier> {
  type: string;
  attributes?: Record<string, unknown>;
  relationships?: Record<
    string,
    { data?: ResourceIdentifier | ResourceIdentifier[] | null; links?: { related?: string | null } }
  >;
  links?: Record<string, unknown>;
  meta?: Record<string, unknown>;
}

export interface JsonApiDocument {
  data?: ResourceObject | ResourceObject[] | null;
  included?: ResourceObject[];
  meta?: Record<string, unknown>;
  errors?: unknown[];
  links?: Record<string, unknown>;
}

type Plain = Record<string, unknown> & { id: string };

const keyOf = (type: string, id: string) => `${type}\u0000${id}`;

/** Resolves one document. Cycles (a flow including its run including the flow) reuse the same object. */
class Deserializer {
  private readonly index = new Map<string, ResourceObject>();
  private readonly built = new Map<string, Plain>();

  constructor(doc: JsonApiDocument) {
    const primary = Array.isArray(doc.data) ? doc.data : doc.data ? [doc.data] : [];
    for (const resource of [...primary, ...(doc.included ?? [])]) {
      if (resource?.type && resource.id !== undefined)
        this.index.set(keyOf(resource.type, String(resource.id)), resource);
    }
  }

  build(resource: ResourceObject): Plain {
    const id = String(resource.id ?? '');
    const key = keyOf(resource.type, id);
    const existing = this.built.get(key);
    if (existing) return existing;
    // Attributes first, then `id` so that an attribute called `id` cannot override the real one.
    const out: Plain = { ...(resource.attributes ?? {}), id };
    this.built.set(key, out);
    for (const [name, rel] of Object.entries(resource.relationships ?? {})) {
      if (!rel || !('data' in rel) || rel.data === undefined) continue; // not included: only a link, leave it out
      if (name in out && out[name] !== undefined && out[name] !== null) continue; // attributes win on a clash
      if (rel.data === null) out[name] = null;
      else if (Array.isArray(rel.data)) out[name] = rel.data.map((ref) => this.resolve(ref));
      else out[name] = this.resolve(rel.data);
    }
    return out;
  }

  private resolve(ref: ResourceIdentifier): Plain {
    const found = this.index.get(keyOf(ref.type, String(ref.id)));
    // Linkage without the resource in `included`: the id is all we know.
    return found ? this.build(found) : { id: String(ref.id) };
  }
}

export function deserialize<T>(doc: JsonApiDocument): T;
export function deserialize<T>(doc: JsonApiDocument): T | T[] | null {
  const d = new Deserializer(doc);
  if (Array.isArray(doc.data)) return doc.data.map((r) => d.build(r)) as T[];
  if (!doc.data) return null;
  return d.build(doc.data) as T;
}

export function deserializeOne<T>(doc: JsonApiDocument): T {
  if (!doc.data || Array.isArray(doc.data)) throw new TypeError('expected a single resource document');
  return deserialize<T>(doc);
}

export function deserializeMany<T>(doc: JsonApiDocument): T[] {
  if (!Array.isArray(doc.data)) throw new TypeError('expected a collection document');
  return deserialize<T[]>(doc);
}

/** The request body for POST/PATCH. `id` only on PATCH (it must match the URL). */
export function serialize(type: string, attributes: Record<string, unknown>, id?: string): JsonApiDocument {
  const data: ResourceObject = { type, attributes: stripUndefined(attributes) };
  if (id !== undefined) data.id = id;
  return { data };
}

function stripUndefined(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}

/** `{ filter: { id: ['a','b'] }, include: ['flow'], page: { size: 100 } }` → JSON:API query parameters. */
export function toSearchParams(
  query: {
    filter?: Record<string, string | number | boolean | (string | number)[]>;
    sort?: string;
    include?: string[];
    page?: { number?: number; size?: number };
  } = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(query.filter ?? {})) {
    out[`filter[${name}]`] = Array.isArray(value) ? value.join(',') : String(value);
  }
  if (query.sort) out.sort = query.sort;
  if (query.include?.length) out.include = query.include.join(',');
  if (query.page?.number !== undefined) out['page[number]'] = String(query.page.number);
  if (query.page?.size !== undefined) out['page[size]'] = String(query.page.size);
  return out;
}
