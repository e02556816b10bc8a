// Every event of spec §3 with its typed detail. `HTMLElementEventMap` is augmented so that
// `el.addEventListener('recrubo-run-status-change', e => e.detail.status)` is typed for integrators.
import type { RecruboApiError } from '../api/errors.js';
import type {
  FlowGeneration,
  FlowGenerationInput,
  FlowGenerationStatus,
  FlowRun,
  FlowRunStatus,
} from '../api/types.js';

export interface GenerationSubmitDetail {
  /** The body about to be POSTed; the host may edit it, or call preventDefault() to stop the POST. */
  payload: FlowGenerationInput;
}
export interface GenerationCreatedDetail {
  generation: FlowGeneration;
}
export interface GenerationStatusChangeDetail {
  generation: FlowGeneration;
  status: FlowGenerationStatus;
  previousStatus: FlowGenerationStatus | null;
}
export interface GenerationFinishedDetail {
  generationId: string;
  flowId: string | null;
  cost: number | null;
  generation: FlowGeneration;
}
export interface RunStatusChangeDetail {
  runId: string;
  status: FlowRunStatus;
  previousStatus: FlowRunStatus | null;
  terminal: boolean;
  run: FlowRun;
}
export interface RunCreatedDetail {
  runId: string;
  flowId: string;
  messageThreadId: string;
  run: FlowRun;
}
export interface MessageSentDetail {
  /** The message as the server answered the POST (`{ id, ...attributes }`). */
  message: import('../api/messages.js').Message;
}
export interface ChatbotPausedChangeDetail {
  messageThreadId: string;
  paused: boolean;
}
export interface ConversationOpenDetail {
  runId: string;
  messageThreadId: string;
}
export interface ApplySubmitDetail {
  /** The public vacancy key being applied for. preventDefault() stops the POST. */
  vacancy: string;
}
export interface ApplyStartedDetail {
  ticket: string;
  vacancy: string;
  /** The candidate-safe status: `sent`, `started`, `completed` or `ended`. */
  status: string;
}
export interface FlowChangeDetail {
  flowId: string;
  /** There are edits not saved yet. */
  dirty: boolean;
}
export interface FlowSavedDetail {
  flowId: string;
  /** The resources this save wrote, one PATCH each. */
  changed: { type: string; id: string }[];
}
export interface ConversationSelectDetail {
  conversationId: string;
  messageThreadId: string;
  candidateId: string | null;
}
export interface CandidateOpenDetail {
  candidateId: string;
  messageThreadId: string;
}
export interface ErrorDetail {
  error: RecruboApiError;
}

export interface RecruboEventMap {
  'recrubo-generation-submit': CustomEvent<GenerationSubmitDetail>;
  'recrubo-generation-created': CustomEvent<GenerationCreatedDetail>;
  'recrubo-generation-status-change': CustomEvent<GenerationStatusChangeDetail>;
  'recrubo-generation-finished': CustomEvent<GenerationFinishedDetail>;
  'recrubo-run-status-change': CustomEvent<RunStatusChangeDetail>;
  'recrubo-error': CustomEvent<ErrorDetail>;
  'recrubo-message-sent': CustomEvent<MessageSentDetail>;
  'recrubo-chatbot-paused-change': CustomEvent<ChatbotPausedChangeDetail>;
  'recrubo-conversation-open': CustomEvent<ConversationOpenDetail>;
  'recrubo-run-created': CustomEvent<RunCreatedDetail>;
  'recrubo-apply-submit': CustomEvent<ApplySubmitDetail>;
  'recrubo-apply-started': CustomEvent<ApplyStartedDetail>;
  'recrubo-flow-change': CustomEvent<FlowChangeDetail>;
  'recrubo-flow-saved': CustomEvent<FlowSavedDetail>;
  'recrubo-conversation-select': CustomEvent<ConversationSelectDetail>;
  'recrubo-candidate-open': CustomEvent<CandidateOpenDetail>;
}

export type RecruboEventName = keyof RecruboEventMap;

// The events bubble and are composed, so a page may listen on the document or the window as well.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends RecruboEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends RecruboEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface WindowEventMap extends RecruboEventMap {}
}
