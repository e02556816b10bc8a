// The invite form's fields: the phone number, the choice among approved templates (radios: name, language, body
// text), one labelled input per `{{n}}` of the chosen body (Meta's example values as hints), the preview, and the
// loading placeholder in the form's shape.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { templateBodyText, templateParameterExamples } from '../../api/message-templates.js';
import type { MessageTemplate } from '../../api/types.js';
import { previewBody, type Field } from './form-model.js';
import type { SharedKey } from '../../shared/i18n.js';
import type { StartRunKey } from './strings.js';

export interface FieldsContext {
  uid: string;
  t(key: StartRunKey | SharedKey, params?: Record<string, string | number>): string;
  languageName(code: string): string;
  describedBy(field: Field, hint?: string): string;
  fieldError(field: Field): TemplateResult | typeof nothing;
  fieldErrors: Partial<Record<Field, string>>;
}

function summary(c: FieldsContext, t: MessageTemplate): TemplateResult {
  // API strings as Lit text: a template's name or text with markup shows as text.
  return html`<span><span class="template-name"><bdi>${t.name}</bdi></span> <span class="template-meta">· ${c.t('template.language', { language: c.languageName(t.language) })}</span></span>
    <span class="template-text" dir="auto">${templateBodyText(t)}</span>`;
}

export function templateChoice(
  c: FieldsContext,
  templates: MessageTemplate[],
  opts: { fixed: boolean; chosenId: string | undefined; choose(id: string): void },
): TemplateResult {
  if (opts.fixed) {
    return html`<div part="field" class="field">
      <span class="label">${c.t('template')}</span>
      <div part="template" class="template" style="cursor:default"><span></span>${summary(c, templates[0] as MessageTemplate)}</div>
    </div>`;
  }
  // The error right under the legend, and described by every radio: the focus lands on the first radio, and with
  // many templates a message after the last one is out of sight (on a phone, screens below).
  const describedBy = c.describedBy('template') || nothing;
  return html`<fieldset part="field" class="field">
    <legend>${c.t('template')}</legend>
    ${c.fieldError('template')}
    <div part="templates" class="templates">
      ${templates.map(
        (t, i) => html`<label part="template" class="template">
          <input
            type="radio"
            name="${c.uid}-template"
            value=${t.id}
            data-field=${i === 0 ? 'template' : nothing}
            aria-describedby=${describedBy}
            .checked=${live(opts.chosenId === t.id)}
            @change=${() => opts.choose(t.id)}
          />
          ${summary(c, t)}
        </label>`,
      )}
    </div>
  </fieldset>`;
}

export function valueFields(
  c: FieldsContext,
  t: MessageTemplate,
  count: number,
  values: readonly string[],
  onInput: (i: number, e: Event) => void,
): TemplateResult {
  const examples = templateParameterExamples(t);
  // The first empty value takes the focus when the form is refused.
  const firstEmpty = Math.max(
    0,
    values.findIndex((v) => !v.trim()),
  );
  return html`<fieldset part="field" class="field" aria-describedby=${c.describedBy('parameters')}>
    <legend>${c.t('parameters')}</legend>
    ${Array.from({ length: count }, (_, i) => {
      const example = examples[i];
      const hint = example ? `${c.uid}-value-${i}-hint` : '';
      return html`<div class="field">
        <label for="${c.uid}-value-${i}">${c.t('parameter', { n: i + 1 })} <code>{{${i + 1}}}</code></label>
        ${example ? html`<p class="hint" id=${hint}>${c.t('parameter.example', { example })}</p>` : nothing}
        <input
          part="input"
          type="text"
          id="${c.uid}-value-${i}"
          data-field=${i === firstEmpty ? 'parameters' : nothing}
          autocomplete="off"
          required
          aria-invalid=${c.fieldErrors.parameters && !(values[i] ?? '').trim() ? 'true' : 'false'}
          aria-describedby=${c.describedBy('parameters', hint)}
          .value=${live(values[i] ?? '')}
          @input=${(e: Event) => onInput(i, e)}
        />
      </div>`;
    })}
    ${c.fieldError('parameters')}
  </fieldset>`;
}

export function phoneField(
  c: FieldsContext,
  opts: { messageThreadId?: string; value: string; country: string; onInput: (e: Event) => void },
): TemplateResult {
  if (opts.messageThreadId) {
    return html`<div part="field" class="field">
      <span class="label">${c.t('thread')}</span>
      <p class="hint">${c.t('thread.existing', { id: opts.messageThreadId })}</p>
    </div>`;
  }
  const hint = `${c.uid}-phone-hint`;
  return html`<div part="field" class="field">
    <label for="${c.uid}-phone">${c.t('phone')}</label>
    <p class="hint" id=${hint}>${c.t('phone.hint', { country: opts.country })}</p>
    <input
      part="input"
      id="${c.uid}-phone"
      data-field="phone"
      type="tel"
      name="phone"
      autocomplete="off"
      inputmode="tel"
      required
      aria-invalid=${c.fieldErrors.phone ? 'true' : 'false'}
      aria-describedby=${c.describedBy('phone', hint)}
      .value=${live(opts.value)}
      @input=${opts.onInput}
    />
    ${c.fieldError('phone')}
  </div>`;
}

/** The message as the candidate will read it, following the typed values. */
export function previewFigure(c: FieldsContext, body: string | undefined, values: readonly string[]): TemplateResult {
  return html`<figure part="preview" class="preview">
    <figcaption class="label">${c.t('preview')}</figcaption>
    <p part="bubble" class="bubble" data-preview dir="auto">${body === undefined ? c.t('preview.empty') : previewBody(body, values)}</p>
  </figure>`;
}

/** Sized like the form (title, phone, two templates, a value, the preview, the button) so nothing jumps. */
export function formSkeleton(): TemplateResult {
  const bar = (width: string, height: string) =>
    html`<span class="skeleton" style="width: ${width}; height: ${height}"></span>`;
  return html`<div part="skeleton" class="skeleton-form" aria-hidden="true">
    ${bar('10rem', '1.3em')} ${bar('12rem', '1.1em')} ${bar('min(28rem, 100%)', '2.4rem')} ${bar('9rem', '1.1em')}
    ${bar('100%', '4.75rem')} ${bar('100%', '4.75rem')} ${bar('12rem', '1.1em')} ${bar('min(28rem, 100%)', '2.4rem')}
    ${bar('min(32rem, 100%)', '3.5rem')} ${bar('11rem', '2.5rem')}
  </div>`;
}
