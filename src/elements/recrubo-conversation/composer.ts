// The `composer` reply box: the draft, the texts being sent (each with its own idempotency key, kept through
// retries) and WhatsApp's 24-hour window that decides whether the box is open. A part of the conversation element:
// its host is the element itself (`ComposerHost`: the thread, the messages, strings, errors, the announcer); its
// state re-renders the host. It holds no subscription of its own (the sends end with the host's signal), so it is
// not registered as a controller.
import { html, nothing } from 'lit';
import { isAbortError, type RecruboApiError } from '../../api/errors.js';
import { messagesFor } from '../../api/message-feed.js';
import { newIdempotencyKey, textPayload, type Message } from '../../api/messages.js';
import type { FlowRun, MessageThread } from '../../api/types.js';
import { formatDateTime, formatTime } from '../../shared/format.js';
import type { Params } from '../../shared/i18n.js';
import type { ElementHost } from '../../shared/recrubo-element.js';
import { durationText, windowState } from './format.js';
import type { ConversationKey } from './strings.js';

/** The conversation element, as its parts (the reply box, the pause switch) use it. */
export interface ConversationHost extends ElementHost<ConversationKey> {
  readonly threadId: string | undefined;
  readonly senderName: string | undefined;
  readonly shownMessages: readonly Message[];
  /** The thread (its channel, `chatbotPaused`), once loaded. */
  readonly threadData: MessageThread | undefined;
  readonly threadError: RecruboApiError | undefined;
  /** The run of `run-id`, if one was given. */
  readonly runData: FlowRun | undefined;
  /** The element's clock (ms), for the 24-hour window. */
  readonly now: number;
  /** The reply box is sending a text: the list goes to its end. */
  messageSending(): void;
  /** The server has a message sent from the reply box. */
  messageDelivered(message: Message): void;
}

/** A failure's text for the user: the server's own detail, else the shared message. */
export const failureText = (host: ConversationHost, error: RecruboApiError): string =>
  error.detail ?? host.errorMessage(error);

/** A text the recruiter sent from this element, until the server's message replaces it. */
export interface PendingSend {
  key: string;
  text: string;
  state: 'sending' | 'failed';
  error?: RecruboApiError;
  createdAt: string;
  threadId: string;
}

export class Composer {
  private draftText = '';
  private pendingSends: PendingSend[] = [];

  constructor(private readonly host: ConversationHost) {}

  get draft(): string {
    return this.draftText;
  }

  private set draft(value: string) {
    this.draftText = value;
    this.host.requestUpdate();
  }

  get pending(): readonly PendingSend[] {
    return this.pendingSends;
  }

  private set pending(value: PendingSend[]) {
    this.pendingSends = value;
    this.host.requestUpdate();
  }

  render() {
    const t = this.t;
    const host = this.host;
    const lang = host.config.lang;
    const thread = { data: host.threadData, error: host.threadError };
    // Until the thread is known (its channel decides the window) a placeholder of the box's size: nobody types
    // into a box that may turn out to be closed.
    if (!thread.data && !thread.error)
      return html`<div class="composer" part="composer"><div class="skeleton composer-skeleton" part="skeleton" aria-hidden="true"></div></div>`;
    const win = windowState(thread.data?.channel, host.shownMessages, host.now);
    if (win.kind === 'closed' || win.kind === 'never') {
      const when = win.kind === 'closed' ? formatDateTime(lang, win.lastInbound) : '';
      return html`<div class="composer closed" part="composer">
        <p class="window closed" part="window" role="note">${win.kind === 'closed' ? t('window.closed', { when }) : t('window.never')}</p>
      </div>`;
    }
    return html`<form class="composer" part="composer" @submit=${this.onSubmit}>
      ${
        win.kind === 'open' || win.kind === 'closing'
          ? html`<p class="window ${win.kind}" part="window">${t(win.kind === 'open' ? 'window.open' : 'window.closing', { time: durationText(lang, win.left) })}</p>`
          : nothing
      }
      <div class="composer-row">
        <textarea
          part="input"
          rows="2"
          aria-label=${t('composer.label')}
          aria-describedby="composer-hint"
          placeholder=${t('composer.placeholder')}
          .value=${this.draft}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
        ></textarea>
        <button type="submit" class="primary" part="send">${t('composer.send')}</button>
      </div>
      <p id="composer-hint" class="hint">${t('composer.hint')}</p>
    </form>`;
  }

