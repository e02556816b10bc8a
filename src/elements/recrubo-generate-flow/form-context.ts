// What every part of the generator's form shares: the form state and its edits, the ids that tie labels, hints
// and errors together, the validation messages next to their controls (from the rules or a 422), the polite
// announcements and the focus. The element owns one; the section renderers (requirement-list.ts,
// personal-fields.ts, appointment-step.ts, general-fields.ts) read and edit the form only through it.
import { html, nothing, type TemplateResult } from 'lit';
import type { RecruboApiError } from '../../api/errors.js';
import type { SharedKey, Params } from '../../shared/i18n.js';
import {
  PERSONAL_FIELDS,
  blankText,
  invalidFieldsText,
  invalidItemsText,
  invalidParameterText,
  unknownScheduleText,
  type RuleViolation,
} from '../../shared/vacancy-flow-rules.js';
import { cloneState, type FormState, type ListItem, type RequirementListName } from './form-model.js';
import type { GenerateFlowKey } from './strings.js';
import { announce } from '../../shared/announcer.js';

/** A message shown next to a control (`index`: the list item at fault). */
export interface FieldError {
  message: string;
  index?: number;
}

export type ItemPart = 'value' | 'session' | 'up' | 'down' | 'remove' | 'error' | 'count';

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

/** The rule texts of vacancy-flow-rules.ts, read back from a 422 `detail` to get the violation code. */
function codeFromDetail(field: string, detail: string | undefined): RuleViolation['code'] | undefined {
  if (!detail) return undefined;
  if (detail === blankText(field)) return 'blank';
  if (detail === unknownScheduleText(field)) return 'unknown_schedule';
  if ([invalidFieldsText(field), invalidItemsText(field), invalidParameterText(field)].includes(detail))
    return 'invalid';
  return undefined;
}

/** What the context needs of the element (its strings, its shadow root, re-rendering). */
export interface FormHost {
  readonly element: HTMLElement;
  /** Resolves when the element has rendered what was just changed. */
  whenUpdated(): Promise<boolean>;
  requestUpdate(): void;
  t(key: GenerateFlowKey | SharedKey, params?: Params): string;
  /** A string for a key computed at run time; undefined when there is none. */
  text(key: string): string | undefined;
}

