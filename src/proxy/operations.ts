// The allow-list vocabulary: what one permitted API call looks like, the calls the elements make, and presets per
// element. An operation is data, not code, so an integrator can read exactly what a page may do and build their own.

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Recrubo ids are UUIDs (reference §1.3). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Schedule ids are short strings such as "1" (sandbox spec); UUIDs fit too. Never a dot, slash or percent sign. */
export const SHORT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export interface FilterRule {
  /** Refuse the request when this filter is missing (e.g. a list that must never be unfiltered). */
  required?: boolean;
  /** Every comma-separated value must match. */
  value?: RegExp;
  /** At most this many comma-separated values. */
  max?: number;
}

export interface BodyRule {
  /** The JSON:API `data.type` the body must have. */
  type: string;
  /** The only attributes the body may carry; anything else is refused, so a page cannot write more than it needs. */
  attributes: readonly string[];
  /**
   * Values an attribute may take: a list compared as JSON (`state: [{}]` accepts an empty object and nothing else)
   * or a predicate. Attributes not named here take any value.
   */
  values?: Readonly<Record<string, readonly unknown[] | ((value: unknown) => boolean)>>;
}

export interface Operation {
  /** A readable name, e.g. `flowRuns.get`. */
  readonly name: string;
  readonly method: Method;
  /** The collection path segment, e.g. `flow-runs`. */
  readonly resource: string;
  /** Present: the path is `<resource>/<id>` and the id must match. Absent: the path is the collection itself. */
  readonly id?: RegExp;
  /** `filter[...]` parameters accepted; any other filter is refused. `'any'` accepts every filter. */
  readonly filters?: Readonly<Record<string, FilterRule>> | 'any';
  /** Relationship names accepted in `include`; none when absent. */
  readonly include?: readonly string[];
  /** POST/PATCH: the JSON:API body rule. A POST/PATCH operation without one is refused (no blind writes). */
  readonly body?: BodyRule;
}

/**
 * `GET flow-runs/:id`, for `<recrubo-flow-run-status>`. `include=flow` only: a run's `messageThread` holds the
 * candidate's conversation, which no status badge needs.
 */
const getFlowRun: Operation = { name: 'flowRuns.get', method: 'GET', resource: 'flow-runs', id: UUID, include: ['flow'] };

/**
 * `GET flow-runs?filter[id]=a,b,c`: the shared store batches the runs on a page into one request (spec §7).
 * Only with `filter[id]`, so the proxy can never list every run (and every candidate's answers) of the organisation.
 */
const listFlowRunsById: Operation = {
  name: 'flowRuns.listById',
  method: 'GET',
  resource: 'flow-runs',
  filters: { id: { required: true, value: UUID, max: 100 } },
};

/**
 * `PATCH flow-runs/:id` with only `status` (stop a run: one of the documented stop statuses) and `state` (erase
 * personal data: exactly `{}`, the only state the elements send, so a visitor cannot write a run's answers).
 */
const updateFlowRun: Operation = {
  name: 'flowRuns.update',
  method: 'PATCH',
  resource: 'flow-runs',
  id: UUID,
  body: {
    type: 'flowRuns',
    attributes: ['status', 'state'],
    values: { status: ['finished', 'timeout', 'cancelled', 'exception'], state: [{}] },
  },
};

/** `POST flow-generations` (and `?sync=true` in the sandbox), for `<recrubo-generate-flow>`. */
const createFlowGeneration: Operation = {
  name: 'flowGenerations.create',
  method: 'POST',
  resource: 'flow-generations',
  body: { type: 'flowGenerations', attributes: ['flowType', 'parameters', 'context'] },
};

const getFlowGeneration: Operation = {
  name: 'flowGenerations.get',
  method: 'GET',
  resource: 'flow-generations',
  id: UUID,
};

/** `GET flow-generations?filter[id]=…`: the shared store batches watched generations like runs (spec §7). */
const listFlowGenerationsById: Operation = {
  name: 'flowGenerations.listById',
  method: 'GET',
  resource: 'flow-generations',
  filters: { id: { required: true, value: UUID, max: 100 } },
};

/**
 * `GET flows/:id`, also with `include=nodes.nodeActions`: the run card names the flow and labels the answers by its
 * questions (the generate-flow result shows the flow's name). A flow's questions, not a candidate's data.
 */
const getFlow: Operation = { name: 'flows.get', method: 'GET', resource: 'flows', id: UUID, include: ['nodes', 'nodes.nodeActions'] };

/** `GET nodes?filter[flowId]=…`: the nodes of one flow, never the whole organisation's. */
const listNodesByFlow: Operation = {
  name: 'nodes.listByFlow',
  method: 'GET',
  resource: 'nodes',
  filters: { flowId: { required: true, value: UUID, max: 1 } },
  include: ['nodeActions'],
};

/** Schedules (a sandbox extension; in production an integrator may serve its own, spec §6). */
const listSchedules: Operation = {
  name: 'schedules.list',
  method: 'GET',
  resource: 'schedules',
  filters: { id: { value: SHORT_ID, max: 100 } },
};

const getSchedule: Operation = { name: 'schedules.get', method: 'GET', resource: 'schedules', id: SHORT_ID };

/** Every built-in operation by name, for integrators composing their own list. */
export const operations = {
  getFlowRun,
  listFlowRunsById,
  updateFlowRun,
  createFlowGeneration,
  getFlowGeneration,
  listFlowGenerationsById,
  getFlow,
  listNodesByFlow,
  listSchedules,
  getSchedule,
} as const satisfies Record<string, Operation>;

/** What each element needs, so a page can allow only what it shows. */
export const operationsFor = {
  /** The form, the generation's progress, a look at the generated flow, and its schedule picker. */
  generateFlow: [
    createFlowGeneration,
    getFlowGeneration,
    listFlowGenerationsById,
    getFlow,
    listNodesByFlow,
    listSchedules,
    getSchedule,
  ],
  /**
   * Status badges, and cards with the flow's name, the answers labelled by its questions, and actions. Read-only
   * page? `operationsFor.flowRunStatus.filter(o => o.method === 'GET')`.
   */
  flowRunStatus: [getFlowRun, listFlowRunsById, updateFlowRun, getFlow, listNodesByFlow],
  schedulePicker: [listSchedules, getSchedule],
} as const satisfies Record<string, readonly Operation[]>;

/** The default allow-list: everything the elements use, nothing more. */
export const defaultOperations: readonly Operation[] = Object.values(operations);

/** `GET flow-runs/:id`-style label for messages and docs. */
export function describeOperation(op: Operation): string {
  return `${op.method} ${op.resource}${op.id ? '/:id' : ''}`;
}
