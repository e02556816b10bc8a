// One timer per polling period for the whole page, shared by every store (every configuration) that polls at
// that period. Also the page-wide "wake up" signal: tab visible again, or back online.

type TickFn = () => void;

interface Timer {
  handle: ReturnType<typeof setInterval>;
  listeners: Set<TickFn>;
}

const timers = new Map<number, Timer>();
const wakeListeners = new Set<TickFn>();
let pageHooksInstalled = false;

/** Calls `fn` every `period` ms until the returned function is called. The timer stops when nobody listens. */
export function onTick(period: number, fn: TickFn): () => void {
  let timer = timers.get(period);
  if (!timer) {
    const listeners = new Set<TickFn>();
    timer = {
      listeners,
      handle: setInterval(() => {
        if (isPageHidden()) return; // nothing polls while the tab is hidden
        for (const listener of [...listeners]) listener();
      }, period),
    };
    timers.set(period, timer);
  }
  timer.listeners.add(fn);
  return () => {
    const t = timers.get(period);
    if (!t) return;
    t.listeners.delete(fn);
    if (t.listeners.size === 0) {
      clearInterval(t.handle);
      timers.delete(period);
    }
  };
}

/** How many polling timers run right now (for tests and the benchmark). */
export function activeTimerCount(): number {
  return timers.size;
}

export function isPageHidden(): boolean {
  return typeof document !== 'undefined' && document.hidden === true;
}

/** Called when the page becomes visible again or the browser comes back online. */
export function onWake(fn: TickFn): () => void {
  installPageHooks();
  wakeListeners.add(fn);
  return () => wakeListeners.delete(fn);
}

function installPageHooks() {
  if (pageHooksInstalled || typeof document === 'undefined' || typeof window === 'undefined') return;
  pageHooksInstalled = true;
  const wake = () => {
    if (isPageHidden()) return;
    for (const listener of [...wakeListeners]) listener();
  };
  document.addEventListener('visibilitychange', wake);
  window.addEventListener('online', wake);
}
