import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { live } from 'lit/directives/live.js';
import { RecruboElement } from '../../shared/recrubo-element.js';
import { ResourceController } from '../../shared/resource-controller.js';
import { isAbortError, isNotFoundError, isRecruboApiError, type RecruboApiError } from '../../api/errors.js';
import type { Flow, FlowGeneration, FlowGenerationInput, FlowGenerationStatus } from '../../api/types.js';
import {
  APPOINTMENT_MESSAGE_KEYS,
  COMMON_TEMPLATE_VARIABLES,
  EMOJI_LEVELS,
  PERSONAL_FIELDS,
  blankText,
  findUnknownTemplateVariables,
  invalidFieldsText,
  invalidItemsText,
  invalidParameterText,
  suggestSessionField,
  unknownScheduleText,
  validateFlowGeneration,
  type AppointmentMessageKey,
  type EmojiLevel,
  type Language,
  type PersonalField,
  type RuleViolation,
} from '../../shared/vacancy-flow-rules.js';
import {
  PREFILL_OWNERSHIP,
  buildPayload,
  cloneState,
  emptyState,
  newItem,
  prefillState,
  sessionFieldsOf,
  suggestPersonalSessionField,
  type FormState,
  type ListItem,
  type PersonalMode,
  type PrefillAttributes,
  type RequirementListName,
} from './form-model.js';
import { baseStyles } from '../../shared/base.styles.js';
import { RecruboSchedulePickerElement } from '../recrubo-schedule-picker/recrubo-schedule-picker.component.js';
import { formatElapsed, formatNumber, plural } from '../../shared/format.js';
import { generateFlowStyles } from './recrubo-generate-flow.styles.js';
import { generateFlowStrings, type GenerateFlowKey } from './strings.js';

/** A message shown next to a control (`index`: the list item at fault). */
interface FieldError {
  message: string;
  index?: number;
}

/** A POST that failed with no field to blame: whether the generation may exist decides what we tell the user. */
interface SubmitFailure {
  error: RecruboApiError;
  maybeCreated: boolean;
}

type View = 'form' | 'progress';

/** Fields that have a control, in the order they appear (the first invalid one gets focus). */
const FIELD_ORDER = [
  'context',
  'vacancyId',
  'flowName',
  'language',
  'emojiUsage',
  'knockoutRequirements',
  'preferredRequirements',
  'requiredFields',
  'optionalFields',
  'extraOptions',
] as const;
const FIELDS_WITH_CONTROL = new Set<string>(FIELD_ORDER);

const STATUS_ORDER: FlowGenerationStatus[] = ['queued', 'processing', 'finished'];
const MESSAGE_BASES = ['askDay', 'askSlot', 'noSlot', 'confirmSlotMessage', 'denyConfirmMessage'] as const;
const DEFAULT_POLL_INTERVAL = 2000;

/** From `createdAt` to `updatedAt` (the last change, here the finish), when the server sent both. */
function serverDuration(g: FlowGeneration): number | undefined {
  const ms = Date.parse(g.updatedAt ?? '') - Date.parse(g.createdAt ?? '');
  return ms >= 0 ? ms : undefined;
}

/** The rule texts of vacancy-flow-rules.ts, read back from a 422 `detail` to get the violation code. */
function codeFromDetail(field: string, detail: string | undefined): RuleViolation['code'] | undefined {
  if (!detail) return undefined;
  if (detail === blankText(field)) return 'blank';
  if (detail === unknownScheduleText(field)) return 'unknown_schedule';
  if ([invalidFieldsText(field), invalidItemsText(field), invalidParameterText(field)].includes(detail)) return 'invalid';
  return undefined;
}

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
 * @attr flow-type - The flow type (default `vacancy_application_flow`, the only documented one).
 * @attr flow-name - Prefill: the flow's name (`parameters.flowName`).
 * @attr language - Prefill: the chatbot's language, `nl` or `en` (`parameters.language`). Not the UI language (`lang`).
 * @attr emoji-usage - Prefill: `0` (none) to `5` (lots) (`parameters.emojiUsage`, sent as a string).
 * @attr vacancy-id - Prefill: an existing Recrubo vacancy to use instead of the vacancy text (`parameters.vacancyId`).
 * @attr vacancy-text - Prefill: the vacancy text (`context.value`).
 * @attr schedule-ids - Prefill: comma list of schedule ids; turns the appointment step on with fixed schedules.
 * @attr schedule-mode - Prefill: `fixed` or `custom` (`custom` turns the appointment step on, schedules per run).
 * @attr sync - Boolean: POST with `?sync=true` (sandbox only: the answer waits until the flow is generated).
 * @attr poll-interval - Base interval (ms) of the status checks while waiting (default 2000): half of it just after a change, up to four times it while nothing moves.
 * @attr generation-id - Follow an existing generation (e.g. after a page reload): shows its progress or result.
 * @attr base-url - API root including `/public/v2`.
 * @attr api-key - Sandbox / local development only; never reflected.
 * @attr lang - UI language, `en` or `nl`.
 *
 * @prop {object} parameters - Prefill every documented parameter at once (the `parameters` of a FlowGeneration). Attributes win over it.
 * @prop {object} context - Prefill `{ type: "text", value }` (the vacancy text).
 * @prop {FlowGeneration | undefined} generation - Read-only: the latest FlowGeneration (`{ id, ...attributes }`).
 * @prop {FlowGenerationInput} payload - Read-only: exactly the `{ flowType, parameters, context }` that submit() would send now.
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
export class RecruboGenerateFlowElement extends RecruboElement<GenerateFlowKey> {
  static override styles = [baseStyles, generateFlowStyles];
  static override strings = generateFlowStrings;
  /** The appointment step renders the schedule picker. */
  static override dependencies = { 'recrubo-schedule-picker': RecruboSchedulePickerElement };

  static override properties: PropertyDeclarations = {
    ...RecruboElement.properties,
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
    view: { state: true },
    sending: { state: true },
    errors: { state: true },
    formAlert: { state: true },
    failure: { state: true },
    announcement: { state: true },
    elapsedMs: { state: true },
    flow: { state: true },
    stepCount: { state: true },
    flowError: { state: true },
    messagesOpen: { state: true },
  };

