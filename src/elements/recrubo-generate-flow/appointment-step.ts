// The V2 appointment step: on or off, its language, fixed schedules (chosen with <recrubo-schedule-picker>) or
// `scheduleMode: "custom"`, and the NL/EN message overrides with the template variables each may use (unknown ones
// are flagged before anything is sent).
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  APPOINTMENT_MESSAGE_KEYS,
  COMMON_TEMPLATE_VARIABLES,
  findUnknownTemplateVariables,
  type AppointmentMessageKey,
  type Language,
} from '../../shared/vacancy-flow-rules.js';
import { sessionFieldsOf, type FormState } from './form-model.js';
import type { FormContext } from './form-context.js';

const MESSAGE_BASES = ['askDay', 'askSlot', 'noSlot', 'confirmSlotMessage', 'denyConfirmMessage'] as const;

/** What the step needs of the element: the configuration it hands to the picker, and the picker's events. */
export interface AppointmentHost {
  readonly lang: string;
  readonly baseUrl: string | undefined;
  readonly apiKey: string | undefined;
  readonly tokenProvider: (() => Promise<string>) | undefined;
  readonly fetch: typeof fetch | undefined;
  /** Whether the message overrides are shown (kept by the element across renders). */
  readonly messagesOpen: boolean;
  setMessagesOpen(open: boolean): void;
}

function onSchedulesChange(ctx: FormContext, e: Event): void {
  const value = String((e.target as HTMLElement & { value?: string }).value ?? '');
  if (value === ctx.state.appointment.scheduleIds) return;
  ctx.edit((s) => (s.appointment.scheduleIds = value));
  ctx.clearFieldError('extraOptions');
}

export function renderAppointmentStep(ctx: FormContext, host: AppointmentHost): TemplateResult {
  const a = ctx.state.appointment;
  const error = ctx.errorId('extraOptions');
  const editAppointment = (mutate: (a: FormState['appointment']) => void) => {
    ctx.edit((s) => mutate(s.appointment));
    ctx.clearFieldError('extraOptions');
  };
  return html`
    <fieldset part="section" class="section">
      <legend part="label">${ctx.t('appointment.legend')}</legend>
      <label class="choice">
        <input
          id=${ctx.uid('appointment-enabled')}
          type="checkbox"
          .checked=${live(a.enabled)}
          aria-invalid=${error && !(a.enabled && a.mode === 'fixed') ? 'true' : 'false'}
          aria-describedby=${ctx.describedBy(error && !(a.enabled && a.mode === 'fixed') ? error : undefined)}
          @change=${(e: Event) => editAppointment((ap) => (ap.enabled = (e.target as HTMLInputElement).checked))}
        />
        ${ctx.t('appointment.enable')}
      </label>
      ${
        a.enabled
          ? html`
            <div class="grid">
              <div part="field" class="field">
                <label part="label" for=${ctx.uid('appointment-language')}>${ctx.t('appointment.language.label')}</label>
                <select
                  id=${ctx.uid('appointment-language')}
                  part="input"
                  @change=${(e: Event) => editAppointment((ap) => (ap.language = (e.target as HTMLSelectElement).value as Language | ''))}
                >
                  <option value="" ?selected=${a.language === ''}>${ctx.t('appointment.language.default')}</option>
                  <option value="nl" ?selected=${a.language === 'nl'}>${ctx.t('language.nl')}</option>
                  <option value="en" ?selected=${a.language === 'en'}>${ctx.t('language.en')}</option>
                </select>
              </div>
              <fieldset part="field" class="field plain">
                <legend part="label">${ctx.t('appointment.mode.legend')}</legend>
                ${(['fixed', 'custom'] as const).map(
                  (mode) => html`
                    <label class="choice">
                      <input
                        type="radio"
                        name="scheduleMode"
                        value=${mode}
                        .checked=${live(a.mode === mode)}
                        @change=${() => editAppointment((ap) => (ap.mode = mode))}
                      />
                      ${ctx.t(`appointment.mode.${mode}`)}
                    </label>
                  `,
                )}
              </fieldset>
            </div>
            ${
              a.mode === 'fixed'
                ? html`<div part="field" class="field">
                  <recrubo-schedule-picker
                    id=${ctx.uid('schedules')}
                    multiple
                    name="scheduleIds"
                    lang=${host.lang}
                    label=${ctx.t('appointment.schedules.label')}
                    .baseUrl=${host.baseUrl}
                    .apiKey=${host.apiKey}
                    .tokenProvider=${host.tokenProvider}
                    .fetch=${host.fetch}
                    .value=${a.scheduleIds}
                    @change=${(e: Event) => onSchedulesChange(ctx, e)}
                    @input=${(e: Event) => onSchedulesChange(ctx, e)}
                  ></recrubo-schedule-picker>
                </div>`
                : html`<p part="hint" class="hint">${ctx.t('appointment.mode.customHint')}</p>
                  ${ctx.renderError('extraOptions')}`
            }
            ${renderMessages(ctx, host)}
          `
          : ctx.renderError('extraOptions')
      }
    </fieldset>
  `;
}

function renderMessages(ctx: FormContext, host: AppointmentHost): TemplateResult {
  const a = ctx.state.appointment;
  const own = sessionFieldsOf(ctx.state);
  return html`
    <details class="messages" ?open=${host.messagesOpen} @toggle=${(e: Event) => host.setMessagesOpen((e.target as HTMLDetailsElement).open)}>
      <summary>${ctx.t('appointment.messages.summary')}</summary>
      <p part="hint" class="hint">${ctx.t('appointment.messages.hint')}</p>
      ${MESSAGE_BASES.map((base) => {
        const variables = [
          ...COMMON_TEMPLATE_VARIABLES,
          ...APPOINTMENT_MESSAGE_KEYS[`${base}NL` as AppointmentMessageKey],
        ]
          .map((v) => `{{${v}}}`)
          .join(', ');
        return html`
          <div class="message-group">
            ${(['NL', 'EN'] as const).map((lang) => {
              const key = `${base}${lang}` as AppointmentMessageKey;
              const text = a.messages[key];
              const unknown = text ? findUnknownTemplateVariables(key, text, own) : [];
              return html`
                <div part="field" class="field">
                  <label part="label" for=${ctx.uid('msg-' + key)}
                    >${ctx.t('appointment.msg.label', { message: ctx.t(`appointment.msg.${base}`), language: ctx.t(`appointment.msg.${lang}`) })}</label
                  >
                  <textarea
                    id=${ctx.uid('msg-' + key)}
                    part="input"
                    rows="2"
                    lang=${lang.toLowerCase()}
                    .value=${live(text)}
                    aria-describedby=${ctx.describedBy(ctx.uid('vars-' + key), unknown.length ? ctx.uid('unknown-' + key) : undefined)}
                    @input=${(e: Event) => ctx.edit((s) => (s.appointment.messages[key] = (e.target as HTMLTextAreaElement).value))}
                  ></textarea>
                  <p part="hint" class="hint mono-hint" id=${ctx.uid('vars-' + key)}>${ctx.t('appointment.variables', { list: variables })}</p>
                  ${
                    unknown.length
                      ? html`<p class="warning-text" id=${ctx.uid('unknown-' + key)}>
                        ${ctx.t('appointment.unknownVariables', { list: unknown.map((v) => `{{${v}}}`).join(', ') })}
                      </p>`
                      : nothing
                  }
                </div>
              `;
            })}
          </div>
        `;
      })}
    </details>
  `;
}
