import { css } from 'lit';

export const generateFlowStyles = css`
    :host {
      display: block;
      line-height: 1.45;
      container-type: inline-size;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    form,
    .panel {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) * 2);
      background: var(--_surface);
      color: var(--_text);
    }
    .section {
      margin: 0;
      padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2) calc(var(--_space) * 2);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      min-width: 0;
    }
    .section > legend {
      font-weight: 650;
      padding: 0 calc(var(--_space) / 2);
    }
    fieldset.plain {
      border: 0;
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    fieldset.plain > legend {
      padding: 0;
      margin-bottom: calc(var(--_space) / 2);
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) / 2);
      min-width: 0;
    }
    .field > label,
    .field > .label,
    fieldset.plain > legend {
      font-weight: 600;
      font-size: 0.95em;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
      gap: calc(var(--_space) * 2);
    }
    input[type='text'],
    textarea,
    select {
      font: inherit;
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 0.75) var(--_space);
      width: 100%;
      min-width: 0;
    }
    textarea {
      resize: vertical;
      min-height: 3.2em;
    }
    input::placeholder {
      color: var(--_muted);
      opacity: 0.85;
    }
    input:disabled {
      background: var(--_surface-alt);
      color: var(--_muted);
      border-style: dashed;
    }
    .mono,
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.92em;
    }
    [aria-invalid='true']:not([type='radio']) {
      border-color: var(--_danger);
      box-shadow: inset 0 0 0 1px var(--_danger);
    }
    input:focus-visible,
    textarea:focus-visible,
    select:focus-visible,
    button:focus-visible,
    summary:focus-visible,
    [tabindex='-1']:focus-visible,
    recrubo-schedule-picker:focus-within {
      outline: 2px solid var(--_primary);
      outline-offset: 1px;
      box-shadow: var(--_focus);
    }
    [tabindex='-1']:focus:not(:focus-visible) {
      outline: none;
    }
    input[type='radio'],
    input[type='checkbox'] {
      accent-color: var(--_primary);
      width: 1.05em;
      height: 1.05em;
      margin: 0;
    }
    .hint {
      margin: 0;
      color: var(--_muted);
      font-size: 0.9em;
    }
    .mono-hint {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.82em;
      overflow-wrap: anywhere;
    }
    .error {
      margin: 0;
      color: var(--_danger);
      font-size: 0.92em;
      font-weight: 550;
    }
    .error::before {
      content: '⚠ ';
    }
    .warning-text {
      margin: 0;
      color: var(--_warning);
      font-size: 0.88em;
    }
    .choice-row {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
    }
    .choice {
      display: inline-flex;
      align-items: center;
      gap: calc(var(--_space) * 0.75);
      cursor: pointer;
      min-height: 2rem;
    }

    /* emoji scale: a segmented control of six radios */
    .scale {
      display: grid;
      grid-template-columns: repeat(6, minmax(0, 1fr));
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      overflow: hidden;
    }
    .scale-option {
      position: relative;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 2px;
      padding: calc(var(--_space) * 0.75) 2px;
      cursor: pointer;
      font-size: 0.85em;
      text-align: center;
      border-inline-start: 1px solid var(--_border);
    }
    .scale-option:first-child {
      border-inline-start: 0;
    }
    .scale-option input {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      opacity: 0;
      cursor: pointer;
      margin: 0;
    }
    .scale-level {
      font-weight: 700;
      font-size: 1.1em;
    }
    .scale-option:has(input:checked) {
      background: var(--_primary);
      color: var(--_on-primary);
    }
    .scale-option:has(input:focus-visible) {
      outline: 2px solid var(--_primary);
      outline-offset: -4px;
      box-shadow: inset 0 0 0 4px var(--_surface);
    }
    .example {
      margin: 0;
      padding: calc(var(--_space) * 0.75) var(--_space);
      background: var(--_surface-alt);
      border-radius: var(--_radius);
      font-size: 0.92em;
      min-height: 2.6em;
    }
    .example-label {
      color: var(--_muted);
      margin-inline-end: 0.3em;
    }

    /* requirement lists */
    .list-head,
    .item {
      display: grid;
      grid-template-columns: 1.6rem minmax(0, 3fr) minmax(0, 2fr) auto;
      gap: var(--_space);
      align-items: center;
    }
    .list-head {
      font-size: 0.82em;
      color: var(--_muted);
      font-weight: 600;
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) / 2);
    }
    .item {
      padding: calc(var(--_space) / 2);
      border-radius: var(--_radius);
      background: var(--_surface-alt);
    }
    .num {
      text-align: center;
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }
    .item-error {
      grid-column: 2 / -1;
    }
    .row-actions {
      display: flex;
      gap: 2px;
    }
    .empty {
      margin: 0;
      color: var(--_muted);
      font-style: italic;
    }
    @container (max-width: 34rem) {
      .list-head {
        display: none;
      }
      .item {
        grid-template-columns: 1.6rem minmax(0, 1fr) auto;
      }
      /* the answer key goes under the requirement (not :nth-of-type, which counts the number's span too) */
      .item > .cell + .cell {
        grid-column: 2 / 3;
        grid-row: 2;
      }
      .row-actions {
        grid-row: 1 / span 2;
        grid-column: 3;
        flex-direction: column;
      }
    }

    /* buttons */
    button {
      font: inherit;
      cursor: pointer;
      border-radius: var(--_radius);
      border: 1px solid var(--_border);
      background: var(--_surface);
      color: var(--_text);
      padding: calc(var(--_space) * 0.6) calc(var(--_space) * 1.5);
      min-height: 2.25rem;
      display: inline-flex;
      align-items: center;
      gap: calc(var(--_space) * 0.75);
    }
    button:hover {
      background: var(--_surface-alt);
    }
    button.add {
      align-self: flex-start;
      border-style: dashed;
      color: var(--_primary);
      font-weight: 600;
    }
    button.icon {
      padding: 0;
      width: 2.25rem;
      justify-content: center;
      font-size: 1.05em;
    }
    button.icon.danger:hover {
      color: var(--_danger);
    }
    button[aria-disabled='true'] {
      opacity: 0.45;
      cursor: not-allowed;
    }
    button.primary {
      background: var(--_primary);
      color: var(--_on-primary);
      border-color: var(--_primary);
      font-weight: 650;
      padding-inline: calc(var(--_space) * 2.5);
    }
    button.primary:hover {
      filter: brightness(1.08);
    }
    button.primary[aria-busy='true'] {
      opacity: 0.85;
      cursor: progress;
    }
    .actions {
      display: flex;
      gap: var(--_space);
      flex-wrap: wrap;
      align-items: center;
    }

    /* personal fields */
    table.personal {
      border-collapse: collapse;
      width: 100%;
    }
    table.personal th,
    table.personal td {
      text-align: start;
      padding: calc(var(--_space) / 2);
      border-bottom: 1px solid var(--_border);
      vertical-align: middle;
    }
    table.personal thead th {
      font-size: 0.82em;
      color: var(--_muted);
    }
    table.personal tbody th {
      font-weight: 500;
    }
    table.personal tr.required th {
      font-weight: 650;
    }
    table.personal select {
      min-width: 8.5rem;
    }

    /* appointment messages */
    details.messages {
      border-top: 1px solid var(--_border);
      padding-top: var(--_space);
    }
    details.messages summary {
      cursor: pointer;
      font-weight: 600;
      color: var(--_primary);
      border-radius: var(--_radius);
      padding: 2px;
    }
    details.messages[open] {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
    }
    .message-group {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
      gap: var(--_space) calc(var(--_space) * 2);
    }

    /* alert */
    .alert {
      border-radius: var(--_radius);
      padding: 0;
    }
    .alert.shown {
      padding: var(--_space) calc(var(--_space) * 1.5);
      border: 1px solid var(--_danger);
      border-inline-start-width: 4px;
      background: color-mix(in srgb, var(--_danger) 8%, var(--_surface));
    }
    .alert.shown.warning {
      border-color: var(--_warning);
      background: color-mix(in srgb, var(--_warning) 10%, var(--_surface));
    }
    .alert p {
      margin: calc(var(--_space) / 2) 0 var(--_space);
    }

    /* progress */
    .panel {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 2);
    }
    .panel h3 {
      margin: 0;
      font-size: 1.15em;
    }
    .stepper {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: var(--_space);
      counter-reset: step;
    }
    .step {
      display: flex;
      align-items: center;
      gap: var(--_space);
      padding-bottom: var(--_space);
      border-bottom: 3px solid var(--_border);
      color: var(--_muted);
    }
    .step .dot {
      flex: none;
      display: inline-grid;
      place-items: center;
      width: 1.8rem;
      height: 1.8rem;
      border-radius: 50%;
      border: 2px solid currentColor;
      font-weight: 700;
      font-size: 0.9em;
    }
    .step.done {
      color: var(--_success);
      border-bottom-color: var(--_success);
    }
    .step.done .dot {
      background: var(--_success);
      border-color: var(--_success);
      color: var(--_surface);
    }
    .step.current {
      color: var(--_primary);
      border-bottom-color: var(--_primary);
      font-weight: 650;
    }
    /* The current step's dot pulses as a ring (the shared pulse, not fading the number inside). */
    .step.current .dot {
      --_pulse-opacity: 1;
      --_pulse-shadow: 0 0 0 5px color-mix(in srgb, var(--_primary) 25%, transparent);
    }
    .status-line {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--_space);
    }
    .status-line p {
      margin: 0;
    }
    .status-text {
      font-weight: 600;
      min-height: 1.45em;
    }
    .counter {
      font-variant-numeric: tabular-nums;
      font-weight: 600;
      display: inline-block;
      min-width: 5ch;
      margin-inline-start: 0.3em;
    }
    .result {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      border-top: 1px solid var(--_border);
      padding-top: calc(var(--_space) * 1.5);
    }
    .result h3 {
      color: var(--_success);
    }
    .result dl {
      margin: 0;
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
    }
    .result dl > div {
      display: contents;
    }
    .result dt {
      color: var(--_muted);
    }
    .result dd {
      margin: 0;
      min-height: 1.45em;
      overflow-wrap: anywhere;
    }
    .skeleton {
      height: 1em;
      border-radius: 4px;
    }
  `;
