// The form-level alert after a POST that failed with no field to blame: whether the generation may exist (no answer,
// or an unreadable one) or surely does not (an answer), what to do, and "Send again", which after a 429 waits out
// Retry-After, counting down on the button (the alert's own text stays put for screen readers).
import { html, type TemplateResult } from 'lit';
import { isRecruboApiError, type RecruboApiError } from '../../api/errors.js';
import { formatNumber } from '../../shared/format.js';
import type { FormContext } from './form-context.js';

export interface SubmitFailure {
  error: RecruboApiError;
  maybeCreated: boolean;
}

/** `secondsLeft`: of the 429's wait (0: "Send again" may be pressed). */
export function renderFailure(
  ctx: FormContext,
  lang: string,
  failure: SubmitFailure,
  secondsLeft: number,
  retry: () => void,
): TemplateResult {
  const e = failure.error;
  const kind = isRecruboApiError(e) ? e.kind : 'network';
  const wait = e.status === 429 && e.retryAfter !== undefined ? Math.max(1, Math.ceil(e.retryAfter / 1000)) : undefined;
  const key = failure.maybeCreated
    ? (`failure.${kind === 'timeout' || kind === 'parse' ? kind : 'network'}` as const)
    : kind === 'auth'
      ? 'failure.auth'
      : e.status === 429
        ? (`failure.rateLimited${wait === undefined ? '.noWait' : ''}` as const)
        : 'failure.http';
  return html`
    <strong>${ctx.t(failure.maybeCreated ? 'failure.maybe.heading' : 'failure.heading')}</strong>
    <p>${ctx.t(key, { status: e.status ?? '', seconds: wait === undefined ? '' : formatNumber(lang, wait) })}</p>
    <button type="button" part="button retry" ?disabled=${secondsLeft > 0} @click=${retry}>
      ${secondsLeft > 0 ? ctx.t('failure.retryIn', { seconds: formatNumber(lang, secondsLeft) }) : ctx.t('failure.retry')}
    </button>
  `;
}
