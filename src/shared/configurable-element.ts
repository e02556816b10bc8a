// What every element of the package and <recrubo-config> share: the configuration fields of spec §2 as
// properties and attributes (`base-url`, `api-key`, never reflected; `tokenProvider` and `fetch` as properties
// only), the fields of the nearest <recrubo-config> above, a re-render when the native `lang` attribute
// changes, and the version `define()` compares.
import { LitElement, type PropertyDeclarations } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { RecruboConfig } from './config.js';
import { attachContextRoot, configElementLeft, recruboConfigContext } from './config-context.js';
import { VERSION } from './version.js';

export class ConfigurableElement extends LitElement {
  /** Compared by `define()` to decide whether a second registration is the same code. */
  static version = VERSION;

  // Subclasses add theirs with their own `static properties`: Lit merges the declarations along the prototype
  // chain, so no subclass spreads these again.
  static override properties: PropertyDeclarations = {
    baseUrl: { attribute: 'base-url' },
    // Never reflected: a key must not end up in the DOM by our doing.
    apiKey: { attribute: 'api-key' },
    tokenProvider: { attribute: false },
    fetch: { attribute: false },
    eventsUrl: { attribute: 'events-url' },
  };

  /** `lang` stays the native property (it reflects to the attribute); subclasses react to it in `langChanged()`. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /** API root including `/public/v2`. */
  declare baseUrl: string | undefined;
  /** Sandbox / local development only; sent as `Authorization: Bearer <key>`. Never reflected. */
  declare apiKey: string | undefined;
  /** `() => Promise<string>`: a short-lived token from the integrator's backend. */
  declare tokenProvider: (() => Promise<string>) | undefined;
  /** A `fetch` to use instead of the global one. */
  declare fetch: typeof fetch | undefined;
  /** The page's event stream URL (createRecruboEventStream): live updates by push, polling as the safety net. */
  declare eventsUrl: string | undefined;

  /** What the nearest `<recrubo-config>` above passes down (its fields merged over those above it). */
  protected providedConfig?: RecruboConfig;

  constructor() {
    super();
    this.baseUrl = undefined;
    this.apiKey = undefined;
    this.tokenProvider = undefined;
    this.fetch = undefined;
    this.eventsUrl = undefined;
    // A provider on this element itself ignores requests that come from its own host.
    new ContextConsumer(this, {
      context: recruboConfigContext,
      subscribe: true,
      callback: (value) => {
        this.providedConfig = value;
        this.providedConfigChanged();
      },
    });
  }

  override connectedCallback(): void {
    // Before the config consumer asks (in super.connectedCallback): a provider upgraded later still answers.
    attachContextRoot(this.ownerDocument);
    super.connectedCallback();
  }

  /** The configuration fields set on this element itself (`lang` aside: each reads it in its own way). */
  protected ownConfig(): RecruboConfig {
    return {
      baseUrl: this.baseUrl,
      apiKey: this.apiKey,
      tokenProvider: this.tokenProvider,
      fetch: this.fetch,
      eventsUrl: this.eventsUrl,
    };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    configElementLeft(this.ownerDocument);
  }

  /** The provided configuration changed. */
  protected providedConfigChanged(): void {
    this.requestUpdate();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.langChanged();
  }

  /** The element's own `lang` changed. */
  protected langChanged(): void {
    this.requestUpdate();
  }
}
