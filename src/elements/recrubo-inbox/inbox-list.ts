// `<recrubo-inbox-list>` (internal, rendered by the inbox): the conversation rows as one listbox, windowed (only the
// rows near the view are in the DOM), one tab stop with the active row as `aria-activedescendant`. Rows in, events
// out: `inbox-open` { id } (Enter, click), `inbox-more` (the view is near the last loaded row).
// When rows move (a candidate wrote, their row comes to the top) the rows the recruiter is looking at stay where
// they are on screen: the first visible row is the anchor, the scroll position follows it.
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { baseStyles } from '../../shared/base.styles.js';

export interface ListRow {
  id: string;
  name: string;
  /** The second line: the number, "Closed", … */
  secondary: string;
  time: string;
  timeTitle: string;
  dateTime: string;
  unread: number;
  /** "3 unread messages" in the UI language ('' when none). */
  unreadLabel: string;
}

/** Height of one row in px (fixed: the window is computed from it). */
export const ROW_HEIGHT = 64;
/** Rows rendered above and below the visible ones. */
const OVERSCAN = 6;
/** Ask for more when the view is this many rows from the last loaded one. */
const MORE_AHEAD = 10;
const TYPE_AHEAD_MS = 1000;

export class InboxList extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        height: 100%;
      }
      .viewport {
        position: relative;
        flex: 1;
        min-height: 0;
        overflow-y: auto;
        overscroll-behavior: contain;
        outline: none;
        background: var(--_surface);
      }
      .viewport:focus-visible {
        box-shadow: inset var(--_focus);
      }
      .spacer {
        position: relative;
      }
      .row {
        position: absolute;
        inset-inline: 0;
        box-sizing: border-box;
        height: ${ROW_HEIGHT}px;
        display: grid;
        grid-template-columns: 1fr auto;
        grid-template-rows: auto auto;
        align-content: center;
        gap: 2px calc(var(--_space) * 1);
        padding: 0 calc(var(--_space) * 1.5);
        border-bottom: 1px solid color-mix(in srgb, var(--_border) 55%, transparent);
        cursor: pointer;
        color: var(--_text);
      }
      .row:hover {
        background: var(--_surface-alt);
      }
      .row[aria-selected='true'] {
        background: color-mix(in srgb, var(--_primary) 12%, var(--_surface));
        box-shadow: inset 3px 0 0 var(--_primary);
      }
      .row.active {
        outline: 2px solid var(--_primary);
        outline-offset: -2px;
      }
      .name {
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
        font-weight: 500;
      }
      .row.unread .name {
        font-weight: 700;
      }
      .time,
      .secondary {
        color: var(--_muted);
        font-size: 0.85em;
        white-space: nowrap;
      }
      .secondary {
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .badge {
        justify-self: end;
        min-width: 1.4em;
        padding: 0 0.4em;
        border-radius: 999px;
        background: var(--_primary);
        color: var(--_on-primary);
        font-size: 0.8em;
        font-weight: 700;
        text-align: center;
        line-height: 1.4em;
      }
      .more {
        padding: var(--_space);
        color: var(--_muted);
        text-align: center;
        font-size: 0.9em;
      }
      @media (forced-colors: active) {
        .row[aria-selected='true'],
        .row.active {
          outline: 2px solid Highlight;
        }
        .badge {
          border: 1px solid CanvasText;
        }
      }
    `,
  ];

  static override properties = {
    rows: { attribute: false },
    selectedId: { attribute: false },
    label: { attribute: false },
    moreLabel: { attribute: false },
    loadingMore: { attribute: false },
    setSize: { attribute: false },
    activeId: { state: true },
    scrolled: { state: true },
    viewHeight: { state: true },
  };

  /** The rows in order (newest activity first). */
  declare rows: readonly ListRow[];
  /** The open conversation. */
  declare selectedId: string | undefined;
  /** The listbox's accessible name. */
  declare label: string;
  /** Shown under the last row while the next page loads. */
  declare moreLabel: string;
  declare loadingMore: boolean;
  /** How many rows there are in all (more than are loaded); -1 when not known yet. */
  declare setSize: number;
  declare private activeId: string | undefined;
  declare private scrolled: number;
  declare private viewHeight: number;

  private anchor?: { id: string; offset: number };
  private typed = '';
  private typedAt = 0;
  private askedMoreAt = -1;

  constructor() {
    super();
    this.rows = [];
    this.selectedId = undefined;
    this.label = '';
    this.moreLabel = '';
    this.loadingMore = false;
    this.setSize = -1;
    this.activeId = undefined;
    this.scrolled = 0;
    this.viewHeight = 600;
  }

  private get viewport(): HTMLElement | null {
    return this.renderRoot?.querySelector?.<HTMLElement>('.viewport') ?? null;
  }

  /** Puts the keyboard focus on the list (its one tab stop). */
  override focus(options?: FocusOptions): void {
    this.viewport?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const old = changed.get('rows') as readonly ListRow[] | undefined;
    const vp = this.viewport;
    if (old && vp && vp.scrollTop > 0) {
      const first = Math.floor(vp.scrollTop / ROW_HEIGHT);
      const row = old[first];
      if (row) this.anchor = { id: row.id, offset: vp.scrollTop - first * ROW_HEIGHT };
    }
    if (changed.has('rows') && this.activeId && !this.rows.some((r) => r.id === this.activeId))
      this.activeId = undefined;
  }

  protected override updated(): void {
    const vp = this.viewport;
    if (!vp) return;
    if (this.anchor) {
      const i = this.rows.findIndex((r) => r.id === this.anchor!.id);
      if (i >= 0) {
        const top = i * ROW_HEIGHT + this.anchor.offset;
        if (Math.abs(vp.scrollTop - top) >= 1) vp.scrollTop = top;
        this.scrolled = vp.scrollTop;
      }
      this.anchor = undefined;
    }
    if (vp.clientHeight && vp.clientHeight !== this.viewHeight) this.viewHeight = vp.clientHeight;
    const last = Math.ceil((this.scrolled + this.viewHeight) / ROW_HEIGHT);
    if (this.rows.length && last >= this.rows.length - MORE_AHEAD && this.askedMoreAt !== this.rows.length) {
      this.askedMoreAt = this.rows.length;
      this.dispatchEvent(new CustomEvent('inbox-more'));
    }
  }

  private onScroll = () => {
    const vp = this.viewport;
    if (!vp) return;
    this.scrolled = vp.scrollTop;
    if (vp.clientHeight) this.viewHeight = vp.clientHeight;
  };

  private open(id: string) {
    this.activeId = id;
    this.dispatchEvent(new CustomEvent('inbox-open', { detail: { id } }));
  }

  /** Makes row `i` the active one and scrolls it into view (so it is rendered). */
  private activate(i: number) {
    const row = this.rows[Math.max(0, Math.min(this.rows.length - 1, i))];
    if (!row) return;
    this.activeId = row.id;
    const vp = this.viewport;
    if (!vp) return;
    const index = this.rows.indexOf(row);
    const top = index * ROW_HEIGHT;
    if (top < vp.scrollTop) vp.scrollTop = top;
    else if (top + ROW_HEIGHT > vp.scrollTop + vp.clientHeight) vp.scrollTop = top + ROW_HEIGHT - vp.clientHeight;
    this.scrolled = vp.scrollTop;
  }

  /** Focus with no active row: the selected row (else the first) becomes active, so Enter opens it at once. */
  private onFocus = () => {
    if (this.activeId === undefined && this.rows.length) this.activate(Math.max(0, this.activeIndex));
  };

  private get activeIndex(): number {
    const id = this.activeId ?? this.selectedId;
    return id ? this.rows.findIndex((r) => r.id === id) : -1;
  }

  private onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const i = this.activeIndex;
    const page = Math.max(1, Math.floor(this.viewHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: i < 0 ? 0 : i + 1,
      ArrowUp: i < 0 ? 0 : i - 1,
      Home: 0,
      End: this.rows.length - 1,
      PageDown: Math.max(0, i) + page,
      PageUp: Math.max(0, i) - page,
    };
    if (event.key in moves) {
      event.preventDefault();
      this.activate(moves[event.key]!);
      return;
    }
    // Space continues a type-ahead ("daan j"); otherwise it opens, like Enter.
    const typing = event.key === ' ' && Date.now() - this.typedAt <= TYPE_AHEAD_MS;
    if (event.key === 'Enter' || (event.key === ' ' && !typing)) {
      const row = this.rows[i];
      if (!row) return;
      event.preventDefault();
      this.open(row.id);
      return;
    }
    if (event.key.length === 1 && (event.key.trim() || typing)) {
      // Type-ahead: the next row whose name starts with what was typed (within a moment).
      const now = Date.now();
      this.typed = now - this.typedAt > TYPE_AHEAD_MS ? event.key : this.typed + event.key;
      this.typedAt = now;
      const text = this.typed.toLocaleLowerCase();
      const n = this.rows.length;
      const from = this.typed.length === 1 ? i + 1 : Math.max(0, i);
      for (let k = 0; k < n; k++) {
        const j = (from + k) % n;
        if (this.rows[j]!.name.toLocaleLowerCase().startsWith(text)) {
          event.preventDefault();
          this.activate(j);
          return;
        }
      }
    }
  };

  override render() {
    const n = this.rows.length;
    const start = Math.max(0, Math.floor(this.scrolled / ROW_HEIGHT) - OVERSCAN);
    const end = Math.min(n, Math.ceil((this.scrolled + this.viewHeight) / ROW_HEIGHT) + OVERSCAN);
    const shown = this.rows.slice(start, end).map((row, k) => ({ row, index: start + k }));
    // The active row must be in the DOM for aria-activedescendant: kept even when scrolled away.
    const ai = this.activeIndex;
    if (ai >= 0 && (ai < start || ai >= end)) shown.push({ row: this.rows[ai]!, index: ai });
    const active = ai >= 0 ? this.rows[ai] : undefined;
    return html`<div
      class="viewport"
      part="list"
      role="listbox"
      tabindex="0"
      aria-label=${this.label}
      aria-activedescendant=${active ? `row-${active.id}` : nothing}
      @keydown=${this.onKeyDown}
      @focus=${this.onFocus}
      @scroll=${this.onScroll}
    >
      <div class="spacer" role="none" style="height:${n * ROW_HEIGHT}px">
        ${repeat(
          shown,
          ({ row }) => row.id,
          ({ row, index }) => html`<div
            id=${`row-${row.id}`}
            class="row ${row.unread ? 'unread' : ''} ${active?.id === row.id ? 'active' : ''}"
            part="row"
            role="option"
            aria-selected=${row.id === this.selectedId ? 'true' : 'false'}
            aria-setsize=${this.setSize >= 0 ? Math.max(this.setSize, n) : -1}
            aria-posinset=${index + 1}
            data-id=${row.id}
            style="top:${index * ROW_HEIGHT}px"
            @click=${() => this.open(row.id)}
          >
            <span class="name" part="row-name"><bdi>${row.name}</bdi></span>
            <time class="time" part="row-time" datetime=${row.dateTime} title=${row.timeTitle}>${row.time}</time>
            <span class="secondary" part="row-secondary">${row.secondary}</span>
            ${
              row.unread
                ? html`<span class="badge" part="unread"><span aria-hidden="true">${row.unread}</span
                  ><span class="visually-hidden">${row.unreadLabel}</span></span>`
                : html`<span></span>`
            }
          </div>`,
        )}
      </div>
    </div>
    ${this.loadingMore ? html`<div class="more" part="more">${this.moreLabel}</div>` : nothing}`;
  }
}
