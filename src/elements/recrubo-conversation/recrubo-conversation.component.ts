import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { isNotFoundError, type RecruboApiError } from '../../api/errors.js';
import type { Message } from '../../api/messages.js';
import type { MessagesSnapshot } from '../../api/message-feed.js';
import { Clock } from '../../shared/clock-controller.js';
import { RecruboElement } from '../../shared/recrubo-element.js';
import { ResourceController } from '../../shared/resource-controller.js';
import { baseStyles } from '../../shared/base.styles.js';
import { formatDateTime, formatTime } from '../../shared/format.js';
import { FeedController } from './feed-controller.js';
import { Composer, type PendingSend } from './composer.js';
import { dayKey, dayLabel, failureReason, pluralOf, templateIdOf, textOf, timeOf, windowState } from './format.js';
import { conversationStyles } from './recrubo-conversation.styles.js';
import { PauseSwitch } from './pause-switch.js';
import { ScrollKeeper } from './scroll-keeper.js';
import { conversationStrings, type ConversationKey } from './strings.js';
import { Templates, threadLanguage } from './templates.js';
import { TemplateSender } from './template-sender.js';

/** How many messages are in the DOM at first; "Show earlier messages" adds as many again. */
export const WINDOW_SIZE = 150;
/** The clock of the 24-hour window and of "Today"/"Yesterday". */
const CLOCK_PERIOD = 30_000;

type Row =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'message'; message: Message }
  | { kind: 'pending'; pending: PendingSend };

/**
 * The chat of one candidate with the bot and the recruiter, live: inbound and outbound bubbles with their times and
 * delivery status, day separators, template messages shown with their template's text, a reply box that respects
 * WhatsApp's 24-hour window, and a switch that pauses the chatbot. New messages come through the shared feed (one
 * request per tick per thread, however many elements show it) and never move a reader who scrolled up.
 *
 * @summary A candidate's WhatsApp conversation, live, with a reply box and a chatbot pause switch.
 * @tag recrubo-conversation
 *
 * @attr {string} message-thread-id - The MessageThread to show.
 * @attr {string} run-id - Or a FlowRun: its thread is shown (and pausing asks for confirmation while it is live).
 * @attr {boolean} composer - Show the reply box (send a text to the candidate).
 * @attr {boolean} templates - With `composer`: "Send a template" outside WhatsApp's 24-hour window (and on request inside it).
 * @attr {string} candidate-name - The candidate's first name, prefilled in a template parameter after a greeting.
 * @attr {string} sender-name - The `sendBy` of sent texts (default "Recruiter").
 * @attr {boolean} pause-control - Show the switch for the thread's `chatbotPaused`.
 * @attr {number} poll-interval - Polling interval in ms (default 5000).
 * @attr {string} base-url - API root including `/public/v2` (see the shared configuration).
 * @attr {string} api-key - Sandbox / local development only.
 * @attr {string} lang - UI language, `en` or `nl`.
 *
 * @fires {CustomEvent<{ message: object }>} recrubo-message-sent - The POST of a text answered (the message as the server has it, `deliveryStatus` `accepted`).
 * @fires {CustomEvent<{ messageThreadId: string, paused: boolean }>} recrubo-chatbot-paused-change - The thread's `chatbotPaused` was changed from this element.
 * @fires {CustomEvent<{ error: RecruboApiError }>} recrubo-error - Loading failed for good, a send failed or the pause was refused.
 *
 * @csspart conversation - The whole element's box.
 * @csspart log - The scrolling list of messages.
 * @csspart day - A day separator.
 * @csspart message - Every bubble (also `message-inbound` / `message-outbound`, and `data-status` on outbound ones).
 * @csspart sender - The sender's name in a bubble.
 * @csspart text - The text of a bubble.
 * @csspart meta - Time and delivery status of a bubble.
 * @csspart status - The delivery status.
 * @csspart earlier - The "Show earlier messages" button.
 * @csspart new-messages - The "new messages" pill.
 * @csspart composer - The reply box.
 * @csspart templates - "Send a template" (its form inside: `template-form`, `template-select`, `template-parameter`, `template-preview`, `template-send`).
 * @csspart input - The text area of the reply box.
 * @csspart send - The send button.
 * @csspart window - The 24-hour window note.
 * @csspart pause - The pause switch.
 * @csspart error - An error message.
 * @csspart skeleton - Placeholders while loading.
 * @csspart dialog - The pause confirmation.
 *
 * @cssprop --recrubo-color-text - Text colour.
 * @cssprop --recrubo-color-muted - Times, statuses, separators.
 * @cssprop --recrubo-color-surface - Background and inbound bubbles.
 * @cssprop --recrubo-color-surface-alt - Skeletons, the list's background.
 * @cssprop --recrubo-color-border - Borders.
 * @cssprop --recrubo-color-primary - Outbound bubbles' accent, focus, the pill.
 * @cssprop --recrubo-color-on-primary - Text on primary buttons.
 * @cssprop --recrubo-color-warning - The closing window.
 * @cssprop --recrubo-color-danger - Failed messages.
 * @cssprop --recrubo-radius - Corner radius.
 * @cssprop --recrubo-spacing - Base spacing.
 * @cssprop --recrubo-font-family - Font (inherits the page's by default).
 * @cssprop --recrubo-conversation-height - Height of the message list (default 28rem).
 */
