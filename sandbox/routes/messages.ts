/** POST /messages: a text or template sent on a thread (GET list/one are the generic reads of read.ts). */
import type { Hono } from 'hono';
import { readDocument } from '../body.ts';
import type { Env } from '../env.ts';
import { readOnlyAttribute, unprocessable, unprocessableResponse, type ErrorEntry } from '../errors.ts';
import { outsideWindow, writeMessage } from '../messages.ts';
import { checkPayload } from '../payloads.ts';
import { isObject, respondOne } from './respond.ts';

const WRITABLE = ['sendBy', 'messageThreadId', 'payload'];
const blank = (name: string) => unprocessable(`Parameter ${name} can't be blank`, `/data/attributes/${name}`);

/** The thread as an attribute or, as the Message page allows, a `relationships.messageThread` linkage. */
function threadIdOf(a: Record<string, unknown>, relationships: Record<string, unknown> | undefined): unknown {
  if (a.messageThreadId !== undefined) return a.messageThreadId;
  const rel = relationships?.messageThread;
  const data = isObject(rel) ? rel.data : undefined;
  return isObject(data) && data.type === 'messageThreads' ? data.id : undefined;
}

export function messageRoutes(api: Hono<Env>): void {
  api.post('/messages', async (c) => {
    const t = c.get('tenant');
    const doc = await readDocument(c.req.raw, 'messages');
    if (doc instanceof Response) return doc;
    const a = doc.attributes;
    const errors: ErrorEntry[] = Object.keys(a)
      .filter((k) => !WRITABLE.includes(k))
      .map(readOnlyAttribute);
    if (typeof a.sendBy !== 'string' || !a.sendBy.trim()) errors.push(blank('sendBy'));
    const threadId = threadIdOf(a, doc.relationships);
    const thread = typeof threadId === 'string' && threadId ? t.store.get('messageThreads', threadId) : undefined;
    if (typeof threadId !== 'string' || !threadId) errors.push(blank('messageThreadId'));
    else if (!thread) errors.push(unprocessable('MessageThread not found', '/data/attributes/messageThreadId'));
    if (a.payload === undefined || a.payload === null) errors.push(blank('payload'));
    else errors.push(...checkPayload(a.payload, '/data/attributes/payload', t.store, { allowEmpty: false }).errors);
    if (errors.length || !thread) return unprocessableResponse(errors);

    const payload = a.payload as Record<string, unknown>;
    // Accepted either way, as Recrubo does; a free text outside WhatsApp's window fails when it is delivered.
    const rec = writeMessage(t, {
      threadId: thread.id,
      origin: 'outbound',
      sendBy: a.sendBy as string,
      payload,
      failed: payload.type === 'text' && outsideWindow(t, thread),
    });
    return respondOne(c, rec, 201);
  });
}
