// Messages of a MessageThread (Recrubo's Message resource) and the thread's `chatbotPaused` switch.
// Reading: `list` by thread with pagination, `listAll`, `get`. Writing: `send` is a POST that is never retried by
// itself and carries an `Idempotency-Key`: the element makes one key per click and sends the same key again when
// the recruiter retries that message, so a POST whose answer was lost cannot turn into two WhatsApp messages.
import type { ApiClient } from './client.js';
import { idempotencyHeaders, newIdempotencyKey } from './idempotency.js';
import { deserializeMany, deserializeOne, serialize, toSearchParams, type JsonApiDocument } from './jsonapi.js';
import type { CallOptions, ListMeta, ListResult, MessageTemplate, MessageThread, ResourceBase } from './types.js';

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

export interface SendOptions extends CallOptions {
  /** The same key for a retry of the same message, a fresh one for every new message. */
  idempotencyKey?: string;
}

export interface MessagePage {
  number?: number;
  size?: number;
}

/** The largest page the elements ask for (JSON:API servers commonly cap `page[size]` at 100). */
export const MESSAGE_PAGE_SIZE = 100;
/** Never follow more pages than this in one go (2,000 messages of 100): a runaway `maxPage` cannot loop forever. */
const MAX_PAGES = 100;

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
  /** GET /message-templates/{id} (the text a template message was rendered from). */
  template(id: string, opts?: CallOptions): Promise<MessageTemplate>;
}

export function createMessagesApi(client: ApiClient): MessagesApi {
  const doc = async (
    path: string,
    searchParams: Record<string, string | number | undefined> | undefined,
    opts: CallOptions,
  ) => (await client.request({ path, searchParams, signal: opts.signal, timeout: opts.timeout })) as JsonApiDocument;
  const list: MessagesApi['list'] = async (messageThreadId, query = {}, opts = {}) => {
    const d = await doc(
      'messages',
      toSearchParams({
        filter: { messageThreadId },
        sort: query.sort ?? 'createdAt',
        page: { number: query.page?.number ?? 1, size: query.page?.size ?? MESSAGE_PAGE_SIZE },
      }),
      opts,
    );
    return { items: deserializeMany<Message>(d), meta: (d.meta ?? {}) as ListMeta };
  };
  return {
    list,
    async listAll(messageThreadId, opts = {}) {
      const out: Message[] = [];
      for (let number = 1; number <= MAX_PAGES; number++) {
        const res = await list(messageThreadId, { page: { number, size: MESSAGE_PAGE_SIZE } }, opts);
        out.push(...res.items);
        if (res.items.length < MESSAGE_PAGE_SIZE || (res.meta.maxPage !== undefined && number >= res.meta.maxPage))
          break;
      }
      return sortMessages(dedupe(out));
    },
    get: async (id, opts = {}) =>
      deserializeOne<Message>(await doc(`messages/${encodeURIComponent(id)}`, undefined, opts)),
    async send(input, opts = {}) {
      const body = serialize('messages', { ...input } as unknown as Record<string, unknown>);
      const answer = await client.request({
        method: 'POST',
        path: 'messages',
        body,
        signal: opts.signal,
        timeout: opts.timeout,
        retry: false,
        headers: idempotencyHeaders(opts.idempotencyKey),
      });
      return deserializeOne<Message>(answer as JsonApiDocument);
    },
    template: async (id, opts = {}) =>
      deserializeOne<MessageTemplate>(await doc(`message-templates/${encodeURIComponent(id)}`, undefined, opts)),
  };
}

/** PATCH /message-threads/{id} `{ chatbotPaused }` (and `identifier`, which the API also lets one change). */
export async function updateMessageThread(
  client: ApiClient,
  id: string,
  attributes: Partial<Pick<MessageThread, 'chatbotPaused' | 'identifier'>>,
  opts: CallOptions = {},
): Promise<MessageThread> {
  const answer = await client.request({
    method: 'PATCH',
    path: `message-threads/${encodeURIComponent(id)}`,
    body: serialize('messageThreads', attributes as Record<string, unknown>, id),
    signal: opts.signal,
    timeout: opts.timeout,
  });
  return deserializeOne<MessageThread>(answer as JsonApiDocument);
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

export function sortMessages(messages: Message[]): Message[] {
  return messages.sort((a, b) => {
    const t = Date.parse(a.createdAt ?? '') - Date.parse(b.createdAt ?? '');
    if (t) return t;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

function dedupe(messages: Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const m of messages) byId.set(m.id, mergeMessage(byId.get(m.id), m));
  return [...byId.values()];
}
