// The page's one clock for what is shown relative to now ("3 min. ago", the 24-hour window, "Today", a countdown):
// `now()`, which a test may replace with `setClock()`. Pure (no timer here): the career-site element's formatters
// read it too. `Clock` (clock-controller.ts) keeps an element's view of it fresh.

type Listener = () => void;

let read: () => number = () => Date.now();
const listeners = new Set<Listener>();

/** Milliseconds since the epoch, by the page's clock. */
export function now(): number {
  return read();
}

/**
 * Replaces the page's clock (a test's fixed or stepped time); without an argument the real one is back. Every
 * element that shows relative times re-renders at once.
 */
export function setClock(clock?: () => number): void {
  read = clock ?? (() => Date.now());
  for (const listener of [...listeners]) listener();
}

/** Called after each `setClock()` until the returned function is called. */
export function onClockChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
