// The card's actions (the `actions` attribute): which exist, what each sends, and which make sense for a run's
// status. Loaded with the card (card.ts), never by a page of badges.
import type { FlowRun } from '../../api/types.js';
import { isTerminalStatus } from './status.js';

/** Every action of the `actions` attribute, in the order the card shows them. */
export const ACTIONS = ['finish', 'cancel', 'timeout', 'exception', 'erase-state'] as const;
export type RunAction = (typeof ACTIONS)[number];

/** The PATCH each action sends (documented FlowRun PATCH: status, or `state: {}` to wipe personal data). */
export const ACTION_PATCH: Record<RunAction, Partial<Pick<FlowRun, 'status' | 'state'>>> = {
  finish: { status: 'finished' },
  cancel: { status: 'cancelled' },
  timeout: { status: 'timeout' },
  exception: { status: 'exception' },
  'erase-state': { state: {} },
};

/** `"finish  erase-state bogus"` → the known actions, in the card's order, each once. */
export function parseActions(value: string | null | undefined): RunAction[] {
  const wanted = new Set((value ?? '').toLowerCase().split(/\s+/).filter(Boolean));
  return ACTIONS.filter((a) => wanted.has(a));
}

/**
 * Whether an action makes sense now. Stopping a run only while it has not ended (unknown statuses count as not
 * ended: the server decides, and a refusal is shown). Erasing personal data only when there is some and the run is
 * not `running` (the documented rule; the sandbox accepts it for `queued` runs too, so we offer it there).
 */
export function actionAllowed(action: RunAction, run: Pick<FlowRun, 'status' | 'state'>): boolean {
  if (action === 'erase-state') return run.status !== 'running' && Object.keys(run.state ?? {}).length > 0;
  return !isTerminalStatus(run.status);
}
