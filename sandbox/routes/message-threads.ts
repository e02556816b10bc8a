/** POST and PATCH of MessageThreads (`filter[identifier]` is the generic list filter of read.ts). */
import type { Hono } from 'hono';
import { readDocument } from '../body.ts';
import type { Env } from '../env.ts';
import { conflict, readOnlyAttribute, unprocessable, unprocessableResponse, type ErrorEntry } from '../errors.ts';
import { setThreadPaused } from '../lifecycle.ts';
import { findOr404, respondOne } from './respond.ts';

const blank = (name: string) => unprocessable(`Parameter ${name} can't be blank`, `/data/attributes/${name}`);
const WRITABLE = ['channel', 'identifier', 'chatbotPaused'];

function check(a: Record<string, unknown>, creating: boolean): ErrorEntry[] {
  const errors: ErrorEntry[] = Object.keys(a)
    .filter((k) => !WRITABLE.includes(k))
    .map(readOnlyAttribute);
  for (const name of ['channel', 'identifier']) {
    if ((creating || name in a) && (typeof a[name] !== 'string' || !(a[name] as string).trim()))
      errors.push(blank(name));
  }
  if (a.chatbotPaused !== undefined && typeof a.chatbotPaused !== 'boolean') {
    errors.push(unprocessable('Parameter chatbotPaused is invalid', '/data/attributes/chatbotPaused'));
  }
  return errors;
}

export function messageThreadRoutes(api: Hono<Env>): void {
  api.post('/message-threads', async (c) => {
    const t = c.get('tenant');
    const doc = await readDocument(c.req.raw, 'messageThreads');
    if (doc instanceof Response) return doc;
    const a = doc.attributes;
    const errors = check(a, true);
    if (errors.length) return unprocessableResponse(errors);
    const now = t.now();
    const rec = t.store.put({
      id: t.newId(),
      type: 'messageThreads',
      createdAt: now,
      updatedAt: now,
      attrs: {
        channel: a.channel,
        identifier: a.identifier,
        chatbotPaused: a.chatbotPaused ?? false,
        candidateId: null,
      },
    });
    return respondOne(c, rec, 201);
  });

  api.patch('/message-threads/:id', async (c) => {
    const t = c.get('tenant');
    const rec = findOr404(c, 'messageThreads');
    if (rec instanceof Response) return rec;
    const doc = await readDocument(c.req.raw, 'messageThreads');
    if (doc instanceof Response) return doc;
    if (doc.id !== undefined && doc.id !== rec.id) return conflict(`data.id ${doc.id} does not match the URL`);
    const a = doc.attributes;
    const errors = check(a, false);
    if (errors.length) return unprocessableResponse(errors);
    // The app middleware has advanced every run to now, so a pause holds each run exactly where it is.
    if (typeof a.chatbotPaused === 'boolean' && a.chatbotPaused !== rec.attrs.chatbotPaused)
      setThreadPaused(t, rec.id, a.chatbotPaused);
    const changed = WRITABLE.filter((k) => k in a && a[k] !== rec.attrs[k]);
    for (const k of changed) rec.attrs[k] = a[k];
    if (changed.length) rec.updatedAt = t.now();
    return respondOne(c, rec);
  });
}
