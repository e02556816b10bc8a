/**
 * The inbox's data (research §2.7, §2.8): candidate statuses, candidates linked to most seeded threads, one
 * conversation per linked thread with server-kept counters, a bulk seed for scale tests and inbound activity.
 *
 * Counters: every inbound message (a run's candidate, the activity below, control's `inbound`) goes through
 * `noteInbound` (called by `writeMessage`), which raises `unreadMessagesCount`, sets `unreadMessages` and moves the
 * conversation's `updatedAt`. A PATCH with `unreadMessages: false` resets them (routes/inbox.ts).
 *
 * Activity: `inboxActivity` inbound messages a real minute (tenant setting, CLI `--inbox-activity`, control), written
 * lazily before each request like every life cycle here (no timers), at most `MAX_CATCH_UP` at a time.
 */
import { textPayload, writeMessage } from './messages.ts';
import { checkBound, CONTROL_BOUNDS, type ControlProblem } from './options.ts';
import { createRng, pick, uuidFrom, type Rng } from './prng.ts';
import type { Rec, Store } from './store.ts';
import type { Tenant } from './tenant.ts';

const MINUTE = 60_000;
export const MAX_SEED_CONVERSATIONS = CONTROL_BOUNDS.seedConversations.max;
export const MAX_INBOX_ACTIVITY = CONTROL_BOUNDS.inboxActivity.max;
const MAX_CATCH_UP = 20;

export const CANDIDATE_STATUSES = ['Applied', 'Screening', 'Interview', 'Hired', 'Rejected'] as const;

