// The conversation list's data: the pages of the current tab (newest activity first), the candidates of their
// rows (one batched request per page), and live changes. The first page is a list of the store (lists.ts): polled
// at the store's pace, paused with a hidden tab, refreshed by push for the rows it holds, and joined by a PATCH's
// answer. Each new first page is merged into the rows: a conversation whose candidate wrote comes to the top with
// its new count, every other row keeps its order. Later pages are read once, as the recruiter scrolls.
// A controller of the inbox element: it re-renders the host and lets go of the list when the host leaves the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError, type RecruboApiError } from '../../api/errors.js';
import type { Api } from '../../api/index.js';
import {
  CONVERSATION_PAGE_SIZE,
  conversationsQuery,
  inboxFor,
  type Candidate,
  type Conversation,
  type ConversationQuery,
} from '../../api/inbox.js';
import { refreshList, watchList, type ListSnapshot } from '../../api/lists.js';
import { toApiError } from '../../api/watchers.js';
import { formatDate, formatDateTime, formatTime, plural } from '../../shared/format.js';
import type { Params } from '../../shared/i18n.js';
import type { ListRow } from './inbox-list.js';
import { formatIdentifier } from './phone.js';
import type { InboxKey } from './strings.js';

export type Tab = 'open' | 'closed' | 'unread';
export const TABS: readonly Tab[] = ['open', 'closed', 'unread'];

export interface ListOptions {
  api: () => Api | undefined;
  interval: () => number;
  signal: () => AbortSignal;
  /** A row's count went up (not on the first load). */
  arrived: (conversation: Conversation) => void;
}

const queryOf = (tab: Tab): ConversationQuery =>
  tab === 'unread' ? { unread: true, status: 'open' } : { status: tab };

