// "Preview the chatbot": a disclosure under a finished generation's result with <recrubo-flow-preview> for the
// flow it made. Open by default on wide screens (there is room beside nothing else to read); closed on narrow ones,
// where it would push the result's actions far down. The preview's code loads only when a result is shown.
// "Edit the chatbot" puts <recrubo-flow-editor> in its place (its code loads on that click).
import { css, html, nothing, type TemplateResult } from 'lit';
import { defineStrings, type KeyOf } from '../../shared/i18n.js';
import type { RecruboElement } from '../../shared/recrubo-element.js';

export const resultPreviewStrings = defineStrings(
  { 'result.preview': 'Preview the chatbot', 'result.edit': 'Edit the chatbot' },
  { 'result.preview': 'Bekijk de chatbot', 'result.edit': 'Chatbot bewerken' },
);
export type ResultPreviewKey = KeyOf<typeof resultPreviewStrings>;

/** Wide enough to show the conversation beside the page's own content. */
const WIDE = '(min-width: 48em)';

export class ResultPreview {
  private flowId: string | undefined;
  private open = false;
  /** The recruiter chose "Edit the chatbot": the editor replaces the preview for this flow. */
  private editing = false;
  /** Focus the editor's heading once it is drawn (the button that had the focus is gone). */
  private focusEditor = false;

  private edit(host: RecruboElement<ResultPreviewKey>): void {
    this.editing = true;
    this.focusEditor = true;
    if (!customElements.get('recrubo-flow-editor'))
      void import('../recrubo-flow-editor/define.js').then(() => host.requestUpdate());
    host.requestUpdate();
    void host.updateComplete.then(() => {
      const heading = host.renderRoot.querySelector<HTMLElement>('#result-editor-heading');
      if (this.focusEditor && heading) {
        this.focusEditor = false;
        heading.focus();
      }
    });
  }

  render(host: RecruboElement<ResultPreviewKey>, flowId: string | null | undefined): TemplateResult | typeof nothing {
    if (!flowId) return nothing;
    if (flowId !== this.flowId) {
      this.flowId = flowId;
      this.open = typeof matchMedia === 'function' && matchMedia(WIDE).matches;
      this.editing = false;
    }
    const config = host.config;
    if (this.editing) {
      const ready = !!customElements.get('recrubo-flow-editor');
      return html`<section part="editor" class="result-preview" aria-labelledby="result-editor-heading">
        <h3 id="result-editor-heading" tabindex="-1">${host.t('result.edit')}</h3>
        ${
          ready
            ? html`<recrubo-flow-editor
              flow-id=${flowId}
              lang=${config.lang}
              .baseUrl=${config.baseUrl}
              .apiKey=${config.apiKey}
              .tokenProvider=${config.tokenProvider}
              .fetch=${config.fetch}
            ></recrubo-flow-editor>`
            : html`<p class="hint">${host.t('common.loading')}</p>`
        }
      </section>`;
    }
    // The preview is rendered only once its class is defined: an element upgraded later would start loading in its
    // connectedCallback before Lit restores the properties set on it (base-url among them), i.e. from the default
    // API root.
    const defined = typeof customElements !== 'undefined' && !!customElements.get('recrubo-flow-preview');
    if (!defined) void import('../recrubo-flow-preview/define.js').then(() => host.requestUpdate());
    return html`<details
      part="preview"
      class="result-preview"
      ?open=${this.open}
      @toggle=${(e: Event) => (this.open = (e.target as HTMLDetailsElement).open)}
    >
      <summary part="preview-summary">${host.t('result.preview')}</summary>
      ${
        defined
          ? html`<recrubo-flow-preview
            flow-id=${flowId}
            lang=${config.lang}
            .baseUrl=${config.baseUrl}
            .apiKey=${config.apiKey}
            .tokenProvider=${config.tokenProvider}
            .fetch=${config.fetch}
          ></recrubo-flow-preview>`
          : html`<p class="hint">${host.t('common.loading')}</p>`
      }
    </details>
    <button type="button" part="edit-button" class="edit-button" @click=${() => this.edit(host)}>
      ${host.t('result.edit')}
    </button>`;
  }
}

export const resultPreviewStyles = css`
  .result-preview {
    margin-top: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .result-preview summary {
    cursor: pointer;
    font-weight: 600;
  }
  .result-preview[open] summary {
    margin-bottom: var(--_space);
  }
  .result-preview h3 {
    margin: 0 0 var(--_space);
    font-size: 1em;
  }
  .result-preview h3:focus-visible,
  .edit-button:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .edit-button {
    margin-top: var(--_space);
    padding: 0.45em 1em;
    border: 1px solid var(--_primary);
    background: var(--_surface);
    color: var(--_primary);
    font-weight: 600;
  }
  .result-preview summary:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
`;
