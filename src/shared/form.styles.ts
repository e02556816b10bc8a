// The form styling the form elements (generate-flow, start-run) share, after baseStyles and before the element's
// own styles: `static override styles = [baseStyles, formStyles, myElementStyles]`. Only what both draw the same
// way stands here; an element adds to these rules (a button's colours, a hint's size) in its own styles.
// `formControlStyles` is the next layer for the small internal forms (the conversation's template sender, the
// inbox's candidate panel): their grid form, inputs, error lines, plain and primary buttons and focus ring, drawn alike.
import { css } from 'lit';

export const formStyles = css`
  :host {
    display: block;
    line-height: 1.45;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    min-width: 0;
  }
  .actions {
    display: flex;
    gap: var(--_space);
    flex-wrap: wrap;
    align-items: center;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
  }
`;

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
