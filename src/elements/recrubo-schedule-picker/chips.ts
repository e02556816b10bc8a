// The chosen schedules below the list, one chip each with a remove button: Backspace/Delete or the button
// removes one, ←/→ (and Home/End) move between the chips. An id that no option has is an "unknown schedule" chip;
// while the options are not known yet a chip says "Schedule <id>".
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Params, SharedKey } from '../../shared/i18n.js';
import type { ScheduleOption } from './options.js';
import type { SchedulePickerKey } from './strings.js';

export interface ChipsView {
  readonly ids: string[];
  readonly byId: Map<string, ScheduleOption>;
  /** The options are known (so an id without one is really unknown). */
  readonly known: boolean;
  readonly disabled: boolean;
  t(key: SchedulePickerKey | SharedKey, params?: Params): string;
  remove(id: string): void;
}

export function renderChips(view: ChipsView): TemplateResult | typeof nothing {
  if (view.ids.length === 0) return nothing;
  return html`<ul part="chips" class="chips" aria-label=${view.t('chips')}>
    ${view.ids.map((id) => {
      const option = view.byId.get(id);
      const unknown = view.known && !option;
      const name = option ? option.name : unknown ? view.t('unknown', { id }) : view.t('pending', { id });
      return html`<li part="chip${unknown ? ' chip-unknown' : ''}" class="chip ${unknown ? 'unknown' : ''} ${!option && !unknown ? 'pending' : ''}" data-id=${id}>
        ${unknown ? html`<span class="warn" aria-hidden="true">!</span>` : nothing}
        <span class="chip-label" title=${ifDefined(unknown ? view.t('unknown.hint') : undefined)}><bdi>${name}</bdi></span>
        <button
          part="chip-remove"
          class="chip-remove"
          type="button"
          aria-label=${view.t('remove', { name })}
          ?disabled=${view.disabled}
          @click=${() => view.remove(id)}
          @keydown=${(e: KeyboardEvent) => onChipKeydown(e, () => view.remove(id))}
        >
          <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false"><path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="2" stroke-linecap="round" fill="none"/></svg>
        </button>
      </li>`;
    })}
  </ul>`;
}

/** The remove buttons of the chips, in order. */
export function chipButtons(root: ParentNode): HTMLButtonElement[] {
  return [...root.querySelectorAll<HTMLButtonElement>('[part~="chip-remove"]')];
}

function onChipKeydown(event: KeyboardEvent, remove: () => void): void {
  const button = event.currentTarget as HTMLButtonElement;
  const buttons = chipButtons(button.closest('ul') ?? button.parentElement!);
  const at = buttons.indexOf(button);
  switch (event.key) {
    case 'Backspace':
    case 'Delete':
      remove();
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
