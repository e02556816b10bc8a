import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { isAbortError, isNotFoundError, type RecruboApiError } from '../../api/errors.js';
import type { FlowRun, FlowRunStatus } from '../../api/types.js';
import type { ResourceSnapshot } from '../../api/store.js';
import { onTick, onWake } from '../../api/ticker.js';
import { RecruboElement } from '../../shared/recrubo-element.js';
import { ResourceController } from '../../shared/resource-controller.js';
import { baseStyles } from '../../shared/base.styles.js';
import { loadFlowInfo, peekFlowInfo, type FlowInfo } from './flow-info.js';
import { formatDateTime, formatNumber, plural } from '../../shared/format.js';
import { announce } from '../../shared/announcer.js';
import { apiText, renderValue, ROW_BUDGET, withBudget, type ValueContext } from './answers.js';
import {
  labelled,
  renderFailed,
  renderLine,
  renderNotFound,
  renderSkeleton,
  statusText,
  type BadgeContext,
} from './badge-view.js';
import { keyLabel } from './key-labels.js';
import { outcomeOf, type RunOutcome } from './outcome.js';
import { runStatusStyles } from './recrubo-flow-run-status.styles.js';
import { ACTION_PATCH, actionAllowed, erasedRuns, isTerminalStatus, parseActions, type RunAction } from './status.js';
import { runStatusStrings, type RunStatusKey } from './strings.js';

/** The relative times ("3 min. ago") are refreshed by one page-wide timer, not one per element. */
const CLOCK_PERIOD = 60_000;
/** How long after a retry its answer may still move the focus (see `refocusUntil`). */
const REFOCUS_MS = 10_000;

/**
 * One chatbot run (FlowRun) of a candidate, live: a small status badge for a table cell, or a card with the cost,
 * the times, the answers collected so far and the actions a recruiter may take. Polling goes through the shared
 * store: every element on the page that shows a run shares one batched request per tick, polling stops once the
 * run has ended and pauses while the page is hidden.
 *
 * @summary The live status of a candidate's chatbot run, as a badge or a card with actions.
 * @tag recrubo-flow-run-status
 *
 * @attr {string} lang - UI language, `en` or `nl`.
 *
 * @fires {CustomEvent<{ runId: string, status: string, previousStatus: string | null, terminal: boolean, run: object }>} recrubo-run-status-change - The first status this element sees for its run (`previousStatus: null`) and every change after; `terminal` is true for `finished`, `timeout`, `cancelled` and `exception`.
 * @fires {CustomEvent<{ runId: string, messageThreadId: string }>} recrubo-conversation-open - The card's "Open conversation" button was pressed.
 * @fires {CustomEvent<{ error: RecruboApiError }>} recrubo-error - Loading the run (or its flow) failed for good, or an action was refused.
 *
 * @csspart badge - The status badge (carries `data-status` and `data-tone`).
 * @csspart icon - The status shape inside the badge.
 * @csspart label - The status text inside the badge.
 * @csspart time - The time since the last change.
 * @csspart stale - The sign (icon and text "not refreshed since …") beside a status that could not be refreshed.
 * @csspart stale-icon - The icon of that sign.
 * @csspart skeleton - Placeholders shown while loading.
 * @csspart card - The card (card variant).
 * @csspart title - The card's title (the flow's name).
 * @csspart meta - The list of cost and times.
 * @csspart answers - The list of collected answers.
 * @csspart full-value - The disclosure holding the whole of a clipped (long) answer.
 * @csspart more-values - The disclosure holding answers or entries past the shown rows.
 * @csspart deep-value - The disclosure listing a value nested deeper than three levels, by path.
 * @csspart actions - The group of action buttons.
 * @csspart action - Every action button (also `action-<name>`, e.g. `action-finish`).
 * @csspart error - The message of a failed or refused action, or of a failed load.
 * @csspart dialog - The confirmation dialog.
 * @csspart open-conversation - The card's "Open conversation" button.
 * @slot conversation - Card only: shown at the card's end, e.g. a `<recrubo-conversation run-id>`.
 *
 * @cssprop --recrubo-color-text - Text colour.
 * @cssprop --recrubo-color-muted - Secondary text (times, labels) and the neutral/cancelled tone.
 * @cssprop --recrubo-color-surface - Card and badge background base.
 * @cssprop --recrubo-color-surface-alt - Skeleton and hover background.
 * @cssprop --recrubo-color-border - Borders.
 * @cssprop --recrubo-color-primary - Running tone, focus outline.
 * @cssprop --recrubo-color-on-primary - Text on primary buttons.
 * @cssprop --recrubo-color-info - Queued/created tone.
 * @cssprop --recrubo-color-success - Finished tone.
 * @cssprop --recrubo-color-warning - Timed-out tone.
 * @cssprop --recrubo-color-danger - Error tone and destructive actions.
 * @cssprop --recrubo-radius - Corner radius.
 * @cssprop --recrubo-spacing - Base spacing.
 * @cssprop --recrubo-font-family - Font (inherits the page's by default).
 */
