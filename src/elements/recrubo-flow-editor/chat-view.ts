// The editor's live chat preview: the edited flow as the preview's model (src/shared/flow-model.ts) drawn as a
// WhatsApp-like conversation, re-drawn on every keystroke. Compact on purpose (no view switch, no step links): the
// full read-only view is <recrubo-flow-preview>, which loads the saved flow itself.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { PreviewMessage, PreviewModel } from '../../shared/flow-model.js';
import type { RecruboElement } from '../../shared/recrubo-element.js';
import type { FlowEditorKey } from './strings.js';

function bubble(m: PreviewMessage, host: RecruboElement<FlowEditorKey>): TemplateResult | typeof nothing {
  if (m.kind === 'set-variable' || (!m.text && !m.options.length)) return nothing;
  return html`<li part="preview-message" class="bubble ${m.limits.length ? 'flagged' : ''}" data-action=${m.id}>
    ${m.text ? html`<p dir="auto">${m.text}</p>` : nothing}
    ${
      m.options.length
        ? html`<ul class="replies" aria-label=${host.t('preview.replies')}>
          ${m.options.map((o) => html`<li><bdi>${o}</bdi></li>`)}
        </ul>`
        : nothing
    }
  </li>`;
}

export function renderChatPreview(host: RecruboElement<FlowEditorKey>, model: PreviewModel): TemplateResult {
  const talk = model.steps.filter((s) => !s.end);
  return html`<section part="preview" class="preview" aria-labelledby="preview-heading">
    <h3 id="preview-heading">${host.t('preview')}</h3>
    <div class="chat" role="region" aria-label=${host.t('preview.chat')} tabindex="0">
      <ol class="bubbles">
        ${talk.flatMap((s) => s.messages.map((m) => bubble(m, host)))}
      </ol>
      ${
        model.endings.length
          ? html`<h4>${host.t('preview.endings')}</h4>
            <ol class="bubbles">
              ${model.endings.flatMap((s) => s.messages.map((m) => bubble(m, host)))}
            </ol>`
          : nothing
      }
    </div>
  </section>`;
}

export const chatPreviewStyles = css`
  .preview h3 {
    margin: 0 0 calc(var(--_space) / 2);
    font-size: 1em;
  }
  .chat {
    background: var(--recrubo-flow-editor-chat-background, color-mix(in srgb, var(--_success) 7%, var(--_surface-alt)));
    border-radius: var(--_radius);
    padding: var(--_space);
    max-height: var(--recrubo-flow-editor-preview-max-height, 40em);
    overflow: auto;
  }
  .chat:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .chat h4 {
    margin: var(--_space) 0 calc(var(--_space) / 2);
    font-size: 0.85em;
    color: var(--_muted);
  }
  .bubbles {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
  }
  .bubble {
    align-self: flex-start;
    max-width: 92%;
    background: var(--recrubo-flow-editor-bubble, var(--_surface));
    border-radius: var(--_radius);
    padding: 0.4em 0.65em;
    box-shadow: 0 1px 1px color-mix(in srgb, var(--_text) 12%, transparent);
  }
  .bubble.flagged {
    box-shadow: 0 0 0 2px var(--_warning);
  }
  .bubble p {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .replies {
    list-style: none;
    margin: 0.4em 0 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  .replies li {
    text-align: center;
    color: var(--_primary);
    border-top: 1px solid var(--_border);
    padding-top: 0.25em;
    overflow-wrap: anywhere;
  }
`;
