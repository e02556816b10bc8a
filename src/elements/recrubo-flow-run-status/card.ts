// The loaded card of <recrubo-flow-run-status variant="card">: the flow's name, cost, times, the collected answers,
// the actions and their confirmation dialog. Its own module, loaded with import() only when a card is shown (spec
// §14), with its CSS and strings, so that a page of badges never downloads it. Until it has arrived the element
// shows the card's skeleton (recrubo-flow-run-status.component.ts), which has the loaded card's shape.
import { adoptStyles, html, nothing, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Api } from '../../api/index.js';
import { ElementTask, TaskStatus } from '../../shared/element-task.js';
import type { ElementHost } from '../../shared/recrubo-element.js';
import { isAbortError, type RecruboApiError } from '../../api/errors.js';
import type { FlowRun } from '../../api/types.js';
import { formatDateTime, formatNumber, plural } from '../../shared/format.js';
import { mergeStrings, sharedStrings, translate, type Params, type SharedKey } from '../../shared/i18n.js';
import { renderValue, ROW_BUDGET, withBudget, type ValueContext } from './answers.js';
import { cardStrings, type CardKey } from './card-strings.js';
import { cardStyles } from './card.styles.js';
import type { FlowInfo } from './flow-info.js';
import { ACTION_PATCH, actionAllowed, parseActions, type RunAction } from './actions.js';
import { ActionFeedback } from './action-feedback.js';
import { noAnswersText, renderOutcomeRow } from './card-notes.js';
import { keyLabel } from './key-labels.js';
import type { RunOutcome } from './outcome.js';
import { apiText, erasedRuns } from './status.js';
import { runStatusStrings, type RunStatusKey } from './strings.js';

const strings = mergeStrings(sharedStrings, runStatusStrings, cardStrings);
export type AnyCardKey = CardKey | RunStatusKey | SharedKey;

/**
 * The element the card belongs to, typed: its api, signal, events, errors and announcer (`ElementHost`) and the run
 * state it shows. The element keeps its state; the card reads it and calls these (no bag of callbacks).
 */
export interface CardHost extends ElementHost {
  readonly variant: string;
  /** Card only: the actions on offer (`finish cancel …`). */
  readonly actions: string;
  readonly openConversation: boolean;
  readonly run: FlowRun | undefined;
  /** The run's last failed fetch (the card then says it may be out of date). */
  readonly runError: RecruboApiError | undefined;
  /** The run's flow (loaded by the element, shared per flow id), once it has come. */
  readonly flowInfo: FlowInfo | undefined;
  /** Loading the flow failed: the card shows "Chatbot run" and the keys' own labels. */
  readonly flowFailed: boolean;
  /** A finished run's outcome, where the flow lets it be known. */
  readonly outcome: RunOutcome | undefined;
  /** Fetch the run again now. */
  refresh(): void;
  /** The retry button's handler (it also moves the focus back once the answer comes). */
  retry(): void;
  /** The badge and the time since the last change (with the stale sign). */
  renderLine(): unknown;
}

export class RunCard implements ReactiveController {
  private confirming?: RunAction;
  private trigger?: HTMLElement;

  /** The last action's failure: a 429's wait (with its countdown), cleared by a later success. */
  private readonly feedback: ActionFeedback;
  /** The action's PATCH: one at a time, stopped when the element leaves or shows another run. */
  private readonly patch: ElementTask<readonly [Api, string, RunAction], RunAction>;

  constructor(private readonly host: CardHost) {
    const el = host;
    this.feedback = new ActionFeedback(el, {
      probe: (signal) => host.api.flowRuns.get(host.run?.id ?? '', { signal }),
    });
    this.patch = new ElementTask(el, {
      autoRun: false,
      task: async ([api, runId, action], { signal }) => {
        this.feedback.clear();
        await api.flowRuns.update(runId, ACTION_PATCH[action], { signal });
        if (action === 'erase-state') {
          erasedRuns.add(runId);
          host.announce(this.t('announce.erased'));
        }
        return action;
      },
      onError: (err) => {
        if (isAbortError(err)) return; // another run was shown meanwhile
        this.feedback.fail(err as RecruboApiError);
        host.reportError(err);
        // Refused: what we show is probably out of date (e.g. the run started meanwhile); fetch it now.
        if ((err as RecruboApiError).status === 422) host.refresh();
      },
    });
    el.addController(this);
    const ctor = (el as object).constructor as typeof ReactiveElement;
    if (el.renderRoot instanceof ShadowRoot) adoptStyles(el.renderRoot, [...ctor.elementStyles, cardStyles]);
  }

  t(key: AnyCardKey, params?: Params): string {
    return translate(this.host.config.lang, strings, key, params);
  }

