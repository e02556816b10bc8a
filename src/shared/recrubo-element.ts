// The base of every element: configuration (own attributes → nearest <recrubo-config> → configure() → defaults),
// `this.api`, an AbortSignal that ends with the element's time in the DOM, typed events and strings.
import { LitElement, type PropertyDeclarations } from 'lit';
import { ContextConsumer } from '@lit/context';
import { getApi, type Api } from '../api/index.js';
import { isAbortError, type RecruboApiError } from '../api/errors.js';
import { onGlobalConfigChange, resolveConfig, type RecruboConfig, type ResolvedConfig } from './config.js';
import { attachContextRoot, recruboConfigContext } from './config-context.js';
import type { RecruboEventMap } from './events.js';
import { mergeStrings, sharedStrings, translate, type Dict } from './i18n.js';
import { ancestorLang, documentLang } from './lang.js';
import { normalizeLang } from './config.js';
import { VERSION } from './version.js';
import { warnAboutApiKey } from './api-key-warning.js';

export { define } from './define.js';

const connected = new Set<RecruboElement>();
let stopGlobalListener: (() => void) | undefined;
let langObserver: MutationObserver | undefined;

function updateAll() {
  for (const el of connected) el.requestUpdate();
}

export class RecruboElement extends LitElement {
  /** Compared by `define()` to decide whether a second registration is the same code. */
  static version = VERSION;

  /** An element's own strings, `{ en: {...}, nl: {...} }`; merged over the shared ones by `t()`. */
  static strings: Partial<Record<string, Dict>> = {};

  static override properties: PropertyDeclarations = {
    baseUrl: { attribute: 'base-url' },
    // Never reflected: a key must not end up in the DOM by our doing.
    apiKey: { attribute: 'api-key' },
    tokenProvider: { attribute: false },
    fetch: { attribute: false },
    eventsUrl: { attribute: 'events-url' },
  };

  /** `lang` stays the native property (it reflects to the attribute); we only need to re-render when it changes. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  declare baseUrl: string | undefined;
  declare apiKey: string | undefined;
  declare tokenProvider: (() => Promise<string>) | undefined;
  declare fetch: typeof fetch | undefined;
  declare eventsUrl: string | undefined;

  private providedConfig?: RecruboConfig;
  private controller?: AbortController;
  private mergedStrings?: Record<string, Dict>;

  constructor() {
    super();
    this.baseUrl = undefined;
    this.apiKey = undefined;
    this.tokenProvider = undefined;
    this.fetch = undefined;
    this.eventsUrl = undefined;
    new ContextConsumer(this, {
      context: recruboConfigContext,
      subscribe: true,
      callback: (value) => {
        this.providedConfig = value;
        this.requestUpdate();
      },
    });
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.requestUpdate();
  }

  override connectedCallback(): void {
    attachContextRoot(this.ownerDocument); // before the config consumer asks (in super.connectedCallback)
    super.connectedCallback();
    if (!this.controller || this.controller.signal.aborted) this.controller = new AbortController();
    connected.add(this);
    stopGlobalListener ??= onGlobalConfigChange(updateAll);
    if (!langObserver && typeof MutationObserver !== 'undefined' && this.ownerDocument?.documentElement) {
      // An ancestor's or the document's `lang` changed: re-render in the new language.
      langObserver = new MutationObserver(updateAll);
      langObserver.observe(this.ownerDocument.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    // Every request this element started stops here (its fetches, retries and sleeps all take this signal).
    this.controller?.abort(new DOMException('The element left the page.', 'AbortError'));
  }

  /** The configuration in effect, by the precedence of spec §2. */
  get config(): ResolvedConfig {
    const own: RecruboConfig = {
      baseUrl: this.baseUrl,
      apiKey: this.apiKey,
      tokenProvider: this.tokenProvider,
      fetch: this.fetch,
      eventsUrl: this.eventsUrl,
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
    if (!this.controller || (this.controller.signal.aborted && this.isConnected)) this.controller = new AbortController();
    return this.controller.signal;
  }

  /** Dispatches a typed CustomEvent that bubbles and crosses shadow roots. Returns false if it was cancelled. */
  emit<K extends keyof RecruboEventMap>(type: K, detail: RecruboEventMap[K]['detail'], options: { cancelable?: boolean } = {}): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
  }

  /** `recrubo-error` for a failure that is final; aborts (we left the page) are not failures. */
  protected reportError(error: RecruboApiError | unknown): void {
    if (isAbortError(error)) return;
    this.emit('recrubo-error', { error: error as RecruboApiError });
  }

  /** A UI string in the resolved language: the element's own `static strings` first, then the shared ones. */
  t(key: string, params?: Record<string, string | number>): string {
    this.mergedStrings ??= mergeStrings(sharedStrings, (this.constructor as typeof RecruboElement).strings);
    return translate(this.config.lang, this.mergedStrings, key, params);
  }
}