export class RecruboConversationElement extends RecruboElement<ConversationKey> {
  static override styles = [baseStyles, conversationStyles];
  static override strings = conversationStrings;

  static override dependencies = { 'recrubo-template-sender': TemplateSender };

  static override properties = {
    templates: { type: Boolean, reflect: true },
    candidateName: { attribute: 'candidate-name' },
    messageThreadId: { attribute: 'message-thread-id' },
    runId: { attribute: 'run-id' },
    composer: { type: Boolean, reflect: true },
    senderName: { attribute: 'sender-name' },
    pauseControl: { attribute: 'pause-control', type: Boolean, reflect: true },
    pollInterval: { attribute: 'poll-interval', type: Number },
    messages: { attribute: false },
    windowSize: { state: true },
    newCount: { state: true },
  };

  declare messageThreadId: string | undefined;
  /** With `composer`: "Send a template" (§15a): outside WhatsApp's 24-hour window, and on request inside it. */
  declare templates: boolean;
  /** The candidate's first name, prefilled as a template's first parameter. */
  declare candidateName: string | undefined;
  declare runId: string | undefined;
  declare composer: boolean;
  declare senderName: string | undefined;
  declare pauseControl: boolean;
  declare pollInterval: number | undefined;
  /** Messages to show instead of loading them (a host that has them already, or a test fixture). Oldest first. */
  declare messages: Message[] | undefined;

  declare private windowSize: number;
  declare private newCount: number;
  private readonly clock = new Clock(this, CLOCK_PERIOD);

  private readonly run = new ResourceController(this, 'flowRuns', {
    id: () => this.runId,
    interval: () => this.interval,
  });
  private readonly thread = new ResourceController(this, 'messageThreads', {
    id: () => this.threadId,
    interval: () => this.interval,
  });
  private readonly feed = new FeedController(this, {
    id: () => (this.messages ? undefined : this.threadId),
    interval: () => this.interval,
    onChange: (n, p) => this.receive(n, p),
  });
  private readonly keeper = new ScrollKeeper();
  private readonly pause: PauseSwitch = new PauseSwitch(this);
  private readonly composerBox: Composer = new Composer(this);
  /** After the feed: its hostUpdate brings the messages whose templates are wanted. */
  private readonly templateTexts = new Templates(this);
  private forceBottom = true;
  /** Messages sent from here while `messages` is given (the feed is not watched then). */
  private sentHere: Message[] = [];

  constructor() {
    super();
    this.messageThreadId = undefined;
    this.templates = false;
    this.candidateName = undefined;
    this.runId = undefined;
    this.composer = false;
    this.senderName = undefined;
    this.pauseControl = false;
    this.pollInterval = undefined;
    this.messages = undefined;
    this.windowSize = WINDOW_SIZE;
    this.newCount = 0;
  }

  /** The thread shown: `message-thread-id`, else the run's. */
  get threadId(): string | undefined {
    return this.messageThreadId || this.run.data?.messageThreadId || undefined;
  }

  private get interval(): number | undefined {
    return this.pollInterval && this.pollInterval > 0 ? this.pollInterval : undefined;
  }

