import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { isNotFoundError, type RecruboApiError } from '../../api/errors.js';
import { RecruboElement } from '../../shared/recrubo-element.js';
import { isolate } from '../../shared/i18n.js';
import { baseStyles } from '../../shared/base.styles.js';
import { formatNumber, listFormat } from '../../shared/format.js';
import { Announcements } from '../../shared/announcer.js';
import { ElementTask, TaskStatus, initialState } from '../../shared/element-task.js';
import { toPreviewModel, type PreviewMessage, type PreviewModel, type PreviewStep } from '../../shared/flow-model.js';
import { loadFlowGraph } from '../../shared/load-flow.js';
import { flowPreviewStyles } from './recrubo-flow-preview.styles.js';
import { flowPreviewStrings, type FlowPreviewKey } from './strings.js';
import type { LimitIssue } from '../../shared/whatsapp-limits.js';

export type PreviewView = 'chat' | 'steps';

const KIND_ICONS: Record<string, string> = {
  contact: '📇',
  location: '📍',
  appointment: '📅',
  media: '📎',
  'set-variable': '⚙',
  other: '•',
};
/** Placeholder widths (em) of the loading skeleton: a welcome, questions with replies, two endings. */
const SKELETON_ROWS = [17, 11, 14, 9, 15, 12];
const END_TYPES: readonly string[] = ['accepted', 'declined', 'update', 'reset'];

/**
 * A read-only preview of a chatbot (Flow): what the candidate will see on WhatsApp, message by message with the
 * quick replies, the contact/location/appointment asks and both endings; or the same as a numbered list of steps
 * with the session field each answer is stored in and where every answer leads (nested lists a screen reader can
 * walk). Steps that WhatsApp would refuse or cut are flagged on the step itself.
 *
 * @summary What the chatbot will say: the conversation, or its steps, before any candidate meets it.
 * @tag recrubo-flow-preview
 *
 * @attr {string} flow-id - The Flow to show (required). May change at any time.
 * @attr {'chat' | 'steps'} view - `chat` (default): the conversation as on WhatsApp. `steps`: the numbered steps with branches. The element's own switch changes it too.
 * @attr {string} base-url - API root including `/public/v2` (see the shared configuration).
 * @attr {string} api-key - Sandbox / local development only.
 * @attr {string} lang - UI language, `en` or `nl`.
 *
 * @fires {CustomEvent<{ error: RecruboApiError }>} recrubo-error - Loading the flow failed for good (after the api layer's retries); also for a flow that is not found.
 *
 * @csspart base - The whole preview.
 * @csspart views - The view switch.
 * @csspart view-button - Each button of the view switch (the pressed one has `aria-pressed="true"`).
 * @csspart chat - The conversation (chat view).
 * @csspart message - A bot message (chat view).
 * @csspart answer - The candidate's turn after a question (chat view).
 * @csspart quick-replies - The options of a question.
 * @csspart quick-reply - One option.
 * @csspart ask - The line saying what a contact, location, appointment or other ask does.
 * @csspart branch - The note under a knockout question that "no" ends the chat.
 * @csspart endings - The endings of the conversation (chat view).
 * @csspart ending - One ending.
 * @csspart steps - The list of steps (steps view).
 * @csspart step - One step.
 * @csspart marker - The start and end markers.
 * @csspart session-field - The session field an answer is stored in.
 * @csspart branches - The list of where a step leads.
 * @csspart limits - The WhatsApp limits a step breaks.
 * @csspart limit-summary - The count of broken limits above the preview.
 * @csspart skeleton - Placeholders while loading.
 * @csspart empty - The message when there is no flow or no step.
 * @csspart error - The message of a failed load or of a flow not found.
 * @csspart retry - The retry button of a failed load.
 *
 * @cssprop --recrubo-flow-preview-chat-background - Background of the conversation.
 * @cssprop --recrubo-flow-preview-bubble - Background of the bot's messages.
 * @cssprop --recrubo-flow-preview-answer - Background of the candidate's turns.
 * @cssprop --recrubo-flow-preview-max-height - Height after which the conversation scrolls (default 32em).
 * @cssprop --recrubo-color-text - Text colour.
 * @cssprop --recrubo-color-muted - Secondary text.
 * @cssprop --recrubo-color-surface - Background.
 * @cssprop --recrubo-color-surface-alt - Skeleton and step backgrounds.
 * @cssprop --recrubo-color-border - Borders.
 * @cssprop --recrubo-color-primary - Pressed view button, focus ring, quick replies.
 * @cssprop --recrubo-color-success - The accepted ending.
 * @cssprop --recrubo-color-danger - The declined ending and knockout branches.
 * @cssprop --recrubo-color-warning - WhatsApp limit flags.
 * @cssprop --recrubo-radius - Corner radius.
 * @cssprop --recrubo-spacing - Base spacing.
 * @cssprop --recrubo-font-family - Font (inherits the page's by default).
 */
