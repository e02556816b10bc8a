import { css, html } from 'lit';
import { ContextProvider } from '@lit/context';
import { mergeConfig, type RecruboConfig } from '../../shared/config.js';
import { recruboConfigContext } from '../../shared/config-context.js';
import { ConfigurableElement } from '../../shared/configurable-element.js';

/**
 * Passes configuration down to every recrubo element inside it (through `@lit/context`, so it also reaches into
 * shadow roots). Nested providers override the outer ones field by field. It renders nothing of its own.
 *
 * @summary Shared configuration for the recrubo elements inside it.
 * @tag recrubo-config
 * @slot - The elements (and any other content) that use this configuration.
 */
export class RecruboConfigElement extends ConfigurableElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  private readonly provider = new ContextProvider(this, { context: recruboConfigContext, initialValue: {} });

  /** The provider above us changed (or appeared): pass the merge on. */
  protected override providedConfigChanged(): void {
    this.publish();
  }

  protected override langChanged(): void {
    this.publish();
  }

  /** The merged configuration this provider passes down. */
  get value(): RecruboConfig {
    return this.provider.value ?? {};
  }

  protected override willUpdate(): void {
    this.publish();
  }

  private publish() {
    const own: RecruboConfig = { ...this.ownConfig(), lang: this.getAttribute('lang') ?? undefined };
    const next = mergeConfig(own, this.providedConfig);
    const current = this.provider.value ?? {};
    const keys = new Set([...Object.keys(next), ...Object.keys(current)]) as Set<keyof RecruboConfig>;
    if ([...keys].every((k) => next[k] === current[k])) return;
    this.provider.setValue(next);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
