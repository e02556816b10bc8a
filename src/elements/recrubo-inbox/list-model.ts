// The conversation list's data: the pages of the current tab (newest activity first), the candidates of their
// rows (one batched request per page), and live changes. A poll reads the first page again and merges it: a
// conversation whose candidate wrote comes to the top with its new count, every other row keeps its order.
// A controller of the inbox element: it re-renders the host and stops polling when the host leaves the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError, type RecruboApiError } from '../../api/errors.js';
import type { Api } from '../../api/index.js';
import { inboxFor, type Candidate, type Conversation, type ConversationQuery } from '../../api/inbox.js';
import { onTick, onWake } from '../../api/ticker.js';
import { toApiError } from '../../api/watchers.js';
import { formatIdentifier } from './phone.js';

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
  total = 0;
  loading = false;
  loadingMore = false;
  error?: RecruboApiError;
  readonly candidates = new Map<string, Candidate>();
  /** Thread id → identifier, for rows whose candidate is unknown. */
  readonly numbers = new Map<string, string>();
  private pages = 0;
  private generation = 0;
  private stopTick?: () => void;
  private stopWake?: () => void;
  private stopChanges?: () => void;
  private period = 0;
  private polling = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly o: ListOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.schedule();
    this.stopWake = onWake(() => void this.poll());
  }

  hostDisconnected(): void {
    this.stopTick?.();
    this.stopWake?.();
    this.stopChanges?.();
    this.stopTick = this.stopWake = this.stopChanges = undefined;
    this.period = 0;
  }

  /** Called by the host on every update: follows a changed interval and api. */
  hostUpdate(): void {
    this.schedule();
  }

  private schedule() {
    const period = this.o.interval();
    if (period !== this.period) {
      this.stopTick?.();
      this.period = period;
      this.stopTick = onTick(period, () => void this.poll());
    }
    const api = this.o.api();
    if (api && !this.stopChanges)
      this.stopChanges = inboxFor(api).onChange((type, resource) => {
        if (type === 'conversations') this.replace(resource as Conversation);
        else this.candidates.set(resource.id, resource as Candidate);
        this.host.requestUpdate();
      });
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

  get hasMore(): boolean {
    return this.rows.length < this.total;
  }

  setTab(tab: Tab): void {
    if (tab === this.tab && (this.pages > 0 || this.loading)) return;
    this.tab = tab;
    void this.reload();
  }

  /** The first page of the tab again, from scratch. */
  async reload(): Promise<void> {
    const api = this.o.api();
    if (!api) return;
    const gen = ++this.generation;
    this.loading = true;
    this.error = undefined;
    this.rows = [];
    this.total = 0;
    this.pages = 0;
    this.host.requestUpdate();
    try {
      const page = await inboxFor(api).conversations({ ...queryOf(this.tab), page: 1 }, { signal: this.o.signal() });
      if (gen !== this.generation) return;
      this.rows = page.items;
      this.total = page.meta.total ?? page.items.length;
      this.pages = 1;
      await this.fillNames(page.items);
    } catch (err) {
      if (isAbortError(err) || gen !== this.generation) return;
      this.error = toApiError(err);
    } finally {
      if (gen === this.generation) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
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
      this.total = page.meta.total ?? this.total;
      this.pages++;
      await this.fillNames(added);
    } catch (err) {
      if (!isAbortError(err) && gen === this.generation) this.error = toApiError(err);
    } finally {
      if (gen === this.generation) this.loadingMore = false;
      this.host.requestUpdate();
    }
  }

  /** Reads the first page again and merges it (see the file's head). */
  async poll(): Promise<void> {
    const api = this.o.api();
    if (!api || this.polling || this.loading || this.pages === 0) return;
    const gen = this.generation;
    this.polling = true;
    try {
      const page = await inboxFor(api).conversations({ ...queryOf(this.tab), page: 1 }, { signal: this.o.signal() });
      if (gen !== this.generation) return;
      const before = new Map(this.rows.map((r) => [r.id, r]));
      const fresh = new Set(page.items.map((c) => c.id));
      let changed = page.items.length !== 0 && page.items.some((c, i) => this.rows[i]?.id !== c.id);
      for (const c of page.items) {
        const old = before.get(c.id);
        if (!old || old.updatedAt !== c.updatedAt || old.unreadMessagesCount !== c.unreadMessagesCount) changed = true;
        if (old ? c.unreadMessagesCount > old.unreadMessagesCount : c.unreadMessages) this.o.arrived(c);
      }
      this.total = page.meta.total ?? this.total;
      if (!changed) return;
      this.rows = [...page.items, ...this.rows.filter((r) => !fresh.has(r.id))];
      this.error = undefined;
      await this.fillNames(page.items);
      this.host.requestUpdate();
    } catch {
      // A failed poll changes nothing shown; the next tick tries again.
    } finally {
      this.polling = false;
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
