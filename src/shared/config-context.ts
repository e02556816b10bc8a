import { ContextEvent, createContext, type ContextCallback } from '@lit/context';
import type { RecruboConfig } from './config.js';

/** What a `<recrubo-config>` passes down: its own fields merged over those of the providers above it. */
export const recruboConfigContext = createContext<RecruboConfig | undefined>(Symbol.for('recrubo-elements/config'));

type Callback = ContextCallback<RecruboConfig | undefined>;
interface Pending {
  element: WeakRef<Element>;
  callback: WeakRef<Callback>;
}

/**
 * @lit/context's ContextRoot, for our one context, minus its leak: ContextRoot keeps every unanswered request
 * (two WeakRefs and an object per element, ~56 bytes) until a provider appears, so a page that mounts and removes
 * badges without a <recrubo-config> grew by ~55 KB per 1,000 badges, for good (bench/flow-run-status.bench.mjs).
 * Here a request whose element has left the page is dropped (it asks again when it comes back): after elements
 * leave (configElementLeft) and whenever the list has doubled, so it holds about what is on the page.
 */
class ConfigRoot {
  pending: Pending[] = [];
  private known = new WeakMap<Element, WeakSet<Callback>>();
  private pruneAt = 64;

  attach(root: HTMLElement): void {
    root.addEventListener('context-request', this.onRequest);
    root.addEventListener('context-provider', this.onProvider);
  }

  private onRequest = (e: ContextEvent<{ __context__: unknown }>) => {
    if (e.context !== recruboConfigContext || e.subscribe !== true) return;
    const event = e as unknown as ContextEvent<typeof recruboConfigContext>;
    const element = event.contextTarget ?? (event.composedPath()[0] as Element);
    let callbacks = this.known.get(element);
    if (!callbacks) this.known.set(element, (callbacks = new WeakSet()));
    if (callbacks.has(event.callback)) return;
    callbacks.add(event.callback);
    this.pending.push({ element: new WeakRef(element), callback: new WeakRef(event.callback) });
    if (this.pending.length >= this.pruneAt) this.prune();
  };

  private pruneQueued = false;

  /** An element left the page: forget its request soon, in one pass for all that left in the same task (an element
   *  moved within the page is connected again by then, and kept). */
  schedulePrune(): void {
    if (this.pruneQueued || this.pending.length === 0) return;
    this.pruneQueued = true;
    queueMicrotask(() => {
      this.pruneQueued = false;
      this.prune();
    });
  }

  private prune(): void {
    this.pending = this.pending.filter((p) => this.keep(p));
    this.pruneAt = Math.max(64, this.pending.length * 2);
  }

  /** Still waiting: its element is on the page; else forgotten (also in `known`, so that it may ask again). */
  private keep(p: Pending): boolean {
    const element = p.element.deref();
    const callback = p.callback.deref();
    if (element?.isConnected && callback) return true;
    if (element && callback) this.known.get(element)?.delete(callback);
    return false;
  }

  /** A provider appeared (upgraded after the elements inside it): every waiting request asks again. */
  private onProvider = (event: Event) => {
    if ((event as Event & { context?: unknown }).context !== recruboConfigContext) return;
    const waiting = this.pending;
    this.pending = [];
    this.known = new WeakMap();
    for (const p of waiting) {
      const element = p.element.deref();
      const callback = p.callback.deref();
      if (element?.isConnected && callback)
        element.dispatchEvent(new ContextEvent(recruboConfigContext, element, callback, true));
    }
  };
}

const roots = new WeakMap<Document, ConfigRoot>();

/** Called by an element that left the page (ConfigurableElement's disconnectedCallback). */
export function configElementLeft(doc: Document | undefined): void {
  if (doc) roots.get(doc)?.schedulePrune();
}

/** How many unanswered config requests the document's root holds (for tests and bench/, like activeTimerCount()). */
export function pendingConfigRequests(doc: Document = document): number {
  return roots.get(doc)?.pending.length ?? 0;
}

/**
 * A `<recrubo-config>` upgraded after the elements inside it (its tag defined later, e.g. when a bundler runs the
 * elements' define modules first) still reaches them: a root on the document keeps their unanswered requests and
 * replays them when a provider appears. Call before the element's controllers connect.
 */
export function attachContextRoot(doc: Document | undefined): void {
  if (!doc?.documentElement || roots.has(doc)) return;
  const root = new ConfigRoot();
  roots.set(doc, root);
  root.attach(doc.documentElement);
}
