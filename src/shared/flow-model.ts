// A Flow with its nodes, node actions and node transitions, reduced to what the preview shows: the steps in node
// order, each with the bot's messages, where the answer is stored, and where the candidate goes next. Pure (no DOM),
// so both views read the same model and the tests of one hold for the other.
import type { EndFlowType, Flow, Node, NodeAction, NodeTransition } from '../api/types.js';
import { checkMessage, type LimitIssue, type ReplyShape, replyShape } from './whatsapp-limits.js';

/** What a message asks for; anything Recrubo adds later is shown as `other` with its subType. */
export type MessageKind = 'text' | 'list' | 'contact' | 'location' | 'appointment' | 'media' | 'set-variable' | 'other';

export interface PreviewMessage {
  id: string;
  /** `say`: the bot only talks; `ask`: it waits for an answer. */
  asks: boolean;
  kind: MessageKind;
  subType: string;
  text: string;
  /** Quick replies (`list` actions). */
  options: string[];
  shape: ReplyShape;
  /** The session field the answer is stored in (`variableName`). */
  sessionField: string | null;
  /** Appointment steps: the schedules (`scheduleIds`), or `custom` when they are chosen per run. */
  schedules: string[] | 'custom' | null;
  limits: LimitIssue[];
}

export type BranchKind = 'next' | 'end';

export interface PreviewBranch {
  id: string;
  /** The condition as the API gives it; null = always (the default path). */
  condition: string | null;
  /** The answer the condition tests, when it is the usual `answer == "…"` form. */
  answer: string | null;
  targetId: string | null;
  /** The target step, when it is in this flow. */
  target: PreviewStep | null;
}

export interface PreviewStep {
  id: string;
  /** 1-based position in node order. */
  number: number;
  name: string;
  start: boolean;
  end: EndFlowType | null;
  messages: PreviewMessage[];
  branches: PreviewBranch[];
  /** The branch to a declined ending on a knockout question. */
  knockout: PreviewBranch | null;
  limits: number;
}

export interface PreviewModel {
  id: string;
  name: string;
  steps: PreviewStep[];
  /** The steps the conversation ends in (accepted first, then declined, then the rest). */
  endings: PreviewStep[];
  limitCount: number;
}

const KINDS: Record<string, MessageKind> = {
  text: 'text',
  list: 'list',
  contact: 'contact',
  location: 'location',
  appointment: 'appointment',
  image: 'media',
  video: 'media',
  audio: 'media',
  document: 'media',
  'set-variable': 'set-variable',
};

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** `list` options arrive as strings or as `{ title }`/`{ label }`/`{ value }` objects. */
function optionsOf(value: Record<string, unknown>): string[] {
  const raw = Array.isArray(value.options) ? value.options : Array.isArray(value.items) ? value.items : [];
  return raw
    .map((o: unknown) =>
      o && typeof o === 'object'
        ? str(
            (o as Record<string, unknown>).title ??
              (o as Record<string, unknown>).label ??
              (o as Record<string, unknown>).value,
          )
        : str(o),
    )
    .filter((o) => o !== '');
}

function schedulesOf(value: Record<string, unknown>): string[] | 'custom' | null {
  if (value.scheduleMode === 'custom') return 'custom';
  const ids = str(value.scheduleIds);
  return ids
    ? ids
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
}

/** The appointment node's own text, else its first custom "ask for a day" message in the UI language. */
function appointmentText(value: Record<string, unknown>, lang: string): string {
  const own = str(value.text);
  if (own) return own;
  const first = lang === 'nl' ? ['askDayNL', 'askDayEN'] : ['askDayEN', 'askDayNL'];
  return first.map((k) => str(value[k])).find(Boolean) ?? '';
}

function toMessage(action: NodeAction, lang: string): PreviewMessage {
  const value = (action.value && typeof action.value === 'object' ? action.value : {}) as Record<string, unknown>;
  const subType = str(action.subType) || 'text';
  const kind = KINDS[subType] ?? 'other';
  const options = kind === 'list' ? optionsOf(value) : [];
  const text = kind === 'appointment' ? appointmentText(value, lang) : str(value.text);
  const asks = action.actionType === 'ask';
  return {
    id: action.id,
    asks,
    kind,
    subType,
    text,
    options,
    shape: replyShape(options.length),
    sessionField: asks && action.variableName ? action.variableName : null,
    schedules: kind === 'appointment' ? schedulesOf(value) : null,
    limits: kind === 'set-variable' ? [] : checkMessage(text, options),
  };
}

/** `answer == "no"` (any quotes, any case) → `no`. */
function answerOf(condition: string | null): string | null {
  const m = condition?.match(/^\s*answer\s*={1,3}\s*["'](.*)["']\s*$/i);
  return m ? (m[1] as string) : null;
}

const byIndex = <T extends { index?: number }>(a: T, b: T) => (a.index ?? 0) - (b.index ?? 0);

export function toPreviewModel(flow: Flow, nodes: readonly Node[], lang = 'en'): PreviewModel {
  const ordered = [...nodes].sort(byIndex);
  const steps: PreviewStep[] = ordered.map((node, i) => ({
    id: node.id,
    number: i + 1,
    name: str(node.name),
    start: !!node.isStartFlow,
    end: node.isEndFlow ? (node.endFlowType ?? 'accepted') : null,
    messages: [...(node.nodeActions ?? [])].sort(byIndex).map((a) => toMessage(a, lang)),
    branches: [],
    knockout: null,
    limits: 0,
  }));
  const byId = new Map(steps.map((s) => [s.id, s]));
  ordered.forEach((node, i) => {
    const step = steps[i] as PreviewStep;
    step.branches = [...(node.nodeTransitions ?? [])].sort(byIndex).map((t: NodeTransition) => {
      const targetId = t.targetNodeId ?? null;
      const condition = typeof t.condition === 'string' && t.condition.trim() ? t.condition : null;
      return {
        id: t.id,
        condition,
        answer: answerOf(condition),
        targetId,
        target: targetId ? (byId.get(targetId) ?? null) : null,
      };
    });
    step.knockout = step.branches.find((b) => b.condition !== null && b.target?.end === 'declined') ?? null;
    step.limits = step.messages.reduce((n, m) => n + m.limits.length, 0);
  });
  const endRank = (s: PreviewStep) => (s.end === 'accepted' ? 0 : s.end === 'declined' ? 1 : 2);
  const endings = steps.filter((s) => s.end).sort((a, b) => endRank(a) - endRank(b) || a.number - b.number);
  return {
    id: flow.id,
    name: str(flow.name),
    steps,
    endings,
    limitCount: steps.reduce((n, s) => n + s.limits, 0),
  };
}
