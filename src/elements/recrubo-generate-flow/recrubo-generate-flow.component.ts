import { html, type PropertyValues, type TemplateResult } from 'lit';
import { isAbortError, isRecruboApiError, type RecruboApiError } from '../../api/errors.js';
import { RepeatKey } from '../../api/idempotency.js';
import type { FlowGeneration, FlowGenerationInput } from '../../api/types.js';
import type { Lang } from '../../shared/config.js';
import { baseStyles } from '../../shared/base.styles.js';
import { now } from '../../shared/clock.js';
import { Countdown } from '../../shared/countdown.js';
import { formStyles } from '../../shared/form.styles.js';
import { RecruboElement } from '../../shared/recrubo-element.js';
import {
  REQUIREMENT_MAX_LENGTH,
  validateFlowGeneration,
  type ValidateOptions,
} from '../../shared/vacancy-flow-rules.js';
import { RecruboSchedulePickerElement } from '../recrubo-schedule-picker/recrubo-schedule-picker.component.js';
import { renderAppointmentStep, type AppointmentHost } from './appointment-step.js';
import { FormContext } from './form-context.js';
import {
  PREFILL_OWNERSHIP,
  buildPayload,
  cloneState,
  emptyState,
  prefillState,
  type FormState,
  type PrefillAttributes,
} from './form-model.js';
import { renderFailure, type SubmitFailure } from './failure-view.js';
import { renderGeneralSection, renderVacancySection } from './general-fields.js';
import { GenerationController } from './generation-controller.js';
import { renderPersonalFields } from './personal-fields.js';
import { progressStatusText, renderProgress } from './progress-view.js';
import { Announcements } from '../../shared/announcer.js';
import { renderRequirementList } from './requirement-list.js';
import { generateFlowStyles } from './recrubo-generate-flow.styles.js';
import { sectionStyles } from './sections.styles.js';
import { progressStyles } from './progress-view.styles.js';
import { generateFlowStrings, type GenerateFlowKey } from './strings.js';
import { RequirementSuggestions, suggestionStrings, type SuggestionKey } from './suggestions.js';
import { suggestionStyles } from './suggestions.styles.js';
import { ResultPreview, resultPreviewStrings, resultPreviewStyles, type ResultPreviewKey } from './result-preview.js';
import { mergeStrings } from '../../shared/i18n.js';

