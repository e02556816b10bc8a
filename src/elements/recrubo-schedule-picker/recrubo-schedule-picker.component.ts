import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { RecruboElement } from '../../shared/recrubo-element.js';
import type { RecruboApiError } from '../../api/errors.js';
import { LoadController } from '../../shared/load-controller.js';
import { baseStyles } from '../../shared/base.styles.js';
import { formatNumber } from '../../shared/format.js';
import { schedulePickerStyles } from './recrubo-schedule-picker.styles.js';
import { scheduleStrings, type SchedulePickerKey } from './strings.js';
import {
  fold,
  formatDuration,
  formatTimeZone,
  matches,
  normalizeOptions,
  optionsFromChildren,
  parseIds,
  type OptionSource,
  type ScheduleOption,
} from './options.js';

export type { ScheduleOption, OptionSource } from './options.js';

interface ResolvedOptions {
  source: OptionSource;
  options: ScheduleOption[];
  byId: Map<string, ScheduleOption>;
  indexOf: Map<string, number>;
}

/** More options than this and a search box appears. */
export const SEARCH_THRESHOLD = 8;
const TYPEAHEAD_RESET_MS = 700;

/**
 * Chooses the schedules an appointment step may book into. A form-associated custom element: it submits with its
 * `<form>` (one FormData entry under `name`: the comma-separated ids, Recrubo's `scheduleIds` string form; nothing
 * when no schedule is chosen, like a `<select>`), resets with it (to the `value` attribute), restores on
 * back-navigation and takes part in constraint validation (`required` → `valueMissing`).
 *
 * Options come from, first match wins: the `schedules` property; light-DOM `<option value="…">` children (text =
 * name, optional `data-duration` in minutes and `data-time-zone`; changes are observed); `GET {base-url}/schedules`
 * or `schedules-url` (a sandbox extension: Recrubo documents no schedules endpoint).
 *
 * The list is an ARIA listbox (`aria-multiselectable` with `multiple`): focus stays on the listbox and
 * `aria-activedescendant` names the active option. Keys: ↑/↓, Home/End, Space/Enter toggle, typing jumps to the
 * next name that starts with the typed text, Ctrl/⌘+A selects every shown option, Escape clears the search. With
 * more than eight options a search box filters the list (↓ or Enter moves into the list). Chosen schedules show as
 * chips below the list; Backspace/Delete or the chip's button removes one, ←/→ move between chips. An id in `value`
 * that no option has is kept and shown as an "unknown schedule" chip.
 *
 * @summary Form control that chooses the schedules an appointment step books into.
 * @tag recrubo-schedule-picker
 *
 * @attr {string} name - The form field name; the FormData entry is the comma-separated ids.
 * @attr {string} value - The initial (and reset) value: comma-separated schedule ids, e.g. `1,2,3`.
 * @attr {boolean} multiple - Allow several schedules (a multi-select listbox); otherwise one.
 * @attr {boolean} required - At least one schedule must be chosen (`valueMissing`).
 * @attr {boolean} disabled - Not focusable, not editable, not submitted, not validated.
 * @attr {string} label - Visible label above the list (also its accessible name). Without it the list is named by a
 *   `<label for>` of the element, or "Schedules".
 * @attr {string} schedules-url - Load options from this JSON:API endpoint (absolute, `/root-relative`, or relative
 *   to `base-url`) instead of `{base-url}/schedules`.
 * @attr {string} base-url - API root including `/public/v2` (shared configuration, spec §2).
 * @attr {string} api-key - Sandbox / local development key (shared configuration, never reflected).
 * @attr {string} lang - UI language, `en` or `nl`.
 *
 * @prop {string} value - Comma-separated ids of the chosen schedules (`scheduleIds` form). Setting it fires no event.
 * @prop {string[]} values - The same as an array (for `state.scheduleId` in custom mode). Setting it fires no event.
 * @prop {ScheduleOption[] | undefined} schedules - Options given by the host: `{ id, name, appointmentDuration, timeZone }`.
 * @prop {ScheduleOption[]} options - Read-only: the options in effect, from whichever source won.
 * @prop {'property' | 'children' | 'api'} source - Read-only: where the options in effect come from.
 * @prop {string[]} unknownValues - Read-only: chosen ids that no option has (only once the options are known).
 *
 * @fires input - The user changed the selection (plain `Event`, bubbles, composed; read `value`).
 * @fires change - The user changed the selection (plain `Event`, bubbles, composed; read `value`). Not fired when
 *   the host sets `value`, `values` or `schedules`.
 * @fires {CustomEvent<{ error: RecruboApiError }>} recrubo-error - Loading the schedules failed for good (after retries).
 *
 * @csspart base - The wrapper of everything.
 * @csspart label - The visible label (with the `label` attribute).
 * @csspart search - The search text box (more than eight options).
 * @csspart panel - The box around the list, its skeleton and its empty/error messages.
 * @csspart listbox - The element with `role="listbox"`.
 * @csspart option - Each option; also `option-selected` when chosen and `option-active` when it has the keyboard.
 * @csspart option-check - The check box / check mark of an option.
 * @csspart option-name - An option's name.
 * @csspart option-meta - An option's duration and time zone.
 * @csspart skeleton - The loading placeholder rows.
 * @csspart message - The empty / no-match message.
 * @csspart error - The error box (with the retry button).
 * @csspart retry - The retry button.
 * @csspart chips - The list of chosen schedules.
 * @csspart chip - Each chosen schedule; also `chip-unknown` for an id no option has.
 * @csspart chip-remove - A chip's remove button (labelled "Remove <name>").
 * @csspart status - The live status line ("2 selected · 12 schedules").
 * @csspart validation - The validation message, shown after the user interacted or the form was validated.
 *
 * @cssprop --recrubo-schedule-picker-list-height - Maximum height of the list before it scrolls (default 17.5rem,
 *   about six options).
 * @cssprop --recrubo-color-primary - Selection and focus colour (and every other shared `--recrubo-*` token).
 */
