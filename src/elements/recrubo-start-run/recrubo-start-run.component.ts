import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { RecruboElement } from '../../shared/recrubo-element.js';
import { Announcements } from '../../shared/announcer.js';
import { ElementTask, TaskStatus, initialState } from '../../shared/element-task.js';
import { isAbortError, isNotFoundError, type RecruboApiError } from '../../api/errors.js';
import { templateBodyText, templateParameterCount, templatePayload } from '../../api/message-templates.js';
import type { FlowRun, MessageTemplate } from '../../api/types.js';
import type { Api } from '../../api/index.js';
import { loadFormData, type FormData, type LoadState } from './load-form.js';
import { displayName, failureMessages, type Field } from './form-model.js';
import { formSkeleton, phoneField, previewFigure, templateChoice, valueFields, type FieldsContext } from './fields.js';
import { donePanel, schedulesField, type PanelHost } from './panels.js';
import { InviteError, Inviter, type InviteInput, type InviteTarget } from './invite.js';
import { normalizePhone, type PhoneResult } from './phone.js';
import { baseStyles } from '../../shared/base.styles.js';
import { formStyles } from '../../shared/form.styles.js';
import { startRunStyles } from './recrubo-start-run.styles.js';
import { startRunStrings, type StartRunKey } from './strings.js';
import { RecruboSchedulePickerElement } from '../recrubo-schedule-picker/recrubo-schedule-picker.component.js';
import { RecruboFlowRunStatusElement } from '../recrubo-flow-run-status/recrubo-flow-run-status.component.js';

type Phase = 'form' | 'sending-thread' | 'sending-run' | 'done';

let uidCounter = 0;

/**
 * The recruiter invites a candidate to a chatbot flow: the candidate's WhatsApp number (or an existing
 * `message-thread-id`), an approved WhatsApp template with its `{{n}}` values, and, when the flow's appointment
 * step is `scheduleMode: "custom"`, the schedules the candidate may book into (sent as `state.scheduleId`: a string
 * for one, an array for several). The message is shown as the candidate will read it while the recruiter types.
 *
 * One click sends at most one thread POST and one run POST, never retried by themselves: the thread is looked up
 * with `filter[identifier]` and only created when missing; if the run's POST fails, the error says the conversation
 * exists and "Send invitation" again starts the run on the same thread. Every POST carries an `Idempotency-Key`.
 * A 422 is shown next to the field it names. After success the new run's `<recrubo-flow-run-status>` badge takes the
 * form's place, with "Invite another candidate".
 *
 * Phone numbers: local forms are read in `default-country` (`06 12345678` → `+31612345678`), `+…` and `00…` are
 * international; a number that fits neither is refused before anything is sent. The thread identifier is the
 * E.164 number without `+` (the docs' `31612345678`).
 *
 * @summary Invite a candidate: start a chatbot run with a WhatsApp template.
 * @tag recrubo-start-run
 *
 * @attr {string} flow-id - The flow to start (required).
 * @attr {string} message-thread-id - An existing MessageThread to start the run in; no phone field then.
 * @attr {string} phone - Prefills the phone field.
 * @attr {string} default-country - ISO 3166 code for local phone numbers (default `NL`).
 * @attr {string} template-id - Use this template (it must be approved) instead of offering a choice.
 * @attr {string} candidate-name - Prefills the template's first parameter (until the recruiter edits it).
 * @attr {string} base-url - API root including `/public/v2` (shared configuration, spec §2).
 * @attr {string} api-key - Sandbox / local development key (shared configuration, never reflected).
 * @attr {string} lang - UI language, `en` or `nl`.
 *
 * @prop {FlowRun | undefined} run - Read-only: the run this element created (after success).
 *
 * @fires {CustomEvent<{ runId: string; flowId: string; messageThreadId: string; run: FlowRun }>} recrubo-run-created -
 *   The run was created (201); then the badge shows its live status.
 * @fires {CustomEvent<{ error: RecruboApiError }>} recrubo-error - Loading or sending failed for good.
 *
 * @csspart base - The wrapper of everything.
 * @csspart form - The form.
 * @csspart field - Each field's wrapper (phone, template, values, schedules).
 * @csspart input - The phone and value text inputs.
 * @csspart templates - The list of templates to choose from.
 * @csspart template - One template choice (name, language, text).
 * @csspart preview - The message as the candidate will read it.
 * @csspart bubble - The chat bubble of the preview.
 * @csspart field-error - A message next to its field.
 * @csspart error - The message of a failed load or invitation.
 * @csspart submit - The "Send invitation" button.
 * @csspart done - The success panel with the run's badge.
 * @csspart status - The new run's `<recrubo-flow-run-status>` badge.
 * @csspart another - The "Invite another candidate" button.
 * @csspart skeleton - The loading placeholder.
 *
 * @cssprop --recrubo-start-run-bubble - Background of the preview bubble (WhatsApp green by default).
 * @cssprop --recrubo-start-run-bubble-text - Text colour of the preview bubble.
 * @cssprop --recrubo-color-primary - Buttons, the chosen template and focus (and every other shared `--recrubo-*` token).
 */