  declare flowType: string | undefined;
  declare flowName: string | undefined;
  declare language: string | undefined;
  declare emojiUsage: string | undefined;
  declare vacancyId: string | undefined;
  declare vacancyText: string | undefined;
  declare scheduleIds: string | undefined;
  declare scheduleMode: string | undefined;
  declare sync: boolean;
  declare pollInterval: number | undefined;
  declare generationId: string | undefined;
  declare parameters: Record<string, unknown> | undefined;
  declare context: Record<string, unknown> | undefined;

  declare private formState: FormState;
  declare private view: View;
  declare private sending: boolean;
  declare private errors: Record<string, FieldError[]>;
  declare private formAlert: string;
  declare private failure: SubmitFailure | undefined;
  declare private announcement: string;
  declare private elapsedMs: number;
  declare private flow: Flow | undefined;
  declare private stepCount: number | undefined;
  declare private flowError: RecruboApiError | undefined;
  declare private messagesOpen: boolean;

  /** The generation being followed (created here, or resumed with `generation-id`). */
  private watchId: string | undefined;
  private latest: FlowGeneration | undefined;
  private readonly seenStatus = new Map<string, FlowGenerationStatus>();
  /** Generations seen finished, by id: they are not polled again, and showing one again needs no request. */
  private readonly finished = new Map<string, FlowGeneration>();
  /** The last poll of the followed generation failed (recrubo-error once per streak of failures, not per poll). */
  private watchFailing = false;
  /** Following a generation this element did not POST (`generation-id`): its clock starts at its `createdAt`. */
  private resumed = false;
  private appliedPrefill: Record<string, unknown> = {};
  private timer: ReturnType<typeof setInterval> | undefined;
  private timerStart = 0;
  private timerRunning = false;
  private flowLoadFor: string | undefined;
  private pickerMessage = '';
  private idBase = `rgf-${Math.random().toString(36).slice(2, 8)}`;

  private readonly watcher = new ResourceController(this, 'flowGenerations', {
    id: () => (this.view === 'progress' && !this.finished.has(this.watchId ?? '') ? this.watchId : undefined),
    interval: () => this.pollInterval || DEFAULT_POLL_INTERVAL,
    onChange: (snapshot) => this.receiveSnapshot(snapshot.data, snapshot.error),
  });

  constructor() {
    super();
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
    this.view = 'form';
    this.sending = false;
    this.errors = {};
    this.formAlert = '';
    this.failure = undefined;
    this.announcement = '';
    this.elapsedMs = 0;
    this.flow = undefined;
    this.stepCount = undefined;
    this.flowError = undefined;
    this.messagesOpen = false;
  }

  // ---------------------------------------------------------------- public API

  /** The latest FlowGeneration (read-only). */
  get generation(): FlowGeneration | undefined {
    return this.latest;
  }

  /** Exactly the `{ flowType, parameters, context }` that `submit()` would send now (a fresh copy). */
  get payload(): FlowGenerationInput {
    this.flushPrefill();
    return buildPayload(this.formState);
  }

  /** Validates, fires `recrubo-generation-submit` and POSTs. Resolves when the POST has answered (or was not sent). */
  async submit(): Promise<void> {
    if (this.sending || this.view !== 'form') return;
    this.flushPrefill();
    const violations = validateFlowGeneration(buildPayload(this.formState), this.ruleOptions());
    if (violations.length) {
      this.showViolations(violations);
      return;
    }
    this.clearErrors();
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
    this.clearErrors();
    this.failure = undefined;
    this.toForm();
  }

  /** True when the rules find nothing to complain about (shows nothing). */
  checkValidity(): boolean {
    return validateFlowGeneration(this.payload, this.ruleOptions()).length === 0;
  }

  /** Like checkValidity(), and shows the messages next to their fields and focuses the first invalid one. */
  reportValidity(): boolean {
    const violations = validateFlowGeneration(this.payload, this.ruleOptions());
    if (violations.length) this.showViolations(violations);
    else this.clearErrors();
    return violations.length === 0;
  }

  /**
   * The schedule ids the picker knows, once it has found a chosen one it does not (its "unknown schedule" chip), so
   * the rules catch that before a POST that the server would refuse with a 422.
   */
  private ruleOptions(): { scheduleIds?: string[] } {
    const picker = this.renderRoot?.querySelector?.('recrubo-schedule-picker') as (HTMLElement & { unknownValues?: string[]; values?: string[] }) | null;
    const unknown = picker?.unknownValues;
    if (!unknown?.length) return {};
    return { scheduleIds: (picker!.values ?? []).filter((id) => !unknown.includes(id)) };
  }

