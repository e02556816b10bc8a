/**
 * Starting a simulated FlowRun: its answers, conversation script and ending come from one walk of the flow
 * (conversation.ts); the opening message is written at once, the rest by the life cycle as virtual time passes.
 */
import { answersFor, scheduleNamesOf } from './answers.ts';
import { flowLanguage, knockoutFields, runScript } from './conversation.ts';
import { sessionFieldsOf } from './flow-builder.ts';
import { BOT_NAME, writeMessage } from './messages.ts';
import type { Rec } from './store.ts';
import type { Tenant } from './tenant.ts';

/**
 * The simulated candidate of a run started through the API passes every knockout, unless the thread's identifier
 * ends in `00`: then they answer "no" to the first knockout question and the run ends declined (a "magic number",
 * as Stripe's test cards have, so tests and demos can reach the declined ending on purpose).
 */
export const DECLINING_IDENTIFIER = /00$/;

export interface StartRun {
  runningAt: number;
  stepMs: number;
  baseState: Record<string, unknown>;
  /** The `initialMessage` as sent, or null for `{}` (the candidate then writes first). */
  opening: Record<string, unknown> | null;
  pausedAt?: number;
  /** Virtual ms of the opening message (default now). */
  openingAt?: number;
  /** Seeded live runs keep their drawn answers (some decline); API runs follow DECLINING_IDENTIFIER. */
  drawnAnswers?: boolean;
}

/** The first text parameter of the opening template ("Hoi {{1}}"): the name the run greets its candidate with. */
function greetedName(opening: Record<string, unknown> | null): string | undefined {
  const template = opening?.template as
    { components?: { parameters?: { type?: string; text?: unknown }[] }[] } | undefined;
  const text = template?.components?.flatMap((c) => c.parameters ?? []).find((p) => p.type === 'text')?.text;
  return typeof text === 'string' && text.trim() && text.length <= 40 ? text.trim() : undefined;
}

export function simulateRun(t: Tenant, rec: Rec, s: StartRun): void {
  const flowId = String(rec.attrs.flowId);
  const thread = t.store.get('messageThreads', String(rec.attrs.messageThreadId));
  let answers = answersFor(rec.id, sessionFieldsOf(t.store, flowId), {
    now: rec.createdAt,
    schedules: scheduleNamesOf(t.store, flowId, { ...s.baseState, ...(rec.attrs.state as object) }),
    candidate: thread?.id,
    firstName: s.drawnAnswers ? undefined : greetedName(s.opening),
  });
  if (!s.drawnAnswers) {
    const knockouts = knockoutFields(t.store, flowId);
    const declines = DECLINING_IDENTIFIER.test(String(thread?.attrs.identifier ?? ''));
    answers = answers.map(([field, value]) =>
      knockouts.includes(field) ? [field, declines && field === knockouts[0] ? 'no' : 'yes'] : [field, value],
    );
  }
  const script = runScript(t.store, flowId, answers, s.stepMs, {
    candidateFirst: s.opening === null,
    language: flowLanguage(t.store, flowId),
  });
  if (s.opening && thread)
    writeMessage(t, { threadId: thread.id, origin: 'outbound', sendBy: BOT_NAME, payload: s.opening, at: s.openingAt });
  rec.sim = {
    kind: 'run',
    runningAt: s.runningAt,
    stepMs: s.stepMs,
    answers: script.answers,
    baseState: s.baseState,
    lines: script.lines,
    written: 0,
    ending: { outcome: script.outcome, declinedBy: script.declinedBy, endNodeId: script.endNodeId },
    ...(s.pausedAt !== undefined ? { pausedAt: s.pausedAt } : {}),
  };
}
