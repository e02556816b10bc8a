// Messages of a MessageThread (Recrubo's Message resource) and the thread's `chatbotPaused` switch.
// Reading: `list` by thread with pagination, `listAll`, `get`. Writing: `send` is a POST that is never retried by
// itself and carries an `Idempotency-Key`: the element makes one key per click and sends the same key again when
// the recruiter retries that message, so a POST whose answer was lost cannot turn into two WhatsApp messages.
// All of it is the resource helper (resource.ts) with the thread's filter; what is particular to messages is the
// merging below (deliveries arrive out of order).
import { newIdempotencyKey } from './idempotency.js';
import { PAGE_SIZE, resource, type CreateOptions, type ResourceContext } from './resource.js';
import type { CallOptions, ListResult, ResourceBase } from './types.js';

/** What the API documents: `accepted` right after the POST, later `sent` → `delivered` → `read`, or `failed`. */
export type DeliveryStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

export interface TextPayload {
  type: 'text';
  text: { value: string };
}

export interface TemplatePayload {
  type: 'template';
  template: { id: string; components?: { type: string; parameters?: { type: string; text?: string }[] }[] };
}

/** Media payloads are listed by the docs but not described; they are shown as "unsupported" by the element. */
export type MessagePayload = TextPayload | TemplatePayload | { type: string; [key: string]: unknown };

export interface Message extends ResourceBase {
  sendBy: string;
  /** `outbound` (bot or recruiter) or `inbound` (the candidate). */
  origin: 'outbound' | 'inbound' | (string & {});
  messageThreadId: string;
  payload: MessagePayload;
  deliveryStatus: DeliveryStatus | (string & {});
  /** Filled when the provider rejected the message (e.g. a free text outside WhatsApp's 24-hour window). */
  errorMessages?: unknown[] | null;
}

export interface SendMessageInput {
  messageThreadId: string;
  sendBy: string;
  payload: MessagePayload;
}

/** `idempotencyKey`: the same key for a retry of the same message, a fresh one for every new message. */
export type SendOptions = CreateOptions;

export interface MessagePage {
  number?: number;
  size?: number;
}

/** The largest page the elements ask for (JSON:API servers commonly cap `page[size]` at 100). */
export const MESSAGE_PAGE_SIZE = PAGE_SIZE;

export function textPayload(value: string): TextPayload {
  return { type: 'text', text: { value } };
}

/** A fresh key for one click of "send" (the api layer's one helper; re-exported for the element). */
export { newIdempotencyKey };

export interface MessagesApi {
  /** One page of a thread's messages (`sort` default `createdAt`, oldest first). */
  list(
    messageThreadId: string,
    query?: { page?: MessagePage; sort?: string },
    opts?: CallOptions,
  ): Promise<ListResult<Message>>;
  /** Every message of a thread, oldest first (follows the pages). */
  listAll(messageThreadId: string, opts?: CallOptions): Promise<Message[]>;
  get(id: string, opts?: CallOptions): Promise<Message>;
  /** POST /messages: creates and sends. Never retried automatically. */
  send(input: SendMessageInput, opts?: SendOptions): Promise<Message>;
}

/** With the store in `ctx`, a sent message (the POST's answer) goes into the store's list of its thread. */
export function createMessagesApi(ctx: ResourceContext): MessagesApi {
  const messages = resource<Message, SendMessageInput>(ctx, 'messages');
  const byThread = (messageThreadId: string, query: { page?: MessagePage; sort?: string } = {}) => ({
    filter: { messageThreadId },
    sort: query.sort ?? 'createdAt',
    page: { number: query.page?.number ?? 1, size: query.page?.size ?? MESSAGE_PAGE_SIZE },
  });
  return {
    list: (messageThreadId, query, opts) => messages.list(byThread(messageThreadId, query), opts),
    listAll: async (messageThreadId, opts) =>
      sortMessages(dedupe(await messages.listAll(byThread(messageThreadId), opts))),
    get: messages.get,
    send: messages.create,
  };
}

// ---- merging: deliveries arrive out of order, and a status only moves forward ----

const RANK: Record<string, number> = { pending: 0, accepted: 1, sent: 2, delivered: 3, read: 4, failed: 5 };

/** The status to show when `next` arrives after `previous`: never backwards (a late `sent` after `read` is old news). */
export function forwardStatus(previous: string | undefined, next: string | undefined): string | undefined {
  if (previous === undefined || next === undefined) return next ?? previous;
  const a = RANK[previous];
  const b = RANK[next];
  // An unknown status is news from the server: show it (as unknown) rather than hide it.
  if (a === undefined || b === undefined) return next;
  // A failure after a confirmed delivery would contradict the delivery; the delivery stays.
  if (next === 'failed' && previous !== 'failed' && a >= RANK.delivered!) return previous;
  if (previous === 'failed') return previous;
  return b >= a ? next : previous;
}

/** `next` as it should be kept after `previous` (same id): newest fields, but the status only moves forward. */
export function mergeMessage(previous: Message | undefined, next: Message): Message {
  if (!previous) return next;
  const status = forwardStatus(previous.deliveryStatus, next.deliveryStatus) ?? next.deliveryStatus;
  if (status === next.deliveryStatus) return next;
  return { ...next, deliveryStatus: status, errorMessages: previous.errorMessages };
}

/**
 * Oldest first, in place. Messages with the same `createdAt` keep the order they came in (the sort is stable and
 * the callers pass them in the order the API gave them): an answer and the bot's next question can share a
 * timestamp, and only the API's order says which came first (an id says nothing about time).
 */
export function sortMessages(messages: Message[]): Message[] {
  return messages.sort((a, b) => Date.parse(a.createdAt ?? '') - Date.parse(b.createdAt ?? '') || 0);
}

function dedupe(messages: Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const m of messages) byId.set(m.id, mergeMessage(byId.get(m.id), m));
  return [...byId.values()];
}