export class RecruboFlowPreviewElement extends RecruboElement<FlowPreviewKey> {
  static override styles = [baseStyles, flowPreviewStyles];
  static override strings = flowPreviewStrings;

  static override properties = {
    flowId: { attribute: 'flow-id' },
    view: { reflect: true },
  };

  /** The Flow to show. */
  declare flowId: string | undefined;
  /** `chat` (default) or `steps`. */
  declare view: PreviewView;

  /** The flow and its nodes, once per flow id and configuration. */
  private readonly graph = new ElementTask(this, {
    task: ([api, id], { signal }) => (id ? loadFlowGraph(api, id, signal) : initialState),
    args: () => [this.api, this.flowId?.trim()],
    onError: (error) => this.reportError(error),
  });
  /** The model of the loaded graph, rebuilt when the graph or the UI language changes. */
  private built?: { data: object; lang: string; model: PreviewModel };
  /** A retry pressed with the focus on its button: the focus goes to the result when it comes. */
  private refocus = false;

  constructor() {
    super();
    this.flowId = undefined;
    this.view = 'chat';
    // The load's state for screen readers, through the page's announcer (errors are alerts of their own).
    new Announcements(this, () => this.announcement());
  }

  /** The loaded flow's steps, read-only (undefined until loaded). */
  get steps(): readonly PreviewStep[] | undefined {
    return this.model?.steps;
  }