/**
 * A recruiter's form that generates a Recrubo chatbot flow (a FlowGeneration of type `vacancy_application_flow`)
 * for a vacancy, follows the generation until it is finished and hands over the new `flowId`.
 *
 * Every documented parameter has a control: the vacancy text (or an existing `vacancyId`), flow name, flow
 * language, emoji usage, knockout and preferred requirements (editable, reorderable lists of `{value, sessionField}`),
 * required and optional personal fields, and the V2 appointment step (fixed schedules chosen with
 * `<recrubo-schedule-picker>`, or `scheduleMode: "custom"`, with the NL/EN message overrides). The rules of
 * `vacancy_application_flow` run in the browser before anything is sent; a 422 is shown next to the field it names.
 * One click sends at most one POST, never retried by itself.
 *
 * The payload omits what is empty: `vacancyId`, `flowName`, `language`, `emojiUsage`, `optionalFields`,
 * `extraOptions`, an item's `sessionField`, and `context` when a `vacancyId` is used. `knockoutRequirements`,
 * `requiredFields` and `preferredRequirements` (documented as `[]` for none) are always sent.
 *
 * @summary Generate a chatbot flow for a vacancy and receive its flowId.
 * @tag recrubo-generate-flow
 *
 * @attr lang - UI language, `en` or `nl`.
 *
 *
 * @fires recrubo-generation-submit - Before the POST; cancelable (`preventDefault()`: nothing is sent). `detail.payload` may be edited or replaced; the edited payload is sent as it is.
 * @fires recrubo-generation-created - The POST answered 201: `{ generation }`.
 * @fires recrubo-generation-status-change - Every status seen: `{ generation, status, previousStatus }` (`previousStatus: null` the first time).
 * @fires recrubo-generation-finished - Once per generation, when `finished`: `{ generationId, flowId, cost, generation }`.
 * @fires recrubo-error - A request failed for good: `{ error }` (a RecruboApiError).
 *
 * @csspart form - The native `<form>`.
 * @csspart section - Each group of fields (a `<fieldset>`).
 * @csspart field - One field: label, control, hint and error.
 * @csspart label - A field's label or legend.
 * @csspart input - Every text input, textarea and select.
 * @csspart hint - A field's help text.
 * @csspart error - A validation message next to its control.
 * @csspart list - A requirement list (`<ol>`).
 * @csspart list-item - One requirement row.
 * @csspart button - Every secondary button (add, move, remove, retry, generate another).
 * @csspart submit - The Generate button.
 * @csspart alert - The form-level alert (invalid form, failed POST).
 * @csspart retry - The "Send again" button after a failed POST.
 * @csspart progress - The progress panel (stepper, status, elapsed time).
 * @csspart stepper - The list of steps queued → processing → finished.
 * @csspart step - One step of the stepper.
 * @csspart elapsed - The ticking elapsed-time counter.
 * @csspart result - The result: flow name, number of steps, cost and ids.
 * @csspart another - The "Generate another" button.
 * @csspart suggestions - The "Suggest requirements" block.
 * @csspart suggest - Its button.
 * @csspart suggestion-list - A list of suggestions (hard skills, soft skills, certifications).
 * @csspart suggestion - One suggestion.
 * @csspart suggestion-add - The "+ Knockout" and "+ Preferred" buttons.
 * @csspart suggestion-added - The mark of a suggestion already in the form.
 * @csspart preview - The "Preview the chatbot" disclosure under a finished result.
 * @csspart preview-summary - Its summary (the toggle).
 * @csspart edit-button - "Edit the chatbot" under the preview of a finished result.
 * @csspart editor - The `<recrubo-flow-editor>` section that replaces the preview after "Edit the chatbot".
 *
 * @cssprop --recrubo-font-family - Font (default: inherited).
 * @cssprop --recrubo-color-text - Text colour.
 * @cssprop --recrubo-color-muted - Hints and secondary text.
 * @cssprop --recrubo-color-surface - Background of the form and panels.
 * @cssprop --recrubo-color-surface-alt - Background of sections and list rows.
 * @cssprop --recrubo-color-border - Borders of fields and sections.
 * @cssprop --recrubo-color-primary - Buttons, focus, the current step.
 * @cssprop --recrubo-color-on-primary - Text on primary buttons.
 * @cssprop --recrubo-color-danger - Errors.
 * @cssprop --recrubo-color-success - Finished steps and the result.
 * @cssprop --recrubo-color-warning - Warnings (unknown template variables, "may have been created").
 * @cssprop --recrubo-color-info - Information.
 * @cssprop --recrubo-radius - Corner radius.
 * @cssprop --recrubo-focus-ring - Focus outline (a box-shadow).
 * @cssprop --recrubo-spacing - Base spacing unit.
 */
export class RecruboGenerateFlowElement extends RecruboElement<GenerateFlowKey | SuggestionKey | ResultPreviewKey> {
  static override styles = [
    baseStyles,
    formStyles,
    generateFlowStyles,
    sectionStyles,
    progressStyles,
    suggestionStyles,
    resultPreviewStyles,
  ];
  static override strings = mergeStrings(generateFlowStrings, suggestionStrings, resultPreviewStrings);
  /** The appointment step renders the schedule picker (the result's preview loads its own code when shown). */
  static override dependencies = { 'recrubo-schedule-picker': RecruboSchedulePickerElement };

  static override properties = {
    flowType: { attribute: 'flow-type' },
    flowName: { attribute: 'flow-name' },
    language: {},
    emojiUsage: { attribute: 'emoji-usage' },
    vacancyId: { attribute: 'vacancy-id' },
    vacancyText: { attribute: 'vacancy-text' },
    scheduleIds: { attribute: 'schedule-ids' },
    scheduleMode: { attribute: 'schedule-mode' },
    sync: { type: Boolean },
    pollInterval: { attribute: 'poll-interval', type: Number },
    generationId: { attribute: 'generation-id' },
    parameters: { attribute: false },
    context: { attribute: false },
    formState: { state: true },
    sending: { state: true },
    failure: { state: true },
    messagesOpen: { state: true },
  };

