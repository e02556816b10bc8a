// The two scroll states of a chat list. "At the bottom" (within a small threshold): follow new messages.
// "Reading": keep the message the reader looks at where it is, by anchoring in script to a message id and its
// offset from the top of the scroller, because Safari has no `overflow-anchor` and content-visibility, late
// template texts and new messages above or below would otherwise move the list under the reader.

/** Within this many pixels of the end counts as "at the bottom". */
export const BOTTOM_THRESHOLD = 48;

interface Anchor {
  id: string;
  offset: number;
}

export class ScrollKeeper {
  atBottom = true;
  private anchor?: Anchor;
  private observed?: HTMLElement;
  private content?: Element | null;
  private lastTop = 0;
  private lastHeight = 0;
  private resize?: ResizeObserver;

  /**
   * Keeps the end in view when the scroller's box or its content changes size while at the bottom: parts below the
   * log (the reply box, the template form) render after it and shrink it, a host's pane may settle its height later,
   * and bubbles may take their size after the update that scrolled.
   */
  follow(scroller: HTMLElement, content: Element | null): void {
    if (this.observed === scroller && this.content === content) return;
    this.resize?.disconnect();
    this.observed = scroller;
    this.content = content;
    this.resize = new ResizeObserver(() => {
      if (this.atBottom) this.toEnd(scroller);
      else this.lastHeight = scroller.clientHeight;
    });
    this.resize.observe(scroller);
    if (content) this.resize.observe(content);
  }

  /** Call from the scroller's scroll event (and whenever its size may have changed). */
  measure(scroller: HTMLElement): boolean {
    const gap = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    const up = scroller.scrollTop < this.lastTop - 1 && scroller.clientHeight === this.lastHeight;
    this.lastTop = scroller.scrollTop;
    this.lastHeight = scroller.clientHeight;
    // Only the reader scrolling up leaves the end: the scroll event of our own scroll to the end may come after the
    // content or the box changed size (Firefox, WebKit), and a shrinking box may move scrollTop (WebKit); neither
    // counts as leaving it.
    if (this.atBottom && !up) {
      if (gap > 1) this.toEnd(scroller);
      return true;
    }
    this.atBottom = gap <= BOTTOM_THRESHOLD;
    return this.atBottom;
  }

  private toEnd(scroller: HTMLElement): void {
    scroller.scrollTop = scroller.scrollHeight;
    this.lastTop = scroller.scrollTop;
    this.lastHeight = scroller.clientHeight;
  }

  /** Before the DOM changes: remember the first message that is at least partly in view. */
  capture(scroller: HTMLElement): void {
    this.anchor = undefined;
    if (this.atBottom) return;
    const top = scroller.getBoundingClientRect().top;
    for (const el of scroller.querySelectorAll<HTMLElement>('[data-message-id]')) {
      const rect = el.getBoundingClientRect();
      if (rect.bottom > top) {
        this.anchor = { id: el.dataset.messageId!, offset: rect.top - top };
        return;
      }
    }
  }

  /** After the DOM changed: follow the end, or put the anchored message back where it was. */
  restore(scroller: HTMLElement, forceBottom = false): void {
    if (forceBottom || this.atBottom) {
      this.toEnd(scroller);
      this.atBottom = true;
      return;
    }
    const anchor = this.anchor;
    if (!anchor) return;
    const el = [...scroller.querySelectorAll<HTMLElement>('[data-message-id]')].find(
      (e) => e.dataset.messageId === anchor.id,
    );
    if (!el) return;
    const delta = el.getBoundingClientRect().top - scroller.getBoundingClientRect().top - anchor.offset;
    if (Math.abs(delta) >= 1) scroller.scrollTop += delta;
    this.lastTop = scroller.scrollTop;
  }
}
