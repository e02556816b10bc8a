// The card's sentences that depend on the run's story: why there are no answers, and how a finished run ended.
import { html, nothing, type TemplateResult } from 'lit';
import type { FlowRun } from '../../api/types.js';
import { apiText } from './status.js';
import type { RunOutcome } from './outcome.js';
import { erasedRuns, isTerminalStatus } from './status.js';
import type { CardKey } from './card-strings.js';

type T = (key: CardKey, params?: Record<string, string | number>) => string;

/** Why a run shows no answers: erased on this page, cancelled before any, ended without any, or none yet. */
export function noAnswersText(t: T, run: Pick<FlowRun, 'id' | 'status'>): string {
  if (erasedRuns.has(run.id)) return t('card.erased');
  if (run.status === 'cancelled') return t('card.cancelledEmpty');
  return t(isTerminalStatus(run.status) ? 'card.noAnswersEnded' : 'card.noAnswers');
}

/** The "Outcome" row of a finished run's facts, when its flow lets us know it. */
export function renderOutcomeRow(t: T, outcome: RunOutcome | undefined): TemplateResult | typeof nothing {
  if (!outcome) return nothing;
  const text =
    outcome.outcome === 'declined'
      ? html`${t('outcome.declinedBy', { question: '\u0000' })
          .split('\u0000')
          .map((part, i) => (i ? [apiText(outcome.label), part] : part))}`
      : t('outcome.acceptedText');
  return html`<div data-outcome=${outcome.outcome}><dt>${t('card.outcome')}</dt><dd>${text}</dd></div>`;
}
