import { html, nothing, type PropertyValues } from 'lit';
import { isAbortError } from '../../api/errors.js';
import { inboxFor, type Conversation } from '../../api/inbox.js';
import { DEFAULT_POLL_INTERVAL } from '../../api/watchers.js';
import { announce } from '../../shared/announcer.js';
import { baseStyles } from '../../shared/base.styles.js';
import { ElementTask, TaskStatus } from '../../shared/element-task.js';
import { RecruboElement } from '../../shared/recrubo-element.js';
import { RecruboConversationElement } from '../recrubo-conversation/recrubo-conversation.component.js';
import { RecruboFlowRunStatusElement } from '../recrubo-flow-run-status/recrubo-flow-run-status.component.js';
import { InboxCandidate } from './candidate-panel.js';
import { InboxHeader } from './conversation-header.js';
import { InboxList } from './inbox-list.js';
import { ListModel, TABS, type Tab } from './list-model.js';
import { inboxButtonStyles, inboxStyles } from './recrubo-inbox.styles.js';
import { InboxSearch } from './search.js';
import { mapSettings } from './settings.js';
import { inboxStrings, type InboxKey } from './strings.js';

type Pane = 'list' | 'conversation' | 'details';

/** At most this many px of its own width: one pane at a time (the styles' container query says the same). */
const NARROW = 600;

/**
 * Every candidate's conversation in one inbox, natively: the conversation list (newest activity first, tabs for
 * open, closed and unread, paged and windowed), search by phone number or by name, the open conversation with its
 * reply box, chatbot switch and templates, and the candidate's details with their runs. Below about 600 px of its
 * own width one pane shows at a time. Replaces Recrubo's Inbox iframe: `settings` takes its settings object as is.
 *
 * @summary A recruiter's inbox: conversations, unread counts, search by number, candidate details.
 * @tag recrubo-inbox
 *
 * @attr {string} conversation-id - The conversation to open (also `setConversation(id)`).
 * @attr {boolean} candidate-details - Show the candidate's details and runs beside the conversation.
 * @attr {boolean} candidate-details-edit - Let the recruiter edit the candidate's details.
 * @attr {boolean} open-external - A button that fires `recrubo-candidate-open` for the host's own candidate page.
 * @attr {boolean} pause-control - The chatbot pause switch in the conversation.
 * @attr {boolean} hide-list - No conversation list (one conversation, chosen by `conversation-id`).
 * @attr {boolean} hide-search - No search box.
 * @attr {boolean} hide-filter - No open / closed / unread tabs.
 * @attr {boolean} hide-composer - No reply box.
 * @attr {boolean} hide-templates - No "Send a template".
 * @attr {string} sender-name - The `sendBy` of the recruiter's messages.
 * @attr {number} poll-interval - Polling interval in ms (default 5000).
 * @attr {string} base-url - API root including `/public/v2` (see the shared configuration).
 * @attr {string} api-key - Sandbox / local development only.
 * @attr {string} lang - UI language, `en` or `nl`.
 *
 * @fires {CustomEvent<{ conversationId: string, messageThreadId: string, candidateId: string | null }>} recrubo-conversation-select - A conversation was opened.
 * @fires {CustomEvent<{ candidateId: string, messageThreadId: string }>} recrubo-candidate-open - "Open candidate page" (with `open-external`).
 * @fires {CustomEvent<{ message: object }>} recrubo-message-sent - From the conversation: a message was sent.
 * @fires {CustomEvent<{ messageThreadId: string, paused: boolean }>} recrubo-chatbot-paused-change - From the conversation.
 * @fires {CustomEvent<{ error: RecruboApiError }>} recrubo-error - Loading or an action failed for good.
 *
 * @csspart inbox - The whole element's box.
 * @csspart list-pane - The pane with the search, tabs and list.
 * @csspart search - The search box.
 * @csspart tabs - The open / closed / unread tabs.
 * @csspart list - The listbox of conversations (its rows are inside `<recrubo-inbox-list>`).
 * @csspart conversation-pane - The open conversation with its header.
 * @csspart header - The conversation's header (name, number, actions).
 * @csspart back - The back button of the narrow layout.
 * @csspart close - Close / Reopen.
 * @csspart details-pane - The candidate's details.
 * @csspart error - An error message.
 *
 * @cssprop --recrubo-inbox-height - Height of the inbox (default 36rem).
 * @cssprop --recrubo-color-primary - Unread badges, the selected row, focus.
 * @cssprop --recrubo-color-surface - Background.
 * @cssprop --recrubo-color-surface-alt - Hovered rows, the empty pane.
 * @cssprop --recrubo-color-border - Pane borders.
 * @cssprop --recrubo-color-text - Text colour.
 * @cssprop --recrubo-color-muted - Times and numbers.
 * @cssprop --recrubo-radius - Corner radius.
 * @cssprop --recrubo-spacing - Base spacing.
 */