export class RecruboFlowRunStatusElement extends RecruboElement<RunStatusKey> {
  static override styles = [baseStyles, runStatusStyles];
  static override strings = runStatusStrings;

  static override properties = {
    runId: { attribute: 'run-id' },
    pollInterval: { attribute: 'poll-interval', type: Number },
    static: { type: Boolean, reflect: true },
    variant: { reflect: true },
    actions: {},
    busyAction: { state: true },
    confirming: { state: true },
    actionError: { state: true },
    label: {},
    flowInfo: { state: true },
    flowFailed: { state: true },
    openConversation: { attribute: 'open-conversation', type: Boolean },
  };

  /** The FlowRun to show (required). May change at any time; the element follows the new run. */
  declare runId: string | undefined;
  /** Polling interval in ms; unset or 0 means the store's default (5000; the store may poll faster right after a change and slower while nothing moves). */
  declare pollInterval: number | undefined;
  /** Load once, never poll. */
  declare static: boolean;
  /** `badge` (default): status and time since the last change, for a table cell. `card`: also the flow's name, cost, times, collected answers and actions. */
  declare variant: 'badge' | 'card';
  /** Card only: space-separated subset of `finish cancel timeout exception erase-state`; default none. Actions that make no sense for the current status are hidden. */
  declare actions: string;

  declare private busyAction: RunAction | undefined;
  declare private confirming: RunAction | undefined;
  declare private actionError: RecruboApiError | undefined;
  /**
   * Whose run this is, e.g. the candidate's name: the badge's accessible name and its announcements start with it
   * ("Jan de Vries: Finished"), so a table of badges reads as more than fifty times "Finished". Falls back to the
   * host's `aria-label`.
   */
  declare label: string;
  declare private flowInfo: FlowInfo | undefined;
  /**
   * Card only: an "Open conversation" button that fires `recrubo-conversation-open` (show a
   * `<recrubo-conversation run-id>` beside the card, or in the card's `conversation` slot).
   */
  declare openConversation: boolean;
  declare private flowFailed: boolean;

  private readonly resource = new ResourceController(this, 'flowRuns', {
    id: () => this.runId,
    interval: () => (this.pollInterval && this.pollInterval > 0 ? this.pollInterval : undefined),
    poll: () => !this.static,
    onChange: (snapshot, previous) => this.receive(snapshot, previous),
  });

  /** The last status this element reported, per run: one event per change, however often the store notifies. */
  private seen?: { runId: string; status: string };
  private flowFor?: string;
  private trigger?: HTMLElement;
  private actionToken = 0;
  private stopClock?: () => void;
  private stopWake?: () => void;
  /**
   * Until when a pressed retry button may pass the focus on: once it is gone (an answer came), the focus goes to the
   * badge or the card's title. Only for a while, so a much later answer never takes the focus from anywhere.
   */
  private refocusUntil = 0;
  /** When the shown run was last fetched without error (for the "not refreshed since" sign). */
  private fetchedAt = 0;