export class ListModel implements ReactiveController {
  tab: Tab = 'open';
  rows: Conversation[] = [];
  /** Conversations in the tab, when known (a short page, or a later page's `meta.total`); -1: not known yet. */
  total = -1;
  loading = false;
  loadingMore = false;
  error?: RecruboApiError;
  readonly candidates = new Map<string, Candidate>();
  /** Thread id → identifier, for rows whose candidate is unknown. */
  readonly numbers = new Map<string, string>();
  private pages = 0;
  private lastFull = false;
  private generation = 0;
  private started = false;
  private stopWatch?: () => void;
  private watching?: string;
  private stopChanges?: () => void;
  private changesApi?: Api;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly o: ListOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.stopWatch?.();
    this.stopChanges?.();
    this.stopWatch = this.stopChanges = undefined;
    this.watching = undefined;
    this.changesApi = undefined;
  }

  /** On every update of the host: follows a changed tab, interval or api. */
  hostUpdate(): void {
    this.follow();
  }

  private get firstPage(): ConversationQuery {
    return { ...queryOf(this.tab), page: 1 };
  }

  private follow() {
    const api = this.o.api();
    const interval = this.o.interval();
    const key = api && this.started ? `${this.generation}|${interval}` : undefined;
    if (api !== this.changesApi) {
      this.stopChanges?.();
      this.changesApi = api;
      // A PATCH's answer for a candidate (the edit form): their rows show the new name.
      this.stopChanges =
        api?.store &&
        inboxFor(api).onChange((type, item) => {
          if (type === 'candidates') this.candidates.set(item.id, item as Candidate);
          else this.replace(item as Conversation);
          this.host.requestUpdate();
        });
      this.watching = undefined;
    }
    if (key === this.watching) return;
    this.stopWatch?.();
    this.stopWatch = undefined;
    this.watching = key;
    if (!api || !key) return;
    const gen = this.generation;
    this.stopWatch = watchList<Conversation>(
      api.store,
      'conversations',
      conversationsQuery(this.firstPage),
      (snap) => {
        if (gen === this.generation) void this.received(snap);
      },
      { interval },
    );
  }

  /** The candidate's name, else the number (formatted), else `fallback`. */
  nameOf(c: Conversation, fallback = ''): string {
    const cand = c.candidateId ? this.candidates.get(c.candidateId) : undefined;
    const name = [cand?.firstName, cand?.lastName].filter(Boolean).join(' ').trim();
    return name || this.numberOf(c) || fallback;
  }

  /** The thread's number, formatted ("+31 6 12345678"). */
  numberOf(c: Conversation): string {
    const cand = c.candidateId ? this.candidates.get(c.candidateId) : undefined;
    return formatIdentifier(cand?.phone ?? this.numbers.get(c.messageThreadId));
  }

  /** What the list element shows of a conversation, in `lang`. */
  rowOf(c: Conversation, lang: string, t: (key: InboxKey, params?: Params) => string): ListRow {
    const at = c.updatedAt ? Date.parse(c.updatedAt) : 0;
    const today = at && new Date(at).toDateString() === new Date().toDateString();
    const count = c.unreadMessages ? Math.max(1, c.unreadMessagesCount) : 0;
    const closed = c.status === 'closed' ? t('row.closed') : '';
    return {
      id: c.id,
      name: this.nameOf(c, t('row.noCandidate')),
      secondary: [this.numberOf(c), closed].filter(Boolean).join(' · '),
      time: at ? (today ? formatTime(lang, at) : formatDate(lang, at)) : '',
      timeTitle: at ? formatDateTime(lang, at) : '',
      dateTime: c.updatedAt ?? '',
      unread: count,
      unreadLabel: count ? t(`row.unread.${plural(lang, count) === 'one' ? 'one' : 'other'}`, { count }) : '',
    };
  }

  get hasMore(): boolean {
    return this.total >= 0 ? this.rows.length < this.total : this.lastFull;
  }

  setTab(tab: Tab): void {
    if (tab === this.tab && this.started) return;
    this.tab = tab;
    this.started = true;
    this.generation++;
    this.rows = [];
    this.total = -1;
    this.pages = 0;
    this.lastFull = false;
    this.loading = true;
    this.error = undefined;
    this.host.requestUpdate();
  }

  /** Read the first page now (Try again). */
  reload(): void {
    const api = this.o.api();
    if (!api) return;
    this.error = undefined;
    this.loading = this.pages === 0;
    refreshList(api.store, 'conversations', conversationsQuery(this.firstPage));
    this.host.requestUpdate();
  }

  /** A new first page from the store: the first load, or a poll merged into the rows (see the file's head). */
  private async received(snap: ListSnapshot<Conversation>) {
    if (this.pages === 0) {
      if (snap.error && snap.items.length === 0) {
        this.error = snap.error;
        this.loading = false;
      } else if (!snap.loading || snap.items.length) {
        this.rows = [...snap.items];
        this.pages = 1;
        this.lastFull = snap.items.length >= CONVERSATION_PAGE_SIZE;
        if (!this.lastFull) this.total = snap.items.length;
        this.loading = false;
        this.error = undefined;
        await this.fillNames(snap.items);
      }
      this.host.requestUpdate();
      return;
    }
    const before = new Map(this.rows.map((r) => [r.id, r]));
    const fresh = new Map(snap.items.map((c) => [c.id, c]));
    const top: Conversation[] = [];
    for (const c of snap.items) {
      const old = before.get(c.id);
      const raised = old ? c.unreadMessagesCount > old.unreadMessagesCount : c.unreadMessages;
      if (raised) this.o.arrived(c);
      if (!old && this.total >= 0) this.total++;
      if (raised || !old) top.push(c);
    }
    // A row that left the page (read in the Unread tab) keeps its place until the tab changes or Try again.
    const moved = new Set(top.map((c) => c.id));
    this.rows = [...top, ...this.rows.filter((r) => !moved.has(r.id)).map((r) => fresh.get(r.id) ?? r)];
    await this.fillNames(snap.items.filter((c) => !before.has(c.id)));
    this.host.requestUpdate();
  }

  /** The next page (the list scrolled near its end). Rows already shown are not shown twice. */
  async loadMore(): Promise<void> {
    const api = this.o.api();
    if (!api || this.loading || this.loadingMore || !this.hasMore) return;
    const gen = this.generation;
    this.loadingMore = true;
    this.host.requestUpdate();
    try {
      const page = await inboxFor(api).conversations(
        { ...queryOf(this.tab), page: this.pages + 1 },
        { signal: this.o.signal() },
      );
      if (gen !== this.generation) return;
      const known = new Set(this.rows.map((r) => r.id));
      const added = page.items.filter((c) => !known.has(c.id));
      this.rows = [...this.rows, ...added];
      this.pages++;
      this.lastFull = page.items.length >= CONVERSATION_PAGE_SIZE;
      this.total = page.meta.total ?? (this.lastFull ? -1 : this.rows.length);
      await this.fillNames(added);
    } catch (err) {
      if (!isAbortError(err) && gen === this.generation) this.error = toApiError(err);
    } finally {
      if (gen === this.generation) this.loadingMore = false;
      this.host.requestUpdate();
    }
  }

  /** A conversation as a PATCH answered it: the row changes in place (it does not move). */
  replace(c: Conversation): void {
    const i = this.rows.findIndex((r) => r.id === c.id);
    if (i < 0) return;
    this.rows = this.rows.map((r) => (r.id === c.id ? c : r));
  }

  /** Removes a row (closed from the open tab, reopened from the closed one). */
  remove(id: string): void {
    const before = this.rows.length;
    this.rows = this.rows.filter((r) => r.id !== id);
    if (this.rows.length < before) this.total = Math.max(0, this.total - 1);
    this.host.requestUpdate();
  }

  /** Candidates of rows not known yet: one batched request; threads of rows without one: one more. */
  async fillNames(rows: readonly Conversation[]): Promise<void> {
    const api = this.o.api();
    if (!api || rows.length === 0) return;
    const inbox = inboxFor(api);
    const signal = this.o.signal();
    const ids = [...new Set(rows.map((r) => r.candidateId).filter((id): id is string => !!id))].filter(
      (id) => !this.candidates.has(id),
    );
    try {
      for (const c of await inbox.candidates(ids.slice(0, 100), { signal })) this.candidates.set(c.id, c);
      const nameless = rows
        .filter((r) => !(r.candidateId && this.candidates.has(r.candidateId)) && !this.numbers.has(r.messageThreadId))
        .map((r) => r.messageThreadId);
      if (nameless.length)
        for (const t of await inbox.threads(nameless.slice(0, 100), { signal })) this.numbers.set(t.id, t.identifier);
    } catch {
      // Rows without a name show their number or "No candidate linked"; the next page or poll asks again.
    }
    this.host.requestUpdate();
  }
}
