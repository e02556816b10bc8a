// The outcome of a finished run, where the run's flow lets us know it: a knockout question is an ask node with a
// transition whose condition is an exact answer (`answer == "no"`, the help site's "Exact" link) leading to an end
// node of type `declined`. A finished run whose answers hold such an answer was declined by that question; one that
// answered every knockout otherwise was accepted. Anything else (an AI condition, a knockout not answered, a flow
// without transitions) leaves the outcome unknown: the badge then says only "Finished", never a guess.
import type { FlowRun, Node } from '../../api/types.js';

export interface Knockout {
  /** The session key the question stores its answer under. */
  key: string;
  /** The question's label (as the card shows it). */
  label: string;
  /** Answers that decline; undefined when a declining condition cannot be read (not an exact answer). */
  declinesOn?: string[];
}

export type RunOutcome = { outcome: 'accepted' } | { outcome: 'declined'; key: string; label: string };

const EXACT = /^answer\s*==\s*"([^"]*)"$/;

/** The knockouts of a flow's nodes (in node order); undefined when the nodes came without their transitions. */
export function knockoutsOf(nodes: Node[], labels: Map<string, string>): Knockout[] | undefined {
  if (nodes.length > 0 && nodes.every((n) => n.nodeTransitions === undefined)) return undefined;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const knockouts: Knockout[] = [];
  for (const node of nodes) {
    const ask = (node.nodeActions ?? []).find((a) => a.actionType === 'ask' && a.variableName);
    if (!ask?.variableName) continue;
    const declining = (node.nodeTransitions ?? []).filter(
      (tr) => tr.condition && byId.get(tr.targetNodeId ?? '')?.endFlowType === 'declined',
    );
    if (declining.length === 0) continue;
    const answers = declining.map((tr) => EXACT.exec(String(tr.condition).trim())?.[1]);
    knockouts.push({
      key: ask.variableName,
      label: labels.get(ask.variableName) ?? ask.variableName,
      declinesOn: answers.every((a) => a !== undefined) ? (answers as string[]) : undefined,
    });
  }
  return knockouts;
}

/** How an answer reads for a condition: the text itself, an appointment as its date-time, else its JSON. */
function answerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'dateTime' in value) return String(value.dateTime);
  return JSON.stringify(value);
}

/** The outcome of a finished run, or undefined while it cannot be known (see the top of this file). */
export function outcomeOf(
  run: Pick<FlowRun, 'status' | 'state'>,
  knockouts: Knockout[] | undefined,
): RunOutcome | undefined {
  if (run.status !== 'finished' || !knockouts) return undefined;
  const state = run.state ?? {};
  let known = true;
  for (const k of knockouts) {
    if (!(k.key in state) || !k.declinesOn) {
      known = false;
      continue;
    }
    if (k.declinesOn.includes(answerText(state[k.key]))) return { outcome: 'declined', key: k.key, label: k.label };
  }
  return known ? { outcome: 'accepted' } : undefined;
}
