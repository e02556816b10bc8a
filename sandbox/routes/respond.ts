/** Shared pieces of the API routes: find-or-404 and single-resource answers with `include`. */
import type { Context } from 'hono';
import type { Env } from '../env.ts';
import { errorResponse, jsonApi, notFound } from '../errors.ts';
import { parseInclude } from '../query.ts';
import { resourceDef } from '../resources.ts';
import { singleDocument } from '../serialize.ts';
import type { Rec, TypeName } from '../store.ts';

export function findOr404(c: Context<Env>, type: TypeName): Rec | Response {
  const rec = c.get('tenant').store.get(type, c.req.param('id') ?? '');
  return rec ?? notFound(resourceDef(type).name);
}

export function respondOne(c: Context<Env>, rec: Rec, status = 200): Response {
  const t = c.get('tenant');
  const include = parseInclude(new URL(c.req.url).searchParams, resourceDef(rec.type));
  if (!Array.isArray(include)) return errorResponse(400, [include]);
  return jsonApi(status, singleDocument(rec, include, t.store, t.base));
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `?sync=true` never holds an answer longer than this (real ms), whatever the speed. */
export const MAX_SYNC_WAIT = 30_000;
