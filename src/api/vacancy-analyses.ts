// A VacancyAnalysis from the text to its result: `POST /vacancy-analyses` (with `?sync=true` in the sandbox, which
// answers when it is done), else followed through the shared store until it has a result. And the result read as
// requirement suggestions, defensively: Recrubo documents `hardSkills`, `softSkills` and `certifications`, and says
// more keys exist.
import type { Api } from './index.js';
import { RecruboApiError, isNotFoundError } from './errors.js';
import type { CallOptions, VacancyAnalysis } from './types.js';

export type SuggestionKind = 'hardSkill' | 'softSkill' | 'certification';

export interface RequirementSuggestion {
  kind: SuggestionKind;
  /** The skill or certification as named by the analysis. */
  name: string;
  /** `writtenAsRequirement`: the text for a requirement's `value`. */
  requirement: string;
  reasoning: string;
  /** Skills: 1–5. */
  rating: number | null;
  /** Certifications: whether the text requires it (a hint that it is a knockout). */
  required: boolean | null;
}

export interface AnalyzeOptions extends CallOptions {
  /** Sandbox only: the POST waits until the analysis is done. */
  sync?: boolean;
  /** Polling interval while following an unfinished analysis (ms). */
  interval?: number;
  /** The POST's `Idempotency-Key` (one per user action; else one is made for this request). */
  idempotencyKey?: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The analysis has its result (whatever the status field says, which Recrubo does not document). */
export const hasResult = (
  a: VacancyAnalysis | undefined,
): a is VacancyAnalysis & { analyzeResult: Record<string, unknown> } =>
  !!a && a.analyzeResult !== null && typeof a.analyzeResult === 'object';

/** Every suggestion with a requirement text, in the analysis's order (hard skills, soft skills, certifications); duplicates once. */
export function suggestionsOf(analysis: VacancyAnalysis): RequirementSuggestion[] {
  const result = (analysis.analyzeResult ?? {}) as Record<string, unknown>;
  const out: RequirementSuggestion[] = [];
  const seen = new Set<string>();
  const read = (key: string, kind: SuggestionKind, nameKey: string) => {
    const list = result[key];
    if (!Array.isArray(list)) return;
    for (const raw of list) {
      if (!raw || typeof raw !== 'object') continue;
      const r = raw as Record<string, unknown>;
      const requirement = text(r.writtenAsRequirement);
      if (!requirement || seen.has(requirement.toLowerCase())) continue;
      seen.add(requirement.toLowerCase());
      out.push({
        kind,
        name: text(r[nameKey]) || requirement,
        requirement,
        reasoning: text(r.reasoning),
        rating: typeof r.rating === 'number' && Number.isFinite(r.rating) ? r.rating : null,
        required: typeof r.required === 'boolean' ? r.required : null,
      });
    }
  };
  read('hardSkills', 'hardSkill', 'skill');
  read('softSkills', 'softSkill', 'skill');
  read('certifications', 'certification', 'certification');
  return out;
}

/** POSTs the text (one POST, never retried) and gives the analysis once it has a result. */
export async function analyzeVacancy(api: Api, inputText: string, opts: AnalyzeOptions = {}): Promise<VacancyAnalysis> {
  const created = await api.vacancyAnalyses.create(inputText, {
    sync: opts.sync,
    signal: opts.signal,
    timeout: opts.timeout,
    idempotencyKey: opts.idempotencyKey,
  });
  if (hasResult(created)) return created;
  api.store.put('vacancyAnalyses', created);
  return follow(api, created.id, opts);
}

function follow(api: Api, id: string, opts: AnalyzeOptions): Promise<VacancyAnalysis> {
  return new Promise<VacancyAnalysis>((resolve, reject) => {
    const signal = opts.signal;
    // A holder, not a `let`: the first snapshot arrives inside watch(), before its return value is known.
    const watching: { stop?: () => void } = {};
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      queueMicrotask(() => watching.stop?.());
    };
    const onAbort = () => settle(() => reject(signal?.reason ?? new DOMException('Aborted', 'AbortError')));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    watching.stop = api.store.watch(
      'vacancyAnalyses',
      id,
      (snap) => {
        if (hasResult(snap.data)) settle(() => resolve(snap.data!));
        else if (snap.data?.status === 'failed') settle(() => reject(failed(snap.error)));
        // Gone: the store will not ask again. Other errors: it keeps trying on its schedule (a dropped connection
        // is not the end of an analysis).
        else if (snap.error && isNotFoundError(snap.error)) settle(() => reject(snap.error));
      },
      { interval: opts.interval },
    );
    if (settled) watching.stop();
  });
}

const failed = (cause?: RecruboApiError) =>
  cause ?? new RecruboApiError({ kind: 'http', status: 422, message: 'The vacancy analysis failed.', errors: [] });
