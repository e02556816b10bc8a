import { css } from 'lit';

export const flowEditorStyles = css`
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
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    background: var(--_surface);
    color: var(--_text);
    border-radius: var(--_radius);
  }
  p {
    margin: 0;
  }
  h3,
  h4 {
    margin: 0 0 calc(var(--_space) / 2);
  }
  h3 {
    font-size: 1.05em;
  }
  h4 {
    font-size: 0.95em;
    display: flex;
    gap: 0.5em;
    align-items: baseline;
    flex-wrap: wrap;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    border: 1px solid var(--_border);
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: 0.35em 0.9em;
  }
  button:disabled {
    cursor: default;
    opacity: 0.55;
  }
  button:focus-visible,
  [tabindex]:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
    border-color: var(--_primary);
    font-weight: 600;
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .toolbar {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    align-items: center;
    padding: calc(var(--_space) / 2) 0;
    background: var(--_surface);
    border-bottom: 1px solid var(--_border);
  }
  .status {
    flex: 1 1 auto;
    display: inline-flex;
    gap: 0.4em;
    align-items: center;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .status.dirty {
    color: var(--_text);
    font-weight: 600;
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    align-items: center;
    padding: calc(var(--_space) / 1.5);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_danger) 7%, var(--_surface));
  }
  .notice p {
    flex: 1 1 100%;
  }
  .layout {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    grid-template-columns: minmax(0, 1fr);
  }
  @container (min-width: 52em) {
    .layout {
      grid-template-columns: minmax(0, 1fr) minmax(16em, 22em);
      align-items: start;
    }
    .preview {
      position: sticky;
      top: 3.5em;
    }
  }
  .fields {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    min-width: 0;
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .steps {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .step + .step {
    border-top: 1px solid var(--_border);
    padding-top: var(--_space);
  }
  .resource {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
  }
  .marker {
    font-size: 0.75em;
    font-weight: 600;
    padding: 0 0.45em;
    border-radius: 1em;
    background: var(--_surface-alt);
    color: var(--_muted);
  }
  .resource-error {
    color: var(--_danger);
    font-size: 0.9em;
  }
  .conflict {
    border: 2px solid var(--_warning);
    border-radius: var(--_radius);
    padding: calc(var(--_space) / 1.5);
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
  }
  .conflict-title {
    font-weight: 600;
  }
  .versions {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12em, 1fr));
    gap: calc(var(--_space) / 2);
  }
  .version-label {
    font-size: 0.8em;
    color: var(--_muted);
  }
  .version {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    background: var(--_surface-alt);
    border-radius: var(--_radius);
    padding: 0.3em 0.5em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .skeleton-list {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
  }
  .empty,
  .error {
    padding: calc(var(--_space) * 2);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    text-align: center;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    align-items: center;
  }
  .error {
    border-color: var(--_danger);
  }
`;
