// Lists in the live store (store.watchList): a thread's messages as a log, a query's items as a whole list, on the
// same pacing, push path and hidden-tab pause as single resources.
import { expect, waitUntil } from '@open-wc/testing';
import {
  createApi,
  messagesFor,
  textPayload,
  watchList,
  watchMessages,
  type ListSnapshot,
  type MessagesSnapshot,
  type MessageThread,
} from '../../../src/api/index.js';
import { newSandbox } from '../helpers/sandbox.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isMessages = (r: { path: string }) => r.path.endsWith('/messages');
/** Test runners may open the page as a background tab (document.hidden true), where the store rightly pauses. */
const pretendVisible = (hidden = false) =>
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });

describe('lists in the live store', () => {
  beforeEach(() => pretendVisible(false));
  afterEach(() => delete (document as unknown as { hidden?: boolean }).hidden);

  it("a thread's messages: three watchers share one entry (one first load), polls read the newest page, and a sent message shows at once, once", async () => {
    const sb = await newSandbox();
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' });
    const thread = sb.seed.conversations.long;
    const latest: MessagesSnapshot[] = [undefined, undefined, undefined] as never;
    const stops = [0, 1, 2].map((i) => watchMessages(api, thread, (s) => (latest[i] = s), { interval: 200 }));
    try {
      await waitUntil(() => latest.every((s) => s?.messages.length === 60), 'all three loaded', { timeout: 5000 });
      expect(api.store.size, 'one entry for the three').to.equal(1);
      const first = (await sb.requests()).filter(isMessages);
      expect(new URLSearchParams(first[0]!.query).get('sort')).to.equal('createdAt');
      expect(new URLSearchParams(first[0]!.query).get('filter[messageThreadId]')).to.equal(thread);
      // oldest first
      const times = latest[0]!.messages.map((m) => Date.parse(m.createdAt!));
      expect(times).to.deep.equal([...times].sort((a, b) => a - b));

      await waitUntil(async () => (await sb.requests()).filter(isMessages).length >= 3, 'polls', { timeout: 5000 });
      const polls = (await sb.requests()).filter(isMessages).slice(1);
      for (const r of polls) expect(new URLSearchParams(r.query).get('sort')).to.equal('-createdAt');

      const sent = await messagesFor(api.client).send({
        messageThreadId: thread,
        sendBy: 'Recruiter',
        payload: textPayload('See you tomorrow'),
      });
      // the POST's answer is in every watcher's list before any poll, once
      for (const s of latest) {
        expect(s.messages.filter((m) => m.id === sent.id)).to.have.length(1);
        expect(s.messages.at(-1)!.id).to.equal(sent.id);
      }
      await sleep(500);
      for (const s of latest) expect(s.messages.filter((m) => m.id === sent.id)).to.have.length(1);
    } finally {
      stops.forEach((stop) => stop());
    }
    expect(api.store.size).to.equal(0);
  });

  it('a list pauses while the page is hidden, and reads again at once when it comes back', async () => {
    const sb = await newSandbox();
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' });
    let latest: MessagesSnapshot | undefined;
    const stop = watchMessages(api, sb.seed.conversations.long, (s) => (latest = s), { interval: 100 });
    try {
      await waitUntil(() => latest?.messages.length === 60, 'loaded', { timeout: 5000 });
      await waitUntil(async () => (await sb.requests()).length > 1, 'polls while visible', { timeout: 5000 });
      pretendVisible(true);
      await sleep(150);
      const count = (await sb.requests()).length;
      await sleep(500);
      expect((await sb.requests()).length, 'nothing while hidden').to.equal(count);
      pretendVisible(false);
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(async () => (await sb.requests()).length > count, 'read again on wake', { timeout: 2000 });
    } finally {
      stop();
    }
  });

  it('a push about the thread or a known message reads the list again at once (the next poll is a minute away)', async () => {
    const sb = await newSandbox();
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' });
    const thread = sb.seed.conversations.long;
    let latest: MessagesSnapshot | undefined;
    const stop = watchMessages(api, thread, (s) => (latest = s), { interval: 60000 });
    try {
      await waitUntil(() => latest?.messages.length === 60, 'loaded', { timeout: 5000 });
      await sleep(100);
      await sb.clearRequests();
      api.store.changed('messageThreads', thread);
      await waitUntil(async () => (await sb.requests()).filter(isMessages).length === 1, 'read on the thread', {
        timeout: 2000,
      });
      api.store.changed('messages', latest!.messages[10]!.id);
      await waitUntil(async () => (await sb.requests()).filter(isMessages).length === 2, 'read on a message', {
        timeout: 2000,
      });
      api.store.changed('messages', 'not-in-this-thread');
      api.store.changed('messageThreads', sb.seed.conversations.stale);
      await sleep(300);
      expect((await sb.requests()).filter(isMessages), 'nothing for what it does not hold').to.have.length(2);
    } finally {
      stop();
    }
  });

  it('a whole list (a query, the inbox kind): one read per poll for its watchers, and a PATCH of an item shows in it at once', async () => {
    const sb = await newSandbox();
    const api = createApi({ baseUrl: sb.baseUrl, apiKey: sb.apiKey, lang: 'en' });
    const query = { filter: { id: sb.seed.messageThreads.slice(0, 3) }, sort: 'createdAt' };
    const seen: ListSnapshot<MessageThread>[] = [];
    const stops = [0, 1].map(() =>
      watchList<MessageThread>(api.store, 'messageThreads', query, (s) => seen.push(s), { interval: 60000 }),
    );
    try {
      await waitUntil(() => seen.at(-1)?.items.length === 3, 'loaded', { timeout: 5000 });
      expect(await sb.requests(), 'one GET for both watchers').to.have.length(1);
      const target = seen.at(-1)!.items[1]!;
      const paused = !target.chatbotPaused;
      await api.messageThreads.update(target.id, { chatbotPaused: paused });
      const now = seen.at(-1)!;
      expect(now.items.find((t) => t.id === target.id)!.chatbotPaused).to.equal(paused);
      expect(
        now.items.map((t) => t.id),
        'same order',
      ).to.deep.equal(seen[seen.length - 2]!.items.map((t) => t.id));
    } finally {
      stops.forEach((stop) => stop());
    }
  });
});
