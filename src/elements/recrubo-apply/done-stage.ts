// What the done panel says and offers at each status of the ticket: "send us a message" (with the WhatsApp link
// and the QR code) only while we wait for it, back to the chat while it runs, a thank-you and nothing to click once
// it is done (issue 27.1: a finished candidate was still told to start).
import type { KeyOf } from '../../shared/i18n.js';
import type { applyStrings } from './strings.js';

type ApplyKey = KeyOf<typeof applyStrings>;

export interface DoneStage {
  title: ApplyKey;
  /** No lead when the title says it all (ended). */
  lead?: ApplyKey;
  /** The "Open WhatsApp" link is shown (not once the application is over). */
  link?: boolean;
  /** The QR code too (only before the candidate has written). */
  qr?: boolean;
}

export function doneStage(status: string, invite: boolean): DoneStage {
  if (status === 'completed') return { title: 'apply.done.titleCompleted', lead: 'apply.done.leadCompleted' };
  if (status === 'ended') return { title: 'apply.status.ended' };
  if (status === 'started') return { title: 'apply.done.titleStarted', lead: 'apply.done.leadStarted', link: true };
  return invite
    ? { title: 'apply.done.titleInvite', lead: 'apply.done.leadInvite', link: true }
    : { title: 'apply.done.title', lead: 'apply.done.lead', link: true, qr: true };
}
