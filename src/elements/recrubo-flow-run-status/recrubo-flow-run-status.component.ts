import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { isNotFoundError, RecruboApiError } from '../../api/errors.js';
import type { FlowRun, FlowRunStatus } from '../../api/types.js';
import type { ResourceSnapshot } from '../../api/store.js';
import { Clock } from '../../shared/clock-controller.js';
import { RecruboElement } from '../../shared/recrubo-element.js';
import { ResourceController } from '../../shared/resource-controller.js';
import { ElementTask, TaskStatus, initialState } from '../../shared/element-task.js';
import { baseStyles } from '../../shared/base.styles.js';
import { BotPaused } from './bot-paused.js';
import type { RunCard } from './card.js';
import {
  labelled,
  renderFailed,
  renderLine,
  renderNotFound,
  renderSkeleton,
  statusText,
  type BadgeContext,
} from './badge-view.js';
import { loadFlowInfo, type FlowInfo } from './flow-info.js';
import type { RunOutcome } from './outcome.js';
import { runStatusStyles } from './recrubo-flow-run-status.styles.js';
import { isTerminalStatus } from './status.js';
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
    label: {},
    cardError: { state: true },
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

  /**
   * Whose run this is, e.g. the candidate's name: the badge's accessible name and its announcements start with it
   * ("Jan de Vries: Finished"), so a table of badges reads as more than fifty times "Finished". Falls back to the
   * host's `aria-label`.
   */
  declare label: string;
  /** The card's module could not be loaded (offline): the skeleton turns into an error with a retry button. */
  declare private cardError: RecruboApiError | undefined;
  /**
   * Card only: an "Open conversation" button that fires `recrubo-conversation-open` (show a
   * `<recrubo-conversation run-id>` beside the card, or in the card's `conversation` slot).
   */
  declare openConversation: boolean;

  private readonly resource = new ResourceController(this, 'flowRuns', {
    id: () => this.runId,
    interval: () => (this.pollInterval && this.pollInterval > 0 ? this.pollInterval : undefined),
    poll: () => !this.static,
    // A badge shows status and time only: a pushed change is taken from the event (a finished run is still
    // fetched once, for its outcome). The card shows the answers, cost and times: it is refetched.
    shows: () => (this.variant === 'card' ? 'all' : 'status'),
    fetchOn: ['finished'],
    onChange: (snapshot, previous) => this.receive(snapshot, previous),
  });

  /** Whether the bot is paused on the run's thread (shown on the badge and the card's line, announced). */
  private readonly botPaused = new BotPaused(this, (paused) =>
    paused ? this.sayText(this.t('botPaused')) : this.say(String(this.run?.status ?? '')),
  );

  /**
   * The run's flow, loaded once (shared per flow id): the card's name and question labels, and for a finished
   * run (badge too) which answers decline, for its outcome. After the resource: its hostUpdate brings the run first.
   * flow-info.ts is a static import: as a lazy chunk it cost a finished badge a second round trip before the flow's
   * GET, and the script-tag page two more files (the code it shares), for ~1 KB (scripts/cdn-chunks.mjs).
   */
  private readonly flow = new ElementTask(this, {
    task: async ([api, flowId], { signal }) => {
      if (!flowId) return initialState;
      return loadFlowInfo(api, flowId, signal);
    },
    args: () => [this.api, this.flowWanted()],
    onError: (error) => this.reportError(error),
  });

  /** The last status this element reported, per run: one event per change, however often the store notifies. */
  private seen?: { runId: string; status: string };
  /** The loaded card (card.ts), once a card was shown; see loadCard(). */
  private card?: RunCard;
  private cardLoading?: Promise<void>;
  /**
   * Until when a pressed retry button may pass the focus on: once it is gone (an answer came), the focus goes to the
   * badge or the card's title. Only for a while, so a much later answer never takes the focus from anywhere.
   */
  private refocusUntil = 0;

  constructor() {
    super();
    new Clock(this, CLOCK_PERIOD); // "3 min. ago" stays true
    this.runId = undefined;
    this.pollInterval = undefined;
    this.static = false;
    this.variant = 'badge';
    this.actions = '';
    this.label = '';
    this.cardError = undefined;
    this.openConversation = false;
  }

  /** The latest FlowRun (`{ id, ...attributes }`), or undefined until it has loaded. Read-only. */
  get run(): FlowRun | undefined {
    return this.resource.data;
  }

  /** Fetch the run now instead of waiting for the next tick (also after a failure). */
  refresh(): void {
    this.resource.refresh();
  }

  /** @internal The retry button's handler: fetch now, and give the focus back once the answer comes. */
  retry = (): void => {
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
      this.card?.reset();
    }
    if (this.variant === 'card') this.loadCard();
  }

  private receive(snapshot: ResourceSnapshot<FlowRun>, previous: ResourceSnapshot<FlowRun>) {
    const run = snapshot.data;
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
    this.sayText(statusText(this.badgeContext(), status));
  }

  private sayText(text: string) {
    const ctx = this.badgeContext();
    this.announce(ctx.label ? labelled(ctx, text) : this.t('announce.status', { status: text }));
  }

  private badgeContext(): BadgeContext {
    const label = this.label.trim() || this.getAttribute('aria-label')?.trim() || '';
    return { lang: this.config.lang, t: (key, params) => this.t(key, params), label };
  }

  /** @internal Finished · accepted / declined, once the flow says which answers decline. */
  get outcome(): RunOutcome | undefined {
    const run = this.resource.data;
    return run && this.flowInfo?.id === run.flowId ? this.flowInfo.outcome(run) : undefined;
  }

  /** @internal The run's last failed fetch (for the card). */
  get runError(): RecruboApiError | undefined {
    return this.resource.error;
  }

  /** @internal Loading the run's flow failed (for the card). */
  get flowFailed(): boolean {
    return this.flow.status === TaskStatus.ERROR;
  }

  /** The flow whose info is wanted: a card's, or a finished run's (for its outcome). */
  private flowWanted(): string | undefined {
    const run = this.resource.data;
    return this.variant === 'card' || run?.status === 'finished' ? run?.flowId : undefined;
  }

  /** @internal The run's flow, once loaded (shared per flow id: one request however many elements show it). */
  get flowInfo(): FlowInfo | undefined {
    const flowId = this.flowWanted();
    if (!flowId) return undefined;
    const loaded = this.flow.status === TaskStatus.COMPLETE ? this.flow.value : undefined;
    return loaded?.id === flowId ? loaded : undefined;
  }

  protected override render(): TemplateResult {
    return this.variant === 'card' ? this.renderCard() : (this.renderLine() as TemplateResult);
  }

  // ── badge ────────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * @internal Badge + time (and the stale sign), or the skeleton / failure of the same size (retry unless the card
   * has one).
   */
  renderLine(retryButton = true): TemplateResult | typeof nothing {
    const { data: run, error } = this.resource;
    const ctx = this.badgeContext();
    if (run) {
      return renderLine(ctx, {
        status: String(run.status ?? ''),
        updatedAt: run.updatedAt,
        outcome: this.outcome,
        staleSince: error ? (this.resource.fetchedAt ?? 0) : undefined,
        botPaused: this.botPaused.paused,
      });
    }
    if (isNotFoundError(error)) return renderNotFound(ctx);
    if (error) return renderFailed(ctx, this.errorMessage(error), retryButton ? this.retry : undefined);
    if (!this.runId) return nothing;
    return renderSkeleton(ctx);
  }

  // ── card ─────────────────────────────────────────────────────────────────────────────────────────────────

  /** The loaded card, once its module (card.ts, with its CSS and strings) has arrived: fetched only for a card. */
  private loadCard(): void {
    if (this.card || this.cardLoading) return;
    this.cardError = undefined;
    this.cardLoading = import('./card.js').then(
      ({ RunCard }) => {
        this.card = new RunCard(this);
        this.requestUpdate();
      },
      (err: unknown) => {
        this.cardLoading = undefined;
        this.cardError = new RecruboApiError({ kind: 'network', message: String(err) });
        this.reportError(this.cardError);
      },
    );
  }

  private retryCard = (): void => {
    if (this.cardError) this.loadCard();
    else this.retry();
  };

  /** The loaded card, or its skeleton (the loaded card's shape: nothing jumps) while the run or the card loads. */
  private renderCard(): TemplateResult {
    const { data: run } = this.resource;
    if (run && this.card) return this.card.render(run);
    const error = this.cardError ?? this.resource.error;
    const failed = error && !isNotFoundError(error);
    // The head holds a title placeholder of the loaded title's size (tests wait for `.title .skeleton` to go).
    return html`<article class="card" part="card" aria-busy=${error || !this.runId ? 'false' : 'true'}>
      <div class="head">
        ${
          error
            ? html`<p class="title" part="title" tabindex="-1">${this.t('card.untitled')}</p>`
            : html`<p class="title" aria-hidden="true"><span class="skeleton text" part="skeleton"></span></p>`
        }
        ${this.renderLine(false)}
      </div>
      ${
        failed
          ? html`<p class="alert" part="error">${this.errorMessage(error)}
            <button type="button" @click=${this.retryCard}>${this.t('common.retry')}</button></p>`
          : error
            ? nothing
            : html`<dl class="meta" aria-hidden="true" part="skeleton">
                ${[5, 9, 9, 14].map((w) => html`<div><dt><span class="skeleton text" style="width: 4em"></span></dt><dd><span class="skeleton text" style="width: ${w}em"></span></dd></div>`)}
              </dl>
              <div aria-hidden="true" part="skeleton">
                <p class="section-title"><span class="skeleton text" style="width: 5em"></span></p>
                <span class="skeleton text" style="width: 12em"></span>
              </div>`
      }
    </article>`;
  }
}