export class RecruboSchedulePickerElement extends RecruboElement<SchedulePickerKey> {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [baseStyles, schedulePickerStyles];
  static override strings = scheduleStrings;

  static override properties: PropertyDeclarations = {
    name: { reflect: true },
    value: {},
    multiple: { type: Boolean, reflect: true },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    label: {},
    schedules: { attribute: false },
    schedulesUrl: { attribute: 'schedules-url' },
    childOptions: { state: true },
    query: { state: true },
    activeId: { state: true },
    formDisabled: { state: true },
    showValidation: { state: true },
  };

  declare name: string | undefined;
  declare value: string;
  declare multiple: boolean;
  declare required: boolean;
  declare disabled: boolean;
  declare label: string | undefined;
  declare schedules: ScheduleOption[] | undefined | null;
  declare schedulesUrl: string | undefined;

  declare private childOptions: ScheduleOption[];
  declare private query: string;
  declare private activeId: string | undefined;
  declare private formDisabled: boolean;
  declare private showValidation: boolean;

  private readonly internals: ElementInternals;
  private childObserver?: MutationObserver;
  private customError = '';
  private typeahead = { text: '', at: 0 };
  private focusListAfterLoad = false;
  private scrollActive = false;

  /** Computed in willUpdate: the options in effect and where they come from. */
  private resolved: ResolvedOptions = { source: 'api', options: [], byId: new Map(), indexOf: new Map() };

  /** The API's schedules, loaded only while neither the property nor children give the options. */
  private readonly loader = new LoadController(this, {
    key: () => (this.sourceNow() === 'api' ? `schedules\u0000${this.schedulesUrl ?? ''}` : undefined),
    load: async (api, _key, signal) => normalizeOptions(await api.schedules.list({ url: this.schedulesUrl || undefined, signal })),
    onError: (error) => this.reportError(error),
  });

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.name = undefined;
    this.value = '';
    this.multiple = false;
    this.required = false;
    this.disabled = false;
    this.label = undefined;
    this.schedules = undefined;
    this.schedulesUrl = undefined;
    this.childOptions = [];
    this.query = '';
    this.activeId = undefined;
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

  // ---- public API -------------------------------------------------------------------------------------------

  /** The chosen ids as an array. */
  get values(): string[] {
    return parseIds(this.value);
  }

  set values(ids: readonly (string | number)[]) {
    this.value = (ids ?? []).map(String).join(',');
  }

  /** The options in effect (after the source precedence). */
  get options(): ScheduleOption[] {
    return this.computeOptions().options;
  }

  /** Where the options in effect come from. */
  get source(): OptionSource {
    return this.sourceNow();
  }

  /** Chosen ids that no option has; empty while the options are not known (loading, error). */
  get unknownValues(): string[] {
    const { source, byId } = this.computeOptions();
    if (!this.optionsKnown(source)) return [];
    return this.values.filter((id) => !byId.has(id));
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

  /** Load the options from the API again (after an error, or when the host knows they changed). */
  reload(): void {
    this.loader.reload();
  }

  // ---- form-associated callbacks ----------------------------------------------------------------------------

  formResetCallback(): void {
    this.value = this.getAttribute('value') ?? '';
    this.query = '';
    this.showValidation = false;
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === 'string') this.value = state;
  }

