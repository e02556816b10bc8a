/**
 * Writes of the inbox's resources: POST/PATCH/DELETE candidates (only `phone` required on POST) and PATCH of a
 * conversation's `status` and counters (there is no POST or DELETE of conversations). Reads are read.ts's.
 */
import type { Hono } from 'hono';
import { readDocument } from '../body.ts';
import type { Env } from '../env.ts';
import { conflict, readOnlyAttribute, unprocessable, unprocessableResponse, type ErrorEntry } from '../errors.ts';
import { findOr404, respondOne } from './respond.ts';

const CANDIDATE_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'postalCode', 'candidateStatusId'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_TEXT = 200;

function checkCandidate(a: Record<string, unknown>, creating: boolean, statusExists: (id: string) => boolean) {
  const errors: ErrorEntry[] = Object.keys(a)
    .filter((k) => !CANDIDATE_FIELDS.includes(k))
    .map(readOnlyAttribute);
  for (const k of CANDIDATE_FIELDS) {
    if (!(k in a) || a[k] === null) continue;
    if (typeof a[k] !== 'string' || (a[k] as string).length > MAX_TEXT)
      errors.push(unprocessable(`Parameter ${k} is invalid`, `/data/attributes/${k}`));
  }
  const phone = a.phone;
  if ((creating || 'phone' in a) && (typeof phone !== 'string' || !phone.trim()))
    errors.push(unprocessable("Parameter phone can't be blank", '/data/attributes/phone'));
  else if (typeof phone === 'string' && !/^\+?[0-9][0-9 ()-]{5,}$/.test(phone.trim()))
    errors.push(unprocessable('Parameter phone is not a phone number', '/data/attributes/phone'));
  if (typeof a.email === 'string' && a.email.trim() && !EMAIL.test(a.email.trim()))
    errors.push(unprocessable('Parameter email is not an email address', '/data/attributes/email'));
  if (typeof a.candidateStatusId === 'string' && !statusExists(a.candidateStatusId))
    errors.push(unprocessable('Parameter candidateStatusId is unknown', '/data/attributes/candidateStatusId'));
  return errors;
}

/** Recrubo's PATCH example sets the status by `relationships.candidateStatus.data` as an array (research §2.7). */
function statusFromRelationship(rel: unknown): string | undefined {
  const data = (rel as { candidateStatus?: { data?: unknown } } | undefined)?.candidateStatus?.data;
  const first = Array.isArray(data) ? data[0] : data;
  const id = (first as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

export function inboxRoutes(api: Hono<Env>): void {
  api.post('/candidates', async (c) => {
    const t = c.get('tenant');
    const doc = await readDocument(c.req.raw, 'candidates');
    if (doc instanceof Response) return doc;
    const a = { ...doc.attributes };
    const viaRel = statusFromRelationship(doc.relationships);
    if (viaRel) a.candidateStatusId = viaRel;
    const errors = checkCandidate(a, true, (id) => !!t.store.get('candidateStatuses', id));
    if (errors.length) return unprocessableResponse(errors);
    const now = t.now();
    const attrs: Record<string, unknown> = { deletedAt: null };
    for (const k of CANDIDATE_FIELDS) attrs[k] = typeof a[k] === 'string' ? (a[k] as string).trim() : null;
    const rec = t.store.put({ id: t.newId(), type: 'candidates', createdAt: now, updatedAt: now, attrs });
    return respondOne(c, rec, 201);
  });

  api.patch('/candidates/:id', async (c) => {
    const t = c.get('tenant');
    const rec = findOr404(c, 'candidates');
    if (rec instanceof Response) return rec;
    const doc = await readDocument(c.req.raw, 'candidates');
    if (doc instanceof Response) return doc;
    if (doc.id !== undefined && doc.id !== rec.id) return conflict(`data.id ${doc.id} does not match the URL`);
    const a = { ...doc.attributes };
    const viaRel = statusFromRelationship(doc.relationships);
    if (viaRel) a.candidateStatusId = viaRel;
    const errors = checkCandidate(a, false, (id) => !!t.store.get('candidateStatuses', id));
    if (errors.length) return unprocessableResponse(errors);
    let changed = false;
    for (const k of CANDIDATE_FIELDS) {
      if (!(k in a)) continue;
      const v = typeof a[k] === 'string' ? (a[k] as string).trim() : null;
      if (v !== rec.attrs[k]) [rec.attrs[k], changed] = [v, true];
    }
    if (changed) rec.updatedAt = t.now();
    return respondOne(c, rec);
  });

  api.delete('/candidates/:id', (c) => {
    const rec = findOr404(c, 'candidates');
    if (rec instanceof Response) return rec;
    c.get('tenant').store.delete('candidates', rec.id);
    return c.body(null, 204);
  });

  api.patch('/conversations/:id', async (c) => {
    const t = c.get('tenant');
    const rec = findOr404(c, 'conversations');
    if (rec instanceof Response) return rec;
    const doc = await readDocument(c.req.raw, 'conversations');
    if (doc instanceof Response) return doc;
    if (doc.id !== undefined && doc.id !== rec.id) return conflict(`data.id ${doc.id} does not match the URL`);
    const a = doc.attributes;
    const errors: ErrorEntry[] = Object.keys(a)
      .filter((k) => !['status', 'unreadMessages', 'unreadMessagesCount'].includes(k))
      .map(readOnlyAttribute);
    if ('status' in a && a.status !== 'open' && a.status !== 'closed')
      errors.push(unprocessable('Parameter status must be open or closed', '/data/attributes/status'));
    if ('unreadMessages' in a && typeof a.unreadMessages !== 'boolean')
      errors.push(unprocessable('Parameter unreadMessages is invalid', '/data/attributes/unreadMessages'));
    if (
      'unreadMessagesCount' in a &&
      !(
        typeof a.unreadMessagesCount === 'number' &&
        Number.isInteger(a.unreadMessagesCount) &&
        a.unreadMessagesCount >= 0
      )
    )
      errors.push(unprocessable('Parameter unreadMessagesCount is invalid', '/data/attributes/unreadMessagesCount'));
    if (errors.length) return unprocessableResponse(errors);
    const before = JSON.stringify(rec.attrs);
    if (typeof a.status === 'string') rec.attrs.status = a.status;
    // The server keeps the counters itself (research §2.8): marking read resets both; "unread" with no count is 1.
    if (a.unreadMessages === false || a.unreadMessagesCount === 0) {
      rec.attrs.unreadMessages = false;
      rec.attrs.unreadMessagesCount = 0;
    } else if (a.unreadMessages === true && !rec.attrs.unreadMessages) {
      rec.attrs.unreadMessages = true;
      rec.attrs.unreadMessagesCount = Math.max(1, Number(a.unreadMessagesCount ?? 1));
    }
    // A status change is activity (it moves the row); reading is not (the row stays where the recruiter saw it).
    if (JSON.stringify(rec.attrs) !== before && typeof a.status === 'string') rec.updatedAt = t.now();
    return respondOne(c, rec);
  });
}
