// The flow behind a run, reduced to what the card and the badge show: its name, a label per session key (the
// question whose NodeAction stores its answer under that `variableName`) and its knockouts (the questions with an
// exact-answer transition to a declined end node, see outcome.ts). One request per flow id per Api, however many cards
// show runs of that flow; the request is dropped when every card that waited for it has left the page.
import type { Api } from '../../api/index.js';
import { isRecruboApiError } from '../../api/errors.js';
import { InFlight } from '../../shared/in-flight.js';
import type { Flow, FlowRun, Node } from '../../api/types.js';
import { knockoutsOf, outcomeOf, type Knockout, type RunOutcome } from './outcome.js';

export interface FlowInfo {
  id: string;
  name: string;
  /** session key → question label, in the flow's node order. */
  labels: Map<string, string>;
  /** The questions whose answer can decline the candidate; undefined when the server sent no transitions. */
  knockouts?: Knockout[];
  /** A finished run's outcome by these knockouts (undefined while it cannot be known: see outcome.ts). */
  outcome(run: Pick<FlowRun, 'status' | 'state'>): RunOutcome | undefined;
}

const INCLUDE = ['nodes.nodeActions', 'nodes.nodeTransitions'];

const MAX_FLOWS = 200;
const caches = new WeakMap<Api, Map<string, InFlight<FlowInfo>>>();

function toInfo(flow: Flow, nodes: Node[] | undefined): FlowInfo {
  const labels = new Map<string, string>();
  const ordered = [...(nodes ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  for (const node of ordered) {
    for (const action of node.nodeActions ?? []) {
      const key = action.variableName;
      if (!key || labels.has(key)) continue;
      const text = typeof action.value?.text === 'string' ? action.value.text : undefined;
      labels.set(key, node.name?.trim() || text || key);
    }
  }
  const knockouts = knockoutsOf(ordered, labels);
  return { id: flow.id, name: flow.name, labels, knockouts, outcome: (run) => outcomeOf(run, knockouts) };
}

async function fetchInfo(api: Api, flowId: string, signal: AbortSignal): Promise<FlowInfo> {
  try {
    const flow = await api.flows.get(flowId, { include: INCLUDE, signal });
    return toInfo(flow, flow.nodes);
  } catch (err) {
    // A server that does not offer this include: the flow alone, then its nodes with their actions.
    if (!isRecruboApiError(err) || err.status !== 400) throw err;
    const [flow, nodes] = await Promise.all([
      api.flows.get(flowId, { signal }),
      api.nodes.listByFlow(flowId, { include: ['nodeActions', 'nodeTransitions'], signal }),
    ]);
    return toInfo(flow, nodes);
  }
}

const abortError = () => new DOMException('The element left the page.', 'AbortError');

export function loadFlowInfo(api: Api, flowId: string, signal: AbortSignal): Promise<FlowInfo> {
  if (signal.aborted) return Promise.reject(abortError());
  let cache = caches.get(api);
  if (!cache) caches.set(api, (cache = new Map()));
  const flows = cache;
  let task = flows.get(flowId);
  if (!task) {
    const created: InFlight<FlowInfo> = new InFlight(
      (taskSignal) =>
        fetchInfo(api, flowId, taskSignal).catch((err: unknown) => {
          // Failures are not cached: the next card (or a retry) asks again.
          if (flows.get(flowId) === created) flows.delete(flowId);
          throw err;
        }),
      () => {
        if (flows.get(flowId) === created) flows.delete(flowId);
      },
    );
    flows.set(flowId, created);
    if (flows.size > MAX_FLOWS) flows.delete(flows.keys().next().value!);
    task = created;
  }
  return task.join(signal, abortError);
}