  /** `t` for the card's own keys, as the helpers (answers, notes) take it. */
  private readonly tc = (key: CardKey, params?: Params): string => this.t(key, params);

  private changed(): void {
    this.host.requestUpdate();
  }

  /** The action under way, if any. */
  private get busyAction(): RunAction | undefined {
    return this.patch.status === TaskStatus.PENDING ? this.action : undefined;
  }

  private action?: RunAction;

  hostDisconnected(): void {
    this.confirming = undefined;
  }

  /** Another run: nothing of the old one's actions may linger. */
  reset(): void {
    this.patch.abort();
    this.feedback.clear();
    this.confirming = undefined;
    if (this.dialog?.open) this.dialog.close();
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot?.querySelector?.('dialog') ?? null;
  }

  render(run: FlowRun): TemplateResult {
    const lang = this.host.config.lang;
    const error = this.host.runError;
    const flowInfo = this.host.flowInfo;
    const title = flowInfo?.name || this.t('card.untitled');
    const waitingForFlow = !flowInfo && !this.host.flowFailed;
    const cost = Number(run.cost ?? 0);
    return html`<article class="card" part="card" aria-labelledby="title">
      <div class="head">
        <p class="title" id="title" part="title" tabindex="-1">
          ${
            waitingForFlow
              ? // one title element throughout, so a focus on it survives the flow's name arriving
                html`<span class="visually-hidden">${this.t('card.untitled')}</span><span class="skeleton text" aria-hidden="true"></span>`
              : html`<bdi class="title-text">${title}</bdi>`
          }
        </p>
        ${this.host.renderLine()}
      </div>
      ${error ? html`<p class="notice" part="error">${this.t('stale')} <button type="button" @click=${() => this.host.retry()}>${this.t('common.retry')}</button></p>` : nothing}
      <dl class="meta" part="meta">
        <div><dt>${this.t('card.cost')}</dt><dd>${this.t(`cost.${plural(lang, cost) === 'one' ? 'one' : 'other'}`, { count: formatNumber(lang, cost) })}</dd></div>
        <div><dt>${this.t('card.created')}</dt><dd>${this.renderAbsolute(lang, run.createdAt)}</dd></div>
        <div><dt>${this.t('card.updated')}</dt><dd>${this.renderAbsolute(lang, run.updatedAt)}</dd></div>
        <div><dt>${this.t('card.runId')}</dt><dd><code>${apiText(String(run.id))}</code></dd></div>
        ${renderOutcomeRow(this.tc, this.host.outcome)}
      </dl>
      <section role="group" aria-labelledby="answers-title">
        <p class="section-title" id="answers-title">${this.t('card.answers')}</p>
        ${this.renderAnswers(lang, run)}
      </section>
      ${this.renderActionError()}
      ${this.renderActions(run)}
      ${
        this.host.openConversation
          ? html`<button type="button" class="open-conversation" part="open-conversation" @click=${() => this.host.emit('recrubo-conversation-open', { runId: run.id, messageThreadId: run.messageThreadId })}>
            ${this.t('card.openConversation')}
          </button>`
          : nothing
      }
      <slot name="conversation"></slot>
    </article>`;
  }

  private renderAbsolute(lang: string, iso: string | undefined) {
    if (!iso) return this.t('value.empty');
    return html`<time datetime=${iso}>${formatDateTime(lang, iso)}</time>`;
  }

  /** Answers in the flow's question order, labelled by the question; keys the flow does not know come last. */
  private renderAnswers(lang: string, run: FlowRun) {
    const state = run.state ?? {};
    const labels = this.host.flowInfo?.labels;
    const keys = Object.keys(state);
    if (keys.length === 0) return html`<p class="muted">${noAnswersText(this.tc, run)}</p>`;
    const ordered = labels
      ? [...[...labels.keys()].filter((k) => k in state), ...keys.filter((k) => !labels.has(k))]
      : keys;
    const ctx: ValueContext = { lang, t: (key, params) => this.t(key, params), budget: ROW_BUDGET };
    return withBudget(
      ctx,
      ordered,
      (list) => html`<dl class="answers" part="answers">
      ${list.map(
        (key) =>
          html`<div data-key=${key}><dt>${apiText(labels?.get(key) ?? keyLabel(this.tc, key))}</dt><dd>${renderValue(ctx, state[key], 0)}</dd></div>`,
      )}
    </dl>`,
    );
  }

  // ── actions ──────────────────────────────────────────────────────────────────────────────────────────────