  // ---------------------------------------------------------------- lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.timerRunning) this.startTicker(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker(false);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.flushPrefill();
    if (changed.has('generationId') && this.generationId) this.follow(this.generationId);
  }

  protected override updated(): void {
    // The picker shows its own validation message (inside its shadow root, tied to its listbox).
    const picker = this.shadowRoot?.querySelector<HTMLElement & { setCustomValidity(m: string): void; checkValidity(): boolean }>(
      'recrubo-schedule-picker',
    );
    if (!picker || typeof picker.setCustomValidity !== 'function') return;
    const message = this.errorFor('extraOptions')?.message ?? this.errors.extraOptions?.[0]?.message ?? '';
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

  /** Re-applies the parts of the form owned by a prefill input that changed since the last time (and only those). */
  private flushPrefill(): void {
    const inputs = this.prefillInputs();
    const changed = Object.keys(inputs).filter((k) => inputs[k] !== this.appliedPrefill[k]);
    if (!changed.length) return;
    this.appliedPrefill = inputs;
    const fresh = prefillState(inputs as PrefillAttributes, this.parameters, this.context);
    const next = cloneState(this.formState);
    for (const key of changed) {
      for (const part of PREFILL_OWNERSHIP[key] ?? []) (next as unknown as Record<string, unknown>)[part] = structuredClone(fresh[part]);
    }
    this.formState = next;
  }

  // ---------------------------------------------------------------- editing

  private edit(mutate: (s: FormState) => void): void {
    const next = cloneState(this.formState);
    mutate(next);
    this.formState = next;
  }

  private clearFieldError(field: string): void {
    if (!this.errors[field]) return;
    const { [field]: _gone, ...rest } = this.errors;
    this.errors = rest;
    // The last highlighted field is fixed: the summary has nothing left to point at.
    if (Object.keys(rest).length === 0) this.formAlert = '';
  }

  private addItem(list: RequirementListName): void {
    const item = newItem();
    this.edit((s) => s[list].push(item));
    this.clearFieldError(list);
    void this.focusLater(`#${this.itemId(list, item.key, 'value')}`);
  }

  private removeItem(list: RequirementListName, key: number): void {
    const items = this.formState[list];
    const index = items.findIndex((i) => i.key === key);
    if (index < 0) return;
    const name = this.itemName(items[index]!, index);
    const neighbour = items[index + 1] ?? items[index - 1];
    this.edit((s) => s[list].splice(index, 1));
    this.clearFieldError(list);
    this.announce(this.t('list.removed', { name }));
    void this.focusLater(neighbour ? `#${this.itemId(list, neighbour.key, 'value')}` : `#${this.uid('add-' + list)}`);
  }

  private moveItem(list: RequirementListName, key: number, delta: -1 | 1, button: 'up' | 'down'): void {
    const items = this.formState[list];
    const from = items.findIndex((i) => i.key === key);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= items.length) return;
    this.edit((s) => {
      const [moved] = s[list].splice(from, 1);
      s[list].splice(to, 0, moved!);
    });
    this.clearFieldError(list);
    this.announce(this.t('list.moved', { name: this.itemName(items[from]!, to), n: to + 1, count: items.length }));
    // The row's DOM node moves with it; moving a focused node drops focus in most engines, so put it back.
    void this.focusLater(`#${this.itemId(list, key, button)}`);
  }

  private updateItem(list: RequirementListName, key: number, patch: Partial<ListItem>): void {
    this.edit((s) => {
      const item = s[list].find((i) => i.key === key);
      if (item) Object.assign(item, patch);
    });
  }

  /** Leaving a requirement's text fills its answer key with the suggestion, unless someone chose one. */
  private suggestOnBlur(list: RequirementListName, key: number): void {
    const item = this.formState[list].find((i) => i.key === key);
    if (!item || item.sessionFieldChosen || !item.value.trim()) return;
    const suggestion = suggestSessionField(item.value);
    if (suggestion !== item.sessionField) this.updateItem(list, key, { sessionField: suggestion });
  }

  private setPersonalMode(field: PersonalField, mode: PersonalMode): void {
    this.edit((s) => {
      const choice = s.personal[field];
      if (choice.mode === 'none' && mode !== 'none') {
        // Newly asked fields go last, after those prefilled or chosen before.
        choice.rank = Math.max(0, ...PERSONAL_FIELDS.map((f) => (s.personal[f].mode !== 'none' ? s.personal[f].rank + 1 : 0)));
      }
      choice.mode = mode;
    });
    this.clearFieldError('requiredFields');
    this.clearFieldError('optionalFields');
  }

  // ---------------------------------------------------------------- validation display

  private clearErrors(): void {
    this.errors = {};
    this.formAlert = '';
  }

  private message(field: string, code: string | undefined, fallback?: string): string {
    for (const key of [`v.${field}.${code}`, `v.${code}`]) {
      const text = code ? this.lookup(key) : undefined;
      if (text !== undefined) return text;
    }
    return fallback ?? this.t('v.invalid');
  }

  private showViolations(violations: RuleViolation[]): void {
    const errors: Record<string, FieldError[]> = {};
    const general: string[] = [];
    for (const v of violations) {
      const field = this.controlFieldFor(v.field);
      if (field) (errors[field] ??= []).push({ message: this.message(v.field, v.code), index: v.index });
      else general.push(this.message(v.field, v.code, v.detail));
    }
    this.applyErrors(errors, general);
  }

  /** A 422: each entry next to the field it names, the rest in the form-level alert. */
  private showServerErrors(error: RecruboApiError): void {
    const errors: Record<string, FieldError[]> = {};
    const general: string[] = [];
    const entries = error.errors.length ? error.errors : [{ detail: error.message }];
    for (const entry of entries) {
      const field = entry.field ? this.controlFieldFor(entry.field) : undefined;
      const code = entry.field ? codeFromDetail(entry.field, entry.detail) : undefined;
      const text = entry.field && code ? this.message(entry.field, code, entry.detail) : (entry.detail ?? entry.title ?? this.t('error.validation'));
      if (field) {
        const index = /\/(\d+)(?:\/|$)/.exec(entry.pointer ?? '')?.[1];
        (errors[field] ??= []).push({ message: text, index: index === undefined ? undefined : Number(index) });
      } else general.push(code ? text : this.t('server.refused', { detail: text })); // the server's words, in English
    }
    this.applyErrors(errors, general);
  }

  /** The field whose control shows a violation of `field` (context becomes the vacancy id when that is in use). */
  private controlFieldFor(field: string): string | undefined {
    if (field === 'context' && this.formState.vacancySource === 'id') return 'vacancyId';
    if (field === 'vacancyId' && this.formState.vacancySource === 'text') return 'context';
    return FIELDS_WITH_CONTROL.has(field) ? field : undefined;
  }

  private applyErrors(errors: Record<string, FieldError[]>, general: string[]): void {
    this.errors = errors;
    const hasFieldErrors = Object.keys(errors).length > 0;
    this.formAlert = [...(hasFieldErrors ? [this.t('invalid.summary')] : []), ...general].join(' ');
    const first = FIELD_ORDER.find((f) => errors[f]);
    if (first) void this.focusLater(this.focusTarget(first, errors[first]![0]!.index));
    else void this.focusLater(`#${this.uid('alert')}`);
  }

  private focusTarget(field: string, index: number | undefined): string {
    switch (field) {
      case 'context':
        return `#${this.uid('vacancy-text')}`;
      case 'vacancyId':
        return `#${this.uid('vacancy-id')}`;
      case 'flowName':
        return `#${this.uid('flow-name')}`;
      case 'language':
        return `[name="language"]`;
      case 'emojiUsage':
        return `[name="emojiUsage"]`;
      case 'knockoutRequirements':
      case 'preferredRequirements': {
        const item = index !== undefined ? this.formState[field][index] : undefined;
        return item ? `#${this.itemId(field, item.key, 'value')}` : `#${this.uid('add-' + field)}`;
      }
      case 'requiredFields':
      case 'optionalFields':
        return `#${this.uid('personal-' + PERSONAL_FIELDS[0] + '-mode')}`;
      case 'extraOptions':
        return this.formState.appointment.enabled && this.formState.appointment.mode === 'fixed'
          ? `#${this.uid('schedules')}`
          : `#${this.uid('appointment-enabled')}`;
      default:
        return `#${this.uid('alert')}`;
    }
  }

  // ---------------------------------------------------------------- sending

  private async post(payload: FlowGenerationInput): Promise<void> {
    this.sending = true;
    this.failure = undefined;
    this.formAlert = '';
    const started = Date.now();
    let generation: FlowGeneration;
    try {
      generation = await this.api.flowGenerations.create(payload, { sync: this.sync, signal: this.signal });
    } catch (error) {
      this.sending = false;
      if (isAbortError(error)) return;
      const apiError = error as RecruboApiError;
      if (isRecruboApiError(apiError) && apiError.status === 422) this.showServerErrors(apiError);
      else {
        // An answer (4xx/5xx) means nothing was created; no answer, or an unreadable one, means it may have been.
        const answered = isRecruboApiError(apiError) && apiError.status !== undefined && apiError.kind !== 'parse';
        this.failure = { error: apiError, maybeCreated: !answered };
        void this.focusLater(`#${this.uid('alert')}`);
      }
      this.reportError(error);
      return;
    }
    this.sending = false;
    this.latest = generation;
    this.emit('recrubo-generation-created', { generation });
    this.timerStart = started;
    this.follow(generation.id, true);
    this.receiveSnapshot(generation, undefined);
  }

  private retry = (): void => {
    this.failure = undefined;
    void this.submit();
  };

  // ---------------------------------------------------------------- following a generation

  private follow(id: string, focus = false): void {
    const hadFocus = focus || this.hasFocusInside();
    this.watchId = id;
    this.view = 'progress';
    this.flow = undefined;
    this.stepCount = undefined;
    this.flowError = undefined;
    this.flowLoadFor = undefined;
    this.watchFailing = false;
    this.resumed = !focus;
    if (!focus) this.timerStart = Date.now();
    const done = this.finished.get(id);
    if (done) {
      // Seen finished before (e.g. the host sets an earlier generation-id again): show it, no polling.
      this.latest = done;
      this.stopTicker(false);
      this.timerRunning = false;
      this.elapsedMs = serverDuration(done) ?? this.elapsedMs;
      if (done.flowId) void this.loadFlow(done.flowId);
    } else {
      this.startTicker(true);
    }
    if (hadFocus) void this.focusLater(`#${this.uid(done ? 'result-heading' : 'progress-heading')}`);
  }

  private receiveSnapshot(generation: FlowGeneration | undefined, error: RecruboApiError | undefined): void {
    if (error && !this.watchFailing) this.reportError(error);
    this.watchFailing = !!error;
    const gone = isNotFoundError(error);
    if (gone) this.stopTicker(true); // the API says it is gone: nothing runs any more
    if (!generation || generation.id !== this.watchId) {
      this.requestUpdate();
      return;
    }
    const firstLookOfResumed = this.resumed;
    if (this.resumed) {
      // Generated before this page followed it: count from when it was created, not from when we looked.
      this.resumed = false;
      const created = Date.parse(generation.createdAt ?? '');
      if (created <= Date.now()) this.timerStart = created;
    }
    if (generation.status !== 'finished' && !gone && !this.timerRunning) this.startTicker(true);
    const previous = this.seenStatus.get(generation.id) ?? null;
    // A late answer may carry an older status than one already seen: never step back.
    if (previous && STATUS_ORDER.indexOf(generation.status) < STATUS_ORDER.indexOf(previous)) return;
    this.latest = generation;
    if (generation.status !== previous) {
      this.seenStatus.set(generation.id, generation.status);
      this.emit('recrubo-generation-status-change', { generation, status: generation.status, previousStatus: previous });
    }
    if (generation.status === 'finished' && !this.finished.has(generation.id)) {
      this.finished.set(generation.id, generation);
      this.stopTicker(true);
      // A resumed generation found finished at once: how long the server took, not how long we looked.
      if (firstLookOfResumed) this.elapsedMs = serverDuration(generation) ?? this.elapsedMs;
      this.emit('recrubo-generation-finished', {
        generationId: generation.id,
        flowId: generation.flowId ?? null,
        cost: generation.cost ?? null,
        generation,
      });
      const hadFocus = this.hasFocusInside();
      if (hadFocus) void this.focusLater(`#${this.uid('result-heading')}`);
    }
    if (generation.status === 'finished' && generation.flowId) void this.loadFlow(generation.flowId);
    this.requestUpdate();
  }

  private async loadFlow(flowId: string): Promise<void> {
    if (this.flowLoadFor === flowId) return;
    this.flowLoadFor = flowId;
    this.flowError = undefined;
    try {
      const signal = this.signal;
      const [flow, nodes] = await Promise.all([this.api.flows.get(flowId, { signal }), this.api.nodes.listByFlow(flowId, { signal })]);
      if (this.flowLoadFor !== flowId) return;
      this.flow = flow;
      this.stepCount = nodes.length;
    } catch (error) {
      if (this.flowLoadFor !== flowId || isAbortError(error)) return;
      this.flowError = error as RecruboApiError;
      this.flowLoadFor = undefined;
      this.reportError(error);
    }
  }

  private toForm = (): void => {
    this.view = 'form';
    this.watchId = undefined;
    this.stopTicker(true);
    this.flow = undefined;
    this.stepCount = undefined;
    this.flowError = undefined;
    this.flowLoadFor = undefined;
  };

  private generateAnother = (): void => {
    this.failure = undefined;
    this.clearErrors();
    this.toForm();
    void this.focusLater(`#${this.uid('flow-name')}`);
  };

  private startTicker(running: boolean): void {
    if (running) this.timerRunning = true;
    clearInterval(this.timer);
    this.elapsedMs = Date.now() - this.timerStart;
    this.timer = setInterval(() => (this.elapsedMs = Date.now() - this.timerStart), 1000);
  }

  private stopTicker(finished: boolean): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (finished) {
      if (this.timerRunning) this.elapsedMs = Date.now() - this.timerStart;
      this.timerRunning = false;
    }
  }

  // ---------------------------------------------------------------- helpers

  private uid(name: string): string {
    return `${this.idBase}-${name}`;
  }

  private itemId(list: RequirementListName, key: number, what: 'value' | 'session' | 'up' | 'down' | 'remove' | 'error'): string {
    return this.uid(`${list}-${key}-${what}`);
  }

  private itemName(item: ListItem, index: number): string {
    return item.value.trim() || this.t('list.unnamed', { n: index + 1 });
  }

  private announce(text: string): void {
    // Same text twice in a row would not be announced again: alternate a trailing no-break space.
    this.announcement = text === this.announcement ? `${text}\u00a0` : text;
  }

  private hasFocusInside(): boolean {
    return !!this.shadowRoot?.activeElement || this.ownerDocument?.activeElement === (this as Element);
  }

  private async focusLater(selector: string): Promise<void> {
    await this.updateComplete;
    const target = this.shadowRoot?.querySelector<HTMLElement>(selector);
    target?.focus();
  }

  private formatNumber(n: number): string {
    return formatNumber(this.config.lang, n);
  }

  private plural(key: 'result.credits' | 'result.stepCount', n: number): string {
    const rule = plural(this.config.lang, n) === 'one' ? 'one' : 'other';
    return this.t(`${key}.${rule}`, { n: this.formatNumber(n) });
  }

  /** An `aria-describedby` value, or `nothing` (no attribute) when there is nothing to point at. */
  private describedBy(...ids: (string | false | undefined)[]): string | typeof nothing {
    return ids.filter(Boolean).join(' ') || nothing;
  }

  private errorFor(field: string, index?: number): FieldError | undefined {
    return this.errors[field]?.find((e) => (index === undefined ? e.index === undefined : e.index === index));
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    return html`
      ${this.view === 'form' ? this.renderForm() : this.renderProgress()}
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
    `;
  }

  private onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.submit();
  };

  private renderForm(): TemplateResult {
    const invalidAny = !!this.formAlert;
    return html`
      <form part="form" novalidate aria-label=${this.t('form.label')} @submit=${this.onSubmit}>
        ${this.renderVacancy()} ${this.renderGeneral()} ${this.renderList('knockoutRequirements')} ${this.renderList('preferredRequirements')}
        ${this.renderPersonal()} ${this.renderAppointment()}
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
        <div id=${this.uid('alert')} part="alert" class="alert ${invalidAny || this.failure ? 'shown' : ''} ${this.failure?.maybeCreated ? 'warning' : ''}" role="alert" tabindex="-1">
          ${this.failure ? this.renderFailure(this.failure) : this.formAlert}
        </div>
      </form>
    `;
  }

  private renderFailure(failure: SubmitFailure): TemplateResult {
    const e = failure.error;
    const kind = isRecruboApiError(e) ? e.kind : 'network';
    const wait = e.status === 429 && e.retryAfter !== undefined ? Math.max(1, Math.ceil(e.retryAfter / 1000)) : undefined;
    const key = failure.maybeCreated
      ? (`failure.${kind === 'timeout' || kind === 'parse' ? kind : 'network'}` as const)
      : kind === 'auth'
        ? 'failure.auth'
        : e.status === 429
          ? (`failure.rateLimited${wait === undefined ? '.noWait' : ''}` as const)
          : 'failure.http';
    return html`
      <strong>${this.t(failure.maybeCreated ? 'failure.maybe.heading' : 'failure.heading')}</strong>
      <p>${this.t(key, { status: e.status ?? '', seconds: wait === undefined ? '' : this.formatNumber(wait) })}</p>
      <button type="button" part="button retry" @click=${this.retry}>${this.t('failure.retry')}</button>
    `;
  }

  private renderError(field: string, index?: number): TemplateResult | typeof nothing {
    const error = this.errorFor(field, index);
    const id = index === undefined ? this.uid(`${field}-error`) : this.uid(`${field}-${index}-error`);
    return error ? html`<p id=${id} part="error" class="error">${error.message}</p>` : nothing;
  }

  private errorId(field: string, index?: number): string | undefined {
    if (!this.errorFor(field, index)) return undefined;
    return index === undefined ? this.uid(`${field}-error`) : this.uid(`${field}-${index}-error`);
  }

  private renderVacancy(): TemplateResult {
    const s = this.formState;
    const textError = this.errorId('context');
    const idError = this.errorId('vacancyId');
    return html`
      <fieldset part="section" class="section">
        <legend part="label">${this.t('vacancy.legend')}</legend>
        <div class="choice-row" role="radiogroup" aria-label=${this.t('vacancy.source.legend')}>
          ${(['text', 'id'] as const).map(
            (source) => html`
              <label class="choice">
                <input
                  type="radio"
                  name="vacancySource"
                  value=${source}
                  .checked=${live(s.vacancySource === source)}
                  @change=${() => this.edit((st) => (st.vacancySource = source))}
                />
                ${this.t(`vacancy.source.${source}`)}
              </label>
            `,
          )}
        </div>
        ${s.vacancySource === 'text'
          ? html`<div part="field" class="field">
              <label part="label" for=${this.uid('vacancy-text')}>${this.t('vacancy.text.label')}</label>
              <textarea
                id=${this.uid('vacancy-text')}
                part="input"
                rows="6"
                .value=${live(s.vacancyText)}
                aria-invalid=${textError ? 'true' : 'false'}
                aria-describedby=${this.describedBy(textError, this.uid('vacancy-text-hint'))}
                @input=${(e: Event) => {
                  this.edit((st) => (st.vacancyText = (e.target as HTMLTextAreaElement).value));
                  this.clearFieldError('context');
                }}
              ></textarea>
              ${this.renderError('context')}
              <p part="hint" class="hint" id=${this.uid('vacancy-text-hint')}>${this.t('vacancy.text.hint')}</p>
            </div>`
          : html`<div part="field" class="field">
              <label part="label" for=${this.uid('vacancy-id')}>${this.t('vacancy.id.label')}</label>
              <input
                id=${this.uid('vacancy-id')}
                part="input"
                type="text"
                autocomplete="off"
                spellcheck="false"
                .value=${live(s.vacancyId)}
                aria-invalid=${idError ? 'true' : 'false'}
                aria-describedby=${this.describedBy(idError, this.uid('vacancy-id-hint'))}
                @input=${(e: Event) => {
                  this.edit((st) => (st.vacancyId = (e.target as HTMLInputElement).value));
                  this.clearFieldError('vacancyId');
                }}
              />
              ${this.renderError('vacancyId')}
              <p part="hint" class="hint" id=${this.uid('vacancy-id-hint')}>${this.t('vacancy.id.hint')}</p>
            </div>`}
      </fieldset>
    `;
  }

  private renderGeneral(): TemplateResult {
    const s = this.formState;
    const nameError = this.errorId('flowName');
    const langError = this.errorId('language');
    const emojiError = this.errorId('emojiUsage');
    return html`
      <fieldset part="section" class="section">
        <legend part="label">${this.t('general.legend')}</legend>
        <div class="grid">
          <div part="field" class="field">
            <label part="label" for=${this.uid('flow-name')}>${this.t('flowName.label')}</label>
            <input
              id=${this.uid('flow-name')}
              part="input"
              type="text"
              autocomplete="off"
              .value=${live(s.flowName)}
              aria-invalid=${nameError ? 'true' : 'false'}
              aria-describedby=${this.describedBy(nameError, this.uid('flow-name-hint'))}
              @input=${(e: Event) => {
                this.edit((st) => (st.flowName = (e.target as HTMLInputElement).value));
                this.clearFieldError('flowName');
              }}
            />
            ${this.renderError('flowName')}
            <p part="hint" class="hint" id=${this.uid('flow-name-hint')}>${this.t('flowName.hint')}</p>
          </div>
          <fieldset part="field" class="field plain">
            <legend part="label">${this.t('language.legend')}</legend>
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
                      aria-describedby=${this.describedBy(langError)}
                      @change=${() => {
                        this.edit((st) => (st.language = lang));
                        this.clearFieldError('language');
                      }}
                    />
                    ${this.t(`language.${lang}`)}
                  </label>
                `,
              )}
            </div>
            ${this.renderError('language')}
          </fieldset>
        </div>
        <fieldset part="field" class="field plain">
          <legend part="label">${this.t('emoji.legend')}</legend>
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
                    aria-describedby=${this.describedBy(emojiError, this.uid('emoji-hint'), this.uid('emoji-example'))}
                    @change=${() => {
                      this.edit((st) => (st.emojiUsage = level));
                      this.clearFieldError('emojiUsage');
                    }}
                  />
                  <span class="scale-level" aria-hidden="true">${level}</span>
                  <span>${this.t(`emoji.${level}`)}</span>
                </label>
              `,
            )}
          </div>
          ${this.renderError('emojiUsage')}
          <p part="hint" class="hint" id=${this.uid('emoji-hint')}>${this.t('emoji.hint')}</p>
          <p class="example" id=${this.uid('emoji-example')}>
            <span class="example-label">${this.t('emoji.example')}:</span>
            ${s.emojiUsage ? this.t(`emoji.sample.${s.emojiUsage}`) : this.t('emoji.sample.none')}
          </p>
        </fieldset>
      </fieldset>
    `;
  }

  private renderList(list: RequirementListName): TemplateResult {
    const items = this.formState[list];
    const listError = this.errorId(list);
    return html`
      <fieldset part="section" class="section">
        <legend part="label">${this.t(`${list}.legend`)}</legend>
        <p part="hint" class="hint" id=${this.uid(list + '-hint')}>${this.t(`${list}.hint`)}</p>
        ${items.length
          ? html`<p class="visually-hidden" id=${this.uid(list + '-session-hint')}>${this.t('list.sessionField.hint')}</p>
              <div class="list-head" aria-hidden="true">
                <span></span><span>${this.t('list.value')}</span><span>${this.t('list.sessionField')}</span><span></span>
              </div>
              <ol part="list" class="list">
                ${repeat(
                  items,
                  (item) => item.key,
                  (item, index) => this.renderItem(list, item, index, items.length),
                )}
              </ol>`
          : html`<p class="empty">${this.t('list.empty')}</p>`}
        ${this.renderError(list)}
        <button
          type="button"
          part="button"
          class="add"
          id=${this.uid('add-' + list)}
          aria-describedby=${this.describedBy(listError)}
          @click=${() => this.addItem(list)}
        >
          <span aria-hidden="true">+</span> ${this.t(`${list}.add`)}
        </button>
      </fieldset>
    `;
  }

  private renderItem(list: RequirementListName, item: ListItem, index: number, count: number): TemplateResult {
    const error = this.errorId(list, index);
    const name = this.itemName(item, index);
    const suggestion = item.value.trim() ? suggestSessionField(item.value) : '';
    const first = index === 0;
    const last = index === count - 1;
    return html`
      <li part="list-item" class="item" data-key=${item.key}>
        <span class="num" aria-hidden="true">${index + 1}</span>
        <span class="cell">
          <label class="visually-hidden" for=${this.itemId(list, item.key, 'value')}>${this.t('list.value.label', { n: index + 1 })}</label>
          <input
            id=${this.itemId(list, item.key, 'value')}
            part="input"
            type="text"
            autocomplete="off"
            .value=${live(item.value)}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${this.describedBy(error)}
            @input=${(e: Event) => {
              this.updateItem(list, item.key, { value: (e.target as HTMLInputElement).value });
              if (error) this.clearFieldError(list);
            }}
            @blur=${() => this.suggestOnBlur(list, item.key)}
          />
        </span>
        <span class="cell">
          <label class="visually-hidden" for=${this.itemId(list, item.key, 'session')}>${this.t('list.sessionField.label', { n: index + 1 })}</label>
          <input
            id=${this.itemId(list, item.key, 'session')}
            part="input"
            class="mono"
            type="text"
            autocomplete="off"
            spellcheck="false"
            placeholder=${suggestion}
            .value=${live(item.sessionField)}
            aria-describedby=${this.uid(list + '-session-hint')}
            @input=${(e: Event) => this.updateItem(list, item.key, { sessionField: (e.target as HTMLInputElement).value, sessionFieldChosen: true })}
          />
        </span>
        <span class="row-actions">
          <button
            type="button"
            part="button"
            class="icon"
            id=${this.itemId(list, item.key, 'up')}
            aria-label=${this.t('list.moveUp', { name })}
            aria-disabled=${first ? 'true' : 'false'}
            @click=${() => this.moveItem(list, item.key, -1, 'up')}
          >
            <span aria-hidden="true">↑</span>
          </button>
          <button
            type="button"
            part="button"
            class="icon"
            id=${this.itemId(list, item.key, 'down')}
            aria-label=${this.t('list.moveDown', { name })}
            aria-disabled=${last ? 'true' : 'false'}
            @click=${() => this.moveItem(list, item.key, 1, 'down')}
          >
            <span aria-hidden="true">↓</span>
          </button>
          <button
            type="button"
            part="button"
            class="icon danger"
            id=${this.itemId(list, item.key, 'remove')}
            aria-label=${this.t('list.remove', { name })}
            @click=${() => this.removeItem(list, item.key)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </span>
        ${error ? html`<span class="item-error">${this.renderError(list, index)}</span>` : nothing}
      </li>
    `;
  }

  private renderPersonal(): TemplateResult {
    const s = this.formState;
    const errIds = [this.errorId('requiredFields'), this.errorId('optionalFields')];
    const invalid = errIds.some(Boolean);
    return html`
      <fieldset part="section" class="section">
        <legend part="label">${this.t('personal.legend')}</legend>
        <p part="hint" class="hint">${this.t('personal.hint')}</p>
        <table class="personal">
          <thead>
            <tr>
              <th scope="col">${this.t('personal.column.field')}</th>
              <th scope="col">${this.t('personal.column.ask')}</th>
              <th scope="col">${this.t('personal.column.key')}</th>
            </tr>
          </thead>
          <tbody>
            ${PERSONAL_FIELDS.map((field) => {
              const choice = s.personal[field];
              const label = this.t(`personal.field.${field}`);
              return html`
                <tr class=${choice.mode}>
                  <th scope="row"><label for=${this.uid(`personal-${field}-mode`)}>${label}</label></th>
                  <td>
                    <select
                      id=${this.uid(`personal-${field}-mode`)}
                      part="input"
                      aria-invalid=${invalid ? 'true' : 'false'}
                      aria-describedby=${this.describedBy(...errIds)}
                      @change=${(e: Event) => this.setPersonalMode(field, (e.target as HTMLSelectElement).value as PersonalMode)}
                    >
                      ${(['none', 'required', 'optional'] as PersonalMode[]).map(
                        (mode) => html`<option value=${mode} ?selected=${choice.mode === mode}>${this.t(`personal.mode.${mode}`)}</option>`,
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
                      aria-label=${this.t('personal.key.label', { field: label })}
                      placeholder=${suggestPersonalSessionField(field)}
                      ?disabled=${choice.mode === 'none'}
                      .value=${live(choice.sessionField)}
                      @input=${(e: Event) => this.edit((st) => (st.personal[field].sessionField = (e.target as HTMLInputElement).value))}
                    />
                  </td>
                </tr>
              `;
            })}
          </tbody>
        </table>
        ${this.renderError('requiredFields')} ${this.renderError('optionalFields')}
      </fieldset>
    `;
  }

  private renderAppointment(): TemplateResult {
    const a = this.formState.appointment;
    const error = this.errorId('extraOptions');
    const editAppointment = (mutate: (a: FormState['appointment']) => void) => {
      this.edit((s) => mutate(s.appointment));
      this.clearFieldError('extraOptions');
    };
    return html`
      <fieldset part="section" class="section">
        <legend part="label">${this.t('appointment.legend')}</legend>
        <label class="choice">
          <input
            id=${this.uid('appointment-enabled')}
            type="checkbox"
            .checked=${live(a.enabled)}
            aria-invalid=${error && !(a.enabled && a.mode === 'fixed') ? 'true' : 'false'}
            aria-describedby=${this.describedBy(error && !(a.enabled && a.mode === 'fixed') ? error : undefined)}
            @change=${(e: Event) => editAppointment((ap) => (ap.enabled = (e.target as HTMLInputElement).checked))}
          />
          ${this.t('appointment.enable')}
        </label>
        ${a.enabled
          ? html`
              <div class="grid">
                <div part="field" class="field">
                  <label part="label" for=${this.uid('appointment-language')}>${this.t('appointment.language.label')}</label>
                  <select
                    id=${this.uid('appointment-language')}
                    part="input"
                    @change=${(e: Event) => editAppointment((ap) => (ap.language = (e.target as HTMLSelectElement).value as Language | ''))}
                  >
                    <option value="" ?selected=${a.language === ''}>${this.t('appointment.language.default')}</option>
                    <option value="nl" ?selected=${a.language === 'nl'}>${this.t('language.nl')}</option>
                    <option value="en" ?selected=${a.language === 'en'}>${this.t('language.en')}</option>
                  </select>
                </div>
                <fieldset part="field" class="field plain">
                  <legend part="label">${this.t('appointment.mode.legend')}</legend>
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
                        ${this.t(`appointment.mode.${mode}`)}
                      </label>
                    `,
                  )}
                </fieldset>
              </div>
              ${a.mode === 'fixed'
                ? html`<div part="field" class="field">
                    <recrubo-schedule-picker
                      id=${this.uid('schedules')}
                      multiple
                      name="scheduleIds"
                      lang=${this.config.lang}
                      label=${this.t('appointment.schedules.label')}
                      .baseUrl=${this.baseUrl}
                      .apiKey=${this.apiKey}
                      .tokenProvider=${this.tokenProvider}
                      .fetch=${this.fetch}
                      .value=${a.scheduleIds}
                      @change=${this.onSchedulesChange}
                      @input=${this.onSchedulesChange}
                    ></recrubo-schedule-picker>
                  </div>`
                : html`<p part="hint" class="hint">${this.t('appointment.mode.customHint')}</p>
                    ${this.renderError('extraOptions')}`}
              ${this.renderMessages()}
            `
          : this.renderError('extraOptions')}
      </fieldset>
    `;
  }

  private onSchedulesChange = (e: Event): void => {
    const value = String((e.target as HTMLElement & { value?: string }).value ?? '');
    if (value === this.formState.appointment.scheduleIds) return;
    this.edit((s) => (s.appointment.scheduleIds = value));
    this.clearFieldError('extraOptions');
  };

  private renderMessages(): TemplateResult {
    const a = this.formState.appointment;
    const own = sessionFieldsOf(this.formState);
    return html`
      <details class="messages" ?open=${this.messagesOpen} @toggle=${(e: Event) => (this.messagesOpen = (e.target as HTMLDetailsElement).open)}>
        <summary>${this.t('appointment.messages.summary')}</summary>
        <p part="hint" class="hint">${this.t('appointment.messages.hint')}</p>
        ${MESSAGE_BASES.map((base) => {
          const variables = [...COMMON_TEMPLATE_VARIABLES, ...APPOINTMENT_MESSAGE_KEYS[`${base}NL` as AppointmentMessageKey]]
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
                    <label part="label" for=${this.uid('msg-' + key)}
                      >${this.t('appointment.msg.label', { message: this.t(`appointment.msg.${base}`), language: this.t(`appointment.msg.${lang}`) })}</label
                    >
                    <textarea
                      id=${this.uid('msg-' + key)}
                      part="input"
                      rows="2"
                      lang=${lang.toLowerCase()}
                      .value=${live(text)}
                      aria-describedby=${this.describedBy(this.uid('vars-' + key), unknown.length ? this.uid('unknown-' + key) : undefined)}
                      @input=${(e: Event) => this.edit((s) => (s.appointment.messages[key] = (e.target as HTMLTextAreaElement).value))}
                    ></textarea>
                    <p part="hint" class="hint mono-hint" id=${this.uid('vars-' + key)}>${this.t('appointment.variables', { list: variables })}</p>
                    ${unknown.length
                      ? html`<p class="warning-text" id=${this.uid('unknown-' + key)}>
                          ${this.t('appointment.unknownVariables', { list: unknown.map((v) => `{{${v}}}`).join(', ') })}
                        </p>`
                      : nothing}
                  </div>
                `;
              })}
            </div>
          `;
        })}
      </details>
    `;
  }

  private renderProgress(): TemplateResult {
    const g = this.latest && this.latest.id === this.watchId ? this.latest : undefined;
    const status = g?.status;
    const current = status ? STATUS_ORDER.indexOf(status) : -1;
    const finished = status === 'finished';
    const name = this.formState.flowName.trim() || (typeof g?.parameters?.flowName === 'string' ? (g.parameters.flowName as string) : '');
    // A failed poll is shown whether or not a status came before (the store keeps trying meanwhile).
    const watchError = !finished ? this.watcher.error : undefined;
    return html`
      <section part="progress" class="panel" aria-labelledby=${this.uid('progress-heading')}>
        <h3 id=${this.uid('progress-heading')} tabindex="-1">
          ${finished
            ? name
              ? this.t('progress.doneNamed', { name })
              : this.t('progress.done')
            : name
              ? this.t('progress.headingNamed', { name })
              : this.t('progress.heading')}
        </h3>
        <ol part="stepper" class="stepper" aria-label=${this.t('progress.steps')}>
          ${STATUS_ORDER.map((step, i) => {
            const state = !status ? 'upcoming' : i < current || finished ? 'done' : i === current ? 'current' : 'upcoming';
            return html`<li part="step step-${state}" class="step ${state}" aria-current=${state === 'current' || (finished && i === 2) ? 'step' : 'false'}>
              <span class="dot ${state === 'current' ? 'pulse' : ''}" aria-hidden="true">${state === 'done' ? '✓' : i + 1}</span>
              <span class="step-label">${this.t(`status.${step}`)}</span>
            </li>`;
          })}
        </ol>
        <div class="status-line">
          <p role="status" aria-live="polite" class="status-text">
            ${status ? this.t('progress.status', { status: this.t(`status.${status}`) }) : watchError ? '' : this.t('progress.loading')}
          </p>
          <p class="elapsed">
            <span>${this.t('progress.elapsed')}:</span>
            <span part="elapsed" class="counter">${formatElapsed(this.config.lang, this.elapsedMs)}</span>
          </p>
        </div>
        ${watchError
          ? html`<div class="alert shown" role="alert">
              <p>
                ${this.t(g && !isNotFoundError(watchError) ? 'progress.stale' : 'progress.error')}
                ${this.errorMessage(watchError)}
              </p>
              <button type="button" part="button" @click=${() => this.watcher.refresh()}>${this.t('progress.retry')}</button>
            </div>`
          : nothing}
        ${finished ? this.renderResult(g!) : html`<p part="hint" class="hint">${this.t('progress.hint')}</p>`}
        ${!finished && (watchError || g)
          ? html`<div class="actions">
              <button type="button" part="button another" @click=${this.generateAnother}>${this.t('result.another')}</button>
            </div>`
          : nothing}
      </section>
    `;
  }

  private renderResult(g: FlowGeneration): TemplateResult {
    const loading = !this.flow && !this.flowError;
    const cost = typeof g.cost === 'number' ? this.plural('result.credits', g.cost) : this.t('result.unknown');
    return html`
      <section part="result" class="result" aria-labelledby=${this.uid('result-heading')} aria-busy=${loading ? 'true' : 'false'}>
        <h3 id=${this.uid('result-heading')} tabindex="-1">${this.t('result.heading')}</h3>
        <dl>
          <div>
            <dt>${this.t('result.flow')}</dt>
            <dd>${this.flow ? this.flow.name : loading ? html`<span class="skeleton" style="width: 10em"></span>` : this.t('result.unknown')}</dd>
          </div>
          <div>
            <dt>${this.t('result.steps')}</dt>
            <dd>
              ${this.stepCount !== undefined
                ? this.plural('result.stepCount', this.stepCount)
                : loading
                  ? html`<span class="skeleton" style="width: 5em"></span>`
                  : this.t('result.unknown')}
            </dd>
          </div>
          <div>
            <dt>${this.t('result.cost')}</dt>
            <dd>${cost}</dd>
          </div>
          <div>
            <dt>${this.t('result.flowId')}</dt>
            <dd><code class="flow-id">${g.flowId ?? this.t('result.unknown')}</code></dd>
          </div>
          <div>
            <dt>${this.t('result.generationId')}</dt>
            <dd><code>${g.id}</code></dd>
          </div>
        </dl>
        ${this.flowError ? html`<p class="error" role="alert">${this.t('result.flowError')}</p>` : nothing}
        <div class="actions">
          <button type="button" part="button another" class="primary" @click=${this.generateAnother}>${this.t('result.another')}</button>
        </div>
      </section>
    `;
  }
}
