// The page side of inbox.bench.mjs: one <recrubo-inbox> on a tenant of 10,000 conversations; the time until its
// first rows show, scrolling its list down row by row, and how many rows are in the DOM meanwhile.
import '../src/elements/recrubo-inbox/define.js';
import type { RecruboInboxElement } from '../src/elements/recrubo-inbox/define.js';

const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
let inbox: RecruboInboxElement | undefined;

const list = () => inbox!.shadowRoot!.querySelector('recrubo-inbox-list')!.shadowRoot!;
const options = () => list().querySelectorAll('[role="option"]');

declare global {
  interface Window {
    benchInboxMount(s: { baseUrl: string; apiKey: string; interval: number }): Promise<{ ms: number; rows: number }>;
    benchInboxScroll(rows: number): Promise<{ inDom: number; loaded: number; ms: number }>;
  }
}

window.benchInboxMount = async ({ baseUrl, apiKey, interval }) => {
  const t0 = performance.now();
  inbox = document.createElement('recrubo-inbox');
  inbox.setAttribute('base-url', baseUrl);
  inbox.setAttribute('api-key', apiKey);
  inbox.setAttribute('poll-interval', String(interval));
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