export class RecruboStartRunElement extends RecruboElement<StartRunKey> {
  static override styles = [baseStyles, formStyles, startRunStyles];
  static override strings = startRunStrings;
  static override dependencies = {
    'recrubo-schedule-picker': RecruboSchedulePickerElement,
    'recrubo-flow-run-status': RecruboFlowRunStatusElement,
  };

  static override properties: PropertyDeclarations = {
    flowId: { attribute: 'flow-id' },
    messageThreadId: { attribute: 'message-thread-id' },
    phone: {},
    defaultCountry: { attribute: 'default-country' },
    templateId: { attribute: 'template-id' },
    candidateName: { attribute: 'candidate-name' },
    phase: { state: true },
    phoneText: { state: true },
    chosenTemplateId: { state: true },
    values: { state: true },
    scheduleIds: { state: true },
    fieldErrors: { state: true },
    formError: { state: true },
    created: { state: true },
  };

  declare flowId: string | undefined;
  declare messageThreadId: string | undefined;
  declare phone: string | undefined;
  declare defaultCountry: string | undefined;
  declare templateId: string | undefined;
  declare candidateName: string | undefined;

  declare private phase: Phase;
  declare private phoneText: string;
  declare private chosenTemplateId: string | undefined;
  declare private values: string[];
  declare private scheduleIds: string[];
  declare private fieldErrors: Partial<Record<Field, string>>;
  declare private formError: string | undefined;
  declare private created: { run: FlowRun; messageThreadId: string; phone?: string } | undefined;

  /** The first value follows `candidate-name` until the recruiter types in it. */
  private firstValueEdited = false;
  private phoneEdited = false;
  /** The flow and the templates, once per flow, template and configuration. */
  private readonly form = new ElementTask(this, {
    task: ([api, flowId, templateId], { signal }) =>
      flowId ? loadFormData(api, flowId, templateId || undefined, signal) : initialState,
    args: () => [this.api, this.flowId, this.templateId],
    onError: (error) => this.reportError(error),
  });
  /** The loaded data the template choice was last settled for. */
  private settledFor?: FormData;
  private readonly inviter = new Inviter();
  /** The invitation (the thread, then the run): one action at a time, stopped when the element leaves. */
  private readonly invitation = new ElementTask(this, {
    autoRun: false,
    task: ([api, input]: readonly [Api, InviteInput], { signal }) =>
      this.inviter.invite(api, input, signal, () => (this.phase = 'sending-run')),
  });
  private readonly uid = `rsr-${++uidCounter}`;

  constructor() {
    super();
    this.flowId = undefined;
    this.messageThreadId = undefined;
    this.phone = undefined;
    this.defaultCountry = undefined;
    this.templateId = undefined;
    this.candidateName = undefined;
    this.phase = 'form';
    this.phoneText = '';
    this.chosenTemplateId = undefined;
    this.values = [];
    this.scheduleIds = [];
    this.fieldErrors = {};
    this.formError = undefined;
    this.created = undefined;
    new Announcements(this, () => this.announcement());
  }

  /** The run this element created, after success. */
  get run(): FlowRun | undefined {
    return this.created?.run;
  }

  private get country(): string {
    return (this.defaultCountry || 'NL').toUpperCase();
  }