  /** The flow type (default `vacancy_application_flow`, the only documented one). */
  declare flowType: string | undefined;
  /** Prefill: the flow's name (`parameters.flowName`). */
  declare flowName: string | undefined;
  /** Prefill: the chatbot's language, `nl` or `en` (`parameters.language`). Not the UI language (`lang`). */
  declare language: string | undefined;
  /** Prefill: `0` (none) to `5` (lots) (`parameters.emojiUsage`, sent as a string). */
  declare emojiUsage: string | undefined;
  /** Prefill: an existing Recrubo vacancy to use instead of the vacancy text (`parameters.vacancyId`). */
  declare vacancyId: string | undefined;
  /** Prefill: the vacancy text (`context.value`). */
  declare vacancyText: string | undefined;
  /** Prefill: comma list of schedule ids; turns the appointment step on with fixed schedules. */
  declare scheduleIds: string | undefined;
  /** Prefill: `fixed` or `custom` (`custom` turns the appointment step on, schedules per run). */
  declare scheduleMode: string | undefined;
  /** POST with `?sync=true` (sandbox only: the answer waits until the flow is generated). */
  declare sync: boolean;
  /** Base interval (ms) of the status checks while waiting (default 2000): half of it just after a change, up to four times it while nothing moves. */
  declare pollInterval: number | undefined;
  /** Follow an existing generation (e.g. after a page reload): shows its progress or result. */
  declare generationId: string | undefined;
  /** Prefill every documented parameter at once (the `parameters` of a FlowGeneration). Attributes win over it. */
  declare parameters: Record<string, unknown> | undefined;
  /** Prefill `{ type: "text", value }` (the vacancy text). */
  declare context: Record<string, unknown> | undefined;

  declare private formState: FormState;
  declare private sending: boolean;
  declare private failure: SubmitFailure | undefined;
  declare private messagesOpen: boolean;

  private appliedPrefill: Record<string, unknown> = {};
  /** One `Idempotency-Key` per click; "Send again" after no answer re-sends it (the sandbox then answers once). */
  private readonly repeat = new RepeatKey();
  /** After a 429 with Retry-After: "Send again" waits, counting down. */
  private readonly retryWait = new Countdown(this);
  private pickerMessage = '';

  private readonly form: FormContext = new FormContext(
    {
      element: this,
      whenUpdated: () => this.updateComplete,
      requestUpdate: () => this.requestUpdate(),
      t: (key, params) => this.t(key, params),
      text: (key) => this.lookup(key),
    },
    // An edit applies on top of a prefill set since the last update (it would otherwise overwrite the edit then).
    () => (this.flushPrefill(), this.formState),
    (state) => (this.formState = state),
  );

  private readonly suggestions = new RequirementSuggestions(this, this.form);
  private readonly resultPreview = new ResultPreview();

  private readonly follower = new GenerationController(this, {
    pollInterval: () => this.pollInterval,
    onError: (error) => this.reportError(error),
    focus: (heading, force) => {
      if (force || this.form.hasFocusInside()) void this.form.focusLater(`#${this.form.uid(heading)}`);
    },
  });

  constructor() {
    super();
    // The generation's status, spoken through the page's announcer while one is followed.
    new Announcements(this, () =>
      this.follower.watchId === undefined ? '' : progressStatusText(this.form, this.follower),
    );
    this.flowType = undefined;
    this.flowName = undefined;
    this.language = undefined;
    this.emojiUsage = undefined;
    this.vacancyId = undefined;
    this.vacancyText = undefined;
    this.scheduleIds = undefined;
    this.scheduleMode = undefined;
    this.sync = false;
    this.pollInterval = undefined;
    this.generationId = undefined;
    this.parameters = undefined;
    this.context = undefined;
    this.formState = emptyState();
    this.sending = false;
    this.failure = undefined;
    this.messagesOpen = false;
  }

  // ---------------------------------------------------------------- public API

  /** Read-only: the latest FlowGeneration (`{ id, ...attributes }`). */
  get generation(): FlowGeneration | undefined {
    return this.follower.latest;
  }

