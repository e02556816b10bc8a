// What the invite form needs to know about a flow: whether its appointment step takes its schedules per run
// (`scheduleMode: "custom"`, read from the appointment NodeAction), so the recruiter must choose them here.
import type { Api } from '../../api/index.js';
import { isRecruboApiError } from '../../api/errors.js';
import type { Flow, Node } from '../../api/types.js';

/** `custom`: schedules per run (`state.scheduleId`); `fixed`: chosen at generation time; `none`: no appointment step. */
export type ScheduleMode = 'custom' | 'fixed' | 'none';

export function scheduleModeOf(nodes: readonly Node[] | undefined): ScheduleMode {
  let mode: ScheduleMode = 'none';
  for (const node of nodes ?? []) {
    for (const action of node.nodeActions ?? []) {
      if (action.subType !== 'appointment') continue;
      const value = (action.value ?? {}) as Record<string, unknown>;
      // The generated action carries the step's options flat; a hand-made one may nest them as in the generation.
      const options = (value.options && typeof value.options === 'object' ? value.options : value) as Record<string, unknown>;
      if (options.scheduleMode === 'custom' || value.scheduleMode === 'custom') return 'custom';
      mode = 'fixed';
    }
  }
  return mode;
}

export interface FlowSummary {
  flow: Flow;
  scheduleMode: ScheduleMode;
}

export async function loadFlowSummary(api: Api, flowId: string, signal: AbortSignal): Promise<FlowSummary> {
  try {
    const flow = await api.flows.get(flowId, { include: ['nodes.nodeActions'], signal });
    return { flow, scheduleMode: scheduleModeOf(flow.nodes) };
  } catch (err) {
    // A server that does not offer the nested include: the flow, then its nodes with their actions.
    if (!isRecruboApiError(err) || err.status !== 400) throw err;
    const [flow, nodes] = await Promise.all([api.flows.get(flowId, { signal }), api.nodes.listByFlow(flowId, { include: ['nodeActions'], signal })]);
    return { flow, scheduleMode: scheduleModeOf(nodes) };
  }
}
