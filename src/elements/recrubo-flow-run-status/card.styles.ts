// The loaded card's own CSS (answers, actions, dialog), adopted when the card module arrives (card.ts). What the
// skeleton and the badge need (the card's box, head, title, facts) stays in recrubo-flow-run-status.styles.ts, so
// nothing moves when this arrives.
import { css } from 'lit';

export const cardStyles = css`
  dl.answers {
    display: grid;
    grid-template-columns: minmax(6em, max-content) minmax(0, 1fr);
    gap: 0.3em 1em;
  }
  dl.answers > div {
    display: contents;
  }
  button.danger {
    color: var(--_danger);
    border-color: color-mix(in srgb, var(--_danger) 50%, var(--_border));
  }
  button.primary {
    color: var(--_on-primary);
    background: var(--_primary);
    border-color: var(--_primary);
  }
  button.solid-danger {
    color: #fff;
    background: var(--_danger);
    border-color: var(--_danger);
  }
  @media (prefers-color-scheme: dark) {
    button.solid-danger {
      color: #1b0a08;
    }
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  .spinner {
    --_spinner-size: 0.8em;
    margin-inline-start: 0.4em;
  }

  bdi {
    overflow-wrap: anywhere;
  }
  .title-text {
    display: block;
    overflow: hidden;
  }
  details.full,
  details.more,
  details.deep {
    white-space: normal;
  }
  summary {
    cursor: pointer;
    color: var(--_primary);
  }
  summary:focus-visible {
    /* Inside the clipped value: drawn inwards so the clip does not hide it. */
    outline: 2px solid var(--_primary);
    outline-offset: -2px;
  }
  .full-text {
    max-height: 16em;
    overflow: auto;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    padding: 0.25em 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .full-text:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: -2px;
  }
  ul.paths {
    margin: 0;
    padding-inline-start: 1em;
  }
  .path {
    color: var(--_muted);
  }
  dl.nested {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.1em 0.75em;
    padding-inline-start: 0.75em;
    border-inline-start: 2px solid var(--_border);
  }
  ul.values {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  code {
    font-size: 0.875em;
  }
  .muted {
    color: var(--_muted);
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .open-conversation {
    justify-self: start;
    align-self: flex-start;
  }
  @media (max-width: 30em) {
    dl.answers {
      grid-template-columns: minmax(0, 1fr);
    }
    dl.answers dd {
      margin-bottom: 0.4em;
    }
  }

  dialog {
    box-sizing: border-box;
    max-width: min(30rem, calc(100vw - 2rem));
    padding: calc(var(--_space) * 2.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-family: var(--_font);
    line-height: 1.4;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .dialog-title {
    margin: 0 0 0.5em;
    font-size: 1.125em;
    font-weight: 600;
  }
  .dialog-text {
    margin: 0 0 1.25em;
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--_space);
  }
`;