  /** Read-only: exactly the `{ flowType, parameters, context }` that submit() would send now (a fresh copy). */
  get payload(): FlowGenerationInput {
    return buildPayload(this.prefilled().state);
  }

  /** Validates, fires `recrubo-generation-submit` and POSTs. Resolves when the POST has answered (or was not sent). */
  async submit(): Promise<void> {
    if (this.sending || this.follower.watchId !== undefined) return;
    this.flushPrefill();
    const violations = validateFlowGeneration(buildPayload(this.formState), this.ruleOptions());
    if (violations.length) {
      this.form.showViolations(violations);
      return;
    }
    this.form.clearErrors();
    const detail = { payload: buildPayload(this.formState) };
    if (!this.emit('recrubo-generation-submit', detail, { cancelable: true })) return;
    // The host may have replaced or edited the payload: that is what is sent, without a second check.
    await this.post(detail.payload);
  }

  /** Back to the form with the prefilled values (attributes, `parameters`, `context`); stops following a generation. */
  reset(): void {
    this.appliedPrefill = {};
    this.formState = emptyState();
    this.flushPrefill();
    this.form.clearErrors();
    this.failure = undefined;
    this.follower.stop();
  }

  /** True when the rules find nothing to complain about (shows nothing). */
  checkValidity(): boolean {
    return validateFlowGeneration(this.payload, this.ruleOptions()).length === 0;
  }

  /** Like checkValidity(), and shows the messages next to their fields and focuses the first invalid one. */
  reportValidity(): boolean {
    const violations = validateFlowGeneration(this.payload, this.ruleOptions());
    if (violations.length) this.form.showViolations(violations);
    else this.form.clearErrors();
    return violations.length === 0;
  }

  /**
   * The schedule ids the picker knows, once it has found a chosen one it does not (its "unknown schedule" chip), so
   * the rules catch that before a POST that the server would refuse with a 422.
   */
  private ruleOptions(): ValidateOptions {
    const picker = this.renderRoot?.querySelector?.<RecruboSchedulePickerElement>('recrubo-schedule-picker');
    const unknown = picker?.unknownValues;
    const limit = { maxRequirementLength: REQUIREMENT_MAX_LENGTH };
    if (!unknown?.length) return limit;
    return { ...limit, scheduleIds: (picker!.values ?? []).filter((id) => !unknown.includes(id)) };
  }