  /** Every message shown, oldest first. */
  get shownMessages(): readonly Message[] {
    if (!this.messages) return this.feed.snapshot?.messages ?? [];
    // Given messages: what this element sent is shown after them until the host's list has it too.
    if (this.sentHere.length === 0) return this.messages;
    const given = new Set(this.messages.map((m) => m.id));
    return [...this.messages, ...this.sentHere.filter((m) => !given.has(m.id))];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.forceBottom = true;
  }

  /** @internal The element's clock (ms): the 24-hour window and "Today"/"Yesterday". */
  get now(): number {
    return this.clock.now;
  }

  /** @internal The thread, once loaded (for the reply box and the pause switch). */
  get threadData() {
    return this.thread.data;
  }

  /** @internal */
  get threadError() {
    return this.thread.error;
  }

  /** @internal The run of `run-id`, if one was given. */
  get runData() {
    return this.runId ? this.run.data : undefined;
  }

  /** @internal The reply box is sending a text: the list goes to its end. */
  messageSending(): void {
    this.forceBottom = true;
  }

  /** @internal The server has a message sent from the reply box. */
  messageDelivered(message: Message): void {
    if (this.messages) this.sentHere = [...this.sentHere, message];
    this.forceBottom = true;
    this.announce(this.t('announce.sent'));
    this.emit('recrubo-message-sent', { message });
  }

  /** Load now instead of at the next tick. */
  refresh(): void {
    this.feed.refresh();
    this.thread.refresh();
  }

  // ── data ────────────────────────────────────────────────────────────────────────────────────────────────

  private receive(next: MessagesSnapshot, previous: MessagesSnapshot | undefined) {
    if (previous) this.noteArrivals(previous.messages, next.messages);
  }

  /** New messages after the first load: announce the candidate's, and count them for the pill while reading. */
  private noteArrivals(before: readonly Message[], after: readonly Message[]) {
    if (before.length === 0 || before === after) return;
    const known = new Set(before.map((m) => m.id));
    const last = before[before.length - 1]!;
    const added = after.filter((m) => !known.has(m.id));
    if (added.length === 0) return;
    // Only the ones after what the reader had (a late older one is no "new message").
    const later = added.filter((m) => timeOf(m) >= timeOf(last));
    const inbound = later.filter((m) => m.origin === 'inbound');
    if (inbound.length)
      this.announce(
        this.t(`announce.inbound.${pluralOf(this.config.lang, inbound.length)}` as const, {
          count: inbound.length,
          text: this.plainText(inbound[inbound.length - 1]!),
        }),
      );
    if (!this.keeper.atBottom) this.newCount += later.length;
  }

  private plainText(message: Message): string {
    const text = textOf(message);
    if (text !== undefined) return text;
    const id = templateIdOf(message);
    if (id) {
      return this.templateTexts.get(id).text?.(message) ?? this.t('template.unknown', { id });
    }
    return this.t('unsupported', { type: String((message.payload as { type?: unknown })?.type ?? '?') });
  }

  private rows(): { rows: Row[]; hidden: number } {
    const all = this.shownMessages;
    const start = Math.max(0, all.length - this.windowSize);
    const lang = this.config.lang;
    const words = { today: this.t('today'), yesterday: this.t('yesterday') };
    const rows: Row[] = [];
    let day = '';
    const pushDay = (at: number) => {
      const key = dayKey(at);
      if (key === day) return;
      day = key;
      rows.push({ kind: 'day', key, label: dayLabel(lang, at, this.now, words) });
    };
    for (let i = start; i < all.length; i++) {
      const message = all[i]!;
      pushDay(timeOf(message));
      rows.push({ kind: 'message', message });
    }
    for (const pending of this.composerBox.pending) {
      if (pending.threadId !== this.threadId) continue;
      pushDay(Date.parse(pending.createdAt));
      rows.push({ kind: 'pending', pending });
    }
    return { rows, hidden: start };
  }

