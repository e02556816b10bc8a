// MessageThreads: one conversation channel with one person (a WhatsApp number). `find` looks a number up with
// `filter[identifier]` so that inviting a known candidate reuses their thread instead of opening a second one.
import type { ApiClient } from './client.js';
import { idempotencyHeaders } from './idempotency.js';
import { deserializeMany, deserializeOne, serialize, toSearchParams, type JsonApiDocument } from './jsonapi.js';
import type { CallOptions, MessageThread } from './types.js';

export interface MessageThreadInput {
  /** `whatsapp` (the default), `sms`, … */
  channel?: string;
  /** The channel's address: for WhatsApp the number in E.164 digits without `+`, e.g. `31612345678`. */
  identifier: string;
}

/** Options of a POST: the `Idempotency-Key` to send (the caller keeps it to re-send the same request). */
export interface CreateOptions extends CallOptions {
  idempotencyKey?: string;
}

export interface MessageThreadsApi {
  get(id: string, opts?: CallOptions): Promise<MessageThread>;
  /** The threads with exactly this identifier (optionally on one channel), oldest first. */
  find(identifier: string, opts?: CallOptions & { channel?: string }): Promise<MessageThread[]>;
  /** POST, never retried. */
  create(input: MessageThreadInput, opts?: CreateOptions): Promise<MessageThread>;
}

export function createMessageThreadsApi(client: ApiClient): MessageThreadsApi {
  return {
    async get(id, opts = {}) {
      return deserializeOne<MessageThread>((await client.request({ path: `message-threads/${encodeURIComponent(id)}`, signal: opts.signal, timeout: opts.timeout })) as JsonApiDocument);
    },
    async find(identifier, opts = {}) {
      // Only `filter[identifier]` (the one the elements' allow-list knows); the channel is checked here.
      const filter = { identifier };
      const doc = (await client.request({
        path: 'message-threads',
        searchParams: toSearchParams({ filter, sort: 'createdAt', page: { size: 25 } }),
        signal: opts.signal,
        timeout: opts.timeout,
      })) as JsonApiDocument;
      // A server that ignores an unknown filter answers with every thread: keep only real matches.
      return deserializeMany<MessageThread>(doc).filter((t) => t.identifier === identifier && (!opts.channel || t.channel === opts.channel));
    },
    async create(input, opts = {}) {
      const body = serialize('messageThreads', { channel: input.channel ?? 'whatsapp', identifier: input.identifier });
      const doc = await client.request({ method: 'POST', path: 'message-threads', body, headers: idempotencyHeaders(opts.idempotencyKey), signal: opts.signal, timeout: opts.timeout });
      return deserializeOne<MessageThread>(doc as JsonApiDocument);
    },
  };
}
