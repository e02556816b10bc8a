// The picker's list: an ARIA listbox whose focus stays on the list while `aria-activedescendant` names the active
// option (↑/↓, Home/End, Space/Enter toggle, Ctrl/⌘+A selects every shown option, Escape clears the search, typing
// jumps to the next name that starts with the typed text), its options and the loading skeleton of its height.
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fold, type ScheduleOption } from './options.js';

const TYPEAHEAD_RESET_MS = 700;

/** What the keys act on: the shown options, the active one and the selection. */
export interface ListboxModel {
  readonly visible: ScheduleOption[];
  readonly activeId: string | undefined;
  readonly values: string[];
  readonly multiple: boolean;
  readonly query: string;
  setActive(id: string | undefined): void;
  toggle(id: string): void;
  /** A selection the user made (fires input and change). */
  commit(ids: string[]): void;
  clearQuery(): void;
}

/** The keyboard of the listbox; keeps the type-ahead text between keys. */
export class ListboxKeys {
  private typeahead = { text: '', at: 0 };

  keydown(event: KeyboardEvent, list: ListboxModel): void {
    const { visible } = list;
    const index = visible.findIndex((o) => o.id === list.activeId);
    const move = (to: number) => {
      if (visible.length === 0) return;
      list.setActive(visible[Math.max(0, Math.min(visible.length - 1, to))]!.id);
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
          this.typeAhead(' ', list, index);
          break;
        }
        if (list.activeId === undefined) {
          move(0);
          break;
        }
        list.toggle(list.activeId);
        break;
      case 'Escape':
        if (!list.query) return;
        list.clearQuery();
        event.stopPropagation();
        break;
      default:
        if ((event.key === 'a' || event.key === 'A') && (event.ctrlKey || event.metaKey) && list.multiple) {
          const ids = list.values;
          list.commit([...ids, ...visible.map((o) => o.id).filter((id) => !ids.includes(id))]);
          break;
        }
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && event.key !== ' ') {
          this.typeAhead(event.key, list, index);
          break;
        }
        return;
    }
    event.preventDefault();
  }

  /**
   * The search box: ↓ or Enter moves into the list (onto the first match unless the active option is shown),
   * Escape clears the search.
   */
  searchKeydown(event: KeyboardEvent, list: ListboxModel, focusList: () => void): void {
    switch (event.key) {
      case 'Escape':
        if (!list.query) return;
        list.clearQuery();
        event.stopPropagation();
        break;
      case 'ArrowDown':
      case 'Enter': {
        const { visible } = list;
        if (visible.length === 0) return;
        if (!visible.some((o) => o.id === list.activeId)) list.setActive(visible[0]!.id);
        focusList();
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  }

  private typeAhead(char: string, list: ListboxModel, index: number): void {
    const { visible } = list;
    const now = Date.now();
    const text = now - this.typeahead.at > TYPEAHEAD_RESET_MS ? char : this.typeahead.text + char;
    this.typeahead = { text, at: now };
    const needle = fold(text);
    // Repeating one letter cycles through the names starting with it; otherwise search from the active option.
    const sameLetter = needle.length > 1 && [...needle].every((c) => c === needle[0]);
    const prefix = sameLetter ? needle[0]! : needle;
    const start = sameLetter || needle.length === 1 ? index + 1 : Math.max(index, 0);
    for (let i = 0; i < visible.length; i++) {
      const option = visible[(start + i) % visible.length]!;
      if (fold(option.name).startsWith(prefix)) {
        list.setActive(option.id);
        return;
      }
    }
  }
}

/** What the listbox shows and whom it tells. */
export interface ListboxView {
  /** The options to list (none while loading or failed). */
  readonly shown: ScheduleOption[];
  /** Position of each option among all options: stable option ids (`option-<n>`) while the search filters. */
  readonly indexOf: Map<string, number>;
  readonly selected: ReadonlySet<string>;
  readonly activeId: string | undefined;
  readonly multiple: boolean;
  readonly required: boolean;
  readonly disabled: boolean;
  readonly loading: boolean;
  readonly failed: boolean;
  readonly invalid: boolean;
  /** With a visible label the list is labelled by it; otherwise this name. */
  readonly labelled: boolean;
  readonly accessibleName: string;
  meta(option: ScheduleOption): string;
  onKeydown(event: KeyboardEvent): void;
  onFocus(): void;
  onOptionClick(id: string): void;
}

export function renderListbox(view: ListboxView): TemplateResult {
  const active = view.activeId !== undefined ? (view.indexOf.get(view.activeId) ?? -1) : -1;
  const { disabled } = view;
  const tabindex = disabled ? undefined : view.failed ? -1 : 0;
  // ifDefined, not `nothing`, where the attribute has a narrow type: lit-analyzer 2 types `nothing` as a symbol
  // that fits no ARIA value (a false positive), while it understands that ifDefined(undefined) drops the attribute.
  return html`<div
    id="listbox"
    part="listbox"
    class="listbox"
    role="listbox"
    tabindex=${ifDefined(tabindex)}
    aria-multiselectable=${view.multiple ? 'true' : 'false'}
    aria-labelledby=${view.labelled ? 'label' : nothing}
    aria-label=${view.labelled ? nothing : view.accessibleName}
    aria-activedescendant=${active >= 0 && !disabled ? `option-${active}` : nothing}
    aria-busy=${ifDefined(view.loading ? 'true' : undefined)}
    aria-disabled=${ifDefined(disabled ? 'true' : undefined)}
    aria-required=${ifDefined(view.required ? 'true' : undefined)}
    aria-invalid=${ifDefined(view.invalid ? 'true' : undefined)}
    aria-describedby=${view.invalid ? 'validation' : nothing}
    @keydown=${view.onKeydown}
    @focus=${view.onFocus}
  >
    ${view.shown.map((option) => {
      const index = view.indexOf.get(option.id) ?? 0;
      const isSelected = view.selected.has(option.id);
      const isActive = option.id === view.activeId;
      const meta = view.meta(option);
      return html`<div
        id="option-${index}"
        role="option"
        part="option${isSelected ? ' option-selected' : ''}${isActive ? ' option-active' : ''}"
        class="option ${isSelected ? 'selected' : ''} ${isActive ? 'active' : ''}"
        aria-selected=${isSelected ? 'true' : 'false'}
        @click=${() => view.onOptionClick(option.id)}
      >
        <span part="option-check" class="check ${view.multiple ? 'box' : 'mark'}" aria-hidden="true"></span>
        <span class="text">
          <span part="option-name" class="name"><bdi>${option.name}</bdi></span>
          ${meta ? html`<span part="option-meta" class="meta">${meta}</span>` : nothing}
        </span>
      </div>`;
    })}
  </div>`;
}

/** Seven rows of the options' height: the list's full height, so nothing jumps when the schedules arrive. */
export function renderSkeleton(): TemplateResult {
  return html`<div part="skeleton" class="skeleton-list" aria-hidden="true">
    ${[62, 48, 70, 55, 66, 44, 58].map(
      (w) =>
        html`<div class="skeleton-row"><span class="skeleton skeleton-box"></span><span class="skeleton-lines"><span class="skeleton" style="width:${w}%"></span><span class="skeleton" style="width:${w / 2}%"></span></span></div>`,
    )}
  </div>`;
}
