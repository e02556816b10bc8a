// The next layer for the small internal forms (the conversation's template sender, the inbox's candidate panel),
// listed after formStyles and the element's own styles: their grid form, inputs, error lines, plain and primary
// buttons and focus ring, drawn alike. A module of its own, so the form elements that import only formStyles do not
// carry it.
import { css } from 'lit';

export const formControlStyles = css`
  form {
    display: grid;
    gap: var(--_space);
  }
  input,
  select {
    font: inherit;
    padding: 0.35em 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error {
    color: var(--_danger);
    margin: 0;
    font-size: 0.9em;
  }
  button {
    padding: 0.4em 0.8em;
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
  }
  button.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
`;
