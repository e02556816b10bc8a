// One polite announcer per page: a single visually hidden live region in the document, shared by every element
// (fifty badges changing at once make one announcement, not fifty live regions talking over each other).
// Messages that arrive close together are queued, de-duplicated and spoken as one text, in the order they came.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Messages that arrive within this many ms of the first one are spoken together. */
const GATHER_MS = 250;
/** At most this many distinct messages in one announcement; the rest are dropped (the page shows them). */
const MAX_MESSAGES = 5;
const REGION_ID = 'recrubo-announcer';

const queues = new WeakMap<Document, { messages: string[]; timer?: ReturnType<typeof setTimeout> }>();

/** The document's live region (made on first use; a region made by another copy of the package is reused). */
export function announcerRegion(doc: Document): HTMLElement {
  let region = doc.getElementById(REGION_ID);
  if (!region) {
    region = doc.createElement('div');
    region.id = REGION_ID;
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('aria-atomic', 'true');
    // Visually hidden, still read (the shadow roots' `.visually-hidden` cannot reach the light DOM).
    region.style.cssText =
      'position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0';
    doc.body.append(region);
  }
  return region;
}

/**
 * Says `message` politely in `doc`'s one live region, soon (together with what else arrives meanwhile, each text
 * once). An empty message is ignored.
 */
export function announce(message: string, doc: Document = document): void {
  const text = message.trim();
  if (!text) return;
  announcerRegion(doc); // exists before its text changes, or a screen reader may not notice the change
  let queue = queues.get(doc);
  if (!queue) queues.set(doc, (queue = { messages: [] }));
  if (!queue.messages.includes(text)) queue.messages.push(text);
  const current = queue;
  current.timer ??= setTimeout(() => {
    current.timer = undefined;
    const spoken = current.messages.splice(0).slice(0, MAX_MESSAGES);
    announcerRegion(doc).textContent = spoken.join(' ');
  }, GATHER_MS);
}

/**
 * An element's passing news, spoken through the page's announcer: `text()` is read after each update and announced
 * when it changed (what an element's own `aria-live` region did, without a region per element).
 */
export class Announcements implements ReactiveController {
  private last = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly text: () => string,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const text = this.text();
    if (text === this.last) return;
    this.last = text;
    if (this.host.isConnected) announce(text, this.host.ownerDocument);
  }
}