  private get model(): PreviewModel | undefined {
    const data = this.graph.status === TaskStatus.COMPLETE ? this.graph.value : undefined;
    if (!data) return undefined;
    const lang = this.config.lang;
    if (this.built?.data !== data || this.built.lang !== lang)
      this.built = { data, lang, model: toPreviewModel(data.flow, data.nodes, lang) };
    return this.built.model;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.view !== 'chat' && this.view !== 'steps') this.view = 'chat';
  }

  protected override updated(): void {
    if (!this.refocus || this.loading) return;
    this.refocus = false;
    this.renderRoot.querySelector<HTMLElement>('[data-focus-after-load]')?.focus({ preventScroll: true });
  }

  private retry = (): void => {
    this.refocus = this.shadowRoot?.activeElement?.getAttribute('part') === 'retry';
    void this.graph.run();
  };

  private get loading(): boolean {
    return this.graph.status === TaskStatus.PENDING;
  }

  private setView(view: PreviewView): void {
    this.view = view;
  }

  /** Moves the focus to a step or an ending (the in-page "links" of both views). */
  private focusStep(step: PreviewStep): void {
    const el = this.shadowRoot?.getElementById(this.domId(step));
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest' });
  }

  private domId(step: PreviewStep): string {
    return `${this.view}-step-${step.number}`;
  }

  private number(n: number): string {
    return formatNumber(this.config.lang, n);
  }

  private list(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
    return listFormat(this.config.lang, { style: 'long', type }).format(items);
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const name = this.model?.name;
    return html`
      <section part="base" class="base" aria-label=${name ? this.t('label', { name }) : this.t('label.untitled')} aria-busy=${this.loading ? 'true' : 'false'}>
        <div part="views" class="views" role="group" aria-label=${this.t('views')}>
          ${(['chat', 'steps'] as const).map(
            (v) =>
              html`<button type="button" part="view-button" aria-pressed=${this.view === v ? 'true' : 'false'} @click=${() => this.setView(v)}>
                ${this.t(`view.${v}` as const)}
              </button>`,
          )}
        </div>
        ${this.renderBody()}
      </section>
    `;
  }

  private announcement(): string {
    if (this.loading) return this.t('loading');
    const count = this.model?.steps.length ?? -1;
    if (count < 0) return '';
    return count ? this.t(count === 1 ? 'loaded.one' : 'loaded.other', { count: this.number(count) }) : this.t('empty');
  }

  private renderBody(): TemplateResult {
    if (!this.flowId?.trim()) return html`<p part="empty" class="empty">${this.t('noFlow')}</p>`;
    return this.graph.render({
      initial: () => this.renderSkeleton(),
      pending: () => this.renderSkeleton(),
      error: (error) => this.renderError(error as RecruboApiError),
      complete: () => this.renderModel(this.model!),
    });
  }

  private renderModel(model: PreviewModel): TemplateResult {
    if (!model.steps.length)
      return html`<p part="empty" class="empty" tabindex="-1" data-focus-after-load>${this.t('empty')}</p>`;
    const count = model.limitCount;
    return html`
      ${
        count
          ? html`<p part="limit-summary" class="limit-summary">
            <span aria-hidden="true">⚠</span> ${this.t(count === 1 ? 'limits.summary.one' : 'limits.summary.other', { count: this.number(count) })}
          </p>`
          : nothing
      }
      ${this.view === 'steps' ? this.renderSteps(model) : this.renderChat(model)}
    `;
  }

  private renderError(error: RecruboApiError): TemplateResult {
    if (isNotFoundError(error)) {
      return html`<div part="error" class="error not-found" role="alert"><p>${this.t('notFound')}</p></div>`;
    }
    return html`<div part="error" class="error" role="alert">
      <p>${this.t('loadFailed')} ${this.errorMessage(error)}</p>
      <button type="button" part="retry" @click=${this.retry}>${this.t('retry')}</button>
    </div>`;
  }

  private renderSkeleton(): TemplateResult {
    const steps = this.view === 'steps';
    return html`<div part="skeleton" class=${steps ? 'skeleton-steps' : 'chat skeleton-chat'} aria-hidden="true">
      ${SKELETON_ROWS.map(
        (w, i) => html`<div class=${steps ? 'step skeleton-row' : 'msg bot skeleton-row'}>
          <span class="skeleton" style="width: ${w}em"></span>
          ${i % 2 === 1 ? html`<span class="skeleton chip"></span><span class="skeleton chip"></span>` : nothing}
        </div>`,
      )}
    </div>`;
  }

  // ---------------------------------------------------------------- chat view

  private renderChat(model: PreviewModel): TemplateResult {
    const talk = model.steps.filter((s) => !s.end);
    return html`
      <div part="chat" class="chat" role="region" aria-label=${this.t('chat.label')} tabindex="0" data-focus-after-load>
        <ol class="messages">
          ${talk.map((step) => this.renderChatStep(step))}
        </ol>
        ${
          model.endings.length
            ? html`<h4 class="endings-heading" id="endings-heading">${this.t('chat.endings')}</h4>
              <ol part="endings" class="endings" aria-labelledby="endings-heading">
                ${model.endings.map((step) => this.renderEnding(step))}
              </ol>`
            : nothing
        }
      </div>
    `;
  }

  private renderChatStep(step: PreviewStep): TemplateResult {
    return html`${step.messages.map((m, i) => {
      const last = i === step.messages.length - 1;
      return html`<li part="message" class="msg bot ${step.limits ? 'flagged' : ''}" data-step=${step.number} data-kind=${m.kind}>
          <span class="visually-hidden">${this.t('chat.bot')}:</span>
          ${this.renderMessageBody(m)}
          ${last && step.knockout ? this.renderKnockout(step) : nothing}
        </li>
        ${
          m.asks && m.kind !== 'set-variable'
            ? html`<li part="answer" class="msg candidate" data-step=${step.number}>
              <span class="answer-text">${this.t('chat.answer')}</span>
              ${m.sessionField ? html`<span class="saved">${this.t('savedAs')} <code part="session-field"><bdi>${m.sessionField}</bdi></code></span>` : nothing}
            </li>`
            : nothing
        }`;
    })}`;
  }

  private renderMessageBody(m: PreviewMessage): TemplateResult {
    const kindLine =
      m.kind === 'text' || m.kind === 'list'
        ? nothing
        : html`<p part="ask" class="ask" data-kind=${m.kind}>
            <span aria-hidden="true">${KIND_ICONS[m.kind] ?? '•'}</span> ${this.t(`ask.${m.kind}` as const, { type: m.subType })}
          </p>`;
    return html`
      ${m.text ? html`<p class="text" dir="auto">${m.text}</p>` : m.kind === 'text' || m.kind === 'list' ? html`<p class="text muted">${this.t('noText')}</p>` : nothing}
      ${kindLine}
      ${
        m.kind === 'appointment' && m.schedules
          ? html`<p class="schedules">
            ${m.schedules === 'custom' ? this.t('schedules.custom') : this.t('schedules.fixed', { ids: this.list(m.schedules.map(isolate)) })}
          </p>`
          : nothing
      }
      ${
        m.options.length
          ? html`<ul part="quick-replies" class="replies ${m.shape}" aria-label=${this.t(m.shape === 'buttons' ? 'chat.replies.buttons' : 'chat.replies.list')}>
            ${m.options.map((o) => html`<li part="quick-reply" class="reply"><bdi>${o}</bdi></li>`)}
          </ul>`
          : nothing
      }
      ${this.renderLimits(m.limits)}
    `;
  }

  private renderKnockout(step: PreviewStep): TemplateResult {
    const branch = step.knockout!;
    const text =
      branch.answer !== null
        ? this.t('chat.knockout', { answer: branch.answer })
        : this.t('chat.knockoutAny', { condition: branch.condition ?? '' });
    return html`<p part="branch" class="branch knockout">
      <span aria-hidden="true">↳</span> ${text}
      ${
        branch.target
          ? html`<button type="button" class="link" @click=${() => this.focusStep(branch.target!)}>${this.t('chat.showEnding')}</button>`
          : nothing
      }
    </p>`;
  }

  private renderEnding(step: PreviewStep): TemplateResult {
    const label = this.t(step.end && END_TYPES.includes(step.end) ? (`end.${step.end}` as const) : 'end.other');
    return html`<li part="ending" class="ending ${step.end ?? ''}" id=${this.domId(step)} tabindex="-1" data-step=${step.number}>
      <p class="end-label"><span part="marker" class="marker end ${step.end ?? ''}">${label}</span></p>
      ${step.messages.map(
        (m) => html`<div part="message" class="msg bot" data-kind=${m.kind}>
          <span class="visually-hidden">${this.t('chat.bot')}:</span>
          ${this.renderMessageBody(m)}
        </div>`,
      )}
    </li>`;
  }

  private renderLimits(limits: readonly LimitIssue[]): TemplateResult | typeof nothing {
    if (!limits.length) return nothing;
    return html`<ul part="limits" class="limits" aria-label=${this.t('limits.label')}>
      ${limits.map(
        (l) => html`<li class="limit" data-code=${l.code}>
          <span aria-hidden="true">⚠</span>
          ${this.t(`limit.${l.code}` as const, { limit: this.number(l.limit), actual: this.number(l.actual), option: l.option ?? '' })}
        </li>`,
      )}
    </ul>`;
  }

  // ---------------------------------------------------------------- steps view

  private renderSteps(model: PreviewModel): TemplateResult {
    return html`<ol part="steps" class="steps" aria-label=${this.t('steps.label')} tabindex="-1" data-focus-after-load>
      ${model.steps.map((step) => this.renderStep(step))}
    </ol>`;
  }

  private renderStep(step: PreviewStep): TemplateResult {
    const endLabel = step.end
      ? this.t(END_TYPES.includes(step.end) ? (`steps.end.${step.end}` as const) : 'end.other')
      : '';
    return html`<li part="step" class="step ${step.end ?? ''} ${step.limits ? 'flagged' : ''}" id=${this.domId(step)} tabindex="-1" data-step=${step.number}>
      <p class="step-head">
        <span class="num" aria-hidden="true">${this.number(step.number)}</span>
        <span class="visually-hidden">${this.t('steps.step', { number: this.number(step.number) })}:</span>
        <span class="name">${step.name ? html`<bdi>${step.name}</bdi>` : this.t('noText')}</span>
        ${step.start ? html`<span part="marker" class="marker start">${this.t('steps.start')}</span>` : nothing}
        ${step.end ? html`<span part="marker" class="marker end ${step.end}">${endLabel}</span>` : nothing}
      </p>
      ${step.messages.map((m) => this.renderStepMessage(m))}
      ${this.renderBranches(step)}
    </li>`;
  }

  private renderStepMessage(m: PreviewMessage): TemplateResult {
    const kind = m.kind === 'text' ? (m.asks ? 'ask.text' : '') : (`ask.${m.kind}` as const);
    return html`<div class="step-msg" data-kind=${m.kind}>
      ${m.text ? html`<p class="text" dir="auto">${m.text}</p>` : nothing}
      ${
        kind
          ? html`<p class="kind">
            ${m.kind !== 'text' && m.kind !== 'list' ? html`<span aria-hidden="true">${KIND_ICONS[m.kind] ?? '•'}</span>` : nothing}
            ${this.t(kind, { type: m.subType })}${m.options.length ? html`: <span class="options">${this.list(m.options.map(isolate), 'disjunction')}</span>` : nothing}
          </p>`
          : nothing
      }
      ${
        m.kind === 'appointment' && m.schedules
          ? html`<p class="schedules">
            ${m.schedules === 'custom' ? this.t('schedules.custom') : this.t('schedules.fixed', { ids: this.list(m.schedules.map(isolate)) })}
          </p>`
          : nothing
      }
      ${m.sessionField ? html`<p class="saved">${this.t('savedAs')} <code part="session-field"><bdi>${m.sessionField}</bdi></code></p>` : nothing}
      ${this.renderLimits(m.limits)}
    </div>`;
  }

  private renderBranches(step: PreviewStep): TemplateResult {
    if (!step.branches.length) {
      return html`<ul part="branches" class="branches" aria-label=${this.t('steps.branches')}><li class="branch">${this.t('steps.finish')}</li></ul>`;
    }
    return html`<ul part="branches" class="branches" aria-label=${this.t('steps.branches')}>
      ${step.branches.map((b) => {
        const when =
          b.condition === null
            ? this.t('steps.always')
            : b.answer !== null
              ? this.t('steps.ifAnswer', { answer: b.answer })
              : this.t('steps.if', { condition: b.condition });
        const target = b.target;
        return html`<li class="branch ${target?.end === 'declined' ? 'knockout' : ''}" data-target=${target?.number ?? ''}>
          <span class="when">${when}:</span>
          ${
            target
              ? html`<button type="button" class="link" @click=${() => this.focusStep(target)}>
                ${this.t('steps.goTo', { number: this.number(target.number), name: target.name || this.t('noText') })}
              </button>`
              : html`<span>${this.t('steps.goToMissing')}</span>`
          }
        </li>`;
      })}
    </ul>`;
  }
}
