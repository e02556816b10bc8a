// One request for the whole graph: the flow with its nodes, their actions and their transitions. A server that does
// not offer the nested include (a 400) gets the flow and then its nodes with both includes, all pages.
import type { Api } from '../api/index.js';
import { RecruboApiError } from '../api/errors.js';
import type { Flow, Node } from '../api/types.js';

export const FLOW_GRAPH_INCLUDE = ['nodes.nodeActions', 'nodes.nodeTransitions'];

export async function loadFlowGraph(
  api: Api,
  flowId: string,
  signal: AbortSignal,
): Promise<{ flow: Flow; nodes: Node[] }> {
  try {
    const flow = await api.flows.get(flowId, { include: FLOW_GRAPH_INCLUDE, signal });
    return { flow, nodes: flow.nodes ?? [] };
  } catch (err) {
    if (!(err instanceof RecruboApiError) || err.status !== 400) throw err;
    const [flow, nodes] = await Promise.all([
      api.flows.get(flowId, { signal }),
      api.nodes.listByFlow(flowId, { include: ['nodeActions', 'nodeTransitions'], signal }),
    ]);
    return { flow, nodes };
  }
}
