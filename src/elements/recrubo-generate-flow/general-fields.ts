// The first two sections of the generator's form: the vacancy (its text, or an existing Recrubo vacancy id) and
// the general settings (flow name, the chatbot's language, emoji usage with a sample of each level).
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { EMOJI_LEVELS, type EmojiLevel, type Language } from '../../shared/vacancy-flow-rules.js';
import type { FormContext } from './form-context.js';

export function renderVacancySection(ctx: FormContext): TemplateResult {
  const s = ctx.state;
  const textError = ctx.errorId('context');
  const idError = ctx.errorId('vacancyId');
  return html`
    <fieldset part="section" class="section">
      <legend part="label">${ctx.t('vacancy.legend')}</legend>
      <div class="choice-row" role="radiogroup" aria-label=${ctx.t('vacancy.source.legend')}>
        ${(['text', 'id'] as const).map(
          (source) => html`
            <label class="choice">
              <input
                type="radio"
                name="vacancySource"
                value=${source}
                .checked=${live(s.vacancySource === source)}
                @change=${() => ctx.edit((st) => (st.vacancySource = source))}
              />
              ${ctx.t(`vacancy.source.${source}`)}
            </label>
          `,
        )}
      </div>
      ${
        s.vacancySource === 'text'
          ? html`<div part="field" class="field">
            <label part="label" for=${ctx.uid('vacancy-text')}>${ctx.t('vacancy.text.label')}</label>
            <textarea
              id=${ctx.uid('vacancy-text')}
              part="input"
              rows="6"
              .value=${live(s.vacancyText)}
              aria-invalid=${textError ? 'true' : 'false'}
              aria-describedby=${ctx.describedBy(textError, ctx.uid('vacancy-text-hint'))}
              @input=${(e: Event) => {
                ctx.edit((st) => (st.vacancyText = (e.target as HTMLTextAreaElement).value));
                ctx.clearFieldError('context');
              }}
            ></textarea>
            ${ctx.renderError('context')}
            <p part="hint" class="hint" id=${ctx.uid('vacancy-text-hint')}>${ctx.t('vacancy.text.hint')}</p>
          </div>`
          : html`<div part="field" class="field">
            <label part="label" for=${ctx.uid('vacancy-id')}>${ctx.t('vacancy.id.label')}</label>
            <input
              id=${ctx.uid('vacancy-id')}
              part="input"
              type="text"
              autocomplete="off"
              spellcheck="false"
              .value=${live(s.vacancyId)}
              aria-invalid=${idError ? 'true' : 'false'}
              aria-describedby=${ctx.describedBy(idError, ctx.uid('vacancy-id-hint'))}
              @input=${(e: Event) => {
                ctx.edit((st) => (st.vacancyId = (e.target as HTMLInputElement).value));
                ctx.clearFieldError('vacancyId');
              }}
            />
            ${ctx.renderError('vacancyId')}
            <p part="hint" class="hint" id=${ctx.uid('vacancy-id-hint')}>${ctx.t('vacancy.id.hint')}</p>
          </div>`
      }
    </fieldset>
  `;
}

export function renderGeneralSection(ctx: FormContext): TemplateResult {
  const s = ctx.state;
  const nameError = ctx.errorId('flowName');
  const langError = ctx.errorId('language');
  const emojiError = ctx.errorId('emojiUsage');
  return html`
    <fieldset part="section" class="section">
      <legend part="label">${ctx.t('general.legend')}</legend>
      <div class="grid">
        <div part="field" class="field">
          <label part="label" for=${ctx.uid('flow-name')}>${ctx.t('flowName.label')}</label>
          <input
            id=${ctx.uid('flow-name')}
            part="input"
            type="text"
            autocomplete="off"
            .value=${live(s.flowName)}
            aria-invalid=${nameError ? 'true' : 'false'}
            aria-describedby=${ctx.describedBy(nameError, ctx.uid('flow-name-hint'))}
            @input=${(e: Event) => {
              ctx.edit((st) => (st.flowName = (e.target as HTMLInputElement).value));
              ctx.clearFieldError('flowName');
            }}
          />
          ${ctx.renderError('flowName')}
          <p part="hint" class="hint" id=${ctx.uid('flow-name-hint')}>${ctx.t('flowName.hint')}</p>
        </div>
        <fieldset part="field" class="field plain">
          <legend part="label">${ctx.t('language.legend')}</legend>
          <div class="choice-row">
            ${(['nl', 'en'] as Language[]).map(
              (lang) => html`
                <label class="choice">
                  <input
                    type="radio"
                    name="language"
                    value=${lang}
                    .checked=${live(s.language === lang)}
                    aria-invalid=${langError ? 'true' : 'false'}
                    aria-describedby=${ctx.describedBy(langError)}
                    @change=${() => {
                      ctx.edit((st) => (st.language = lang));
                      ctx.clearFieldError('language');
                    }}
                  />
                  ${ctx.t(`language.${lang}`)}
                </label>
              `,
            )}
          </div>
          ${ctx.renderError('language')}
        </fieldset>
      </div>
      <fieldset part="field" class="field plain">
        <legend part="label">${ctx.t('emoji.legend')}</legend>
        <div class="scale">
          ${EMOJI_LEVELS.map(
            (level: EmojiLevel) => html`
              <label class="scale-option">
                <input
                  type="radio"
                  name="emojiUsage"
                  value=${level}
                  .checked=${live(s.emojiUsage === level)}
                  aria-invalid=${emojiError ? 'true' : 'false'}
                  aria-describedby=${ctx.describedBy(emojiError, ctx.uid('emoji-hint'), ctx.uid('emoji-example'))}
                  @change=${() => {
                    ctx.edit((st) => (st.emojiUsage = level));
                    ctx.clearFieldError('emojiUsage');
                  }}
                />
                ${s.emojiUsage === level ? html`<span class="scale-check" aria-hidden="true">✓</span>` : nothing}
                <span class="scale-level" aria-hidden="true">${level}</span>
                <span>${ctx.t(`emoji.${level}`)}</span>
              </label>
            `,
          )}
        </div>
        ${ctx.renderError('emojiUsage')}
        <p part="hint" class="hint" id=${ctx.uid('emoji-hint')}>${ctx.t('emoji.hint')}</p>
        <p class="example" id=${ctx.uid('emoji-example')}>
          <span class="example-label">${ctx.t('emoji.example')}:</span>
          ${s.emojiUsage ? ctx.t(`emoji.sample.${s.emojiUsage}`) : ctx.t('emoji.sample.none')}
        </p>
      </fieldset>
    </fieldset>
  `;
}
