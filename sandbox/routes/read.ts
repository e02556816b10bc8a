/** GET list and GET one for every resource, with filter/sort/page/include. */
import type { Hono } from 'hono';
import type { Env } from '../env.ts';
import { errorResponse, jsonApi } from '../errors.ts';
import { applyListQuery, parseInclude, parseListQuery } from '../query.ts';
import { RESOURCES } from '../resources.ts';
import { listDocument } from '../serialize.ts';
import { findOr404, respondOne } from './respond.ts';

export function readRoutes(api: Hono<Env>): void {
  for (const def of RESOURCES) {
    api.get(def.path, (c) => {
      const t = c.get('tenant');
      const params = new URL(c.req.url).searchParams;
      const q = parseListQuery(params, def, { rejectIdFilter: !!t.settings.faults.rejectIdFilter });
      if (!('page' in q)) return errorResponse(400, [q]);
      const include = parseInclude(params, def);
      if (!Array.isArray(include)) return errorResponse(400, [include]);
      if (!q.sort.length && def.defaultSort) q.sort = def.defaultSort;
      const page = applyListQuery(t.store.all(def.type), q);
      return jsonApi(200, listDocument(page.records, page.meta, include, t.store, t.base, !!def.extension));
    });
    api.get(`${def.path}/:id`, (c) => {
      const rec = findOr404(c, def.type);
      return rec instanceof Response ? rec : respondOne(c, rec);
    });
  }
}
