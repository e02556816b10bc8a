// The personal fields a chatbot asks for (first name, e-mail, …): per field not asked, required or optional, and the
// session key its answer is stored under. Fields newly asked go last, after the prefilled ones.
import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { PERSONAL_FIELDS, type PersonalField } from '../../shared/vacancy-flow-rules.js';
import { suggestPersonalSessionField, type PersonalMode } from './form-model.js';
import type { FormContext } from './form-context.js';

function setPersonalMode(ctx: FormContext, field: PersonalField, mode: PersonalMode): void {
  ctx.edit((s) => {
    const choice = s.personal[field];
    if (choice.mode === 'none' && mode !== 'none') {
      // Newly asked fields go last, after those prefilled or chosen before.
      choice.rank = Math.max(
        0,
        ...PERSONAL_FIELDS.map((f) => (s.personal[f].mode !== 'none' ? s.personal[f].rank + 1 : 0)),
      );
    }
    choice.mode = mode;
  });
  ctx.clearFieldError('requiredFields');
  ctx.clearFieldError('optionalFields');
}

export function renderPersonalFields(ctx: FormContext): TemplateResult {
  const s = ctx.state;
  const errIds = [ctx.errorId('requiredFields'), ctx.errorId('optionalFields')];
  const invalid = errIds.some(Boolean);
  return html`
    <fieldset part="section" class="section">
      <legend part="label">${ctx.t('personal.legend')}</legend>
      <p part="hint" class="hint">${ctx.t('personal.hint')}</p>
      <table class="personal">
        <thead>
          <tr>
            <th scope="col">${ctx.t('personal.column.field')}</th>
            <th scope="col">${ctx.t('personal.column.ask')}</th>
            <th scope="col">${ctx.t('personal.column.key')}</th>
          </tr>
        </thead>
        <tbody>
          ${PERSONAL_FIELDS.map((field) => {
            const choice = s.personal[field];
            const label = ctx.t(`personal.field.${field}`);
            return html`
              <tr class=${choice.mode}>
                <th scope="row"><label for=${ctx.uid(`personal-${field}-mode`)}>${label}</label></th>
                <td>
                  <select
                    id=${ctx.uid(`personal-${field}-mode`)}
                    part="input"
                    aria-invalid=${invalid ? 'true' : 'false'}
                    aria-describedby=${ctx.describedBy(...errIds)}
                    @change=${(e: Event) => setPersonalMode(ctx, field, (e.target as HTMLSelectElement).value as PersonalMode)}
                  >
                    ${(['none', 'required', 'optional'] as PersonalMode[]).map(
                      (mode) =>
                        html`<option value=${mode} ?selected=${choice.mode === mode}>${ctx.t(`personal.mode.${mode}`)}</option>`,
                    )}
                  </select>
                </td>
                <td>
                  <input
                    part="input"
                    class="mono"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    aria-label=${ctx.t('personal.key.label', { field: label })}
                    placeholder=${suggestPersonalSessionField(field)}
                    ?disabled=${choice.mode === 'none'}
                    .value=${live(choice.sessionField)}
                    @input=${(e: Event) => ctx.edit((st) => (st.personal[field].sessionField = (e.target as HTMLInputElement).value))}
                  />
                </td>
              </tr>
            `;
          })}
        </tbody>
      </table>
      ${ctx.renderError('requiredFields')} ${ctx.renderError('optionalFields')}
    </fieldset>
  `;
}