export class RecruboInboxElement extends RecruboElement<InboxKey> {
  static override styles = [baseStyles, inboxStyles, inboxButtonStyles];
  static override strings = inboxStrings;
  static override dependencies = {
    'recrubo-conversation': RecruboConversationElement,
    'recrubo-flow-run-status': RecruboFlowRunStatusElement,
    'recrubo-inbox-list': InboxList,
    'recrubo-inbox-candidate': InboxCandidate,
    'recrubo-inbox-header': InboxHeader,
  };

  static override properties = {
    conversationId: { attribute: 'conversation-id' },
    candidateDetails: { attribute: 'candidate-details', type: Boolean },
    candidateDetailsEdit: { attribute: 'candidate-details-edit', type: Boolean },
    openExternal: { attribute: 'open-external', type: Boolean },
    pauseControl: { attribute: 'pause-control', type: Boolean },
    hideList: { attribute: 'hide-list', type: Boolean },
    hideSearch: { attribute: 'hide-search', type: Boolean },
    hideFilter: { attribute: 'hide-filter', type: Boolean },
    hideComposer: { attribute: 'hide-composer', type: Boolean },
    hideTemplates: { attribute: 'hide-templates', type: Boolean },
    senderName: { attribute: 'sender-name' },
    pollInterval: { attribute: 'poll-interval', type: Number },
    settings: { attribute: false },
    pane: { state: true },
    narrow: { state: true },
    hiddenTabs: { state: true },
  };

  /** The conversation to open (also `setConversation(id)`, Recrubo's action name). */
  declare conversationId: string | undefined;
  /** Show the candidate's details and runs (Recrubo's `showCandidateDetails`). */
  declare candidateDetails: boolean;
  /** Let the recruiter edit the candidate (Recrubo's `showCandidateDetailsEdit`). */
  declare candidateDetailsEdit: boolean;
  /** A button that fires `recrubo-candidate-open` (Recrubo's `showCandidateOpenExternal`). */
  declare openExternal: boolean;
  /** The chatbot pause switch (Recrubo's `showPauseChatbot`). */
  declare pauseControl: boolean;
  /** No conversation list (Recrubo's `showTabPanel: false`). */
  declare hideList: boolean;
  /** No search box (Recrubo's `showConversationSearch: false`). */
  declare hideSearch: boolean;
  /** No tabs (Recrubo's `showConversationFilter: false`). */
  declare hideFilter: boolean;
  /** No reply box (Recrubo's `showSendMessage: false`). */
  declare hideComposer: boolean;
  /** No "Send a template" (Recrubo's `showAddTemplateButton: false`). */
  declare hideTemplates: boolean;
  /** The `sendBy` of the recruiter's messages. */
  declare senderName: string | undefined;
  /** Polling interval in ms (default 5000). */
  declare pollInterval: number | undefined;
  /** Recrubo's Inbox settings object, as documented (`showCandidateDetails`, …); unknown keys: one warning each. */
  declare settings: Record<string, unknown> | undefined;
  declare private pane: Pane;
  declare private narrow: boolean;
  declare private hiddenTabs: string[];