export class FormContext {
  private errorsValue: Record<string, FieldError[]> = {};
  private alertValue = '';
  private readonly idBase = `rgf-${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly host: FormHost,
    private readonly getState: () => FormState,
    private readonly setState: (state: FormState) => void,
  ) {}

  t(key: GenerateFlowKey | SharedKey, params?: Params): string {
    return this.host.t(key, params);
  }

  get state(): FormState {
    return this.getState();
  }

  /** Every edit makes a new state (the element re-renders; nothing shares the old one's arrays). */
  edit(mutate: (s: FormState) => void): void {
    const next = cloneState(this.getState());
    mutate(next);
    this.setState(next);
  }

  // ---- ids ------------------------------------------------------------------------------------------------

  uid(name: string): string {
    return `${this.idBase}-${name}`;
  }

  itemId(list: RequirementListName, key: number, what: ItemPart): string {
    return this.uid(`${list}-${key}-${what}`);
  }

  itemName(item: ListItem, index: number): string {
    return item.value.trim() || this.t('list.unnamed', { n: index + 1 });
  }

  /** An `aria-describedby` value, or `nothing` (no attribute) when there is nothing to point at. */
  describedBy(...ids: (string | false | undefined)[]): string | typeof nothing {
    return ids.filter(Boolean).join(' ') || nothing;
  }

  // ---- announcements and focus ----------------------------------------------------------------------------

  /** Says `text` through the page's one announcer. */
  announce(text: string): void {
    announce(text, this.host.element.ownerDocument);
  }

  hasFocusInside(): boolean {
    const el = this.host.element;
    return !!el.shadowRoot?.activeElement || el.ownerDocument?.activeElement === el;
  }

  async focusLater(selector: string): Promise<void> {
    await this.host.whenUpdated();
    this.host.element.shadowRoot?.querySelector<HTMLElement>(selector)?.focus();
  }

  // ---- validation messages --------------------------------------------------------------------------------

  get errors(): Readonly<Record<string, FieldError[]>> {
    return this.errorsValue;
  }

  /** The form-level summary ("check the highlighted fields", or what no field could show). */
  get alert(): string {
    return this.alertValue;
  }

  set alert(text: string) {
    this.alertValue = text;
    this.host.requestUpdate();
  }

  errorFor(field: string, index?: number): FieldError | undefined {
    return this.errorsValue[field]?.find((e) => (index === undefined ? e.index === undefined : e.index === index));
  }

  errorId(field: string, index?: number): string | undefined {
    if (!this.errorFor(field, index)) return undefined;
    return index === undefined ? this.uid(`${field}-error`) : this.uid(`${field}-${index}-error`);
  }

  renderError(field: string, index?: number): TemplateResult | typeof nothing {
    const error = this.errorFor(field, index);
    const id = index === undefined ? this.uid(`${field}-error`) : this.uid(`${field}-${index}-error`);
    return error ? html`<p id=${id} part="error" class="error" dir="auto">${error.message}</p>` : nothing;
  }

  clearErrors(): void {
    this.errorsValue = {};
    this.alertValue = '';
    this.host.requestUpdate();
  }

  clearFieldError(field: string): void {
    if (!this.errorsValue[field]) return;
    const { [field]: _gone, ...rest } = this.errorsValue;
    this.errorsValue = rest;
    // The last highlighted field is fixed: the summary has nothing left to point at.
    if (Object.keys(rest).length === 0) this.alertValue = '';
    this.host.requestUpdate();
  }

  showViolations(violations: RuleViolation[]): void {
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
  showServerErrors(error: RecruboApiError): void {
    const errors: Record<string, FieldError[]> = {};
    const general: string[] = [];
    const entries = error.errors.length
      ? error.errors
      : [{ detail: error.message, field: undefined, title: undefined, pointer: undefined }];
    for (const entry of entries) {
      const field = entry.field ? this.controlFieldFor(entry.field) : undefined;
      const code = entry.field ? codeFromDetail(entry.field, entry.detail) : undefined;
      const text =
        entry.field && code
          ? this.message(entry.field, code, entry.detail)
          : (entry.detail ?? entry.title ?? this.t('error.validation'));
      if (field) {
        const index = /\/(\d+)(?:\/|$)/.exec(entry.pointer ?? '')?.[1];
        (errors[field] ??= []).push({ message: text, index: index === undefined ? undefined : Number(index) });
      } else general.push(code ? text : this.t('server.refused', { detail: text })); // the server's words, in English
    }
    this.applyErrors(errors, general);
  }

  /** `v.<field>.<code>`, else `v.<code>`, else the fallback (the rule's own English text), else "invalid". */
  private message(field: string, code: string | undefined, fallback?: string): string {
    if (code) {
      for (const key of [`v.${field}.${code}`, `v.${code}`]) {
        const text = this.host.text(key);
        if (text !== undefined) return text;
      }
    }
    return fallback ?? this.t('v.invalid');
  }

  /** The field whose control shows a violation of `field` (context becomes the vacancy id when that is in use). */
  private controlFieldFor(field: string): string | undefined {
    const source = this.state.vacancySource;
    if (field === 'context' && source === 'id') return 'vacancyId';
    if (field === 'vacancyId' && source === 'text') return 'context';
    return FIELDS_WITH_CONTROL.has(field) ? field : undefined;
  }

  private applyErrors(errors: Record<string, FieldError[]>, general: string[]): void {
    this.errorsValue = errors;
    const hasFieldErrors = Object.keys(errors).length > 0;
    this.alertValue = [...(hasFieldErrors ? [this.t('invalid.summary')] : []), ...general].join(' ');
    this.host.requestUpdate();
    const first = FIELD_ORDER.find((f) => errors[f]);
    if (first) void this.focusLater(this.focusTarget(first, errors[first]![0]!.index));
    else void this.focusLater(`#${this.uid('alert')}`);
  }

  private focusTarget(field: string, index: number | undefined): string {
    const s = this.state;
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
        const item = index !== undefined ? s[field][index] : undefined;
        return item ? `#${this.itemId(field, item.key, 'value')}` : `#${this.uid('add-' + field)}`;
      }
      case 'requiredFields':
      case 'optionalFields':
        return `#${this.uid('personal-' + PERSONAL_FIELDS[0] + '-mode')}`;
      case 'extraOptions':
        return s.appointment.enabled && s.appointment.mode === 'fixed'
          ? `#${this.uid('schedules')}`
          : `#${this.uid('appointment-enabled')}`;
      default:
        return `#${this.uid('alert')}`;
    }
  }
}
