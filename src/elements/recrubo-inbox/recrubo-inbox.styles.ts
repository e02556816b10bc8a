import { css } from 'lit';

/** The inbox's plain buttons and focus ring, drawn the same in the inbox and in its header element (after their own styles). */
export const inboxButtonStyles = css`
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    padding: 0.35em 0.75em;
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  button:focus-visible,
  input:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
`;

export const inboxStyles = css`
  :host {
    display: block;
    max-width: 100%;
    height: var(--recrubo-inbox-height, 36rem);
    container: recrubo-inbox / inline-size;
    line-height: 1.45;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .inbox {
    display: grid;
    grid-template-columns: minmax(14rem, 20rem) minmax(0, 1fr);
    height: 100%;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_surface);
  }
  .inbox.with-details {
    grid-template-columns: minmax(14rem, 20rem) minmax(0, 1fr) minmax(13rem, 17rem);
  }
  .inbox.no-list {
    grid-template-columns: minmax(0, 1fr);
  }
  .inbox.no-list.with-details {
    grid-template-columns: minmax(0, 1fr) minmax(13rem, 17rem);
  }
  .pane {
    min-width: 0;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  .list-pane {
    border-inline-end: 1px solid var(--_border);
  }
  .details-pane {
    border-inline-start: 1px solid var(--_border);
    overflow-y: auto;
    display: block;
  }
  .search {
    padding: var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  .search input {
    width: 100%;
    font: inherit;
    padding: 0.4em 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .tabs {
    display: flex;
    border-bottom: 1px solid var(--_border);
  }
  .tabs button {
    flex: 1;
    font: inherit;
    padding: 0.45em 0.5em;
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    color: var(--_muted);
    cursor: pointer;
  }
  .tabs button[aria-selected='true'] {
    color: var(--_text);
    border-bottom-color: var(--_primary);
    font-weight: 600;
  }
  .note {
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    color: var(--_muted);
    font-size: 0.9em;
  }
  .note.error {
    color: var(--_danger);
  }
  recrubo-inbox-list {
    flex: 1;
  }
  .conversation-pane.empty {
    align-items: center;
    justify-content: center;
    background: var(--_surface-alt);
  }
  .back {
    display: none;
  }
  /* The conversation fills the pane under its header; its message list takes what the composer leaves. */
  recrubo-conversation {
    flex: 1;
    min-height: 0;
    display: block;
    --recrubo-conversation-height: 100%;
  }
  recrubo-conversation::part(conversation) {
    height: 100%;
    box-sizing: border-box;
    border: 0;
    border-radius: 0;
  }
  @container recrubo-inbox (max-width: 600px) {
    .inbox,
    .inbox.with-details,
    .inbox.no-list.with-details {
      grid-template-columns: minmax(0, 1fr);
    }
    .pane {
      display: none;
      border: 0;
    }
    .inbox[data-pane='list'] .list-pane,
    .inbox[data-pane='conversation'] .conversation-pane {
      display: flex;
    }
    .inbox[data-pane='details'] .details-pane {
      display: block;
    }
    .back {
      display: inline-flex;
    }
    .details-pane .back {
      margin: var(--_space) var(--_space) 0;
    }
  }
  @container recrubo-inbox (min-width: 601px) {
    .details-pane .back {
      display: none;
    }
  }
`;
