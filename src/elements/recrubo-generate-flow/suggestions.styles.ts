import { css } from 'lit';

/** The "Suggest requirements" block (suggestions.ts); uses the form's theme variables. */
export const suggestionStyles = css`
  .suggestions {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 1.5);
  }
  .suggest-heading,
  .suggest-kind {
    margin: 0;
    font-size: 1em;
  }
  .suggest-kind {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .suggest-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .suggest-status {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .suggestion-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.35em;
  }
  .suggestion {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.6em;
    padding: 0.3em 0.5em;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .suggestion-text {
    flex: 1 1 12em;
    overflow-wrap: anywhere;
  }
  .suggestion-meta {
    color: var(--_muted);
    font-size: 0.8125em;
  }
  .suggestion-actions {
    display: inline-flex;
    gap: 0.35em;
  }
  .suggestion-added {
    color: var(--_success);
    font-weight: 600;
    font-size: 0.875em;
  }
  .suggestion-added:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .suggestion-why {
    flex-basis: 100%;
    font-size: 0.875em;
  }
  .suggestion-why summary {
    cursor: pointer;
    color: var(--_primary);
    width: max-content;
  }
  .suggestion-why p {
    margin: 0.2em 0 0;
    color: var(--_muted);
  }
`;
