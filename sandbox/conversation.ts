/**
 * What a run says and hears: the flow graph walked with the simulated candidate's answers. The same walk gives the
 * run's `state` (the answers on the path), its conversation (bot texts from the node actions, the candidate's
 * answers as inbound messages) and its ending (which end node, and which knockout declined).
 */
import { appointmentText } from './answers.ts';
import type { Rec, Store } from './store.ts';

export interface ScriptLine {
  /** Virtual ms after the run started running (the opening message is written at POST, not here). */
  offset: number;
  origin: 'outbound' | 'inbound';
  text: string;
}

export interface Ending {
  outcome: 'accepted' | 'declined';
  /** The knockout's sessionField whose "no" led to the declined end node; null when accepted. */
  declinedBy: string | null;
  endNodeId: string | null;
}

export interface RunScript extends Ending {
  /** The answers in the order asked, only those on the path (a knockout "no" ends the questions). */
  answers: [string, unknown][];
  lines: ScriptLine[];
}

/** What the candidate writes to start a run that sent nothing (`initialMessage: {}`). */
export const CANDIDATE_OPENER = { nl: 'Hoi! Ik wil graag solliciteren.', en: 'Hi! I would like to apply.' } as const;

/**
 * How an answer reads as a message: the state value itself; an appointment as its date and time in the flow's
 * language ("dinsdag 8 december om 10:30"), as a candidate writes it, not as an ISO timestamp.
 */
export function answerText(value: unknown, language = 'en'): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'dateTime' in value)
    return appointmentText(String((value as { dateTime: unknown }).dateTime), language);
  return JSON.stringify(value);
}

/**
 * What the candidate writes for an answer to a question: for a yes/no list ("Ja"/"Nee") the option's own label, as
 * a candidate taps it (the state keeps "yes"/"no", which the flow's conditions test); otherwise `answerText`.
 */
function answerLine(action: Rec | undefined, answer: unknown, language?: string): string {
  const options = (action?.attrs.value as { options?: unknown } | undefined)?.options;
  if (Array.isArray(options) && (answer === 'yes' || answer === 'no')) {
    const labels = options.map((o) => (typeof o === 'string' ? o : String((o as { text?: unknown })?.text ?? '')));
    const own = labels.find((l) => l.toLowerCase() === answer);
    const label = own ?? (labels.length === 2 ? labels[answer === 'yes' ? 0 : 1] : undefined);
    if (label) return label;
  }
  return answerText(answer, language);
}

interface Graph {
  start?: Rec;
  action: (node: Rec) => Rec | undefined;
  transitions: (node: Rec) => Rec[];
  node: (id: unknown) => Rec | undefined;
}

function graphOf(store: Store, flowId: string): Graph {
  const nodes = store.where('nodes', 'flowId', flowId).sort((a, b) => Number(a.attrs.index) - Number(b.attrs.index));
  return {
    start: nodes.find((n) => n.attrs.isStartFlow === true) ?? nodes[0],
    action: (node) =>
      store.where('nodeActions', 'nodeId', node.id).sort((a, b) => Number(a.attrs.index) - Number(b.attrs.index))[0],
    transitions: (node) =>
      store.where('nodeTransitions', 'nodeId', node.id).sort((a, b) => Number(a.attrs.index) - Number(b.attrs.index)),
    node: (id) => (typeof id === 'string' ? store.get('nodes', id) : undefined),
  };
}

/** `answer == "no"` style conditions, the only kind the sandbox's flows have. */
function matches(condition: unknown, answer: unknown): boolean {
  const m = /^answer\s*==\s*"([^"]*)"$/.exec(String(condition ?? '').trim());
  return !!m && answerText(answer) === m[1];
}

const textOf = (action: Rec | undefined): string | null => {
  const value = action?.attrs.value as { text?: unknown } | undefined;
  return typeof value?.text === 'string' && value.text ? value.text : null;
};

/** The knockout sessionFields of a flow (ask nodes with a conditional transition to a declined end), in order. */
export function knockoutFields(store: Store, flowId: string): string[] {
  const g = graphOf(store, flowId);
  return store
    .where('nodes', 'flowId', flowId)
    .sort((a, b) => Number(a.attrs.index) - Number(b.attrs.index))
    .filter((n) =>
      g
        .transitions(n)
        .some((tr) => tr.attrs.condition && g.node(tr.attrs.targetNodeId)?.attrs.endFlowType === 'declined'),
    )
    .map((n) => g.action(n)?.attrs.variableName)
    .filter((v): v is string => typeof v === 'string');
}

/**
 * Walks the flow from its start node. `answers` gives the candidate's answer per sessionField (fields it lacks are
 * skipped, as a flow the candidate has not reached). Each answer arrives one `stepMs` after the question before.
 */
export function runScript(
  store: Store,
  flowId: string,
  answers: [string, unknown][],
  stepMs: number,
  opts: { candidateFirst: boolean; language?: string },
): RunScript {
  const g = graphOf(store, flowId);
  const byField = new Map(answers);
  const lines: ScriptLine[] = [];
  const path: [string, unknown][] = [];
  if (opts.candidateFirst)
    lines.push({ offset: 0, origin: 'inbound', text: CANDIDATE_OPENER[opts.language === 'nl' ? 'nl' : 'en'] });
  let node = g.start;
  let declinedBy: string | null = null;
  const seen = new Set<string>();
  while (node && !seen.has(node.id)) {
    seen.add(node.id);
    const action = g.action(node);
    const text = textOf(action);
    const now = node.attrs.isEndFlow ? (path.length + 1) * stepMs : path.length * stepMs;
    if (text) lines.push({ offset: now, origin: 'outbound', text });
    if (node.attrs.isEndFlow) break;
    const transitions = g.transitions(node);
    let answer: unknown;
    const field = action?.attrs.actionType === 'ask' ? action.attrs.variableName : undefined;
    if (typeof field === 'string') {
      if (!byField.has(field)) break;
      answer = byField.get(field);
      path.push([field, answer]);
      lines.push({ offset: path.length * stepMs, origin: 'inbound', text: answerLine(action, answer, opts.language) });
    }
    const taken =
      transitions.find((tr) => tr.attrs.condition && matches(tr.attrs.condition, answer)) ??
      transitions.find((tr) => !tr.attrs.condition);
    const next = g.node(taken?.attrs.targetNodeId);
    if (taken?.attrs.condition && next?.attrs.endFlowType === 'declined' && typeof field === 'string')
      declinedBy = field;
    node = next;
  }
  const end = node?.attrs.isEndFlow ? node : undefined;
  return {
    answers: path,
    lines,
    outcome: end?.attrs.endFlowType === 'declined' ? 'declined' : 'accepted',
    declinedBy,
    endNodeId: end?.id ?? null,
  };
}

/** The flow's language as its generation parameters give it (the seeded hand-made flow has none: en). */
export function flowLanguage(store: Store, flowId: string): string {
  const gen = store.where('flowGenerations', 'flowId', flowId)[0];
  return String((gen?.attrs.parameters as { language?: unknown } | undefined)?.language ?? 'en');
}
