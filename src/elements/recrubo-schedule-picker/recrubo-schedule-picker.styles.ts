import { css } from 'lit';

// One option row is 2.75rem high (name + meta line); the skeleton rows and the list's max height use the same
// numbers, so nothing jumps when the schedules arrive.
export const schedulePickerStyles = css`
    :host {
      display: block;
      --_row: 2.75rem;
      --_list-height: var(--recrubo-schedule-picker-list-height, 17.5rem);
      font-size: 0.9375rem;
      line-height: 1.35;
    }
    .base {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) * 0.75);
    }
    /* Disabled: greyed, not faded, so the text keeps a readable contrast. */
    .disabled .panel,
    .disabled .chip {
      background: var(--_surface-alt);
      border-color: var(--_border);
    }
    .disabled .option,
    .disabled .chip,
    .disabled .check {
      color: var(--_muted);
      cursor: not-allowed;
    }
    .disabled .option.selected {
      background: var(--_surface-alt);
    }
    .disabled .selected .check.box {
      background: var(--_muted);
      border-color: var(--_muted);
    }
    .disabled .option:hover {
      background: transparent;
    }
    .label {
      font-weight: 600;
    }
    .search {
      box-sizing: border-box;
      inline-size: 100%;
      block-size: 2.5rem;
      padding: 0 calc(var(--_space) * 1.25);
      font: inherit;
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .search:focus-visible {
      outline: none;
      border-color: var(--_primary);
      box-shadow: var(--_focus);
    }
    .search::placeholder {
      color: var(--_muted);
      opacity: 1;
    }
    .panel {
      position: relative;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      overflow: hidden;
    }
    .panel.invalid {
      border-color: var(--_danger);
    }
    .panel:has(.listbox:focus-visible) {
      border-color: var(--_primary);
      box-shadow: var(--_focus);
    }
    .listbox {
      max-block-size: var(--_list-height);
      overflow-y: auto;
      overscroll-behavior: contain;
      outline: none;
    }
    .listbox:focus-visible {
      box-shadow: inset 0 0 0 2px var(--_primary);
    }
    .listbox[aria-disabled='true'] .option {
      cursor: not-allowed;
    }
    .option {
      box-sizing: border-box;
      display: flex;
      align-items: center;
      gap: var(--_space);
      min-block-size: var(--_row);
      padding: calc(var(--_space) * 0.5) calc(var(--_space) * 1.25);
      cursor: pointer;
      user-select: none;
      border-block-end: 1px solid color-mix(in srgb, var(--_border) 45%, transparent);
    }
    .option:last-child {
      border-block-end: none;
    }
    .option:hover {
      background: var(--_surface-alt);
    }
    .option.selected {
      background: color-mix(in srgb, var(--_primary) 10%, var(--_surface));
    }
    .listbox:focus .option.active {
      outline: 2px solid var(--_primary);
      outline-offset: -2px;
    }
    .text {
      display: flex;
      flex-direction: column;
      min-inline-size: 0;
    }
    .name {
      overflow-wrap: anywhere;
    }
    .meta {
      color: var(--_muted);
      font-size: 0.8125rem;
    }
    .check {
      flex: none;
      box-sizing: border-box;
      inline-size: 1.125rem;
      block-size: 1.125rem;
      display: inline-grid;
      place-items: center;
    }
    .check.box {
      border: 2px solid var(--_muted);
      border-radius: 4px;
    }
    .selected .check.box {
      background: var(--_primary);
      border-color: var(--_primary);
    }
    .selected .check::after {
      content: '';
      inline-size: 0.3rem;
      block-size: 0.6rem;
      border: solid var(--_on-primary);
      border-width: 0 2px 2px 0;
      transform: translateY(-1px) rotate(45deg);
    }
    .selected .check.mark::after {
      border-color: var(--_primary);
    }
    .message {
      margin: 0;
      padding: var(--_space) calc(var(--_space) * 1.25);
      color: var(--_muted);
    }
    .error {
      padding: var(--_space) calc(var(--_space) * 1.25);
      border-inline-start: 4px solid var(--_danger);
    }
    .error p {
      margin: 0 0 calc(var(--_space) * 0.5);
    }
    .error-title {
      font-weight: 600;
      color: var(--_danger);
    }
    .retry {
      font: inherit;
      padding: calc(var(--_space) * 0.5) calc(var(--_space) * 1.5);
      color: var(--_on-primary);
      background: var(--_primary);
      border: 1px solid var(--_primary);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    .retry:focus-visible {
      outline: none;
      box-shadow: var(--_focus);
    }
    .retry:disabled {
      cursor: not-allowed;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) * 0.5);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: calc(var(--_space) * 0.5);
      max-inline-size: 100%;
      padding: 0.125rem 0.125rem 0.125rem 0.625rem;
      background: color-mix(in srgb, var(--_primary) 12%, var(--_surface));
      border: 1px solid color-mix(in srgb, var(--_primary) 40%, var(--_border));
      border-radius: 999px;
    }
    .chip.unknown {
      background: color-mix(in srgb, var(--_warning) 14%, var(--_surface));
      border-color: var(--_warning);
      border-style: dashed;
    }
    .chip.pending {
      color: var(--_muted);
    }
    .warn {
      display: inline-grid;
      place-items: center;
      inline-size: 1rem;
      block-size: 1rem;
      font-size: 0.75rem;
      font-weight: 700;
      color: var(--_surface);
      background: var(--_warning);
      border-radius: 50%;
    }
    .chip-label {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .chip-remove {
      display: inline-grid;
      place-items: center;
      inline-size: 1.75rem;
      block-size: 1.75rem;
      padding: 0;
      color: inherit;
      background: transparent;
      border: none;
      border-radius: 50%;
      cursor: pointer;
    }
    .chip-remove:hover {
      background: color-mix(in srgb, var(--_text) 12%, transparent);
    }
    .chip-remove:focus-visible {
      outline: none;
      box-shadow: var(--_focus);
    }
    .chip-remove:disabled {
      cursor: not-allowed;
    }
    .status {
      min-block-size: 1.25em;
      color: var(--_muted);
      font-size: 0.8125rem;
    }
    .validation {
      color: var(--_danger);
      font-size: 0.875rem;
    }
    .skeleton-row {
      display: flex;
      align-items: center;
      gap: var(--_space);
      block-size: var(--_row);
      padding: 0 calc(var(--_space) * 1.25);
      box-sizing: border-box;
    }
    /* The API's list length is unknown while loading: take the list's full height (it scrolls beyond it). */
    .skeleton-list {
      block-size: var(--_list-height);
      overflow: hidden;
    }
    .skeleton-box,
    .skeleton-lines span {
      border-radius: 4px;
    }
    .skeleton-box {
      flex: none;
      inline-size: 1.125rem;
      block-size: 1.125rem;
    }
    .skeleton-lines {
      display: flex;
      flex-direction: column;
      gap: 0.3rem;
      flex: 1;
    }
    .skeleton-lines span {
      display: block;
      block-size: 0.7rem;
    }
    /* The search box's place (the API may bring more than eight schedules). */
    .skeleton-bar {
      display: block;
      inline-size: 100%;
      block-size: 2.5rem;
    }
    @media (forced-colors: active) {
      .option.selected {
        outline: 1px solid CanvasText;
      }
      .listbox:focus .option.active {
        outline: 2px solid Highlight;
      }
    }
  `;
