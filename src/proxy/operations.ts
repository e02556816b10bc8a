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
const getFlowRun: Operation = {
  name: 'flowRuns.get',
  method: 'GET',
  resource: 'flow-runs',
  id: UUID,
  include: ['flow'],
};

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
 * questions (the generate-flow result shows the flow's name); `nodes.nodeTransitions` for <recrubo-flow-preview>'s
 * branches. A flow's questions, not a candidate's data.
 */
const getFlow: Operation = {
  name: 'flows.get',
  method: 'GET',
  resource: 'flows',
  id: UUID,
  include: ['nodes', 'nodes.nodeActions', 'nodes.nodeTransitions'],
};

/** `GET nodes?filter[flowId]=…`: the nodes of one flow, never the whole organisation's. */
const listNodesByFlow: Operation = {
  name: 'nodes.listByFlow',
  method: 'GET',
  resource: 'nodes',
  filters: { flowId: { required: true, value: UUID, max: 1 } },
  include: ['nodeActions', 'nodeTransitions'],
};

/** `POST vacancy-analyses` (and `?sync=true` in the sandbox): generate-flow's "Suggest requirements". Not billed. */
const createVacancyAnalysis: Operation = {
  name: 'vacancyAnalyses.create',
  method: 'POST',
  resource: 'vacancy-analyses',
  body: { type: 'vacancyAnalyses', attributes: ['inputText'] },
};

const getVacancyAnalysis: Operation = {
  name: 'vacancyAnalyses.get',
  method: 'GET',
  resource: 'vacancy-analyses',
  id: UUID,
};

/** `GET vacancy-analyses?filter[id]=…`: the shared store follows an unfinished analysis like a generation. */
const listVacancyAnalysesById: Operation = {
  name: 'vacancyAnalyses.listById',
  method: 'GET',
  resource: 'vacancy-analyses',
  filters: { id: { required: true, value: UUID, max: 100 } },
};

/** Schedules (a sandbox extension; in production an integrator may serve its own, spec §6). */
const listSchedules: Operation = {
  name: 'schedules.list',
  method: 'GET',
  resource: 'schedules',
  filters: { id: { value: SHORT_ID, max: 100 } },
};

const getSchedule: Operation = { name: 'schedules.get', method: 'GET', resource: 'schedules', id: SHORT_ID };

// ── <recrubo-start-run> (opt-in: not in `defaultOperations`, because creating threads and runs messages candidates
// in the business's name and costs credits; add `operationsFor.startRun` where recruiters invite).

/** A WhatsApp number as the invite form sends it: E.164 digits without `+`. */
const E164_DIGITS = /^[1-9][0-9]{7,14}$/;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOnlyKeys = (v: Record<string, unknown>, keys: string[]) => Object.keys(v).every((k) => keys.includes(k));

/** The run's `state` the invite form sends: `{}`, or custom schedules `{ scheduleId: "1" | ["1", "2"] }`. Nothing else. */
function isStartRunState(v: unknown): boolean {
  if (!isPlainObject(v) || !hasOnlyKeys(v, ['scheduleId'])) return false;
  const ids = v.scheduleId;
  if (ids === undefined) return true;
  if (typeof ids === 'string') return SHORT_ID.test(ids);
  return (
    Array.isArray(ids) &&
    ids.length > 0 &&
    ids.length <= 100 &&
    ids.every((id) => typeof id === 'string' && SHORT_ID.test(id))
  );
}

/**
 * The opening message the invite form sends: a template (by UUID) with text body parameters, as documented. No free
 * text, no media: a page may choose which approved template and what goes in its `{{n}}`, not write any message.
 */
function isTemplateOpening(v: unknown): boolean {
  if (!isPlainObject(v) || !hasOnlyKeys(v, ['type', 'template']) || v.type !== 'template') return false;
  const t = v.template;
  if (!isPlainObject(t) || !hasOnlyKeys(t, ['id', 'components']) || typeof t.id !== 'string' || !UUID.test(t.id))
    return false;
  if (!Array.isArray(t.components) || t.components.length > 1) return false;
  return t.components.every((c) => {
    if (
      !isPlainObject(c) ||
      !hasOnlyKeys(c, ['type', 'parameters']) ||
      c.type !== 'body' ||
      !Array.isArray(c.parameters)
    )
      return false;
    return (
      c.parameters.length <= 20 &&
      c.parameters.every(
        (p) =>
          isPlainObject(p) &&
          hasOnlyKeys(p, ['type', 'text']) &&
          p.type === 'text' &&
          typeof p.text === 'string' &&
          p.text.length <= 1024,
      )
    );
  });
}

/**
 * `GET message-threads?filter[identifier]=…`: is this number already a thread? Only with exactly one identifier
 * (digits, E.164 without `+`), so a page can never list the organisation's threads and their numbers.
 */
const findMessageThread: Operation = {
  name: 'messageThreads.find',
  method: 'GET',
  resource: 'message-threads',
  filters: { identifier: { required: true, value: E164_DIGITS, max: 1 } },
};

/** `POST message-threads` with only what the invite form sends: the channel and the number. */
const createMessageThread: Operation = {
  name: 'messageThreads.create',
  method: 'POST',
  resource: 'message-threads',
  body: {
    type: 'messageThreads',
    attributes: ['channel', 'identifier'],
    values: { channel: ['whatsapp'], identifier: (v) => typeof v === 'string' && E164_DIGITS.test(v) },
  },
};

/** `GET message-templates`: the templates to choose from (names and texts the business registered with Meta). */
const listMessageTemplates: Operation = { name: 'messageTemplates.list', method: 'GET', resource: 'message-templates' };

const getMessageTemplate: Operation = {
  name: 'messageTemplates.get',
  method: 'GET',
  resource: 'message-templates',
  id: UUID,
};

/** `POST flow-runs`: the documented four attributes, nothing else (no `status`, no `cost`). */
const createFlowRun: Operation = {
  name: 'flowRuns.create',
  method: 'POST',
  resource: 'flow-runs',
  body: {
    type: 'flowRuns',
    attributes: ['flowId', 'messageThreadId', 'state', 'initialMessage'],
    values: {
      flowId: (v) => typeof v === 'string' && UUID.test(v),
      messageThreadId: (v) => typeof v === 'string' && UUID.test(v),
      state: isStartRunState,
      initialMessage: isTemplateOpening,
    },
  },
};

// ── <recrubo-conversation> (opt-in: not in `defaultOperations`, because reading a candidate's chat and sending
// WhatsApp messages in the business's name are more than the other elements need; add `operationsFor.conversation`).

/** `GET messages?filter[messageThreadId]=…`: one thread's messages, never the organisation's. */
const listMessagesByThread: Operation = {
  name: 'messages.listByThread',
  method: 'GET',
  resource: 'messages',
  filters: { messageThreadId: { required: true, value: UUID, max: 1 } },
};

/** `POST messages`: a text only (the composer); templates and media stay with the integrator's server. */
const createTextMessage: Operation = {
  name: 'messages.createText',
  method: 'POST',
  resource: 'messages',
  body: {
    type: 'messages',
    attributes: ['messageThreadId', 'sendBy', 'payload'],
    values: {
      messageThreadId: (v) => typeof v === 'string' && UUID.test(v),
      sendBy: (v) => typeof v === 'string' && v.length > 0 && v.length <= 100,
      payload: (v) => {
        const p = v as { type?: unknown; text?: { value?: unknown } } | null;
        return (
          !!p &&
          typeof p === 'object' &&
          Object.keys(p).length === 2 &&
          p.type === 'text' &&
          typeof p.text?.value === 'string' &&
          Object.keys(p.text).length === 1 &&
          p.text.value.length <= 4096
        );
      },
    },
  },
};

const getMessageThread: Operation = {
  name: 'messageThreads.get',
  method: 'GET',
  resource: 'message-threads',
  id: UUID,
};

/** The store batches watched threads like runs. */
const listMessageThreadsById: Operation = {
  name: 'messageThreads.listById',
  method: 'GET',
  resource: 'message-threads',
  filters: { id: { required: true, value: UUID, max: 100 } },
};

/** `PATCH message-threads/:id` with `chatbotPaused` only (the pause switch). */
const pauseMessageThread: Operation = {
  name: 'messageThreads.pause',
  method: 'PATCH',
  resource: 'message-threads',
  id: UUID,
  body: { type: 'messageThreads', attributes: ['chatbotPaused'], values: { chatbotPaused: [true, false] } },
};

/** A template message is shown with its template's text. */
const getMessageTemplateForConversation: Operation = {
  name: 'messageTemplates.get',
  method: 'GET',
  resource: 'message-templates',
  id: UUID,
};

/** Whether a run is live on the thread (pausing asks for confirmation then). */
const listFlowRunsByThread: Operation = {
  name: 'flowRuns.listByThread',
  method: 'GET',
  resource: 'flow-runs',
  filters: { messageThreadId: { required: true, value: UUID, max: 1 } },
};

/** What `<recrubo-conversation>` needs (with `composer` and `pause-control`); a read-only page filters the GETs. */
export const conversationOperations: readonly Operation[] = [
  listMessagesByThread,
  createTextMessage,
  getMessageThread,
  listMessageThreadsById,
  pauseMessageThread,
  getMessageTemplateForConversation,
  listFlowRunsByThread,
  getFlowRun,
  listFlowRunsById,
];

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
  createVacancyAnalysis,
  getVacancyAnalysis,
  listVacancyAnalysesById,
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
    createVacancyAnalysis,
    getVacancyAnalysis,
    listVacancyAnalysesById,
  ],
  /**
   * Status badges, and cards with the flow's name, the answers labelled by its questions, and actions. Read-only
   * page? `operationsFor.flowRunStatus.filter(o => o.method === 'GET')`.
   */
  flowRunStatus: [getFlowRun, listFlowRunsById, updateFlowRun, getFlow, listNodesByFlow],
  schedulePicker: [listSchedules, getSchedule],
  /** The flow with its nodes, actions and transitions (the fallback lists the nodes). */
  flowPreview: [getFlow, listNodesByFlow],
  /**
   * The invite form: find or create the candidate's thread, read the templates and the flow (is its appointment
   * step `scheduleMode: "custom"`?), the schedules for the picker, start the run, then its badge.
   */
  startRun: [
    findMessageThread,
    createMessageThread,
    listMessageTemplates,
    getMessageTemplate,
    getFlow,
    listNodesByFlow,
    listSchedules,
    getSchedule,
    createFlowRun,
    getFlowRun,
    listFlowRunsById,
  ],
  /** Opt-in (see `conversationOperations`): `allow: [...defaultOperations, ...operationsFor.conversation]`. */
  conversation: conversationOperations,
} as const satisfies Record<string, readonly Operation[]>;

/** The default allow-list: everything the elements use, nothing more. */
export const defaultOperations: readonly Operation[] = Object.values(operations);

/** `GET flow-runs/:id`-style label for messages and docs. */
export function describeOperation(op: Operation): string {
  return `${op.method} ${op.resource}${op.id ? '/:id' : ''}`;
}
