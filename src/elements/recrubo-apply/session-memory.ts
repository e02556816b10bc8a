// Session memory of <recrubo-apply>: a reload resumes the application (its ticket) instead of applying again.
// Keyed by endpoint and vacancy; storage blocked by privacy settings means nothing to resume, never an error.
import type { ApplyAnswer } from '../../api/apply.js';

const keyOf = (endpoint: string, vacancy: string | undefined) => `recrubo-apply:${endpoint}:${vacancy ?? ''}`;

export function loadAnswer(endpoint: string, vacancy: string | undefined): ApplyAnswer | undefined {
  try {
    const raw = globalThis.sessionStorage?.getItem(keyOf(endpoint, vacancy));
    const parsed = raw ? (JSON.parse(raw) as ApplyAnswer) : undefined;
    return parsed && typeof parsed.ticket === 'string' && typeof parsed.status === 'string' ? parsed : undefined;
  } catch {
    return undefined; // storage blocked (privacy settings): nothing to resume
  }
}

export function saveAnswer(endpoint: string, vacancy: string | undefined, answer: ApplyAnswer | undefined): void {
  try {
    if (answer) globalThis.sessionStorage?.setItem(keyOf(endpoint, vacancy), JSON.stringify(answer));
    else globalThis.sessionStorage?.removeItem(keyOf(endpoint, vacancy));
  } catch {
    /* storage blocked: the application still works, a reload just shows the form again */
  }
}
