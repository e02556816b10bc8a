// The inbox's resources (research §2.7, §2.8): conversations (the Inbox view of a thread, with server-kept unread
// counters), candidates and their statuses, each a group on the one resource helper (resource.ts). Not part of
// `getApi()`: only a page with an inbox pays for it (`inboxFor(api)`, one per Api). Writes are PATCHes (a
// conversation has no POST); their answers go to the store and to `onChange` listeners, so every row and pane
// showing the resource follows at once.
import type { Api } from './index.js';
import { resource, type Resource } from './resource.js';
import type { CallOptions, ListMeta, ListQuery, MessageThread, ResourceBase } from './types.js';

export type ConversationStatus = 'open' | 'closed';

export interface Conversation extends ResourceBase {
  status: ConversationStatus;
  unreadMessages: boolean;
  unreadMessagesCount: number;
  messageThreadId: string;
  candidateId: string | null;
}

export interface CandidateStatus extends ResourceBase {
  name: string;
}

export interface Candidate extends ResourceBase {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  postalCode: string | null;
  candidateStatusId: string | null;
  deletedAt?: string | null;
  /** With `include=candidateStatus`. */
  candidateStatus?: CandidateStatus;
}

export type CandidateInput = Partial<
  Pick<Candidate, 'firstName' | 'lastName' | 'email' | 'phone' | 'postalCode' | 'candidateStatusId'>
>;

export interface ConversationQuery {
  status?: ConversationStatus;
  unread?: boolean;
  messageThreadId?: string;
  candidateId?: string;
  /** 1-based. */
  page?: number;
  /** Default 25. */
  size?: number;
}

export interface ConversationPage {
  items: Conversation[];
  meta: ListMeta;
}

export const CONVERSATION_PAGE_SIZE = 25;

/** The JSON:API query of a page of conversations (the store's list key and the GET are made from it). */
export function conversationsQuery(q: ConversationQuery): ListQuery {
  const filter: Record<string, string> = {};
  if (q.status) filter.status = q.status;
  if (q.unread !== undefined) filter.unreadMessages = String(q.unread);
  if (q.messageThreadId) filter.messageThreadId = q.messageThreadId;
  if (q.candidateId) filter.candidateId = q.candidateId;
  return { filter, sort: '-updatedAt', page: { number: q.page ?? 1, size: q.size ?? CONVERSATION_PAGE_SIZE } };
}

export interface InboxApi {
  /** `GET /conversations?sort=-updatedAt` with the filters of the list's tab. */
  conversations(query: ConversationQuery, opts?: CallOptions): Promise<ConversationPage>;
  conversation(id: string, opts?: CallOptions): Promise<Conversation>;
  /** PATCH `status` or the counters; the answer goes to the listeners. */
  updateConversation(
    id: string,
    attributes: Partial<Pick<Conversation, 'status' | 'unreadMessages' | 'unreadMessagesCount'>>,
    opts?: CallOptions,
  ): Promise<Conversation>;
  /** One batched `GET /candidates?filter[id]=…` (at most 100 ids). */
  candidates(ids: readonly string[], opts?: CallOptions): Promise<Candidate[]>;
  candidate(id: string, opts?: CallOptions): Promise<Candidate>;
  updateCandidate(id: string, attributes: CandidateInput, opts?: CallOptions): Promise<Candidate>;
  candidateStatuses(opts?: CallOptions): Promise<CandidateStatus[]>;
  /** One batched `GET /message-threads?filter[id]=…`: the numbers of rows without a candidate. */
  threads(ids: readonly string[], opts?: CallOptions): Promise<MessageThread[]>;
  /** A PATCH answered: the resource as the server has it now. */
  onChange(listener: (type: 'conversations' | 'candidates', resource: Conversation | Candidate) => void): () => void;
}

const apis = new WeakMap<Api, InboxApi>();

export function inboxFor(api: Api): InboxApi {
  let inbox = apis.get(api);
  if (!inbox) apis.set(api, (inbox = createInboxApi(api)));
  return inbox;
}

function createInboxApi(api: Api): InboxApi {
  const ctx = { client: api.client, store: api.store };
  const conversations = resource<Conversation>(ctx, 'conversations');
  const candidates = resource<Candidate>(ctx, 'candidates');
  const statuses = resource<CandidateStatus>(ctx, 'candidateStatuses');
  const listeners = new Set<(type: 'conversations' | 'candidates', resource: Conversation | Candidate) => void>();
  const changed = <T extends Conversation | Candidate>(type: 'conversations' | 'candidates', item: T): T => {
    for (const l of [...listeners]) l(type, item);
    return item;
  };
  const byIds = <T extends { id: string }>(r: Resource<T>, ids: readonly string[], opts: CallOptions) =>
    ids.length === 0
      ? Promise.resolve([] as T[])
      : r.list({ filter: { id: [...ids] }, page: { size: Math.min(100, ids.length) } }, opts).then((p) => p.items);

  return {
    conversations: (q, opts = {}) => conversations.list(conversationsQuery(q), opts),
    conversation: (id, opts) => conversations.get(id, opts),
    async updateConversation(id, attributes, opts) {
      return changed('conversations', await conversations.update(id, attributes, opts));
    },
    candidates: (ids, opts = {}) => byIds(candidates, ids, opts),
    candidate: (id, opts = {}) => candidates.get(id, { ...opts, include: ['candidateStatus'] }),
    async updateCandidate(id, attributes, opts) {
      return changed('candidates', await candidates.update(id, attributes, opts));
    },
    candidateStatuses: (opts) => statuses.listAll({}, opts),
    threads: (ids, opts = {}) => byIds(api.messageThreads as Resource<MessageThread>, ids, opts),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
