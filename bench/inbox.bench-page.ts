// The page side of inbox.bench.mjs: one <recrubo-inbox> on a tenant of 10,000 conversations, polling or on push
// (`events-url`); the time until its first rows show, scrolling its list down row by row, how many rows are in the
// DOM meanwhile, and when a conversation that got a message shows its new count at the top.
import '../src/elements/recrubo-inbox/define.js';
import type { RecruboInboxElement } from '../src/elements/recrubo-inbox/define.js';
import { openPushStreams } from '../src/api/push.js';

const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
let inbox: RecruboInboxElement | undefined;

const list = () => inbox!.shadowRoot!.querySelector('recrubo-inbox-list')!.shadowRoot!;
const options = () => list().querySelectorAll('[role="option"]');

declare global {
  interface Window {
    benchInboxMount(s: {
      baseUrl: string;
      apiKey: string;
      interval: number;
      eventsUrl?: string;
    }): Promise<{ ms: number; rows: number }>;
    benchInboxScroll(rows: number): Promise<{ inDom: number; loaded: number; ms: number }>;
    /** The push stream is open. */
    benchInboxLive(): boolean;
    /** The rows in the DOM, top first: conversation id, place in the list (1 = top), unread count shown. */
    benchInboxRows(): { id: string; pos: number; unread: number }[];
    /**
     * Epoch ms at which conversation `id` first was at the top of the list (`top`), and first was there showing at
     * least `unread` (`count`); null for what did not happen within `ms`.
     */
    benchInboxUntilTop(id: string, unread: number, ms: number): Promise<{ top: number | null; count: number | null }>;
  }
}

window.benchInboxMount = async ({ baseUrl, apiKey, interval, eventsUrl }) => {
  const t0 = performance.now();
  inbox = document.createElement('recrubo-inbox');
  inbox.setAttribute('base-url', baseUrl);
  inbox.setAttribute('api-key', apiKey);
  inbox.setAttribute('poll-interval', String(interval));
  if (eventsUrl) inbox.setAttribute('events-url', eventsUrl);
  document.body.append(inbox);
  while (!inbox.shadowRoot?.querySelector('recrubo-inbox-list')?.shadowRoot?.querySelector('[role="option"]'))
    await frame();
  return { ms: performance.now() - t0, rows: options().length };
};

/** Scrolls the list a screen at a time until `rows` rows are above the view (loading pages as it goes). */
window.benchInboxScroll = async (rows) => {
  const t0 = performance.now();
  const vp = list().querySelector<HTMLElement>('[role="listbox"]')!;
  const target = rows * 64;
  while (vp.scrollTop < target) {
    const before = vp.scrollTop;
    vp.scrollTop = Math.min(target, vp.scrollTop + vp.clientHeight);
    vp.dispatchEvent(new Event('scroll'));
    await frame();
    // At the end of what is loaded: wait for the next page.
    while (vp.scrollTop === before) {
      await frame();
      vp.scrollTop = Math.min(target, before + vp.clientHeight);
    }
  }
  await frame();
  // The spacer is as tall as every loaded row.
  const loaded = Math.round(list().querySelector<HTMLElement>('.spacer')!.offsetHeight / 64);
  return { inDom: options().length, loaded, ms: performance.now() - t0 };
};

window.benchInboxLive = () => openPushStreams() === 1;

window.benchInboxRows = () =>
  [...options()]
    .map((el) => ({
      id: (el as HTMLElement).dataset.id ?? '',
      pos: Number(el.getAttribute('aria-posinset')),
      unread: Number(el.querySelector('[part="unread"] [aria-hidden]')?.textContent ?? 0),
    }))
    .sort((a, b) => a.pos - b.pos);

window.benchInboxUntilTop = async (id, unread, ms) => {
  const until = performance.now() + ms;
  let top: number | null = null;
  while (performance.now() < until) {
    const first = window.benchInboxRows()[0];
    if (first && first.pos === 1 && first.id === id) {
      top ??= Date.now();
      if (first.unread >= unread) return { top, count: Date.now() };
    }
    await frame();
  }
  return { top, count: null };
};
