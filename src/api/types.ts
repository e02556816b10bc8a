// Plain resource objects as the elements see them: `{ id, ...attributes }`, camelCase as the API sends them,
// with included relationships resolved into properties of the same name (e.g. `run.flow`).
import type { FlowGenerationInput } from '../shared/vacancy-flow-rules.js';

export type { FlowGenerationInput };

export interface ResourceBase {
  id: string;
  createdAt?: string;
  updatedAt?: string;
}

export type FlowGenerationStatus = 'queued' | 'processing' | 'finished';
export const GENERATION_TERMINAL_STATUSES: readonly FlowGenerationStatus[] = ['finished'];

export interface FlowGeneration extends ResourceBase {
  flowType: string;
  parameters: Record<string, unknown>;
  context?: { type: 'text'; value: string } | null;
  flowId: string | null;
  status: FlowGenerationStatus;
  cost: number | null;
  flow?: Flow;
}

/** `created` is what one docs page says a new run starts as; `cancelled` can only be set by PATCH. */
export type FlowRunStatus = 'created' | 'queued' | 'running' | 'finished' | 'timeout' | 'exception' | 'cancelled';
export const RUN_TERMINAL_STATUSES: readonly FlowRunStatus[] = ['finished', 'timeout', 'cancelled', 'exception'];

export interface FlowRun extends ResourceBase {
  flowId: string;
  messageThreadId: string;
  state: Record<string, unknown>;
  initialMessage: Record<string, unknown>;
  status: FlowRunStatus;
  cost: number;
  flow?: Flow;
  messageThread?: MessageThread;
}

export interface Flow extends ResourceBase {
  name: string;
  reminderInterval?: number;
  reminderMessage?: string;
  sessionTimeout?: number;
  flowGenerationId: string | null;
  publishedAt?: string | null;
  unpublishedChanges?: boolean;
  nodes?: Node[];
}

export type EndFlowType = 'accepted' | 'declined' | 'update' | 'reset';

export interface Node extends ResourceBase {
  name: string;
  index: number;
  flowId: string;
  isStartFlow: boolean;
  isEndFlow: boolean;
  endFlowType: EndFlowType | null;
  nodeActions?: NodeAction[];
  nodeTransitions?: NodeTransition[];
}

export interface NodeAction extends ResourceBase {
  actionType: 'ask' | 'say';
  subType: string;
  value: Record<string, unknown>;
  variableName?: string | null;
  index: number;
  attachmentData?: unknown;
  nodeId?: string;
}

export interface NodeTransition extends ResourceBase {
  condition: string | null;
  index: number;
  nodeId?: string;
  /** The node the candidate goes to (a sandbox decision: Recrubo does not document the name). */
  targetNodeId?: string | null;
}

/** The body of `POST /flow-runs`. */
export interface FlowRunInput {
  flowId: string;
  messageThreadId: string;
  /** Session variables; `{}` for none. Custom schedule mode: `{ scheduleId: "1" }` or `{ scheduleId: ["1", "2"] }`. */
  state: Record<string, unknown>;
  /** `{}` sends nothing; on WhatsApp a template payload (see `templatePayload`). */
  initialMessage: Record<string, unknown>;
}

/** The body of `POST /message-threads`: one conversation channel with one person. */
export interface MessageThreadInput {
  /** `whatsapp` (the default), `sms`, … */
  channel?: string;
  /** The channel's address: for WhatsApp the number in E.164 digits without `+`, e.g. `31612345678`. */
  identifier: string;
}

export interface MessageThread extends ResourceBase {
  channel: string;
  identifier: string;
  chatbotPaused?: boolean;
  candidateId: string | null;
}

export interface MessageTemplate extends ResourceBase {
  name: string;
  components: { type: string; text?: string; format?: string; example?: unknown }[];
  language: string;
  category: string;
  status?: string;
  preview?: string;
}

/** Not documented by Recrubo; the sandbox says queued → processing → finished, like a FlowGeneration. */
export const ANALYSIS_TERMINAL_STATUSES: readonly string[] = ['finished', 'failed'];

export interface VacancyAnalysis extends ResourceBase {
  inputText: string;
  analyzeResult: Record<string, unknown> | null;
  status?: string;
}

/** A sandbox extension: Recrubo documents no schedules endpoint (spec §6). */
export interface Schedule extends ResourceBase {
  name: string;
  appointmentDuration: number;
  timeZone: string;
  userId?: string;
}

export interface ListMeta {
  total?: number;
  totalUnfiltered?: number;
  currentSize?: number;
  currentPage?: number;
  maxPage?: number;
  [key: string]: unknown;
}

export interface ListResult<T> {
  items: T[];
  meta: ListMeta;
}

/** Query for list endpoints; `filter` values that are arrays become comma lists. */
export interface ListQuery {
  filter?: Record<string, string | number | boolean | (string | number)[]>;
  sort?: string;
  include?: string[];
  page?: { number?: number; size?: number };
}

/** Options every call takes. `signal` is usually the element's own (`RecruboElement.signal`). */
export interface CallOptions {
  signal?: AbortSignal;
  /** Per attempt, in ms. */
  timeout?: number;
}

export type WatchedType = 'flowRuns' | 'flowGenerations' | 'vacancyAnalyses' | 'messageThreads';
export interface WatchedResources {
  flowRuns: FlowRun;
  flowGenerations: FlowGeneration;
  vacancyAnalyses: VacancyAnalysis;
  /** Watched for `chatbotPaused` (the conversation's pause switch); a thread never ends, so it polls while shown. */
  messageThreads: MessageThread;
}
