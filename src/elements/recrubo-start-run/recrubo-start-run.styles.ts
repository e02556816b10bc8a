import { css } from 'lit';

/** The start-run form's own look; it follows baseStyles and formStyles (src/shared/form.styles.ts). */
export const startRunStyles = css`
  :host {
    --_bubble: var(--recrubo-start-run-bubble, #dcf8c6);
    --_bubble-text: var(--recrubo-start-run-bubble-text, #111b21);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bubble: var(--recrubo-start-run-bubble, #005c4b);
      --_bubble-text: var(--recrubo-start-run-bubble-text, #e9edef);
    }
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 2);
    background: var(--_surface);
    color: var(--_text);
  }
  form {
    display: contents;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  legend,
  .label {
    font-weight: 600;
    font-size: 0.95em;
    padding: 0;
    margin-bottom: calc(var(--_space) / 2);
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  input[type='text'],
  input[type='tel'] {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75) var(--_space);
    width: 100%;
    max-width: 28rem;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  input:focus-visible,
  button:focus-visible,
  .template:focus-within,
  [tabindex='-1']:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .field-error {
    margin: 0;
    color: var(--_danger);
    font-size: 0.875em;
  }
  .templates {
    display: grid;
    gap: var(--_space);
  }
  .template {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: calc(var(--_space) / 2) var(--_space);
    align-items: start;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .template:has(input:checked) {
    border-color: var(--_primary);
    background: color-mix(in srgb, var(--_primary) 8%, var(--_surface));
  }
  .template input {
    margin: 0.2em 0 0;
    accent-color: var(--_primary);
  }
  .template-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .template-meta {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .template-text {
    grid-column: 2;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-size: 0.9em;
  }
  .preview {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    margin: 0;
  }
  .bubble {
    align-self: flex-start;
    max-width: 32rem;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: calc(var(--_radius) * 2) calc(var(--_radius) * 2) calc(var(--_radius) * 2) 2px;
    background: var(--_bubble);
    color: var(--_bubble-text);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0;
  }
  .slot {
    font-weight: 600;
  }
  .slot-empty {
    font-weight: 600;
    text-decoration: underline dotted;
    opacity: 0.85;
  }
  button {
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.75);
    border: 1px solid var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  button.secondary {
    background: transparent;
    color: var(--_primary);
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  .alert {
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    border: 1px solid var(--_danger);
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 8%, var(--_surface));
    overflow-wrap: anywhere;
  }
  .done {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    align-items: flex-start;
  }
  .done h2,
  .title {
    margin: 0;
    font-size: 1.05em;
  }
  /* The loading placeholder has the form's shape (base styles give the shimmer). */
  .skeleton-form {
    display: grid;
    gap: var(--_space);
  }
  .skeleton-form .skeleton {
    display: block;
  }
`;
