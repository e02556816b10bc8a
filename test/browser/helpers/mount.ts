// Mounting a Lit template for a test, and a page that pretends to be in front: shared by the element tests that
// mount their own fixtures (open-wc's `fixture()` waits for an animation frame, which a background tab never gets).
import { render, type ReactiveElement, type TemplateResult } from 'lit';

const mounted: HTMLElement[] = [];

/** Renders `template` into a new host in the body (`width`: the host's CSS width) and waits for its first update. */
export async function mount<T extends Element>(template: TemplateResult, width?: string): Promise<T> {
  const host = document.createElement('div');
  if (width) host.style.width = width;
  document.body.append(host);
  mounted.push(host);
  render(template, host);
  const el = host.firstElementChild as T;
  await (el as unknown as ReactiveElement).updateComplete;
  return el;
}

/** Removes everything `mount()` added. */
export function unmountAll(): void {
  for (const host of mounted.splice(0)) host.remove();
}

/** Polling tests pretend the page is in front (a background test tab may report hidden; the store pauses then). */
export function pretendVisible(): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
}

export function stopPretending(): void {
  delete (document as { hidden?: boolean }).hidden;
  delete (document as { visibilityState?: string }).visibilityState;
}