  // ---------------------------------------------------------------- lifecycle

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.flushPrefill();
    if (changed.has('generationId') && this.generationId) this.follower.follow(this.generationId);
  }

  protected override updated(): void {
    // The picker shows its own validation message (inside its shadow root, tied to its listbox).
    const picker = this.shadowRoot?.querySelector<RecruboSchedulePickerElement>('recrubo-schedule-picker');
    if (!picker || typeof picker.setCustomValidity !== 'function') return;
    const message = this.form.errorFor('extraOptions')?.message ?? this.form.errors.extraOptions?.[0]?.message ?? '';
    if (message === this.pickerMessage) return;
    this.pickerMessage = message;
    picker.setCustomValidity(message);
    if (message) picker.checkValidity(); // fires `invalid`: the picker shows the message
  }

  // ---------------------------------------------------------------- prefill

  private prefillInputs(): Record<string, unknown> {
    return {
      flowType: this.flowType,
      flowName: this.flowName,
      language: this.language,
      emojiUsage: this.emojiUsage,
      vacancyId: this.vacancyId,
      vacancyText: this.vacancyText,
      context: this.context,
      scheduleIds: this.scheduleIds,
      scheduleMode: this.scheduleMode,
      parameters: this.parameters,
    };
  }

  /**
   * The form with the parts owned by a prefill input that changed since the last time (and only those) applied
   * again. Computes, changes nothing: `payload` reads it, `flushPrefill()` keeps it.
   */
  private prefilled(): { state: FormState; inputs?: Record<string, unknown> } {
    const inputs = this.prefillInputs();
    const changed = Object.keys(inputs).filter((k) => inputs[k] !== this.appliedPrefill[k]);
    if (!changed.length) return { state: this.formState };
    const fresh = prefillState(inputs as PrefillAttributes, this.parameters, this.context);
    const next = cloneState(this.formState);
    for (const key of changed) {
      for (const part of PREFILL_OWNERSHIP[key] ?? [])
        (next as unknown as Record<string, unknown>)[part] = structuredClone(fresh[part]);
    }
    return { state: next, inputs };
  }

  private flushPrefill(): void {
    const { state, inputs } = this.prefilled();
    if (!inputs) return;
    this.appliedPrefill = inputs;
    this.formState = state;
  }

  // ---------------------------------------------------------------- sending

  private async post(payload: FlowGenerationInput): Promise<void> {
    this.sending = true;
    this.failure = undefined;
    this.form.alert = '';
    const sentAt = now();
    let generation: FlowGeneration;
    try {
      const idempotencyKey = this.repeat.for(payload);
      generation = await this.api.flowGenerations.create(payload, {
        sync: this.sync,
        signal: this.signal,
        idempotencyKey,
      });
      this.repeat.settle();
    } catch (error) {
      this.repeat.settle(error);
      this.sending = false;
      if (isAbortError(error)) return;
      const apiError = error as RecruboApiError;
      if (isRecruboApiError(apiError) && apiError.status === 422) this.form.showServerErrors(apiError);
      else {
        // An answer (4xx/5xx) means nothing was created; no answer, or an unreadable one, means it may have been.
        const answered = isRecruboApiError(apiError) && apiError.status !== undefined && apiError.kind !== 'parse';
        this.failure = { error: apiError, maybeCreated: !answered };
        this.retryWait.start(apiError.status === 429 ? apiError.retryAfter : 0);
        void this.form.focusLater(`#${this.form.uid('alert')}`);
      }
      this.reportError(error);
      return;
    }
    this.sending = false;
    this.emit('recrubo-generation-created', { generation });
    this.follower.start(generation, sentAt);
  }

  private retry = (): void => {
    if (this.retryWait.running) return;
    this.failure = undefined;
    void this.submit();
  };

  private generateAnother = (): void => {
    this.failure = undefined;
    this.form.clearErrors();
    this.follower.stop();
    void this.form.focusLater(`#${this.form.uid('flow-name')}`);
  };

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const lang = this.config.lang;
    const ctx = this.form;
    return html`
      ${
        this.follower.watchId === undefined
          ? this.renderForm(lang)
          : renderProgress(ctx, {
              lang,
              generation: this.follower,
              errorMessage: (error) => this.errorMessage(error),
              another: this.generateAnother,
              preview: (flowId) => this.resultPreview.render(this, flowId),
            })
      }
    `;
  }

  private onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.submit();
  };

  private renderForm(lang: Lang): TemplateResult {
    const ctx = this.form;
    const alert = ctx.alert;
    const appointment: AppointmentHost = {
      lang,
      baseUrl: this.baseUrl,
      apiKey: this.apiKey,
      tokenProvider: this.tokenProvider,
      fetch: this.fetch,
      messagesOpen: this.messagesOpen,
      setMessagesOpen: (open) => (this.messagesOpen = open),
    };
    return html`
      <form part="form" novalidate aria-label=${this.t('form.label')} @submit=${this.onSubmit}>
        ${renderVacancySection(ctx)} ${this.suggestions.render()} ${renderGeneralSection(ctx)} ${renderRequirementList(ctx, 'knockoutRequirements')}
        ${renderRequirementList(ctx, 'preferredRequirements')} ${renderPersonalFields(ctx)} ${renderAppointmentStep(ctx, appointment)}
        <div class="actions">
          <button
            type="submit"
            part="submit"
            class="primary"
            aria-disabled=${this.sending ? 'true' : 'false'}
            aria-busy=${this.sending ? 'true' : 'false'}
          >
            ${this.sending ? html`<span class="spinner" aria-hidden="true"></span>${this.t('submit.busy')}` : this.t('submit')}
          </button>
        </div>
        <div
          id=${ctx.uid('alert')}
          part="alert"
          class="alert ${alert || this.failure ? 'shown' : ''} ${this.failure?.maybeCreated ? 'warning' : ''}"
          role="alert"
          tabindex="-1"
        >
          ${this.failure ? renderFailure(ctx, lang, this.failure, this.retryWait.seconds, this.retry) : alert}
        </div>
      </form>
    `;
  }
}