  private readonly warned = new Set<string>();
  private resize?: ResizeObserver;
  private started = false;
  /** The search note last announced, and the failure last reported (each once). */
  private lastNote?: string;
  private reported?: unknown;
  private readonly list = new ListModel(this, {
    api: () => (this.hideList ? undefined : this.api),
    interval: () => (this.pollInterval && this.pollInterval > 0 ? this.pollInterval : DEFAULT_POLL_INTERVAL),
    signal: () => this.signal,
    arrived: (c) => this.arrived(c),
  });
  private readonly search = new InboxSearch(
    this,
    () => (this.hideList || this.hideSearch ? undefined : this.api),
    this.list,
  );
  /** The open conversation as last known (from its row, the conversation-id load, or a PATCH). */
  private opened?: Conversation;
  /** The `updatedAt` at which the open conversation was marked read (a new inbound message moves it). */
  private readAt?: string;

  /** Loads a conversation given by id that is not among the rows. */
  private readonly byId = new ElementTask(this, {
    args: () => [this.api, this.conversationId] as const,
    task: async ([api, id], { signal }) => {
      if (!id) return undefined;
      const known = this.list.rows.find((r) => r.id === id);
      const c = known ?? (await inboxFor(api).conversation(id, { signal }));
      if (c.candidateId && !this.list.candidates.has(c.candidateId)) await this.list.fillNames([c]);
      this.show(c);
      return c;
    },
  });

  private readonly markRead = new ElementTask(this, {
    autoRun: false,
    args: () => [this.opened] as const,
    task: async ([c], { signal }) => {
      if (!c) return;
      this.readAt = c.updatedAt;
      await inboxFor(this.api).updateConversation(c.id, { unreadMessages: false, unreadMessagesCount: 0 }, { signal });
    },
  });

  constructor() {
    super();
    this.conversationId = undefined;
    this.candidateDetails = false;
    this.candidateDetailsEdit = false;
    this.openExternal = false;
    this.pauseControl = false;
    this.hideList = false;
    this.hideSearch = false;
    this.hideFilter = false;
    this.hideComposer = false;
    this.hideTemplates = false;
    this.senderName = undefined;
    this.pollInterval = undefined;
    this.settings = undefined;
    this.pane = 'list';
    this.narrow = false;
    this.hiddenTabs = [];
  }

