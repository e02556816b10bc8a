// Reading an element the way a user sees it: queries inside its shadow root (or inside a node of it) and its text
// with whitespace collapsed. Shared by the element test folders.

/** Inside the element's shadow root, or inside the node itself when it has none. */
const scope = (el: Element): ParentNode => el.shadowRoot ?? el;

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T | null =>
  scope(el).querySelector<T>(selector);

export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): T[] => [
  ...scope(el).querySelectorAll<T>(selector),
];

/** The text, whitespace collapsed. */
export const textOf = (node: Element | ShadowRoot | null | undefined): string =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
