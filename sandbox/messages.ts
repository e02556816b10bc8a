/**
 * Messages: writing them (by a run, by the seed, by `POST /messages`) and their simulated delivery:
 * `accepted` → `sent` → `delivered` → `read` (WhatsApp only; SMS has no read receipts), or `failed` with
 * `errorMessages` when WhatsApp refuses a free text outside its 24-hour window.
 */
import { noteInbound } from './inbox.ts';
import type { Rec, Store } from './store.ts';
import type { Tenant } from './tenant.ts';

/** Virtual ms after the POST (at speed 1) of each delivery step. */
export const DELIVERY = { sent: 1000, delivered: 2500, read: 6000, failed: 1500 } as const;

export const WINDOW_MS = 24 * 60 * 60 * 1000;

/** The sender name of the bot's messages (Recrubo's docs give "Recrubo" as a `sendBy` example). */
export const BOT_NAME = 'Recrubo';

/**
 * What `errorMessages` holds for a free text outside the window: WhatsApp's error 131047 ("Re-engagement
 * message"), in a shape of the sandbox's own (Recrubo documents only that the array is filled).
 */
export const WINDOW_ERROR = {
  code: '131047',
  title: 'Re-engagement message',
  detail:
    'More than 24 hours have passed since the candidate last replied, so WhatsApp does not deliver a free text. Send an approved template instead.',
} as const;

export interface NewMessage {
  threadId: string;
  origin: 'outbound' | 'inbound';
  sendBy: string;
  payload: Record<string, unknown>;
  /** Virtual ms of the event (defaults to now); the real timestamp follows from the tenant's clock. */
  at?: number;
  /** Real epoch ms, for seeded history (then no delivery simulation: the final status is given). */
  createdAt?: number;
  deliveryStatus?: string;
  failed?: boolean;
}

export const textPayload = (value: string) => ({ type: 'text', text: { value } });

export function writeMessage(t: Tenant, m: NewMessage): Rec {
  const v = m.at ?? t.clock.virtual();
  // A live message comes strictly after the thread's last one: at high speeds a run's answer and its next
  // question fall in the same real millisecond, and equal timestamps would leave their order to the reader.
  const createdAt = m.createdAt ?? Math.max(Math.round(t.clock.realAt(v)), lastCreated(t.store, m.threadId) + 1);
  const thread = t.store.get('messageThreads', m.threadId);
  const rec: Rec = {
    id: t.newId(),
    type: 'messages',
    createdAt,
    updatedAt: createdAt,
    attrs: {
      sendBy: m.sendBy,
      origin: m.origin,
      messageThreadId: m.threadId,
      payload: m.payload,
      deliveryStatus: m.deliveryStatus ?? (m.origin === 'inbound' ? 'delivered' : 'accepted'),
      errorMessages: [],
    },
  };
  if (m.origin === 'outbound' && m.createdAt === undefined) {
    rec.sim = m.failed
      ? {
          kind: 'message',
          sentAt: v + DELIVERY.sent,
          deliveredAt: Infinity,
          readAt: null,
          failedAt: v + DELIVERY.failed,
        }
      : {
          kind: 'message',
          sentAt: v + DELIVERY.sent,
          deliveredAt: v + DELIVERY.delivered,
          readAt: thread?.attrs.channel === 'whatsapp' ? v + DELIVERY.read : null,
          failedAt: null,
        };
  }
  t.store.put(rec);
  if (m.origin === 'inbound') noteInbound(t, m.threadId, createdAt);
  advanceMessage(t, rec, t.clock.virtual());
  return rec;
}

export function advanceMessage(t: Tenant, rec: Rec, v: number): void {
  const sim = rec.sim;
  if (sim?.kind !== 'message') return;
  let status = 'accepted';
  let at = 0;
  if (sim.failedAt !== null && v >= sim.failedAt) {
    status = 'failed';
    at = sim.failedAt;
  } else if (sim.readAt !== null && v >= sim.readAt) [status, at] = ['read', sim.readAt];
  else if (v >= sim.deliveredAt) [status, at] = ['delivered', sim.deliveredAt];
  else if (v >= sim.sentAt) [status, at] = ['sent', sim.sentAt];
  const settled = status === 'failed' || status === 'read' || (status === 'delivered' && sim.readAt === null);
  if (status !== rec.attrs.deliveryStatus) {
    rec.attrs.deliveryStatus = status;
    if (status === 'failed') rec.attrs.errorMessages = [{ ...WINDOW_ERROR }];
    rec.updatedAt = Math.round(t.clock.realAt(at));
  }
  if (settled) delete rec.sim;
}

/** Real epoch ms of the newest message on a thread (-Infinity when there is none). */
function lastCreated(store: Store, threadId: string): number {
  let last = -Infinity;
  for (const m of store.where('messages', 'messageThreadId', threadId)) if (m.createdAt > last) last = m.createdAt;
  return last;
}

/** Real epoch ms of the candidate's last message on a thread, or null if they never wrote. */
export function lastInbound(store: Store, threadId: string): number | null {
  let last: number | null = null;
  for (const m of store.where('messages', 'messageThreadId', threadId)) {
    if (m.attrs.origin === 'inbound' && (last === null || m.createdAt > last)) last = m.createdAt;
  }
  return last;
}

/** WhatsApp delivers a free text only within 24 h of the candidate's last message; other channels always. */
export function outsideWindow(t: Tenant, thread: Rec): boolean {
  if (thread.attrs.channel !== 'whatsapp') return false;
  const last = lastInbound(t.store, thread.id);
  return last === null || t.now() - last > WINDOW_MS;
}
