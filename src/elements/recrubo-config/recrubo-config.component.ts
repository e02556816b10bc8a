import { LitElement, css, html, type PropertyDeclarations } from 'lit';
import { ContextConsumer, ContextProvider } from '@lit/context';
import { mergeConfig, type RecruboConfig } from '../../shared/config.js';
import { attachContextRoot, recruboConfigContext } from '../../shared/config-context.js';
import { VERSION } from '../../shared/version.js';

/**
 * Passes configuration down to every recrubo element inside it (through `@lit/context`, so it also reaches into
 * shadow roots). Nested providers override the outer ones field by field. It renders nothing of its own.
 *
 * @summary Shared configuration for the recrubo elements inside it.
 * @tag recrubo-config
 * @slot - The elements (and any other content) that use this configuration.
 */
export class RecruboConfigElement extends LitElement {
  static version = VERSION;

  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties: PropertyDeclarations = {
    /** API root including `/public/v2`. */
    baseUrl: { attribute: 'base-url' },
    /** Sandbox / local development only; sent as `Authorization: Bearer <key>`. Never reflected. */
    apiKey: { attribute: 'api-key' },
    /** `() => Promise<string>`: a short-lived token from the integrator's backend. */
    tokenProvider: { attribute: false },
    /** A `fetch` to use instead of the global one. */
    fetch: { attribute: false },
    /** The page's event stream URL (createRecruboEventStream): live updates by push, polling as the safety net. */
    eventsUrl: { attribute: 'events-url' },
  };

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  declare baseUrl: string | undefined;
  declare apiKey: string | undefined;
  declare tokenProvider: (() => Promise<string>) | undefined;
  declare fetch: typeof fetch | undefined;
  declare eventsUrl: string | undefined;

  private outer?: RecruboConfig;
  private readonly provider = new ContextProvider(this, { context: recruboConfigContext, initialValue: {} });

  constructor() {
    super();
    this.baseUrl = undefined;
    this.apiKey = undefined;
    this.tokenProvider = undefined;
    this.fetch = undefined;
    this.eventsUrl = undefined;
    // The provider above us, if any (our own provider ignores requests that come from ourselves).
    new ContextConsumer(this, {
      context: recruboConfigContext,
      subscribe: true,
      callback: (value) => {
        this.outer = value;
        this.publish();
      },
    });
  }

  override connectedCallback(): void {
    attachContextRoot(this.ownerDocument); // an outer provider defined after this one still reaches it
    super.connectedCallback();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.publish();
  }

  /** The merged configuration this provider passes down. */
  get value(): RecruboConfig {
    return this.provider.value ?? {};
  }

  protected override willUpdate(): void {
    this.publish();
  }

  private publish() {
    const own: RecruboConfig = {
      baseUrl: this.baseUrl,
      apiKey: this.apiKey,
      tokenProvider: this.tokenProvider,
      fetch: this.fetch,
      eventsUrl: this.eventsUrl,
      lang: this.getAttribute('lang') ?? undefined,
    };
    const next = mergeConfig(own, this.outer);
    const current = this.provider.value ?? {};
    const keys = new Set([...Object.keys(next), ...Object.keys(current)]) as Set<keyof RecruboConfig>;
    if ([...keys].every((k) => next[k] === current[k])) return;
    this.provider.setValue(next);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