  /** Opens a conversation by id (Recrubo's `setConversation` action). */
  setConversation(conversationId: string | null): void {
    this.conversationId = conversationId ?? undefined;
    if (!conversationId) this.back('list');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeyDown);
    // The layout follows the element's own width by a container query; this mirrors it for keyboard and focus.
    this.resize ??= new ResizeObserver(([entry]) => {
      const narrow = !!entry && entry.contentRect.width <= NARROW;
      if (narrow !== this.narrow) this.narrow = narrow;
    });
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeyDown);
    this.resize?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('settings')) this.applySettings();
    if (!this.hideList && !this.list.loading && this.list.rows.length === 0 && !this.list.error && !this.started) {
      this.started = true;
      this.list.setTab(this.firstTab);
    }
  }

  private get firstTab(): Tab {
    return TABS.find((t) => !this.hiddenTabs.includes(t)) ?? 'open';
  }

  private applySettings() {
    const { hiddenTabs, primaryColor, ...props } = mapSettings(this.settings, this.warned);
    Object.assign(this, props);
    this.hiddenTabs = hiddenTabs ?? [];
    if (primaryColor) this.style.setProperty('--recrubo-color-primary', primaryColor);
  }

  // ── opening, reading, closing ─────────────────────────────────────────────────────────────────────────────

  private openRow(id: string) {
    const c = this.list.rows.find((r) => r.id === id) ?? this.search.lookup.value?.find((r) => r.id === id);
    if (!c) return;
    if (this.conversationId === id) this.show(c);
    else this.conversationId = id; // byId shows it from the row, without a request
  }

  private show(c: Conversation) {
    const first = this.opened?.id !== c.id;
    this.opened = c;
    if (first) {
      this.readAt = undefined;
      this.emit('recrubo-conversation-select', {
        conversationId: c.id,
        messageThreadId: c.messageThreadId,
        candidateId: c.candidateId,
      });
    }
    this.pane = 'conversation';
    if (c.unreadMessages && this.readAt === undefined) void this.markRead.run([c]);
    this.requestUpdate();
    if (first && this.narrow) void this.updateComplete.then(() => this.header?.focus());
  }

  private arrived(c: Conversation) {
    if (c.id === this.opened?.id) {
      // The open conversation: a new message is read where it is shown (the conversation announces it itself).
      if (c.updatedAt !== this.readAt && this.pane !== 'list') void this.markRead.run([c]);
      return;
    }
    announce(this.t('announce.new', { name: this.list.nameOf(c) }));
  }

  /** A PATCH of the status answered: the row leaves a tab it no longer belongs to. */
  private statusChanged(c: Conversation) {
    this.opened = c;
    if (this.list.tab !== 'unread' || c.status === 'closed') this.list.remove(c.id);
    this.requestUpdate();
  }

  private back(to?: Pane) {
    const from = this.pane;
    const next: Pane = to ?? (from === 'details' ? 'conversation' : 'list');
    this.pane = next;
    void this.updateComplete.then(() => {
      if (next === 'list') this.renderRoot.querySelector<InboxList>('recrubo-inbox-list')?.focus();
      else if (from === 'details') this.header?.focusDetails();
      else this.header?.focus();
    });
  }

  /** "Candidate details" (narrow layout): the details pane, with the focus on its heading. */
  private showDetails() {
    this.pane = 'details';
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<InboxCandidate>('recrubo-inbox-candidate')?.focus(),
    );
  }

  private get header(): InboxHeader | null {
    return this.renderRoot?.querySelector?.<InboxHeader>('recrubo-inbox-header') ?? null;
  }

  private onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || this.pane === 'list' || !this.narrow) return;
    event.preventDefault();
    this.back();
  };

  // ── rows ──────────────────────────────────────────────────────────────────────────────────────────────────

  private onSearch = (event: Event) => {
    this.search.set((event.target as HTMLInputElement).value);
  };

  private onTabKey = (event: KeyboardEvent) => {
    const tabs = TABS.filter((t) => !this.hiddenTabs.includes(t));
    const i = tabs.indexOf(this.list.tab);
    const next =
      event.key === 'ArrowRight'
        ? tabs[(i + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(i - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    this.list.setTab(next);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus());
  };

  // ── render ────────────────────────────────────────────────────────────────────────────────────────────────

  protected override updated(): void {
    const { note } = this.search.shown(this.list, (k, p) => this.t(k, p));
    if (note && note !== this.lastNote) announce(note);
    this.lastNote = note;
    for (const task of [this.markRead, this.byId])
      if (task.status === TaskStatus.ERROR && !isAbortError(task.error) && this.reported !== task.error) {
        this.reported = task.error;
        this.reportError(task.error);
      }
  }

  override render() {
    const wide = this.candidateDetails ? 'with-details' : '';
    return html`<div
      class="inbox ${wide} ${this.hideList ? 'no-list' : ''}"
      part="inbox"
      data-pane=${this.hideList && this.pane === 'list' ? 'conversation' : this.pane}
    >
      ${this.hideList ? nothing : this.renderListPane()} ${this.renderConversationPane()}
      ${this.candidateDetails && this.opened ? this.renderDetailsPane(this.opened) : nothing}
    </div>`;
  }

  private renderListPane() {
    const { rows, note } = this.search.shown(this.list, (k, p) => this.t(k, p));
    const tabs = TABS.filter((t) => !this.hiddenTabs.includes(t));
    const error = this.list.error;
    return html`<section class="pane list-pane" part="list-pane" aria-label=${this.t('list.label')}>
      ${
        this.hideSearch
          ? nothing
          : html`<div class="search" part="search">
            <input
              type="search"
              aria-label=${this.t('search.label')}
              placeholder=${this.t('search.placeholder')}
              .value=${this.search.text}
              @input=${this.onSearch}
            />
          </div>`
      }
      ${
        this.hideFilter || this.search.number
          ? nothing
          : html`<div class="tabs" part="tabs" role="tablist" aria-label=${this.t('tabs.label')} @keydown=${this.onTabKey}>
            ${tabs.map(
              (t) =>
                html`<button
                  type="button"
                  role="tab"
                  data-tab=${t}
                  aria-selected=${this.list.tab === t ? 'true' : 'false'}
                  tabindex=${this.list.tab === t ? '0' : '-1'}
                  @click=${() => this.list.setTab(t)}
                >
                  ${this.t(`tab.${t}`)}
                </button>`,
            )}
          </div>`
      }
      ${note ? html`<p class="note" part="search-note">${note}</p>` : nothing}
      ${
        error && rows.length === 0
          ? html`<div class="note error" part="error" role="alert">
            <p>${this.t('list.loadFailed')} ${this.errorMessage(error)}</p>
            <button type="button" @click=${() => void this.list.reload()}>${this.t('common.retry')}</button>
          </div>`
          : this.list.loading
            ? html`<p class="note" aria-busy="true">${this.t('list.loading')}</p>`
            : rows.length === 0 && !note
              ? html`<p class="note">${this.t('list.empty')}</p>`
              : nothing
      }
      <recrubo-inbox-list
        exportparts="list,row,row-name,row-time,row-secondary,unread,more"
        .rows=${rows.map((c) => this.list.rowOf(c, this.config.lang, (k, p) => this.t(k, p)))}
        .selectedId=${this.opened?.id}
        .label=${this.t('list.label')}
        .moreLabel=${this.t('list.more')}
        .loadingMore=${this.list.loadingMore}
        .setSize=${this.search.text ? rows.length : this.list.total}
        @inbox-open=${(e: CustomEvent<{ id: string }>) => this.openRow(e.detail.id)}
        @inbox-more=${() => (this.search.text ? undefined : void this.list.loadMore())}
      ></recrubo-inbox-list>
    </section>`;
  }

  private get badgeConfig() {
    const c = this.config;
    return { baseUrl: c.baseUrl, apiKey: c.apiKey, tokenProvider: c.tokenProvider, fetch: c.fetch };
  }

  private renderConversationPane() {
    const c = this.opened;
    const loadError = this.byId.status === TaskStatus.ERROR ? this.byId.error : undefined;
    const cfg = this.config;
    if (!c)
      return html`<section class="pane conversation-pane empty" part="conversation-pane">
        ${
          loadError
            ? html`<p class="note error" part="error" role="alert">${this.errorMessage(loadError as never)}</p>`
            : html`<p class="note">${this.t('pick')}</p>`
        }
      </section>`;
    return html`<section class="pane conversation-pane" part="conversation-pane" aria-label=${this.list.nameOf(c)}>
      <recrubo-inbox-header
        exportparts="header,back,close,error"
        lang=${cfg.lang}
        ?narrow=${this.narrow}
        .api=${this.api}
        .conversation=${c}
        .name=${this.list.nameOf(c)}
        .number=${this.list.numberOf(c)}
        .canGoBack=${!this.hideList}
        .detailsButton=${this.candidateDetails}
        @inbox-back=${() => this.back('list')}
        @inbox-details=${() => this.showDetails()}
        @inbox-status=${(e: CustomEvent<{ conversation: Conversation }>) => this.statusChanged(e.detail.conversation)}
      ></recrubo-inbox-header>
      <recrubo-conversation
        message-thread-id=${c.messageThreadId}
        lang=${cfg.lang}
        ?composer=${!this.hideComposer}
        ?pause-control=${this.pauseControl}
        ?templates=${!this.hideTemplates}
        candidate-name=${(c.candidateId && this.list.candidates.get(c.candidateId)?.firstName) || nothing}
        sender-name=${this.senderName ?? nothing}
        .pollInterval=${this.pollInterval}
        .baseUrl=${cfg.baseUrl}
        .apiKey=${cfg.apiKey}
        .tokenProvider=${cfg.tokenProvider}
        .fetch=${cfg.fetch}
        .eventsUrl=${cfg.eventsUrl}
      ></recrubo-conversation>
    </section>`;
  }

  private renderDetailsPane(c: Conversation) {
    return html`<aside class="pane details-pane" part="details-pane" aria-label=${this.t('details')}>
      <button type="button" class="back" aria-label=${this.t('backToConversation')} @click=${() => this.back('conversation')}>
        ←
      </button>
      <recrubo-inbox-candidate
        exportparts="details,run,edit,edit-form,save,open-external"
        lang=${this.config.lang}
        .api=${this.api}
        .candidateId=${c.candidateId ?? undefined}
        .messageThreadId=${c.messageThreadId}
        .editable=${this.candidateDetailsEdit}
        .openExternal=${this.openExternal}
        .badgeConfig=${this.badgeConfig}
      ></recrubo-inbox-candidate>
    </aside>`;
  }
}
