// `<recrubo-inbox-header>` (internal, rendered by the inbox above the open conversation): who it is (name, number),
// the back button of the narrow layout, the details button, and Close / Reopen (`PATCH status`, an ElementTask
// action). Properties in; events out: `inbox-back`, `inbox-details`, `inbox-status` { conversation } (the PATCH's
// answer).
import { css, html, LitElement, nothing } from 'lit';
import { isAbortError, type RecruboApiError } from '../../api/errors.js';
import type { Api } from '../../api/index.js';
import { inboxFor, type Conversation } from '../../api/inbox.js';
import { announce } from '../../shared/announcer.js';
import { baseStyles } from '../../shared/base.styles.js';
import { ElementTask, TaskStatus } from '../../shared/element-task.js';
import { errorKey } from '../../shared/i18n.js';
import { inboxButtonStyles } from './recrubo-inbox.styles.js';
import { inboxT } from './strings.js';

export class InboxHeader extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        border-bottom: 1px solid var(--_border);
      }
      header {
        display: flex;
        align-items: center;
        gap: var(--_space);
        padding: var(--_space) calc(var(--_space) * 1.5);
        flex-wrap: wrap;
      }
      .who {
        flex: 1;
        min-width: 8rem;
      }
      h2 {
        margin: 0;
        font-size: 1.05em;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .number {
        color: var(--_muted);
        font-size: 0.85em;
      }
      :host(:not([narrow])) .narrow-only {
        display: none;
      }
      .error {
        color: var(--_danger);
        margin: 0;
        padding: 0 calc(var(--_space) * 1.5) var(--_space);
        font-size: 0.9em;
      }
    `,
    inboxButtonStyles,
  ];

  static override properties = {
    api: { attribute: false },
    lang: {},
    conversation: { attribute: false },
    name: { attribute: false },
    number: { attribute: false },
    narrow: { type: Boolean, reflect: true },
    canGoBack: { attribute: false },
    detailsButton: { attribute: false },
  };

  declare api: Api | undefined;
  /** UI language. */
  declare lang: string;
  declare conversation: Conversation | undefined;
  declare name: string;
  declare number: string;
  /** One pane at a time: the back and details buttons show. */
  declare narrow: boolean;
  declare canGoBack: boolean;
  declare detailsButton: boolean;

  private readonly setStatus = new ElementTask(this, {
    autoRun: false,
    args: () => [this.conversation] as const,
    task: async ([c], { signal }) => {
      if (!c || !this.api) return undefined;
      const status = c.status === 'closed' ? 'open' : 'closed';
      const saved = await inboxFor(this.api).updateConversation(c.id, { status }, { signal });
      announce(this.t(status === 'closed' ? 'announce.closed' : 'announce.reopened'));
      this.dispatchEvent(new CustomEvent('inbox-status', { detail: { conversation: saved } }));
      return saved;
    },
  });

  constructor() {
    super();
    this.api = undefined;
    this.lang = 'en';
    this.conversation = undefined;
    this.name = '';
    this.number = '';
    this.narrow = false;
    this.canGoBack = true;
    this.detailsButton = false;
  }

  private t(key: Parameters<typeof inboxT>[1], params?: Record<string, string | number>) {
    return inboxT(this.lang, key, params);
  }

  /** Focuses the back button (narrow) or the heading's first button. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>(this.narrow ? '.back' : 'button')?.focus();
  }

  /** Focuses "Candidate details" (back from the details pane), else as `focus()`. */
  focusDetails(): void {
    const button = this.renderRoot.querySelector<HTMLElement>('[data-details]');
    if (button) button.focus();
    else this.focus();
  }

  private fire(type: string) {
    this.dispatchEvent(new CustomEvent(type));
  }

  override render() {
    const c = this.conversation;
    if (!c) return nothing;
    const busy = this.setStatus.status === TaskStatus.PENDING;
    const failed = this.setStatus.status === TaskStatus.ERROR ? (this.setStatus.error as RecruboApiError) : undefined;
    return html`<header part="header">
        ${
          this.canGoBack
            ? html`<button type="button" class="back narrow-only" part="back" aria-label=${this.t('back')} @click=${() => this.fire('inbox-back')}>
              ←
            </button>`
            : nothing
        }
        <div class="who">
          <h2 id="conv-title"><bdi>${this.name}</bdi></h2>
          <span class="number">${this.number}</span>
        </div>
        ${
          this.detailsButton
            ? html`<button type="button" class="narrow-only" data-details @click=${() => this.fire('inbox-details')}>${this.t('details')}</button>`
            : nothing
        }
        <button type="button" part="close" ?disabled=${busy} @click=${() => void this.setStatus.run()}>
          ${c.status === 'closed' ? this.t('reopen') : this.t('close')}
        </button>
      </header>
      ${
        failed && !isAbortError(failed)
          ? html`<p class="error" part="error" role="alert">
            ${this.t('action.failed', {
              reason: failed.detail ?? this.t(errorKey(failed), { status: failed.status ?? '' }),
            })}
          </p>`
          : nothing
      }`;
  }
}
