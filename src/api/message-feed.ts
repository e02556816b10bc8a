// A thread's messages on the live store: a list entry (`watchList(api.store, …)`) read as a log, so that however
// many elements show a thread the page asks for it once per tick, with the store's pacing, backoff and push path (a
// message's delivery status and the thread's changes come by push too), paused with a hidden tab like everything
// else. The first load reads every page (oldest first); later polls read the newest page (`sort=-createdAt`) and
// merge it by id (a delivery status only moves forward).
import type { Api } from './index.js';
import type { ApiClient } from './client.js';
import type { RecruboApiError } from './errors.js';
import { createMessagesApi, mergeMessage, sortMessages, type Message, type MessagesApi } from './messages.js';
import { watchList, type ListWatchOptions } from './lists.js';
import { storeOf, type WatchOptions } from './store.js';
import type { ListQuery } from './types.js';

export interface MessagesSnapshot {
  /** Oldest first. */
  messages: readonly Message[];
  loading: boolean;
  /** The last poll failed (the messages shown are the last known ones). */
  error?: RecruboApiError;
}

export type MessagesListener = (snapshot: MessagesSnapshot) => void;

/** The list query of a thread's messages (the store's key for it). */
export const messagesQuery = (messageThreadId: string): ListQuery => ({
  filter: { messageThreadId },
  sort: 'createdAt',
});

/** What a thread's message list is: a log, newest first by `createdAt`, merged so a status only moves forward. */
export const messageLog = (messageThreadId: string): ListWatchOptions<Message> => ({
  newest: '-createdAt',
  merge: mergeMessage,
  order: sortMessages,
  parent: { type: 'messageThreads', id: messageThreadId },
  // The receiver announces the thread for every message (new, or its delivery moved): on a healthy stream the list
  // polls only as the safety net.
  announced: true,
});

/** Follows a thread's messages through the store; returns the unsubscribe. */
export function watchMessages(
  api: Api,
  messageThreadId: string,
  listener: MessagesListener,
  opts: WatchOptions = {},
): () => void {
  return watchList<Message>(
    api.store,
    'messages',
    messagesQuery(messageThreadId),
    (snap) => {
      const out: MessagesSnapshot = { messages: snap.items, loading: snap.loading };
      if (snap.error) out.error = snap.error;
      listener(out);
    },
    { ...opts, ...messageLog(messageThreadId) },
  );
}

/** Messages of a thread (list/listAll/get/send); a sent message goes into the store's list of its thread at once. */
export type ConversationApi = MessagesApi;

// Per client, so that every element with the same configuration shares it. Not part of `getApi()`: only the pages
// that show a conversation pay for it.
const byClient = new WeakMap<ApiClient, ConversationApi>();

export function messagesFor(client: ApiClient): ConversationApi {
  let api = byClient.get(client);
  if (!api) byClient.set(client, (api = createMessagesApi({ client, store: storeOf(client) })));
  return api;
}