  private renderActions(run: FlowRun) {
    const wanted = parseActions(this.host.actions);
    if (wanted.length === 0) return nothing;
    const shown = wanted.filter((a) => actionAllowed(a, run));
    const busy = this.busyAction !== undefined || this.feedback.secondsLeft() > 0;
    const confirming = this.confirming;
    return html`${
      shown.length
        ? html`<div class="actions" part="actions" role="group" aria-label=${this.t('card.actions')}>
            ${repeat(
              // keyed: a button belongs to one action, so a focused "Finish" never turns into "Erase" under the user
              shown,
              (action) => action,
              (action) => html`<button
                type="button"
                part="action action-${action}"
                class=${action === 'erase-state' || action === 'exception' ? 'danger' : ''}
                data-action=${action}
                aria-haspopup="dialog"
                aria-disabled=${busy ? 'true' : 'false'}
                aria-busy=${this.busyAction === action ? 'true' : 'false'}
                @click=${this.onActionClick}
              >
                ${this.t(`action.${action}`)}${this.busyAction === action ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
              </button>`,
            )}
          </div>`
        : nothing
    }
      <dialog part="dialog" aria-labelledby="dialog-title" aria-describedby="dialog-text" @cancel=${this.onDialogClose} @close=${this.onDialogClose}>
        <p class="dialog-title" id="dialog-title">${confirming ? this.t(`confirm.${confirming}.title`) : ''}</p>
        <p class="dialog-text" id="dialog-text">
          ${confirming ? this.t(`confirm.${confirming}.text`, { count: Object.keys(run.state ?? {}).length }) : ''}
        </p>
        <div class="dialog-actions">
          <button type="button" class="back" autofocus @click=${() => this.closeDialog('back')}>${this.t('confirm.back')}</button>
          <button
            type="button"
            class=${confirming === 'erase-state' || confirming === 'exception' ? 'solid-danger confirm' : 'primary confirm'}
            @click=${() => this.closeDialog('confirm')}
          >
            ${confirming ? this.t(`confirm.${confirming}.ok`) : ''}
          </button>
        </div>
      </dialog>`;
  }

  private onActionClick = async (event: Event) => {
    const button = event.currentTarget as HTMLButtonElement;
    const action = button.dataset.action as RunAction;
    if (this.busyAction !== undefined || this.feedback.secondsLeft() > 0 || !this.host.run) return;
    this.trigger = button;
    this.confirming = action;
    this.changed();
    await this.host.updateComplete;
    const dialog = this.dialog;
    if (!dialog || dialog.open) return;
    dialog.returnValue = '';
    dialog.showModal();
    // The safe choice has the focus (these actions stop a candidate's conversation or erase data for good).
    dialog.querySelector<HTMLButtonElement>('button.back')?.focus();
  };

  /**
   * "Go back" / confirm buttons. Acts at once instead of waiting for the dialog's `close` event, which Chromium does
   * not deliver while the tab is hidden.
   */
  private closeDialog(result: 'confirm' | 'back') {
    const action = this.confirming;
    const dialog = this.dialog;
    if (dialog?.open) dialog.close(result);
    this.afterDialog(result === 'confirm' ? action : undefined);
  }

  /** Escape (or any other way the dialog closed without our buttons): nothing happens. */
  private onDialogClose = () => this.afterDialog(undefined);

  private afterDialog(confirmed: RunAction | undefined) {
    if (this.confirming === undefined) return; // already handled
    this.confirming = undefined;
    this.changed();
    const trigger = this.trigger;
    if (trigger?.isConnected) trigger.focus();
    if (confirmed) void this.perform(confirmed, trigger);
  }

  private async perform(action: RunAction, trigger: HTMLElement | undefined) {
    const host = this.host;
    const run = host.run;
    if (!run) return;
    this.action = action;
    await this.patch.run([host.api, run.id, action]);
    await host.updateComplete;
    // The button may be gone (no "finish" on a finished run): keep the focus in the card, on its title, unless
    // the user has moved on meanwhile.
    const el = host;
    if (trigger && !trigger.isConnected) {
      const active = el.ownerDocument.activeElement;
      if (!active || active === el.ownerDocument.body || active === el)
        el.renderRoot.querySelector<HTMLElement>('.title')?.focus();
    }
  }

  /** The alert is spoken once; the countdown beside it is not a live region (it would speak every second). */
  private renderActionError() {
    const { error } = this.feedback;
    if (!error) return nothing;
    const wait = this.feedback.secondsLeft();
    return html`<p class="alert" part="error"><span role="alert">${this.actionErrorText(error)}</span>${
      wait
        ? html` <span class="wait">${this.t('action.wait', { seconds: formatNumber(this.host.config.lang, wait) })}</span>`
        : nothing
    }</p>`;
  }

  private actionErrorText(error: RecruboApiError): string {
    if (error.status === 429) return this.t('action.rateLimited');
    if (error.status === 422 && error.detail) return this.t('action.refused', { detail: error.detail });
    return this.t('action.failed', { message: error.detail ?? this.host.errorMessage(error) });
  }
}