const FIRST = ['Sanne', 'Daan', 'Eva', 'Lucas', 'Noor', 'Milan', 'Julia', 'Sem', 'Fleur', 'Bram', 'Lotte', 'Thijs'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Bos', 'Vos'];
const INBOUND_TEXTS = [
  'Hoi, is de vacature nog open?',
  'Thanks! When can I start?',
  'Kan ik het gesprek verzetten naar donderdag?',
  'I sent my CV by email just now.',
  'Wat is het salaris?',
  'Is there parking at the warehouse?',
  'Ik ben morgen de hele dag bereikbaar.',
  'Great, see you then!',
];

export interface InboxSeed {
  candidateStatuses: string[];
  /** Every seeded candidate (linked to the thread at the same place in `threads`). */
  candidates: string[];
  /** Every seeded conversation, newest activity first at seed time (live runs' candidates write on later). */
  conversations: string[];
  /** Conversations with unread messages / closed ones. */
  unread: string[];
  closed: string[];
  /** Threads without a candidate (so without a conversation). */
  threadsWithoutCandidate: string[];
  /** The conversation of each of the three conversation threads (seed `conversations`). */
  byThread: { long: string; stale: string; xss: string };
  /** The candidate of the xss thread: markup in first and last name. */
  xssCandidate: string;
}

export const XSS_NAME = '<img src=x onerror=alert(4)>';

/** A Dutch mobile number as Recrubo stores identifiers: 316 and eight digits. */
export const dutchMobile = (rng: Rng): string =>
  `316${String(10_000_000 + Math.floor(rng() * 89_999_999)).replace(/00$/, '01')}`;

function lastMessageAt(store: Store, threadId: string): number | null {
  let last: number | null = null;
  for (const m of store.where('messages', 'messageThreadId', threadId))
    if (last === null || m.createdAt > last) last = m.createdAt;
  return last;
}

/** Candidates and conversations for the seeded threads; `threads` in seed order, `special` the three chat threads. */
export function seedInbox(
  store: Store,
  threads: string[],
  special: { long: string; stale: string; xss: string },
  now: number,
): InboxSeed {
  const rng = createRng('recrubo-sandbox-inbox-v1');
  const newId = () => uuidFrom(rng);
  const statuses = CANDIDATE_STATUSES.map((name, i) =>
    store.put({
      id: newId(),
      type: 'candidateStatuses',
      createdAt: now - 60 * 24 * 60 * MINUTE + i,
      updatedAt: now - 60 * 24 * 60 * MINUTE + i,
      attrs: { name, index: i },
    }),
  );
  const out: InboxSeed = {
    candidateStatuses: statuses.map((s) => s.id),
    candidates: [],
    conversations: [],
    unread: [],
    closed: [],
    threadsWithoutCandidate: [],
    byThread: { long: '', stale: '', xss: '' },
    xssCandidate: '',
  };
  const convs: Rec[] = [];
  threads.forEach((threadId, i) => {
    const thread = store.get('messageThreads', threadId) as Rec;
    // Every seventh seeded thread has no candidate: in Recrubo a thread need not be linked.
    if (i % 7 === 6 && !Object.values(special).includes(threadId)) {
      out.threadsWithoutCandidate.push(threadId);
      return;
    }
    const xss = threadId === special.xss;
    const [firstName, lastName] =
      threadId === special.long
        ? ['Sanne', 'de Vries']
        : threadId === special.stale
          ? ['Daan', 'Jansen']
          : xss
            ? [XSS_NAME, '<b>Bold</b>']
            : [FIRST[(i + 2) % FIRST.length] as string, LAST[(i * 3 + 1) % LAST.length] as string];
    const at = thread.createdAt;
    const candidate = store.put({
      id: newId(),
      type: 'candidates',
      createdAt: at,
      updatedAt: at,
      attrs: {
        firstName,
        lastName,
        email: xss ? 'xss@example.com' : `${firstName.toLowerCase()}.${i}@example.com`,
        phone: thread.attrs.identifier,
        postalCode: `35${String(10 + i).padStart(2, '0')} AB`,
        candidateStatusId: (statuses[i % statuses.length] as Rec).id,
        deletedAt: null,
      },
    });
    thread.attrs.candidateId = candidate.id;
    out.candidates.push(candidate.id);
    if (xss) out.xssCandidate = candidate.id;
    // A live run's opening may be scheduled a moment ahead: last activity is never in the future.
    const last = Math.min(now, lastMessageAt(store, threadId) ?? at);
    const unread = threadId === special.long ? 2 : xss ? 3 : i % 4 === 1 ? 1 + (i % 3) : 0;
    const closed = i % 9 === 8 && !Object.values(special).includes(threadId);
    const conv = store.put({
      id: newId(),
      type: 'conversations',
      createdAt: at,
      updatedAt: last,
      attrs: {
        status: closed ? 'closed' : 'open',
        unreadMessages: unread > 0,
        unreadMessagesCount: unread,
        messageThreadId: threadId,
        candidateId: candidate.id,
      },
    });
    convs.push(conv);
    if (unread) out.unread.push(conv.id);
    if (closed) out.closed.push(conv.id);
    if (threadId === special.long) out.byThread.long = conv.id;
    if (threadId === special.stale) out.byThread.stale = conv.id;
    if (xss) out.byThread.xss = conv.id;
  });
  out.conversations = convs.sort((a, b) => b.updatedAt - a.updatedAt).map((c) => c.id);
  return out;
}

/** `seedConversations: n`: n more threads, each with a candidate, a conversation and one inbound message. */
export function seedManyConversations(t: Tenant, n: number): number {
  const rng = createRng(`recrubo-sandbox-many-${t.name}`);
  const store = t.store;
  const statuses = store.all('candidateStatuses').map((s) => s.id);
  const now = t.now();
  for (let i = 0; i < n; i++) {
    const at = now - (i + 1) * 7 * MINUTE; // one every 7 minutes, going back in time
    const identifier = dutchMobile(rng);
    const threadId = t.newId();
    const candidateId = t.newId();
    const firstName = pick(rng, FIRST);
    const lastName = pick(rng, LAST);
    store.put({
      id: candidateId,
      type: 'candidates',
      createdAt: at,
      updatedAt: at,
      attrs: {
        firstName,
        lastName,
        email: `${firstName.toLowerCase()}.${i}@example.com`,
        phone: identifier,
        postalCode: null,
        candidateStatusId: statuses[i % statuses.length] ?? null,
        deletedAt: null,
      },
    });
    store.put({
      id: threadId,
      type: 'messageThreads',
      createdAt: at,
      updatedAt: at,
      attrs: { channel: 'whatsapp', identifier, chatbotPaused: false, candidateId },
    });
    store.put({
      id: t.newId(),
      type: 'messages',
      createdAt: at,
      updatedAt: at,
      attrs: {
        sendBy: identifier,
        origin: 'inbound',
        messageThreadId: threadId,
        payload: textPayload(pick(rng, INBOUND_TEXTS)),
        deliveryStatus: 'delivered',
        errorMessages: [],
      },
    });
    const unread = i % 5 === 0 ? 1 : 0;
    store.put({
      id: t.newId(),
      type: 'conversations',
      createdAt: at,
      updatedAt: at,
      attrs: {
        status: i % 11 === 10 ? 'closed' : 'open',
        unreadMessages: unread > 0,
        unreadMessagesCount: unread,
        messageThreadId: threadId,
        candidateId,
      },
    });
  }
  return n;
}

/** The conversation of a thread (threads and conversations are one to one). */
export function conversationOf(store: Store, threadId: string): Rec | undefined {
  return store.where('conversations', 'messageThreadId', threadId)[0];
}

/** An inbound message was written at real ms `at`: the server raises the thread's conversation's counters. */
export function noteInbound(t: Tenant, threadId: string, at: number): void {
  const conv = conversationOf(t.store, threadId);
  if (!conv) return;
  conv.attrs.unreadMessagesCount = Number(conv.attrs.unreadMessagesCount ?? 0) + 1;
  conv.attrs.unreadMessages = true;
  // A message a run wrote for a moment just ahead still counts as activity now, never in the future.
  conv.updatedAt = Math.max(conv.updatedAt + 1, Math.min(at, t.now()));
}

/** One inbound message now on a thread (control's `inbound`, the activity below). */
export function writeInbound(t: Tenant, threadId: string, text: string, at = t.now()): Rec | undefined {
  const thread = t.store.get('messageThreads', threadId);
  if (!thread) return undefined;
  return writeMessage(t, {
    threadId,
    origin: 'inbound',
    sendBy: String(thread.attrs.identifier),
    payload: textPayload(text),
    createdAt: at,
  });
}

/** Per tenant: when the next simulated inbound message is due (real ms), and the rng that picks who writes. */
const activity = new WeakMap<Tenant, { nextAt: number; rng: Rng; rate: number; store: Store }>();

/** Called before each request (lifecycle.ts): writes the inbound messages that fell due since the last look. */
export function advanceInbox(t: Tenant): void {
  const rate = t.settings.inboxActivity ?? 0;
  if (!(rate > 0)) return void activity.delete(t);
  const now = t.now();
  const every = MINUTE / rate;
  let state = activity.get(t);
  if (!state || state.rate !== rate || state.store !== t.store) {
    state = { nextAt: now + every, rng: createRng(`inbox-activity:${t.name}`), rate, store: t.store };
    activity.set(t, state);
    return;
  }
  let written = 0;
  while (state.nextAt <= now && written < MAX_CATCH_UP) {
    // Mostly the most recent conversations write again, now and then an older one: a lively top of the list.
    const convs = t.store.all('conversations');
    if (!convs.length) break;
    const recent = state.rng() < 0.7 ? Math.min(convs.length, 30) : convs.length;
    const sorted = recent < convs.length ? [...convs].sort((a, b) => b.updatedAt - a.updatedAt) : convs;
    const conv = sorted[Math.floor(state.rng() * recent)] as Rec;
    writeInbound(t, String(conv.attrs.messageThreadId), pick(state.rng, INBOUND_TEXTS), Math.round(state.nextAt));
    state.nextAt += every;
    written++;
  }
  if (state.nextAt <= now) state.nextAt = now + every; // long idle: skip what is beyond the catch-up
}

/** The activity rate from its row of CONTROL_BOUNDS (a 422 problem outside it). */
export function parseInboxActivity(v: unknown): number | ControlProblem {
  return checkBound('inboxActivity', v);
}

/** How many conversations to add, from its row of CONTROL_BOUNDS (a 422 problem outside it). */
export function parseSeedConversations(v: unknown): number | ControlProblem {
  return checkBound('seedConversations', v);
}
