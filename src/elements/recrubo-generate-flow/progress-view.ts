// The progress panel (stepper queued → processing → finished, the status announced politely, the elapsed time)
// and the result (flow name, step count, cost, ids) of the generation the GenerationController follows.
import { html, nothing, type TemplateResult } from 'lit';
import { isNotFoundError, type RecruboApiError } from '../../api/errors.js';
import type { FlowGeneration } from '../../api/types.js';
import { formatElapsed, formatNumber, plural as pluralRule } from '../../shared/format.js';
import { TaskStatus } from '../../shared/element-task.js';
import type { FormContext } from './form-context.js';
import { STATUS_ORDER, type GenerationController } from './generation-controller.js';

export interface ProgressHost {
  readonly lang: string;
  readonly generation: GenerationController;
  errorMessage(error: RecruboApiError): string;
  /** "Generate another": back to the form. */
  another(): void;
  /** Under a finished result: the preview of the flow it made. */
  preview?(flowId: string | null): TemplateResult | typeof nothing;
}

type PluralKey = 'result.credits' | 'result.stepCount';
type Plural = (key: PluralKey, n: number) => string;

function pluralText(ctx: FormContext, lang: string, key: PluralKey, n: number): string {
  const rule = pluralRule(lang, n) === 'one' ? 'one' : 'other';
  return ctx.t(`${key}.${rule}`, { n: formatNumber(lang, n) });
}

/** "Status: Processing." (shown under the stepper, and spoken through the page's announcer when it changes). */
export function progressStatusText(ctx: FormContext, gen: GenerationController): string {
  const status = gen.current?.status;
  return status
    ? ctx.t('progress.status', { status: ctx.t(`status.${status}`) })
    : gen.pollError
      ? ''
      : ctx.t('progress.loading');
}

export function renderProgress(ctx: FormContext, view: ProgressHost): TemplateResult {
  const gen = view.generation;
  const plural: Plural = (key, n) => pluralText(ctx, view.lang, key, n);
  const g = gen.current;
  const status = g?.status;
  const current = status ? STATUS_ORDER.indexOf(status) : -1;
  const finished = status === 'finished';
  const name =
    ctx.state.flowName.trim() || (typeof g?.parameters?.flowName === 'string' ? (g.parameters.flowName as string) : '');
  // A failed poll is shown whether or not a status came before (the store keeps trying meanwhile).
  const watchError = gen.pollError;
  return html`
    <section part="progress" class="panel" aria-labelledby=${ctx.uid('progress-heading')}>
      <h3 id=${ctx.uid('progress-heading')} tabindex="-1">
        ${
          finished
            ? name
              ? ctx.t('progress.doneNamed', { name })
              : ctx.t('progress.done')
            : name
              ? ctx.t('progress.headingNamed', { name })
              : ctx.t('progress.heading')
        }
      </h3>
      <ol part="stepper" class="stepper" aria-label=${ctx.t('progress.steps')}>
        ${STATUS_ORDER.map((step, i) => {
          const state = !status
            ? 'upcoming'
            : i < current || finished
              ? 'done'
              : i === current
                ? 'current'
                : 'upcoming';
          return html`<li part="step step-${state}" class="step ${state}" aria-current=${state === 'current' || (finished && i === 2) ? 'step' : 'false'}>
            <span class="dot ${state === 'current' ? 'pulse' : ''}" aria-hidden="true">${state === 'done' ? '✓' : i + 1}</span>
            <span class="step-label">${ctx.t(`status.${step}`)}</span>
          </li>`;
        })}
      </ol>
      <div class="status-line">
        <p class="status-text">${progressStatusText(ctx, gen)}</p>
        <p class="elapsed">
          <span>${ctx.t('progress.elapsed')}:</span>
          <span part="elapsed" class="counter">${formatElapsed(view.lang, gen.elapsedMs)}</span>
        </p>
      </div>
      ${
        watchError
          ? html`<div class="alert shown" role="alert">
            <p>
              ${ctx.t(g && !isNotFoundError(watchError) ? 'progress.stale' : 'progress.error')}
              ${view.errorMessage(watchError)}
            </p>
            <button type="button" part="button" @click=${() => gen.refresh()}>${ctx.t('progress.retry')}</button>
          </div>`
          : nothing
      }
      ${finished ? renderResult(ctx, view, g!, plural) : html`<p part="hint" class="hint">${ctx.t('progress.hint')}</p>`}
      ${
        // Only when nothing runs any more: leaving a running generation would spend its credits out of sight and
        // the page would never get its flowId. Until then the panel keeps following it (and says so in its hint).
        !finished && isNotFoundError(watchError)
          ? html`<div class="actions">
            <button type="button" part="button another" @click=${view.another}>${ctx.t('result.another')}</button>
          </div>`
          : nothing
      }
    </section>
  `;
}

function renderResult(ctx: FormContext, view: ProgressHost, g: FlowGeneration, plural: Plural): TemplateResult {
  const task = view.generation.result;
  const data = task.status === TaskStatus.COMPLETE ? task.value : undefined;
  const error = task.status === TaskStatus.ERROR;
  const loading = !data && !error;
  const cost = typeof g.cost === 'number' ? plural('result.credits', g.cost) : ctx.t('result.unknown');
  return html`
    <section part="result" class="result" aria-labelledby=${ctx.uid('result-heading')} aria-busy=${loading ? 'true' : 'false'}>
      <h3 id=${ctx.uid('result-heading')} tabindex="-1">${ctx.t('result.heading')}</h3>
      <dl>
        <div>
          <dt>${ctx.t('result.flow')}</dt>
          <dd>${data ? html`<bdi>${data.flow.name}</bdi>` : loading ? html`<span class="skeleton" style="width: 10em"></span>` : ctx.t('result.unknown')}</dd>
        </div>
        <div>
          <dt>${ctx.t('result.steps')}</dt>
          <dd>
            ${
              data
                ? plural('result.stepCount', data.stepCount)
                : loading
                  ? html`<span class="skeleton" style="width: 5em"></span>`
                  : ctx.t('result.unknown')
            }
          </dd>
        </div>
        <div>
          <dt>${ctx.t('result.cost')}</dt>
          <dd>${cost}</dd>
        </div>
        <div>
          <dt>${ctx.t('result.flowId')}</dt>
          <dd><code class="flow-id"><bdi>${g.flowId ?? ctx.t('result.unknown')}</bdi></code></dd>
        </div>
        <div>
          <dt>${ctx.t('result.generationId')}</dt>
          <dd><code><bdi>${g.id}</bdi></code></dd>
        </div>
      </dl>
      ${error ? html`<p class="error" role="alert">${ctx.t('result.flowError')}</p>` : nothing}
      ${view.preview?.(g.flowId) ?? nothing}
      <div class="actions">
        <button type="button" part="button another" class="primary" @click=${view.another}>${ctx.t('result.another')}</button>
      </div>
    </section>
  `;
}