  constructor() {
    super();
    this.runId = undefined;
    this.pollInterval = undefined;
    this.static = false;
    this.variant = 'badge';
    this.actions = '';
    this.busyAction = undefined;
    this.confirming = undefined;
    this.actionError = undefined;
    this.label = '';
    this.flowInfo = undefined;
    this.flowFailed = false;
    this.openConversation = false;
  }

  /** The latest FlowRun (`{ id, ...attributes }`), or undefined until it has loaded. Read-only. */
  get run(): FlowRun | undefined {
    return this.resource.data;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const tick = () => this.requestUpdate();
    this.stopClock = onTick(CLOCK_PERIOD, tick);
    this.stopWake = onWake(tick);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopClock?.();
    this.stopWake?.();
    this.stopClock = this.stopWake = undefined;
    // The flow request (if any) was aborted with our signal; ask again when we come back.
    this.flowFor = undefined;
    this.actionToken++;
    this.busyAction = undefined;
    this.confirming = undefined;
  }

  /** Fetch the run now instead of waiting for the next tick (also after a failure). */
  refresh(): void {
    this.resource.refresh();
  }

  private retry = (): void => {
    this.refocusUntil = Date.now() + REFOCUS_MS;
    this.refresh();
  };

  protected override updated(): void {
    if (Date.now() > this.refocusUntil || this.shadowRoot!.activeElement) return; // nothing pending, or the button still has it
    this.refocusUntil = 0;
    const active = this.ownerDocument.activeElement;
    if (active && active !== this.ownerDocument.body && active !== this) return; // the user has moved on
    this.renderRoot.querySelector<HTMLElement>('.title, [part~="badge"]')?.focus({ preventScroll: true });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('runId') && changed.get('runId') !== undefined) {
      // Another run: nothing of the old one's actions may linger.
      this.actionToken++;
      this.busyAction = undefined;
      this.actionError = undefined;
      this.confirming = undefined;
      if (this.dialog?.open) this.dialog.close();
    }
  }

  protected override update(changed: PropertyValues<this>): void {
    // Here, not in willUpdate(): the controllers' hostUpdate() (which may bring the new run's data) runs in between.
    this.syncFlow();
    super.update(changed);
  }

  private receive(snapshot: ResourceSnapshot<FlowRun>, previous: ResourceSnapshot<FlowRun>) {
    const run = snapshot.data;
    if (run && !snapshot.error) this.fetchedAt = Date.now();
    if (run && typeof run.status === 'string') {
      const before = this.seen?.runId === run.id ? this.seen.status : null;
      if (before !== run.status) {
        this.seen = { runId: run.id, status: run.status };
        if (before !== null) this.say(run.status);
        this.emit('recrubo-run-status-change', {
          runId: run.id,
          status: run.status as FlowRunStatus,
          previousStatus: before as FlowRunStatus | null,
          terminal: isTerminalStatus(run.status),
          run,
        });
      }
    }
    if (snapshot.error && !previous.error) this.reportError(snapshot.error);
  }

  /** One polite announcement in the page's announcer ("Jan de Vries: Finished"; "Run status: Finished" unlabelled). */
  private say(status: string) {
    const ctx = this.badgeContext();
    const text = statusText(ctx, status);
    announce(ctx.label ? labelled(ctx, text) : this.t('announce.status', { status: text }), this.ownerDocument);
  }

  private badgeContext(): BadgeContext {
    const label = this.label.trim() || this.getAttribute('aria-label')?.trim() || '';
    return { lang: this.config.lang, t: (key, params) => this.t(key, params), label };
  }

  /** Finished · accepted / declined, once the flow says which answers decline. */
  private get outcome(): RunOutcome | undefined {
    const run = this.resource.data;
    return run && this.flowInfo?.id === run.flowId ? outcomeOf(run, this.flowInfo.knockouts) : undefined;
  }

  /**
   * The run's flow, loaded once (shared per flow id): the card's name and question labels, and for a finished
   * run (badge too) which answers decline, for its outcome.
   */
  private syncFlow() {
    const run = this.resource.data;
    const wanted = this.variant === 'card' || run?.status === 'finished';
    const flowId = wanted && this.isConnected ? run?.flowId : undefined;
    if (flowId === this.flowFor) return;
    this.flowFor = flowId;
    this.flowFailed = false;
    this.flowInfo = flowId ? peekFlowInfo(this.api, flowId) : undefined;
    if (!flowId || this.flowInfo) return;
    loadFlowInfo(this.api, flowId, this.signal).then(
      (info) => {
        if (this.flowFor === flowId) this.flowInfo = info;
      },
      (err) => {
        if (isAbortError(err)) return;
        if (this.flowFor === flowId) this.flowFailed = true;
        this.reportError(err);
      },
    );
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector?.('dialog') ?? null;
  }

  protected override render(): TemplateResult {
    const lang = this.config.lang;
    return this.variant === 'card' ? this.renderCard(lang) : (this.renderLine() as TemplateResult);
  }

  // ── badge ────────────────────────────────────────────────────────────────────────────────────────────────

  /** Badge + time (and the stale sign), or the skeleton / failure of the same size (retry unless the card has one). */
  private renderLine(retryButton = true): TemplateResult | typeof nothing {
    const { data: run, error } = this.resource;
    const ctx = this.badgeContext();
    if (run) {
      const status = String(run.status ?? '');
      return renderLine(ctx, {
        status,
        updatedAt: run.updatedAt,
        outcome: this.outcome,
        staleSince: error ? this.fetchedAt : undefined,
      });
    }
    if (isNotFoundError(error)) return renderNotFound(ctx);
    if (error) return renderFailed(ctx, this.errorMessage(error), retryButton ? this.retry : undefined);
    if (!this.runId) return nothing;
    return renderSkeleton(ctx);
  }

  // ── card ─────────────────────────────────────────────────────────────────────────────────────────────────

  private renderCard(lang: string): TemplateResult {
    const { data: run, error } = this.resource;
    if (!run) {
      const failed = error && !isNotFoundError(error);
      return html`<article class="card" part="card" aria-busy=${error || !this.runId ? 'false' : 'true'}>
        <div class="head">
          ${error ? html`<p class="title" part="title" tabindex="-1">${this.t('card.untitled')}</p>` : html`<span class="skeleton text" part="skeleton"></span>`}
          ${this.renderLine(false)}
        </div>
        ${
          failed
            ? html`<p class="alert" part="error">${this.errorMessage(error)}
              <button type="button" @click=${this.retry}>${this.t('common.retry')}</button></p>`
            : error
              ? nothing
              : // the loaded card's shape (four facts, the answers' title and one answer), so nothing jumps when it comes
                html`<dl class="meta" aria-hidden="true" part="skeleton">
                  ${[5, 9, 9, 14].map((w) => html`<div><dt><span class="skeleton text" style="width: 4em"></span></dt><dd><span class="skeleton text" style="width: ${w}em"></span></dd></div>`)}
                </dl>
                <div aria-hidden="true" part="skeleton">
                  <p class="section-title"><span class="skeleton text" style="width: 5em"></span></p>
                  <span class="skeleton text" style="width: 12em"></span>
                </div>`
        }
      </article>`;
    }
    const title = this.flowInfo?.name || this.t('card.untitled');
    const waitingForFlow = !this.flowInfo && !this.flowFailed;
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
        ${this.renderLine()}
      </div>
      ${error ? html`<p class="notice" part="error">${this.t('stale')} <button type="button" @click=${this.retry}>${this.t('common.retry')}</button></p>` : nothing}
      <dl class="meta" part="meta">
        <div><dt>${this.t('card.cost')}</dt><dd>${this.t(`cost.${plural(lang, cost) === 'one' ? 'one' : 'other'}`, { count: formatNumber(lang, cost) })}</dd></div>
        <div><dt>${this.t('card.created')}</dt><dd>${this.renderAbsolute(lang, run.createdAt)}</dd></div>
        <div><dt>${this.t('card.updated')}</dt><dd>${this.renderAbsolute(lang, run.updatedAt)}</dd></div>
        <div><dt>${this.t('card.runId')}</dt><dd><code>${apiText(String(run.id))}</code></dd></div>
      </dl>
      <section aria-labelledby="answers-title">
        <p class="section-title" id="answers-title">${this.t('card.answers')}</p>
        ${this.renderAnswers(lang, run.state ?? {})}
      </section>
      ${this.actionError ? html`<p class="alert" part="error" role="alert">${this.actionErrorText(this.actionError)}</p>` : nothing}
      ${this.renderActions(run)}
      ${
        this.openConversation
          ? html`<button type="button" class="open-conversation" part="open-conversation" @click=${() => this.emit('recrubo-conversation-open', { runId: run.id, messageThreadId: run.messageThreadId })}>
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
  private renderAnswers(lang: string, state: Record<string, unknown>) {
    const labels = this.flowInfo?.labels;
    const keys = Object.keys(state);
    if (keys.length === 0) return html`<p class="muted">${this.t('card.noAnswers')}</p>`;
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
          html`<div data-key=${key}><dt>${apiText(labels?.get(key) ?? keyLabel(this.t.bind(this), key))}</dt><dd>${renderValue(ctx, state[key], 0)}</dd></div>`,
      )}
    </dl>`,
    );
  }

  // ── actions ──────────────────────────────────────────────────────────────────────────────────────────────

  private renderActions(run: FlowRun) {
    const wanted = parseActions(this.actions);
    if (wanted.length === 0) return nothing;
    const shown = wanted.filter((a) => actionAllowed(a, run));
    const busy = this.busyAction !== undefined;
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

  private async onActionClick(event: Event) {
    const button = event.currentTarget as HTMLButtonElement;
    const action = button.dataset.action as RunAction;
    if (this.busyAction !== undefined || !this.run) return;
    this.trigger = button;
    this.confirming = action;
    await this.updateComplete;
    const dialog = this.dialog;
    if (!dialog || dialog.open) return;
    dialog.returnValue = '';
    dialog.showModal();
    // The safe choice has the focus (these actions stop a candidate's conversation or erase data for good).
    dialog.querySelector<HTMLButtonElement>('button.back')?.focus();
  }

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
  private onDialogClose() {
    this.afterDialog(undefined);
  }

  private afterDialog(confirmed: RunAction | undefined) {
    if (this.confirming === undefined) return; // already handled
    this.confirming = undefined;
    const trigger = this.trigger;
    if (trigger?.isConnected) trigger.focus();
    if (confirmed) void this.perform(confirmed, trigger);
  }

  private async perform(action: RunAction, trigger: HTMLElement | undefined) {
    const run = this.run;
    if (!run) return;
    const token = ++this.actionToken;
    this.busyAction = action;
    this.actionError = undefined;
    try {
      await this.api.flowRuns.update(run.id, ACTION_PATCH[action], { signal: this.signal });
      if (token !== this.actionToken) return;
      if (action === 'erase-state') {
        erasedRuns.add(run.id);
        announce(this.t('announce.erased'), this.ownerDocument);
      }
    } catch (err) {
      if (token !== this.actionToken || isAbortError(err)) return;
      this.actionError = err as RecruboApiError;
      this.reportError(err);
      // Refused: what we show is probably out of date (e.g. the run started meanwhile); fetch it now.
      if ((err as RecruboApiError).status === 422) this.resource.refresh();
    } finally {
      if (token === this.actionToken) this.busyAction = undefined;
    }
    await this.updateComplete;
    // The button may be gone (no "finish" on a finished run): keep the focus in the card, on its title, unless
    // the user has moved on meanwhile.
    if (trigger && !trigger.isConnected) {
      const active = this.ownerDocument.activeElement;
      if (!active || active === this.ownerDocument.body || active === this)
        this.renderRoot.querySelector<HTMLElement>('.title')?.focus();
    }
  }

  private actionErrorText(error: RecruboApiError): string {
    if (error.status === 422 && error.detail) return this.t('action.refused', { detail: error.detail });
    return this.t('action.failed', { message: error.detail ?? this.errorMessage(error) });
  }
}
