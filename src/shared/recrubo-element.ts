// The base of every element: configuration (own attributes → nearest <recrubo-config> → configure() → defaults),
// `this.api`, an AbortSignal that ends with the element's time in the DOM, typed events, typed strings, error
// messages and reporting, the page's announcer and the elements it renders (`static dependencies`). The parts of an
// element (a card, a composer, a switch) get the element itself as their host, typed as `ElementHost`.
import type { ReactiveControllerHost } from 'lit';
import { ConfigurableElement } from './configurable-element.js';
import { getApi, type Api } from '../api/index.js';
import { isAbortError, type RecruboApiError } from '../api/errors.js';
import { defineDependencies } from './define.js';
import { onGlobalConfigChange, resolveConfig, type RecruboConfig, type ResolvedConfig } from './config.js';
import type { RecruboEventMap } from './events.js';
import { errorKey, mergeStrings, sharedStrings, translate, type Dict, type Params, type SharedKey } from './i18n.js';
import { ancestorLang, documentLang } from './lang.js';
import { normalizeLang } from './config.js';
import { warnAboutApiKey } from './api-key-warning.js';
import { announce } from './announcer.js';

export { define, defineDependencies } from './define.js';

const connected = new Set<RecruboElement>();
let stopGlobalListener: (() => void) | undefined;
let langObserver: MutationObserver | undefined;

function updateAll() {
  for (const el of connected) el.requestUpdate();
}

/**
 * `K`: the keys of the element's own string table (`KeyOf<typeof myStrings>`), so that `t()` accepts only those
 * and the shared ones. Left out it is `string` (any key, untyped).
 */
export class RecruboElement<K extends string = string> extends ConfigurableElement {
  /** An element's own strings (`defineStrings(en, nl)`); merged over the shared ones by `t()`. */
  static strings: Partial<Record<string, Dict>> = {};

  /**
   * The elements this one renders, by tag: registered (with `define()`) before this one is, and again when an
   * instance is made, so that a page that imports only this class and defines it under a name of its own still
   * gets working children. Shoelace's idea.
   */
  static dependencies: Record<string, CustomElementConstructor> = {};

  private controller?: AbortController;
  private mergedStrings?: Record<string, Dict>;
  /** The configuration of the update under way: resolved once per update, however many `t()` calls it makes. */
  private updateConfig?: ResolvedConfig;

  constructor() {
    super();
    defineDependencies(this.constructor as typeof RecruboElement);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.controller || this.controller.signal.aborted) this.controller = new AbortController();
    connected.add(this);
    stopGlobalListener ??= onGlobalConfigChange(updateAll);
    if (!langObserver && typeof MutationObserver !== 'undefined' && this.ownerDocument?.documentElement) {
      // An ancestor's or the document's `lang` changed: re-render in the new language.
      langObserver = new MutationObserver(updateAll);
      langObserver.observe(this.ownerDocument.documentElement, {
        attributes: true,
        attributeFilter: ['lang'],
        subtree: true,
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    // Every request this element started stops here (its fetches, retries and sleeps all take this signal).
    this.controller?.abort(new DOMException('The element left the page.', 'AbortError'));
  }

  protected override performUpdate(): void {
    this.updateConfig = undefined;
    this.updateConfig = this.config;
    try {
      super.performUpdate();
    } finally {
      this.updateConfig = undefined;
    }
  }

  /** The configuration in effect, by the precedence of spec §2 (during an update: as it was when it began). */
  get config(): ResolvedConfig {
    if (this.updateConfig) return this.updateConfig;
    const own: RecruboConfig = {
      ...this.ownConfig(),
      lang: normalizeLang(this.getAttribute('lang')) ?? ancestorLang(this),
    };
    const resolved = resolveConfig(own, this.providedConfig, documentLang(this));
    if (resolved.apiKey) warnAboutApiKey();
    return resolved;
  }

  get api(): Api {
    return getApi(this.config);
  }

  /** Aborted when the element leaves the DOM; a new one after it comes back. */
  get signal(): AbortSignal {
    if (!this.controller || (this.controller.signal.aborted && this.isConnected))
      this.controller = new AbortController();
    return this.controller.signal;
  }

  /** Dispatches a typed CustomEvent that bubbles and crosses shadow roots. Returns false if it was cancelled. */
  emit<K extends keyof RecruboEventMap>(
    type: K,
    detail: RecruboEventMap[K]['detail'],
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(
      new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
    );
  }

  /** `recrubo-error` for a failure that is final; aborts (we left the page) are not failures. */
  reportError(error: RecruboApiError | unknown): void {
    if (isAbortError(error)) return;
    this.emit('recrubo-error', { error: error as RecruboApiError });
  }

  /** A UI string in the resolved language: the element's own `static strings` first, then the shared ones. */
  t(key: K | SharedKey, params?: Params): string {
    return translate(this.config.lang, this.strings(), key, params);
  }

  /** A string whose key is computed at run time (e.g. from a server's violation code): undefined when none exists. */
  protected lookup(key: string, params?: Params): string | undefined {
    const strings = this.strings();
    return strings.en?.[key] === undefined ? undefined : translate(this.config.lang, strings, key, params);
  }

  /** The message for a failed request, in the UI language (the one mapping, `errorKey()`). */
  errorMessage(error: Pick<RecruboApiError, 'kind' | 'status'>): string {
    return this.t(errorKey(error), { status: error.status ?? '' });
  }

  /** Says `text` politely through the page's one announcer (`announcer.ts`). */
  announce(text: string): void {
    announce(text, this.ownerDocument);
  }

  private strings(): Record<string, Dict> {
    return (this.mergedStrings ??= mergeStrings(sharedStrings, (this.constructor as typeof RecruboElement).strings));
  }
}

/**
 * What a part of an element (the run card, the composer, the pause switch, the suggestions) uses of it: the element
 * itself, typed. A part reads the element's state and calls these; it is never handed a bag of callbacks.
 */
export type ElementHost<K extends string = string> = ReactiveControllerHost &
  HTMLElement &
  Pick<
    RecruboElement<K>,
    'api' | 'signal' | 'config' | 't' | 'emit' | 'reportError' | 'errorMessage' | 'announce' | 'renderRoot'
  >;
