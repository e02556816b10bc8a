/**
 * Seeded message history: the conversation of every seeded run (as far as its `state` goes), and three threads
 * made for the conversation element: a long one, one whose candidate last wrote three days ago (outside WhatsApp's
 * window) and one whose texts carry markup.
 */
import { flowLanguage, runScript } from './conversation.ts';
import { BOT_NAME, textPayload, WINDOW_ERROR } from './messages.ts';
import type { Rec, Store } from './store.ts';

const MINUTE = 60_000;
/** Real ms between a seeded question and its answer. */
const STEP = 2 * MINUTE;

export const XSS_TEXTS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert("recrubo")</script>',
  '"><svg onload=alert(2)>',
] as const;

interface Put {
  (type: Rec['type'], attrs: Record<string, unknown>, createdAt: number): Rec;
}

function message(
  put: Put,
  thread: Rec,
  origin: 'outbound' | 'inbound',
  payload: Record<string, unknown>,
  at: number,
  sendBy?: string,
  failed = false,
): Rec {
  const outboundStatus = failed ? 'failed' : thread.attrs.channel === 'whatsapp' ? 'read' : 'delivered';
  return put(
    'messages',
    {
      sendBy: sendBy ?? (origin === 'outbound' ? BOT_NAME : String(thread.attrs.identifier)),
      origin,
      messageThreadId: thread.id,
      payload,
      deliveryStatus: origin === 'inbound' ? 'delivered' : outboundStatus,
      errorMessages: failed ? [{ ...WINDOW_ERROR }] : [],
    },
    at,
  );
}

const isEmpty = (v: unknown) => !v || (typeof v === 'object' && Object.keys(v).length === 0);

/** A seeded run's conversation up to where its `state` is; a finished run's ending too. Returns its last moment. */
export function seedRunConversation(store: Store, put: Put, run: Rec): number {
  const thread = store.get('messageThreads', String(run.attrs.messageThreadId));
  if (!thread) return run.createdAt;
  const flowId = String(run.attrs.flowId);
  const candidateFirst = isEmpty(run.attrs.initialMessage);
  if (!candidateFirst)
    message(put, thread, 'outbound', run.attrs.initialMessage as Record<string, unknown>, run.createdAt);
  if (run.attrs.status === 'queued') return run.createdAt;
  const state = Object.entries((run.attrs.state ?? {}) as Record<string, unknown>);
  const script = runScript(store, flowId, state, STEP, { candidateFirst, language: flowLanguage(store, flowId) });
  const start = run.createdAt + MINUTE;
  let last = start;
  for (const line of script.lines) {
    if (line.offset > state.length * STEP && run.attrs.status !== 'finished') break; // only a finished run says goodbye
    last = start + line.offset;
    message(put, thread, line.origin, textPayload(line.text), last);
  }
  return last;
}

/** The three conversation threads; `now` is the seed's real time. */
export function seedConversationThreads(
  store: Store,
  put: Put,
  flows: { driver: string; warehouse: string },
  identifiers: () => string,
  now: number,
) {
  const thread = (channel: string, at: number) =>
    put('messageThreads', { channel, identifier: identifiers(), chatbotPaused: false, candidateId: null }, at);
  const say = (t: Rec, origin: 'outbound' | 'inbound', text: string, at: number, sendBy?: string, failed = false) =>
    message(put, t, origin, textPayload(text), at, sendBy, failed);
  const flowTalk = (t: Rec, flowId: string, start: number, answers: [string, unknown][]) => {
    const script = runScript(store, flowId, answers, STEP, {
      candidateFirst: true,
      language: flowLanguage(store, flowId),
    });
    for (const line of script.lines) say(t, line.origin, line.text, start + line.offset);
    return start + (script.answers.length + 1) * STEP;
  };

  // Long: a whole Driver application two days ago, then a recruiter and the candidate talking it through.
  const long = thread('whatsapp', now - 3 * 24 * 60 * MINUTE);
  let at = flowTalk(long, flows.driver, now - 2 * 24 * 60 * MINUTE, [
    ['first_name', 'Sanne'],
    ['email', 'sanne.devries@example.com'],
    ['phone', '31612345678'],
    ['address', 'Dorpsstraat 12, Utrecht'],
    ['drivers_license', 'yes'],
    ['communicative', 'yes'],
    ['location', 'no'],
    ['appointment', { scheduleId: '2', dateTime: '2025-10-03T10:30:00+02:00' }],
  ]);
  const recruiter = 'Anna (recruiter)';
  const chat: [boolean, string][] = [
    [true, 'Hi Sanne, thanks for applying! I am Anna, the recruiter for this vacancy.'],
    [false, 'Hi Anna! Nice to meet you.'],
    [true, 'You live in Utrecht: is a daily drive to Amsterdam all right for you?'],
    [false, 'Yes, that is fine. I have done it before.'],
    [true, 'Great. Which days of the week are you available?'],
    [false, 'Monday to Thursday, and every other Friday.'],
    [true, 'That works. Do you have experience with delivery vans?'],
    [false, 'Three years at a parcel service, mostly Sprinter vans.'],
    [true, 'Perfect. Could you bring your driving licence to the interview?'],
    [false, 'Of course.'],
  ];
  for (let round = 0; round < 4; round++) {
    for (const [fromUs, text] of chat) {
      at += 7 * MINUTE;
      say(
        long,
        fromUs ? 'outbound' : 'inbound',
        round === 0 ? text : `${text} (${round + 1})`,
        at,
        fromUs ? recruiter : undefined,
      );
    }
  }
  // The last inbound of the long thread is recent (within the window) whatever happened above.
  say(long, 'inbound', 'See you at the interview!', now - 2 * 60 * MINUTE);

  // Stale: the candidate last wrote three days ago; a free text after that failed (outside the 24-hour window).
  const stale = thread('whatsapp', now - 5 * 24 * 60 * MINUTE);
  flowTalk(stale, flows.warehouse, now - 3 * 24 * 60 * MINUTE - 30 * MINUTE, [
    ['name', 'Daan Jansen'],
    ['phone', '31687654321'],
    ['forklift', 'yes'],
    ['vca', 'yes'],
    ['weekends', 'yes'],
  ]);
  say(
    stale,
    'outbound',
    'Hi Daan, are you still interested? Could you call us back?',
    now - 2 * 24 * 60 * MINUTE,
    recruiter,
    true,
  );

  // Markup in what people wrote and in a sender name: to be shown as text, never run.
  const xss = thread('whatsapp', now - 24 * 60 * MINUTE);
  say(xss, 'outbound', 'Hi! What is your first name?', now - 50 * MINUTE);
  XSS_TEXTS.forEach((text, i) => say(xss, 'inbound', text, now - (40 - i * 10) * MINUTE));
  say(xss, 'outbound', `Thanks, ${XSS_TEXTS[0]}!`, now - 5 * MINUTE, '<b onmouseover=alert(3)>Recruiter</b>');

  return { long: long.id, stale: stale.id, xss: xss.id };
}