  formDisabledCallback(disabled: boolean): void {
    // Only a re-render trigger (a fieldset changed); isDisabled reads the DOM.
    this.formDisabled = disabled;
  }

  // ---- life cycle -------------------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.childOptions = optionsFromChildren(this);
    if (typeof MutationObserver !== 'undefined') {
      this.childObserver ??= new MutationObserver(() => {
        this.childOptions = optionsFromChildren(this);
      });
      this.childObserver.observe(this, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['value', 'data-duration', 'data-time-zone', 'label'] });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.childObserver?.disconnect();
  }

  /**
   * Own `disabled`, or a disabled `<fieldset>` around us. Not `:disabled` nor the `formDisabledCallback` flag
   * alone: Lit renders before it reflects `disabled` to the attribute, so both would lag one update behind.
   */
  private get isDisabled(): boolean {
    return this.disabled || this.inDisabledFieldset();
  }

  /** The HTML rule: a descendant of a disabled fieldset, unless inside that fieldset's first legend. */
  private inDisabledFieldset(): boolean {
    for (let node = this.parentElement; node; node = node.parentElement) {
      if (node.localName !== 'fieldset' || !node.hasAttribute('disabled')) continue;
      const legend = [...node.children].find((child) => child.localName === 'legend');
      if (!legend || !legend.contains(this)) return true;
    }
    return false;
  }

  private optionsKnown(source: OptionSource = this.resolved.source): boolean {
    return source !== 'api' || this.loader.status === 'loaded';
  }

  /** First match wins: the property, then light-DOM children, then the API. */
  private sourceNow(): OptionSource {
    if (this.schedules !== undefined && this.schedules !== null) return 'property';
    return this.childOptions.length > 0 ? 'children' : 'api';
  }

  /** The options in effect, computed afresh (no side effect: the public getters use it too). */
  private computeOptions(): ResolvedOptions {
    const source = this.sourceNow();
    const options =
      source === 'property'
        ? normalizeOptions(Array.isArray(this.schedules) ? this.schedules : [])
        : source === 'children'
          ? this.childOptions
          : (this.loader.data ?? []);
    return { source, options, byId: new Map(options.map((o) => [o.id, o])), indexOf: new Map(options.map((o, i) => [o.id, i])) };
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('value')) {
      const normalized = parseIds(this.value === null || this.value === undefined ? '' : String(this.value)).join(',');
      if (normalized !== this.value) this.value = normalized;
    }
    this.resolved = this.computeOptions();
    const { options } = this.resolved;
    this.syncValidity();
    if (!this.showSearch && this.query) this.query = '';
    const visible = this.visibleOptions();
    if (this.activeId !== undefined && !visible.some((o) => o.id === this.activeId)) this.activeId = undefined;
    if (options.length === 0) this.activeId = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const value = this.value;
    // Disabled controls are not submitted anyway; saying so ourselves keeps every engine in line.
    this.internals.setFormValue(this.isDisabled || !value ? null : value, value);
    this.syncValidity();
    if (this.scrollActive) {
      this.scrollActive = false;
      const active = this.renderRoot.querySelector<HTMLElement>('[part~="option-active"]');
      active?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    }
    if (this.focusListAfterLoad && !this.loader.loading) {
      this.focusListAfterLoad = false;
      this.primaryControl()?.focus();
    }
  }

  private syncValidity(): void {
    const anchor = this.renderRoot?.querySelector?.<HTMLElement>('[role="listbox"]') ?? undefined;
    if (this.customError) {
      this.internals.setValidity({ customError: true }, this.customError, anchor);
    } else if (this.required && this.values.length === 0) {
      this.internals.setValidity({ valueMissing: true }, this.t(this.multiple ? 'valueMissing.multiple' : 'valueMissing.single'), anchor);
    } else {
      this.internals.setValidity({});
    }
  }

  // ---- loading from the API ---------------------------------------------------------------------------------

  private retry(): void {
    // The retry button disappears with the error; the list takes the focus when it arrives.
    this.focusListAfterLoad = this.shadowRoot?.activeElement?.getAttribute('part') === 'retry';
    this.reload();
  }

  // ---- selection ----------------------------------------------------------------------------------------------

  private get showSearch(): boolean {
    return this.resolved.options.length > SEARCH_THRESHOLD;
  }

  private visibleOptions(): ScheduleOption[] {
    const { options } = this.resolved;
    return this.query ? options.filter((o) => matches(o, this.query)) : options;
  }

  /** A change the user made: update the value and tell the host, as a native control would. */
  private commit(ids: string[]): void {
    const next = ids.join(',');
    if (next === this.value) return;
    this.value = next;
    this.showValidation = true;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private toggle(id: string): void {
    if (this.isDisabled) return;
    const ids = this.values;
    if (!this.multiple) {
      // A single-select list never deselects by choosing again (like <select>); the chip's button clears it.
      if (ids.length === 1 && ids[0] === id) return;
      this.commit([id]);
      return;
    }
    this.commit(ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]);
  }

  private removeId(id: string, focusAfter: boolean): void {
    if (this.isDisabled) return;
    const ids = this.values;
    const at = ids.indexOf(id);
    if (at < 0) return;
    this.commit(ids.filter((x) => x !== id));
    if (!focusAfter) return;
    void this.updateComplete.then(() => {
      const buttons = this.chipButtons();
      const target = buttons[Math.min(at, buttons.length - 1)] ?? this.primaryControl();
      target?.focus();
    });
  }

  private setActive(id: string | undefined): void {
    this.activeId = id;
    this.scrollActive = true;
  }

  // ---- keyboard -----------------------------------------------------------------------------------------------

  private onListKeydown(event: KeyboardEvent): void {
    if (this.isDisabled) return;
    const visible = this.visibleOptions();
    const index = visible.findIndex((o) => o.id === this.activeId);
    const move = (to: number) => {
      if (visible.length === 0) return;
      this.setActive(visible[Math.max(0, Math.min(visible.length - 1, to))].id);
    };
    switch (event.key) {
      case 'ArrowDown':
        move(index < 0 ? 0 : index + 1);
        break;
      case 'ArrowUp':
        move(index < 0 ? visible.length - 1 : index - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(visible.length - 1);
        break;
      case ' ':
      case 'Spacebar':
      case 'Enter':
        if (event.key !== 'Enter' && this.typeahead.text && Date.now() - this.typeahead.at <= TYPEAHEAD_RESET_MS) {
          // a space in the middle of typing a name ("interview — d") is part of it, as in a native <select>
          this.typeAhead(' ', visible, index);
          break;
        }
        if (this.activeId === undefined) {
          move(0);
          break;
        }
        this.toggle(this.activeId);
        break;
      case 'Escape':
        if (!this.query) return;
        this.query = '';
        event.stopPropagation();
        break;
      default:
        if ((event.key === 'a' || event.key === 'A') && (event.ctrlKey || event.metaKey) && this.multiple) {
          const ids = this.values;
          this.commit([...ids, ...visible.map((o) => o.id).filter((id) => !ids.includes(id))]);
          break;
        }
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && event.key !== ' ') {
          this.typeAhead(event.key, visible, index);
          break;
        }
        return;
    }
    event.preventDefault();
  }

  private typeAhead(char: string, visible: ScheduleOption[], index: number): void {
    const now = Date.now();
    const text = now - this.typeahead.at > TYPEAHEAD_RESET_MS ? char : this.typeahead.text + char;
    this.typeahead = { text, at: now };
    const needle = fold(text);
    // Repeating one letter cycles through the names starting with it; otherwise search from the active option.
    const sameLetter = needle.length > 1 && [...needle].every((c) => c === needle[0]);
    const prefix = sameLetter ? needle[0] : needle;
    const start = sameLetter || needle.length === 1 ? index + 1 : Math.max(index, 0);
    for (let i = 0; i < visible.length; i++) {
      const option = visible[(start + i) % visible.length];
      if (fold(option.name).startsWith(prefix)) {
        this.setActive(option.id);
        return;
      }
    }
  }

  private onSearchInput(event: Event): void {
    event.stopPropagation(); // the host's own input event means "the value changed", not "typed in the search"
    this.query = (event.target as HTMLInputElement).value;
    const first = this.visibleOptions()[0];
    this.activeId = first?.id;
  }

  private onSearchKeydown(event: KeyboardEvent): void {
    switch (event.key) {
      case 'Escape':
        if (!this.query) return;
        this.query = '';
        event.stopPropagation();
        break;
      case 'ArrowDown':
      case 'Enter': {
        const visible = this.visibleOptions();
        if (visible.length === 0) return;
        if (!visible.some((o) => o.id === this.activeId)) this.setActive(visible[0].id);
        else this.scrollActive = true;
        this.listbox()?.focus();
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  }

  private onChipKeydown(event: KeyboardEvent, id: string): void {
    const buttons = this.chipButtons();
    const at = buttons.indexOf(event.currentTarget as HTMLButtonElement);
    switch (event.key) {
      case 'Backspace':
      case 'Delete':
        this.removeId(id, true);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        buttons[Math.max(0, at - 1)]?.focus();
        break;
      case 'ArrowRight':
      case 'ArrowDown':
        buttons[Math.min(buttons.length - 1, at + 1)]?.focus();
        break;
      case 'Home':
        buttons[0]?.focus();
        break;
      case 'End':
        buttons[buttons.length - 1]?.focus();
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  private onOptionClick(id: string): void {
    if (this.isDisabled) return;
    this.activeId = id;
    this.toggle(id);
    this.listbox()?.focus();
  }

  private listbox(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[role="listbox"]');
  }

  private chipButtons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[part~="chip-remove"]')];
  }

  private primaryControl(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="search"]') ?? this.listbox();
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  private accessibleName(): string {
    const fromLabels = [...(this.internals.labels ?? [])]
      .map((l) => l.textContent?.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join(' ');
    return fromLabels || this.t('label');
  }

  private meta(option: ScheduleOption): string {
    const lang = this.config.lang;
    const parts: string[] = [];
    if (option.appointmentDuration !== undefined) parts.push(formatDuration(option.appointmentDuration, lang));
    if (option.timeZone) parts.push(formatTimeZone(option.timeZone));
    return parts.join(' · ');
  }

  protected override render(): TemplateResult {
    const { source, options } = this.resolved;
    const loading = source === 'api' && (this.loader.status === 'loading' || this.loader.status === 'idle');
    const error = source === 'api' ? this.loader.error : undefined;
    const disabled = this.isDisabled;
    const invalid = this.showValidation && !disabled && !this.internals.validity.valid;
    return html`
      <div part="base" class="base ${disabled ? 'disabled' : ''}">
        ${this.label ? html`<div part="label" id="label" class="label">${this.label}</div>` : nothing}
        ${this.showSearch
          ? html`<input
              part="search"
              class="search"
              type="search"
              autocomplete="off"
              spellcheck="false"
              .value=${this.query}
              placeholder=${this.t('search.placeholder')}
              aria-label=${this.t('search')}
              aria-controls="listbox"
              ?disabled=${disabled}
              @input=${this.onSearchInput}
              @change=${(e: Event) => e.stopPropagation()}
              @keydown=${this.onSearchKeydown}
            />`
          : loading
            ? html`<div class="skeleton skeleton-bar" aria-hidden="true"></div>`
            : nothing}
        <div part="panel" class="panel ${invalid ? 'invalid' : ''}">
          ${this.renderListbox(loading, error !== undefined, invalid)}
          ${loading ? this.renderSkeleton() : nothing}
          ${error ? this.renderError(error) : nothing}
          ${!loading && !error && options.length === 0 ? html`<p part="message" class="message">${this.t('empty')}</p>` : nothing}
          ${!loading && !error && options.length > 0 && this.query && this.visibleOptions().length === 0
            ? html`<p part="message" class="message">${this.t('noMatch', { query: this.query })}</p>`
            : nothing}
        </div>
        ${this.renderChips(loading || error !== undefined)}
        <div part="status" class="status" role="status" aria-live="polite">${this.statusText(loading, error !== undefined)}</div>
        ${invalid ? html`<div part="validation" id="validation" class="validation">${this.internals.validationMessage}</div>` : nothing}
      </div>
    `;
  }

  private renderListbox(loading: boolean, failed: boolean, invalid: boolean): TemplateResult {
    const visible = loading || failed ? [] : this.visibleOptions();
    const selected = new Set(this.values);
    const active = this.activeId !== undefined ? (this.resolved.indexOf.get(this.activeId) ?? -1) : -1;
    const disabled = this.isDisabled;
    const tabindex = disabled ? undefined : failed ? '-1' : '0';
    return html`<div
      id="listbox"
      part="listbox"
      class="listbox"
      role="listbox"
      tabindex=${tabindex ?? nothing}
      aria-multiselectable=${this.multiple ? 'true' : 'false'}
      aria-labelledby=${this.label ? 'label' : nothing}
      aria-label=${this.label ? nothing : this.accessibleName()}
      aria-activedescendant=${active >= 0 && !disabled ? `option-${active}` : nothing}
      aria-busy=${loading ? 'true' : nothing}
      aria-disabled=${disabled ? 'true' : nothing}
      aria-required=${this.required ? 'true' : nothing}
      aria-invalid=${invalid ? 'true' : nothing}
      aria-describedby=${invalid ? 'validation' : nothing}
      @keydown=${this.onListKeydown}
      @focus=${() => {
        if (this.activeId === undefined && !disabled) {
          const first = this.visibleOptions().find((o) => selected.has(o.id)) ?? this.visibleOptions()[0];
          if (first) this.setActive(first.id);
        }
      }}
    >
      ${visible.map((option) => {
        const index = this.resolved.indexOf.get(option.id) ?? 0;
        const isSelected = selected.has(option.id);
        const isActive = option.id === this.activeId;
        const meta = this.meta(option);
        return html`<div
          id="option-${index}"
          role="option"
          part="option${isSelected ? ' option-selected' : ''}${isActive ? ' option-active' : ''}"
          class="option ${isSelected ? 'selected' : ''} ${isActive ? 'active' : ''}"
          aria-selected=${isSelected ? 'true' : 'false'}
          @click=${() => this.onOptionClick(option.id)}
        >
          <span part="option-check" class="check ${this.multiple ? 'box' : 'mark'}" aria-hidden="true"></span>
          <span class="text">
            <span part="option-name" class="name">${option.name}</span>
            ${meta ? html`<span part="option-meta" class="meta">${meta}</span>` : nothing}
          </span>
        </div>`;
      })}
    </div>`;
  }

  private renderSkeleton(): TemplateResult {
    return html`<div part="skeleton" class="skeleton-list" aria-hidden="true">
      ${[62, 48, 70, 55, 66, 44, 58].map(
        (w) => html`<div class="skeleton-row"><span class="skeleton skeleton-box"></span><span class="skeleton-lines"><span class="skeleton" style="width:${w}%"></span><span class="skeleton" style="width:${w / 2}%"></span></span></div>`,
      )}
    </div>`;
  }

  private renderError(error: RecruboApiError): TemplateResult {
    const detail = this.errorMessage(error);
    return html`<div part="error" class="error" role="alert">
      <p class="error-title">${this.t('error.title')}</p>
      <p class="error-detail">${detail}</p>
      <button part="retry" class="retry" type="button" ?disabled=${this.isDisabled} @click=${this.retry}>${this.t('common.retry')}</button>
    </div>`;
  }

  private renderChips(unsure: boolean): TemplateResult | typeof nothing {
    const ids = this.values;
    if (ids.length === 0) return nothing;
    const { byId } = this.resolved;
    const known = !unsure && this.optionsKnown();
    const disabled = this.isDisabled;
    return html`<ul part="chips" class="chips" aria-label=${this.t('chips')}>
      ${ids.map((id) => {
        const option = byId.get(id);
        const unknown = known && !option;
        const name = option ? option.name : unknown ? this.t('unknown', { id }) : this.t('pending', { id });
        return html`<li part="chip${unknown ? ' chip-unknown' : ''}" class="chip ${unknown ? 'unknown' : ''} ${!option && !unknown ? 'pending' : ''}" data-id=${id}>
          ${unknown ? html`<span class="warn" aria-hidden="true">!</span>` : nothing}
          <span class="chip-label" title=${unknown ? this.t('unknown.hint') : nothing}>${name}</span>
          <button
            part="chip-remove"
            class="chip-remove"
            type="button"
            aria-label=${this.t('remove', { name })}
            ?disabled=${disabled}
            @click=${() => this.removeId(id, true)}
            @keydown=${(e: KeyboardEvent) => this.onChipKeydown(e, id)}
          >
            <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false"><path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="2" stroke-linecap="round" fill="none"/></svg>
          </button>
        </li>`;
      })}
    </ul>`;
  }

  private statusText(loading: boolean, failed: boolean): string {
    if (loading) return this.t('loading');
    if (failed) return '';
    const total = this.resolved.options.length;
    const count = this.values.length;
    const selected = count === 0 ? this.t('selected.none') : this.t('selected', { count: this.number(count) });
    const listed = this.query
      ? this.t('matches', { count: this.number(this.visibleOptions().length), total: this.number(total) })
      : total === 1
        ? this.t('count.one')
        : this.t('count', { count: this.number(total) });
    return total === 0 ? selected : `${selected} · ${listed}`;
  }

  private number(n: number): string {
    return formatNumber(this.config.lang, n);
  }
}
