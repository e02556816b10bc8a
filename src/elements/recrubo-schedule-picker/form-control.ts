// The picker as a form control, apart from its UI: form association (it submits with its `<form>` as one
// FormData entry, resets to its `value` attribute, restores on back-navigation), constraint validation
// (`required` → `valueMissing`, `setCustomValidity()`), and disabled by itself or by a `<fieldset disabled>`,
// with the same public API as a native control. The element (recrubo-schedule-picker.component.ts) extends it.
import type { PropertyDeclarations, PropertyValues } from 'lit';
import { RecruboElement } from '../../shared/recrubo-element.js';
import { parseIds } from './options.js';
import type { SchedulePickerKey } from './strings.js';

/**
 * Disabled by a `<fieldset disabled>` around it, by the HTML rule: a descendant of a disabled fieldset, unless
 * inside that fieldset's first legend. Read from the DOM, not from `formDisabledCallback` nor `:disabled`: Lit
 * renders before it reflects `disabled`, so both would lag one update behind.
 */
export function inDisabledFieldset(el: Element): boolean {
  for (let node = el.parentElement; node; node = node.parentElement) {
    if (node.localName !== 'fieldset' || !node.hasAttribute('disabled')) continue;
    const legend = [...node.children].find((child) => child.localName === 'legend');
    if (!legend || !legend.contains(el)) return true;
  }
  return false;
}

export class SchedulePickerFormControl extends RecruboElement<SchedulePickerKey> {
  static formAssociated = true;

  static override properties: PropertyDeclarations = {
    name: { reflect: true },
    value: {},
    multiple: { type: Boolean, reflect: true },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    formDisabled: { state: true },
    showValidation: { state: true },
  };

  /** The form field name; the FormData entry is the comma-separated ids. */
  declare name: string | undefined;
  /** Comma-separated ids of the chosen schedules (`scheduleIds` form), e.g. `1,2,3`; the attribute is the initial (and reset) value. Setting it fires no event. */
  declare value: string;
  /** Allow several schedules (a multi-select listbox); otherwise one. */
  declare multiple: boolean;
  /** At least one schedule must be chosen (`valueMissing`). */
  declare required: boolean;
  /** Not focusable, not editable, not submitted, not validated. */
  declare disabled: boolean;

  /** Only a re-render trigger (a fieldset changed); `isDisabled` reads the DOM. */
  declare private formDisabled: boolean;
  /** Show the validation message: after the user changed something, or the form was validated. */
  declare protected showValidation: boolean;

  protected readonly internals: ElementInternals;
  private customError = '';

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.name = undefined;
    this.value = '';
    this.multiple = false;
    this.required = false;
    this.disabled = false;
    this.formDisabled = false;
    this.showValidation = false;
    // `values` set before the element was upgraded shadows the accessor: take it over.
    if (Object.prototype.hasOwnProperty.call(this, 'values')) {
      const early = (this as unknown as { values: unknown }).values;
      delete (this as unknown as { values?: unknown }).values;
      if (Array.isArray(early)) this.values = early;
    }
    this.addEventListener('invalid', () => {
      this.showValidation = true;
    });
  }

  /** The chosen ids as an array (for `state.scheduleId` in custom mode). Setting it fires no event. */
  get values(): string[] {
    return parseIds(this.value);
  }

  set values(ids: readonly (string | number)[]) {
    this.value = (ids ?? []).map(String).join(',');
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get labels(): NodeList {
    return this.internals.labels;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  /** Always `"recrubo-schedule-picker"`, as `type` is for native controls (form serialisers read it). */
  get type(): string {
    return this.localName;
  }

  checkValidity(): boolean {
    this.syncValidity();
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    this.syncValidity();
    return this.internals.reportValidity();
  }

  /** A message of the host's own makes the element invalid (`customError`); an empty string clears it. */
  setCustomValidity(message: string): void {
    this.customError = message ?? '';
    this.syncValidity();
  }

  formResetCallback(): void {
    this.value = this.getAttribute('value') ?? '';
    this.showValidation = false;
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === 'string') this.value = state;
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  /** Own `disabled`, or a disabled `<fieldset>` around us. */
  protected get isDisabled(): boolean {
    return this.disabled || inDisabledFieldset(this);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const value = this.value;
    // Disabled controls are not submitted anyway; saying so ourselves keeps every engine in line.
    this.internals.setFormValue(this.isDisabled || !value ? null : value, value);
    this.syncValidity();
  }

  /** The validity, anchored to the listbox (where the browser shows its bubble). */
  protected syncValidity(): void {
    const anchor = this.renderRoot?.querySelector?.<HTMLElement>('[role="listbox"]') ?? undefined;
    if (this.customError) {
      this.internals.setValidity({ customError: true }, this.customError, anchor);
    } else if (this.required && this.values.length === 0) {
      this.internals.setValidity(
        { valueMissing: true },
        this.t(this.multiple ? 'valueMissing.multiple' : 'valueMissing.single'),
        anchor,
      );
    } else {
      this.internals.setValidity({});
    }
  }
}
