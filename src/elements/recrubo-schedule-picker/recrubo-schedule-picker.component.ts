import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { RecruboApiError } from '../../api/errors.js';
import { Announcements } from '../../shared/announcer.js';
import { ElementTask, TaskStatus, initialState } from '../../shared/element-task.js';
import { baseStyles } from '../../shared/base.styles.js';
import { formatNumber } from '../../shared/format.js';
import { chipButtons, renderChips } from './chips.js';
import { SchedulePickerFormControl } from './form-control.js';
import { ListboxKeys, renderListbox, renderSkeleton, type ListboxModel } from './listbox.js';
import { schedulePickerStyles } from './recrubo-schedule-picker.styles.js';
import { scheduleStrings } from './strings.js';
import {
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
 * @attr {string} lang - UI language, `en` or `nl`.
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
export class RecruboSchedulePickerElement extends SchedulePickerFormControl {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [baseStyles, schedulePickerStyles];
  static override strings = scheduleStrings;

  static override properties: PropertyDeclarations = {
    label: {},
    schedules: { attribute: false },
    schedulesUrl: { attribute: 'schedules-url' },
    childOptions: { state: true },
    query: { state: true },
    activeId: { state: true },
  };

  /** Visible label above the list (also its accessible name). Without it the list is named by a `<label for>` of the element, or "Schedules". */
  declare label: string | undefined;
  /** Options given by the host: `{ id, name, appointmentDuration, timeZone }` (first of the three sources). */
  declare schedules: ScheduleOption[] | undefined | null;
  /** Load options from this JSON:API endpoint (absolute, `/root-relative`, or relative to `base-url`) instead of `{base-url}/schedules`. */
  declare schedulesUrl: string | undefined;

  declare private childOptions: ScheduleOption[];
  declare private query: string;
  declare private activeId: string | undefined;

  private childObserver?: MutationObserver;
  private readonly keys = new ListboxKeys();
  private focusListAfterLoad = false;
  private scrollActive = false;

  /** Computed in willUpdate: the options in effect and where they come from. */
  private resolved: ResolvedOptions = { source: 'api', options: [], byId: new Map(), indexOf: new Map() };

  /** The API's schedules, loaded only while neither the property nor children give the options. */
  private readonly loader = new ElementTask(this, {
    task: async ([api, source, url], { signal }) =>
      source === 'api' ? normalizeOptions(await api.schedules.list({ url: url || undefined, signal })) : initialState,
    args: () => [this.api, this.sourceNow(), this.schedulesUrl],
    onError: (error) => this.reportError(error),
  });
  /** The status line as last rendered: also spoken, through the page's announcer, when it changes. */
  private statusNow = '';

  constructor() {
    super();
    this.label = undefined;
    this.schedules = undefined;
    this.schedulesUrl = undefined;
    this.childOptions = [];
    this.query = '';
    this.activeId = undefined;
    new Announcements(this, () => this.statusNow);
  }

  // ---- public API -------------------------------------------------------------------------------------------

  /** Read-only: the options in effect, from whichever source won. */
  get options(): ScheduleOption[] {
    return this.computeOptions().options;
  }

  /** Read-only: where the options in effect come from (`property`, `children` or `api`). */
  get source(): OptionSource {
    return this.sourceNow();
  }

  /** Read-only: chosen ids that no option has; empty while the options are not known (loading, error). */
  get unknownValues(): string[] {
    const { source, byId } = this.computeOptions();
    if (!this.optionsKnown(source)) return [];
    return this.values.filter((id) => !byId.has(id));
  }

  /** Load the options from the API again (after an error, or when the host knows they changed). */
  reload(): void {
    void this.loader.run();
  }

  override formResetCallback(): void {
    super.formResetCallback();
    this.query = '';
  }

  // ---- life cycle -------------------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.childOptions = optionsFromChildren(this);
    if (typeof MutationObserver !== 'undefined') {
      this.childObserver ??= new MutationObserver(() => {
        this.childOptions = optionsFromChildren(this);
      });
      this.childObserver.observe(this, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['value', 'data-duration', 'data-time-zone', 'label'],
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.childObserver?.disconnect();
  }

  private optionsKnown(source: OptionSource = this.resolved.source): boolean {
    return source !== 'api' || this.loader.status === TaskStatus.COMPLETE;
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
          : this.loader.status === TaskStatus.COMPLETE
            ? this.loader.value!
            : [];
    return {
      source,
      options,
      byId: new Map(options.map((o) => [o.id, o])),
      indexOf: new Map(options.map((o, i) => [o.id, i])),
    };
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
    super.updated(changed); // the form value and validity
    if (this.scrollActive) {
      this.scrollActive = false;
      const active = this.renderRoot.querySelector<HTMLElement>('[part~="option-active"]');
      active?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    }
    if (this.focusListAfterLoad && this.loader.status !== TaskStatus.PENDING) {
      this.focusListAfterLoad = false;
      this.primaryControl()?.focus();
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
      const buttons = chipButtons(this.renderRoot);
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
    if (!this.isDisabled) this.keys.keydown(event, this.listModel());
  }

  private listModel(): ListboxModel {
    return {
      visible: this.visibleOptions(),
      activeId: this.activeId,
      values: this.values,
      multiple: this.multiple,
      query: this.query,
      setActive: (id) => this.setActive(id),
      toggle: (id) => this.toggle(id),
      commit: (ids) => this.commit(ids),
      clearQuery: () => (this.query = ''),
    };
  }

  private onSearchInput(event: Event): void {
    event.stopPropagation(); // the host's own input event means "the value changed", not "typed in the search"
    this.query = (event.target as HTMLInputElement).value;
    const first = this.visibleOptions()[0];
    this.activeId = first?.id;
  }

  private onSearchKeydown(event: KeyboardEvent): void {
    this.keys.searchKeydown(event, this.listModel(), () => {
      this.scrollActive = true;
      this.listbox()?.focus();
    });
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
    const loading =
      source === 'api' && (this.loader.status === TaskStatus.PENDING || this.loader.status === TaskStatus.INITIAL);
    const error =
      source === 'api' && this.loader.status === TaskStatus.ERROR ? (this.loader.error as RecruboApiError) : undefined;
    this.statusNow = this.statusText(loading, error !== undefined);
    const disabled = this.isDisabled;
    const invalid = this.showValidation && !disabled && !this.internals.validity.valid;
    return html`
      <div part="base" class="base ${disabled ? 'disabled' : ''}">
        ${this.label ? html`<div part="label" id="label" class="label">${this.label}</div>` : nothing}
        ${
          this.showSearch
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
              : nothing
        }
        <div part="panel" class="panel ${invalid ? 'invalid' : ''}">
          ${this.renderListbox(loading, error !== undefined, invalid)}
          ${loading ? renderSkeleton() : nothing}
          ${error ? this.renderError(error) : nothing}
          ${!loading && !error && options.length === 0 ? html`<p part="message" class="message">${this.t('empty')}</p>` : nothing}
          ${
            !loading && !error && options.length > 0 && this.query && this.visibleOptions().length === 0
              ? html`<p part="message" class="message">${this.t('noMatch', { query: this.query })}</p>`
              : nothing
          }
        </div>
        ${this.renderChips(loading || error !== undefined)}
        <div part="status" class="status">${this.statusNow}</div>
        ${invalid ? html`<div part="validation" id="validation" class="validation">${this.internals.validationMessage}</div>` : nothing}
      </div>
    `;
  }

  private renderListbox(loading: boolean, failed: boolean, invalid: boolean): TemplateResult {
    const selected = new Set(this.values);
    const disabled = this.isDisabled;
    return renderListbox({
      shown: loading || failed ? [] : this.visibleOptions(),
      indexOf: this.resolved.indexOf,
      selected,
      activeId: this.activeId,
      multiple: this.multiple,
      required: this.required,
      disabled,
      loading,
      failed,
      invalid,
      labelled: !!this.label,
      accessibleName: this.label ? '' : this.accessibleName(),
      meta: (option) => this.meta(option),
      onKeydown: (event) => this.onListKeydown(event),
      onFocus: () => {
        if (this.activeId === undefined && !disabled) {
          const first = this.visibleOptions().find((o) => selected.has(o.id)) ?? this.visibleOptions()[0];
          if (first) this.setActive(first.id);
        }
      },
      onOptionClick: (id) => this.onOptionClick(id),
    });
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
    return renderChips({
      ids: this.values,
      byId: this.resolved.byId,
      known: !unsure && this.optionsKnown(),
      disabled: this.isDisabled,
      t: (key, params) => this.t(key, params),
      remove: (id) => this.removeId(id, true),
    });
  }

  /** "2 selected · 12 schedules", or while searching "2 selected · 3 of 12 schedules match". */
  private statusText(loading: boolean, failed: boolean): string {
    if (loading) return this.t('loading');
    if (failed) return '';
    const number = (n: number) => formatNumber(this.config.lang, n);
    const total = this.resolved.options.length;
    const count = this.values.length;
    const selected = count === 0 ? this.t('selected.none') : this.t('selected', { count: number(count) });
    if (total === 0) return selected;
    if (this.query)
      return `${selected} · ${this.t('matches', { count: number(this.visibleOptions().length), total: number(total) })}`;
    return `${selected} · ${total === 1 ? this.t('count.one') : this.t('count', { count: number(total) })}`;
  }
}
