import { css } from 'lit';

/**
 * The form's own look (sections, inputs, hints, errors, choices, buttons, the alert); it follows baseStyles and
 * formStyles (src/shared/form.styles.ts) and precedes sectionStyles and progressStyles, in that order.
 */
export const generateFlowStyles = css`
  :host {
    container-type: inline-size;
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

  /* buttons */
  button {
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
  button[aria-disabled='true'],
  button:disabled {
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
`;