  private readonly t = (key: ConversationKey, params?: Params) => this.host.t(key, params);

  /** A bubble for a text being sent (or failed), in the host's list. */
  renderPending(p: PendingSend, lang: string) {
    const t = this.t;
    const at = Date.parse(p.createdAt);
    return html`<li class="message out pending" part="message message-outbound" data-message-id=${`pending:${p.key}`} data-status=${p.state}>
      <span class="sender" part="sender"><bdi>${this.host.senderName || t('composer.sender')}</bdi></span>
      <span class="text" part="text" dir="auto">${p.text}</span>
      <span class="meta" part="meta">
        <time datetime=${p.createdAt}>${formatTime(lang, at)}</time>
        ${p.state === 'sending' ? html`<span class="status" part="status" data-status="pending">${t('status.pending')}</span>` : nothing}
      </span>
      ${
        p.state === 'failed'
          ? html`<span class="failure" part="error">${t('sendFailed', { reason: p.error ? failureText(this.host, p.error) : '' })}</span>
            <span class="retry-row">
              <button type="button" class="secondary" data-key=${p.key} @click=${this.onRetrySend}>${t('sendFailed.retry')}</button>
              <button type="button" class="link" data-key=${p.key} @click=${this.onDiscard}>${t('sendFailed.discard')}</button>
            </span>`
          : nothing
      }
    </li>`;
  }

  private onInput = (event: Event) => {
    this.draft = (event.target as HTMLTextAreaElement).value;
  };

  private onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    // An input method (Japanese, Chinese, Korean) uses Enter to commit its text: never send then. Safari reports
    // the committing Enter with isComposing false but keyCode 229.
    if (event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.sendDraft();
  };

  private onSubmit = (event: Event) => {
    event.preventDefault();
    this.sendDraft();
  };

  private sendDraft() {
    const text = this.draft.trim();
    const threadId = this.host.threadId;
    if (!text || !threadId) return;
    // One message per click: its key goes with it, and with every retry of it.
    const pending: PendingSend = {
      key: newIdempotencyKey(),
      text,
      state: 'sending',
      createdAt: new Date().toISOString(),
      threadId,
    };
    this.draft = '';
    this.pending = [...this.pending, pending];
    this.host.messageSending();
    void this.post(pending);
  }

  private async post(p: PendingSend) {
    try {
      const message = await messagesFor(this.host.api.client).send(
        {
          messageThreadId: p.threadId,
          sendBy: this.host.senderName || this.t('composer.sender'),
          payload: textPayload(p.text),
        },
        { idempotencyKey: p.key, signal: this.host.signal },
      );
      this.pending = this.pending.filter((x) => x.key !== p.key);
      this.host.messageDelivered(message);
    } catch (err) {
      if (isAbortError(err)) return;
      this.pending = this.pending.map((x) =>
        x.key === p.key ? { ...x, state: 'failed', error: err as RecruboApiError } : x,
      );
      this.host.announce(this.t('announce.sendFailed'));
      this.host.reportError(err);
    }
  }

  private focusInput() {
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('textarea')?.focus());
  }

  private onRetrySend = (event: Event) => {
    const key = (event.currentTarget as HTMLElement).dataset.key;
    const p = this.pending.find((x) => x.key === key);
    if (!p || p.state !== 'failed') return;
    const again: PendingSend = { ...p, state: 'sending', error: undefined };
    this.pending = this.pending.map((x) => (x.key === key ? again : x));
    void this.post(again);
    this.focusInput();
  };

  private onDiscard = (event: Event) => {
    const key = (event.currentTarget as HTMLElement).dataset.key;
    const p = this.pending.find((x) => x.key === key);
    this.pending = this.pending.filter((x) => x.key !== key);
    // The text is not lost: it goes back into the reply box when that is empty.
    if (p && !this.draft) this.draft = p.text;
    this.focusInput();
  };
}