  private get load(): LoadState {
    if (!this.flowId) return { status: 'error', message: this.t('error.noFlow') };
    const { status, value: data } = this.form;
    const error = this.form.error as RecruboApiError | undefined;
    if (status === TaskStatus.COMPLETE && data) return { status: 'loaded', ...data };
    if (status === TaskStatus.ERROR && error) {
      const reason =
        isNotFoundError(error) && (error.url ?? '').includes('/flows/')
          ? this.t('error.flowMissing')
          : this.errorMessage(error);
      return { status: 'error', message: this.t('error.load', { reason }) };
    }
    return { status: 'loading' };
  }

  private get template(): MessageTemplate | undefined {
    if (this.load.status !== 'loaded') return undefined;
    return this.load.templates.find((t) => t.id === this.chosenTemplateId);
  }

  private get parameterCount(): number {
    const t = this.template;
    return t ? templateParameterCount(templateBodyText(t)) : 0;
  }

  // ---------------------------------------------------------------- lifecycle

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('phone') && !this.phoneEdited) this.phoneText = this.phone ?? '';
    if (changed.has('candidateName') && !this.firstValueEdited && this.values.length) {
      this.values = [this.candidateName ?? '', ...this.values.slice(1)];
    }
    // New templates loaded: keep the choice if it is still offered, else take the only (or the fixed) one.
    const data = this.form.status === TaskStatus.COMPLETE ? this.form.value : undefined;
    if (data && data !== this.settledFor) {
      this.settledFor = data;
      if (!data.templates.some((t) => t.id === this.chosenTemplateId))
        this.chooseTemplate(data.templates.length === 1 || this.templateId ? data.templates[0]?.id : undefined);
    }
  }

  private chooseTemplate(id: string | undefined): void {
    this.chosenTemplateId = id;
    const t = this.template;
    const count = t ? templateParameterCount(templateBodyText(t)) : 0;
    // Values already typed stay where they were; the first follows candidate-name until edited.
    const next = Array.from({ length: count }, (_, i) => this.values[i] ?? '');
    if (count && !this.firstValueEdited) next[0] = this.candidateName ?? next[0] ?? '';
    this.values = next;
    this.clearError('template');
    this.clearError('parameters');
  }

  // ---------------------------------------------------------------- public methods

  /** Validates and sends the invitation (what the button does). Resolves when done or refused. */
  async submit(): Promise<void> {
    // Synchronous guard: a double click, Enter held down or a second call while sending starts nothing.
    if (this.invitation.status === TaskStatus.PENDING || this.phase === 'done' || this.load.status !== 'loaded') return;
    const check = this.validate();
    if (!check) {
      await this.updateComplete;
      this.focusFirstError();
      return;
    }
    this.formError = undefined;
    this.phase = 'sending-thread';
    const { target, phone } = check;
    const kept = this.inviter.threadFor(target);
    if (kept) this.phase = 'sending-run';
    const template = this.template as MessageTemplate;
    const ids = this.scheduleIds;
    const state: Record<string, unknown> =
      this.load.scheduleMode === 'custom' ? { scheduleId: ids.length === 1 ? ids[0] : [...ids] } : {};
    const input: InviteInput = {
      flowId: this.flowId as string,
      target,
      state,
      initialMessage: templatePayload(
        template.id,
        this.values.map((v) => v.trim()),
      ) as unknown as Record<string, unknown>,
    };
    await this.invitation.run([this.api, input]);
    const { status, value: result, error } = this.invitation;
    if (status === TaskStatus.COMPLETE && result) {
      this.created = { run: result.run, messageThreadId: result.messageThreadId, phone };
      this.phase = 'done';
      this.emit('recrubo-run-created', {
        runId: result.run.id,
        flowId: result.run.flowId ?? (this.flowId as string),
        messageThreadId: result.messageThreadId,
        run: result.run,
      });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.done h2')?.focus();
      return;
    }
    if (this.phase === 'sending-thread' || this.phase === 'sending-run') this.phase = 'form';
    if (status !== TaskStatus.ERROR) return; // the element left the page: nothing failed
    const inviteError = error instanceof InviteError ? error : new InviteError('thread', error);
    if (isAbortError(inviteError.error)) return;
    this.showFailure(inviteError);
    this.reportError(inviteError.error);
  }

  /** Back to an empty form for the next candidate (what "Invite another candidate" does). */
  reset(): void {
    this.inviter.clear();
    this.created = undefined;
    this.phase = 'form';
    this.phoneEdited = false;
    this.phoneText = this.phone ?? '';
    this.firstValueEdited = false;
    this.values = this.values.map((_, i) => (i === 0 ? (this.candidateName ?? '') : ''));
    this.scheduleIds = [];
    this.fieldErrors = {};
    this.formError = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('input, [role="listbox"]')?.focus());
  }

  // ---------------------------------------------------------------- validation and errors

  private validate(): { target: InviteTarget; phone?: string } | undefined {
    const errors: Partial<Record<Field, string>> = {};
    let target: InviteTarget | undefined;
    let phone: string | undefined;
    if (this.messageThreadId) target = { messageThreadId: this.messageThreadId };
    else {
      const parsed: PhoneResult = normalizePhone(this.phoneText, this.country);
      if (parsed.ok) {
        target = { identifier: parsed.identifier, channel: 'whatsapp' };
        phone = parsed.e164;
      } else errors.phone = this.t(`phone.${parsed.problem}`, { country: this.countryName() });
    }
    if (!this.template) errors.template = this.t('template.required');
    const missing = this.values.findIndex((v) => !v.trim());
    if (this.template && missing >= 0) errors.parameters = this.t('parameter.required', { n: missing + 1 });
    if (this.load.status === 'loaded' && this.load.scheduleMode === 'custom' && !this.scheduleIds.length) {
      errors.schedules = this.t('schedules.required');
    }
    this.fieldErrors = errors;
    return Object.keys(errors).length || !target ? undefined : { target, phone };
  }

  private showFailure(err: InviteError): void {
    const { fieldErrors, formError } = failureMessages(err, (key, params) => this.t(key, params));
    this.fieldErrors = fieldErrors;
    this.formError = formError;
    void this.updateComplete.then(() => this.focusFirstError(true));
  }

  private clearError(field: Field): void {
    if (!this.fieldErrors[field]) return;
    const next = { ...this.fieldErrors };
    delete next[field];
    this.fieldErrors = next;
  }

  private focusFirstError(preferAlert = false): void {
    const order: Field[] = ['phone', 'template', 'parameters', 'schedules'];
    const field = order.find((f) => this.fieldErrors[f]);
    const target = field
      ? this.renderRoot.querySelector<HTMLElement>(`[data-field="${field}"]`)
      : preferAlert
        ? this.renderRoot.querySelector<HTMLElement>('.alert')
        : null;
    target?.focus();
  }

  private countryName(): string {
    return displayName(this.config.lang, 'region', this.country);
  }

  private languageName(code: string): string {
    return displayName(this.config.lang, 'language', code);
  }

  // ---------------------------------------------------------------- events from the form

  private onPhoneInput = (e: Event) => {
    this.phoneEdited = true;
    this.phoneText = (e.target as HTMLInputElement).value;
    this.clearError('phone');
  };

  private onValueInput(i: number, e: Event) {
    if (i === 0) this.firstValueEdited = true;
    const next = [...this.values];
    next[i] = (e.target as HTMLInputElement).value;
    this.values = next;
    this.clearError('parameters');
  }

  private onSchedules = (e: Event) => {
    this.scheduleIds = [...((e.target as HTMLElement & { values: string[] }).values ?? [])];
    this.clearError('schedules');
  };

  private onSubmit = (e: Event) => {
    e.preventDefault();
    void this.submit();
  };

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    return html`<div part="base" class="base" lang=${this.config.lang}>
      ${this.phase === 'done' ? this.renderDone() : this.load.status === 'loading' ? this.renderSkeleton() : this.load.status === 'error' ? this.renderLoadError(this.load.message) : this.renderForm()}
    </div>`;
  }

  private announcement(): string {
    if (this.phase === 'sending-thread') return this.t('sending.thread');
    if (this.phase === 'sending-run') return this.t('sending.run');
    if (this.phase === 'done') return this.t('done');
    if (this.load.status === 'loading') return this.t('common.loading');
    return '';
  }

  private renderSkeleton(): TemplateResult {
    return formSkeleton();
  }

  private renderLoadError(message: string): TemplateResult {
    return html`<div part="error" class="alert" role="alert">
      <p style="margin:0 0 .5rem">${message}</p>
      ${this.flowId ? html`<button type="button" class="secondary" @click=${() => void this.form.run()}>${this.t('common.retry')}</button>` : nothing}
    </div>`;
  }

  private fieldError(field: Field): TemplateResult | typeof nothing {
    const message = this.fieldErrors[field];
    return message
      ? html`<p part="field-error" class="field-error" id="${this.uid}-${field}-error">${message}</p>`
      : nothing;
  }

  private describedBy(field: Field, hint?: string): string {
    return [hint, this.fieldErrors[field] ? `${this.uid}-${field}-error` : ''].filter(Boolean).join(' ');
  }

  private renderForm(): TemplateResult {
    const load = this.load as Extract<LoadState, { status: 'loaded' }>;
    const sending = this.phase !== 'form';
    const noTemplate = load.refused
      ? this.t('template.notApproved', {
          name: load.refused.name ?? load.refused.id,
          status: load.refused.status ?? '?',
        })
      : !load.templates.length
        ? this.t('template.none')
        : undefined;
    return html`<form part="form" novalidate @submit=${this.onSubmit} aria-labelledby="${this.uid}-title" aria-busy=${sending ? 'true' : 'false'}>
      <h2 class="title" id="${this.uid}-title">${this.t('title')}</h2>
      ${this.renderPhone()}
      ${noTemplate ? html`<p part="error" class="alert" role="alert">${noTemplate}</p>` : this.renderTemplates(load.templates)}
      ${this.renderValues()} ${this.renderPreview()}
      ${load.scheduleMode === 'custom' ? this.renderSchedules() : nothing}
      ${this.formError ? html`<p part="error" class="alert" role="alert" tabindex="-1">${this.formError}</p>` : nothing}
      <div class="actions">
        <button part="submit" type="submit" aria-disabled=${sending || noTemplate ? 'true' : 'false'} ?disabled=${!!noTemplate}>
          ${sending ? this.t('sending') : this.t('submit')}
        </button>
      </div>
    </form>`;
  }

  private renderPhone(): TemplateResult {
    return phoneField(this.fieldsContext(), {
      messageThreadId: this.messageThreadId,
      value: this.phoneText,
      country: this.countryName(),
      onInput: this.onPhoneInput,
    });
  }

  /** What the form's fields need from the element (they live in fields.ts). */
  private fieldsContext(): FieldsContext {
    return {
      uid: this.uid,
      t: (key, params) => this.t(key, params),
      languageName: (code) => this.languageName(code),
      describedBy: (field, hint) => this.describedBy(field, hint),
      fieldError: (field) => this.fieldError(field),
      fieldErrors: this.fieldErrors,
    };
  }

  private renderTemplates(templates: MessageTemplate[]): TemplateResult {
    return templateChoice(this.fieldsContext(), templates, {
      fixed: !!this.templateId,
      chosenId: this.chosenTemplateId,
      choose: (id) => this.chooseTemplate(id),
    });
  }

  private renderValues(): TemplateResult | typeof nothing {
    const t = this.template;
    if (!t || !this.parameterCount) return nothing;
    return valueFields(this.fieldsContext(), t, this.parameterCount, this.values, (i, e) => this.onValueInput(i, e));
  }

  private renderPreview(): TemplateResult {
    const t = this.template;
    return previewFigure(this.fieldsContext(), t ? templateBodyText(t) : undefined, this.values);
  }

  private renderSchedules(): TemplateResult {
    return schedulesField(this.fieldsContext(), this.panelHost(), this.scheduleIds, this.onSchedules);
  }

  private renderDone(): TemplateResult {
    const created = this.created as NonNullable<typeof this.created>;
    return donePanel(this.fieldsContext(), this.panelHost(), created, () => this.reset());
  }

  /** What the nested elements inherit from this one. */
  private panelHost(): PanelHost {
    return {
      lang: this.config.lang,
      baseUrl: this.baseUrl,
      apiKey: this.apiKey,
      tokenProvider: this.tokenProvider,
      fetch: this.fetch,
    };
  }
}