  // ── render ──────────────────────────────────────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('messages') as Message[] | undefined;
    if (changed.has('messages') && before && this.messages) this.noteArrivals(before, this.messages);
    if (changed.has('messageThreadId') || changed.has('runId')) {
      this.windowSize = WINDOW_SIZE;
      this.newCount = 0;
      this.forceBottom = true;
    }
    const scroller = this.scroller;
    if (scroller) this.keeper.capture(scroller);
  }

  protected override updated(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    this.keeper.follow(scroller, scroller.querySelector('.messages'));
    const hasRows = this.shownMessages.length > 0 || this.composerBox.pending.length > 0;
    this.keeper.restore(scroller, this.forceBottom && hasRows);
    if (hasRows) this.forceBottom = false;
    if (this.keeper.atBottom && this.newCount) this.newCount = 0;
  }

  private get scroller(): HTMLElement | null {
    return this.renderRoot?.querySelector?.<HTMLElement>('.log') ?? null;
  }

  override render() {
    const fixture = this.messages !== undefined;
    const snap = this.feed.snapshot;
    const threadMissing = !fixture && !this.threadId;
    let body: unknown;
    if (threadMissing && this.runId && (this.run.loading || (!this.run.data && !this.run.error)))
      body = this.renderSkeleton();
    else if (threadMissing && this.run.error) body = this.renderLoadError(this.run.error);
    else if (threadMissing) body = html`<p class="note" part="error">${this.t('noThread')}</p>`;
    // The messages of an unknown thread are an empty list: the thread's own 404 is what tells.
    else if (this.thread.error && isNotFoundError(this.thread.error)) body = this.renderLoadError(this.thread.error);
    else if (!fixture && (!snap || (snap.loading && snap.messages.length === 0))) body = this.renderSkeleton();
    else if (!fixture && snap!.error && snap!.messages.length === 0) body = this.renderLoadError(snap!.error);
    else body = this.renderLog(snap?.error);
    return html`<section class="conversation" part="conversation" aria-label=${this.t('label')}>
      ${this.pauseControl ? this.pause.render() : nothing} ${body} ${this.composer && this.threadId ? this.composerBox.render() : nothing}
      ${this.composer && this.templates && this.threadId && this.thread.data ? this.renderTemplates() : nothing}
    </section>`;
  }

  /** A text (composer) or a template (template sender) the server has. */
  private delivered(message: Message) {
    if (this.messages) this.sentHere = [...this.sentHere, message];
    this.forceBottom = true;
    this.announce(this.t('announce.sent'));
    this.emit('recrubo-message-sent', { message });
  }

  private renderTemplates() {
    const win = windowState(this.thread.data?.channel, this.shownMessages, this.now);
    return html`<recrubo-template-sender
      part="templates"
      lang=${this.config.lang}
      .api=${this.api}
      .threadId=${this.threadId}
      .language=${threadLanguage(this.shownMessages, this.templateTexts, this.config.lang)}
      .firstName=${this.candidateName}
      .senderName=${this.senderName || this.t('composer.sender')}
      .windowOpen=${win.kind !== 'closed' && win.kind !== 'never'}
      @template-sent=${(e: CustomEvent<{ message: Message }>) => this.delivered(e.detail.message)}
    ></recrubo-template-sender>`;
  }

  private renderSkeleton() {
    return html`<div class="log loading" part="log" aria-busy="true">
      <p class="visually-hidden">${this.t('loading')}</p>
      ${[0, 1, 2, 3].map((i) => html`<div class="skeleton ${i % 2 ? 'out' : 'in'}" part="skeleton" aria-hidden="true"></div>`)}
    </div>`;
  }

  private renderLoadError(error: RecruboApiError) {
    const notFound = isNotFoundError(error);
    return html`<div class="log" part="log">
      <div class="note" part="error" role="alert">
        <p>${notFound ? this.t('notFound') : this.t('loadFailed')} ${notFound ? '' : this.errorMessage(error)}</p>
        ${notFound ? nothing : html`<button type="button" class="secondary" @click=${() => this.refresh()}>${this.t('common.retry')}</button>`}
      </div>
    </div>`;
  }

  private renderLog(stale: RecruboApiError | undefined) {
    const { rows, hidden } = this.rows();
    const lang = this.config.lang;
    return html`<div class="log-wrap">
        <div class="log" part="log" tabindex="0" aria-label=${this.t('label')} @scroll=${this.onScroll}>
          ${
            hidden > 0
              ? html`<button type="button" class="earlier secondary" part="earlier" @click=${this.showEarlier}>${this.t('earlier', { count: hidden })}</button>`
              : nothing
          }
          ${rows.length === 0 ? html`<p class="note">${this.t('empty')}</p>` : nothing}
          <ol class="messages">
            ${repeat(
              rows,
              (row) =>
                row.kind === 'day'
                  ? `d:${row.key}`
                  : row.kind === 'message'
                    ? `m:${row.message.id}`
                    : `p:${row.pending.key}`,
              (row) =>
                row.kind === 'day'
                  ? html`<li class="day" part="day"><span>${row.label}</span></li>`
                  : row.kind === 'message'
                    ? this.renderMessage(row.message, lang)
                    : this.composerBox.renderPending(row.pending, lang),
            )}
          </ol>
        </div>
        ${
          this.newCount > 0
            ? html`<button type="button" class="pill" part="new-messages" @click=${this.jumpToEnd}>${this.t(`newMessages.${pluralOf(lang, this.newCount)}` as const, { count: this.newCount })} ↓</button>`
            : nothing
        }
      </div>
      ${stale ? html`<p class="note stale" part="error">${this.t('stale')}</p>` : nothing}`;
  }

  private renderMessage(message: Message, lang: string) {
    const inbound = message.origin === 'inbound';
    const at = timeOf(message);
    const sender = inbound ? this.t('from.inbound') : message.sendBy || this.t('from.bot');
    const status = inbound ? undefined : message.deliveryStatus;
    const known = status === undefined || ['accepted', 'sent', 'delivered', 'read', 'failed'].includes(status);
    const reason = status === 'failed' ? failureReason(message) : undefined;
    return html`<li
      class="message ${inbound ? 'in' : 'out'}"
      part="message ${inbound ? 'message-inbound' : 'message-outbound'}"
      data-message-id=${message.id}
      data-status=${status ?? nothing}
    >
      <span class="sender" part="sender"><bdi>${sender}</bdi></span>
      ${this.renderBody(message)}
      <span class="meta" part="meta">
        <time datetime=${message.createdAt ?? ''} title=${at ? formatDateTime(lang, at) : ''}>${at ? formatTime(lang, at) : ''}</time>
        ${
          status !== undefined
            ? html`<span class="status" part="status" data-status=${status}>${(known && this.lookup(`status.${status}`)) || this.t('status.unknownValue', { status })}</span>`
            : nothing
        }
      </span>
      ${status === 'failed' ? html`<span class="failure" part="error">${reason ? this.t('failed.reason', { reason }) : this.t('failed.noReason')}</span>` : nothing}
    </li>`;
  }

  private renderBody(message: Message) {
    const text = textOf(message);
    if (text !== undefined) return html`<span class="text" part="text" dir="auto">${text}</span>`;
    const id = templateIdOf(message);
    if (!id)
      return html`<span class="text unsupported" part="text">${this.t('unsupported', { type: String((message.payload as { type?: unknown })?.type ?? '?') })}</span>`;
    const lookup = this.templateTexts.get(id);
    if (lookup.state === 'loading')
      return html`<span class="text" part="text"><span class="visually-hidden">${this.t('template.loading')}</span><span class="skeleton-line" part="skeleton" aria-hidden="true"></span></span>`;
    return html`<span class="template-label">${this.t('template.label')}${lookup.template?.name ? html` · <bdi>${lookup.template.name}</bdi>` : ''}</span>
      <span class="text" part="text" dir="auto">${lookup.text ? lookup.text(message) : this.t('template.unknown', { id })}</span>`;
  }

  // ── scrolling ───────────────────────────────────────────────────────────────────────────────────────────

  private onScroll = () => {
    const scroller = this.scroller;
    if (!scroller) return;
    if (this.keeper.measure(scroller) && this.newCount) this.newCount = 0;
  };

  private showEarlier = () => {
    this.keeper.atBottom = false; // keep what the reader sees; the earlier messages grow above it
    this.windowSize += WINDOW_SIZE;
  };

  private jumpToEnd = () => {
    this.forceBottom = true;
    this.newCount = 0;
    this.requestUpdate();
    void this.updateComplete.then(() => this.scroller?.focus({ preventScroll: true }));
  };
}
