// Starting a FlowRun: `POST /flow-runs` with the documented body. Never retried automatically (a second POST would
// message the candidate twice); the caller's `Idempotency-Key` makes a deliberate re-send safe.
import type { ApiClient } from './client.js';
import { idempotencyHeaders } from './idempotency.js';
import { deserializeOne, serialize, type JsonApiDocument } from './jsonapi.js';
import type { CreateOptions } from './message-threads.js';
import type { ResourceStore } from './store.js';
import type { FlowRun } from './types.js';

export interface FlowRunInput {
  flowId: string;
  messageThreadId: string;
  /** Session variables; `{}` for none. Custom schedule mode: `{ scheduleId: "1" }` or `{ scheduleId: ["1", "2"] }`. */
  state: Record<string, unknown>;
  /** `{}` sends nothing; on WhatsApp a template payload (see `templatePayload`). */
  initialMessage: Record<string, unknown>;
}

export function createFlowRun(client: ApiClient, store: ResourceStore) {
  return async (input: FlowRunInput, opts: CreateOptions = {}): Promise<FlowRun> => {
    const body = serialize('flowRuns', {
      flowId: input.flowId,
      messageThreadId: input.messageThreadId,
      state: input.state,
      initialMessage: input.initialMessage,
    });
    const doc = await client.request({ method: 'POST', path: 'flow-runs', body, headers: idempotencyHeaders(opts.idempotencyKey), signal: opts.signal, timeout: opts.timeout });
    const run = deserializeOne<FlowRun>(doc as JsonApiDocument);
    // Badges for the new run start from this answer instead of asking again.
    store.put('flowRuns', run);
    return run;
  };
}
