import { css } from 'lit';

export const conversationStyles = css`
  :host {
    display: block;
    line-height: 1.4;
    --_height: var(--recrubo-conversation-height, 28rem);
  }
  .conversation {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: var(--_space);
    box-sizing: border-box;
  }
  .log-wrap {
    position: relative;
    /* In a box of fixed height (the inbox sets --recrubo-conversation-height: 100%) the list takes what is left. */
    flex: 1 1 auto;
    min-height: 0;
  }
  /* Always the same height, whether loading, empty or full: nothing around it jumps when messages arrive. */
  .log {
    box-sizing: border-box;
    height: var(--_height);
    overflow-y: auto;
    overscroll-behavior: contain;
    /* The script keeps the reader's place (Safari has no overflow-anchor); the browser must not fight it. */
    overflow-anchor: none;
    background: var(--_surface-alt);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .log:focus-visible,
  button:focus-visible,
  textarea:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .messages {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
  }
  .day {
    align-self: center;
    font-size: 0.8125em;
    color: var(--_muted);
    padding: 0.15em 0.75em;
    border-radius: 999px;
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .message {
    /* No content-visibility: bubbles that get their real size only when scrolled to would move the list under a
       reader scrolling up. The window of 150 keeps the DOM small instead. */
    max-width: min(80%, 36em);
    display: flex;
    flex-direction: column;
    gap: 0.15em;
    padding: 0.45em 0.7em;
    border-radius: calc(var(--_radius) * 2);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    overflow-wrap: anywhere;
  }
  .message.in {
    align-self: flex-start;
    border-bottom-left-radius: 2px;
  }
  .message.out {
    align-self: flex-end;
    border-bottom-right-radius: 2px;
    background: color-mix(in srgb, var(--_primary) 12%, var(--_surface));
    border-color: color-mix(in srgb, var(--_primary) 35%, var(--_surface));
  }
  .message[data-status='failed'] {
    border-color: var(--_danger);
  }
  .sender,
  .template-label {
    font-size: 0.75em;
    font-weight: 600;
    color: var(--_muted);
  }
  .text {
    white-space: pre-wrap;
  }
  .unsupported {
    font-style: italic;
    color: var(--_muted);
  }
  .meta {
    align-self: flex-end;
    display: inline-flex;
    gap: 0.5em;
    font-size: 0.75em;
    color: var(--_muted);
  }
  .status[data-status='read'] {
    color: var(--_text);
    font-weight: 600;
  }
  .status[data-status='failed'],
  .failure {
    color: var(--_danger);
  }
  .failure {
    font-size: 0.8125em;
  }
  .retry-row {
    display: flex;
    gap: var(--_space);
    justify-content: flex-end;
  }
  .note {
    color: var(--_muted);
    margin: 0;
  }
  .stale {
    font-size: 0.8125em;
  }
  .skeleton {
    height: 3.25em;
    width: 55%;
    border-radius: calc(var(--_radius) * 2);
    background: var(--_surface);
    margin-bottom: calc(var(--_space) * 0.75);
  }
  .skeleton.composer-skeleton {
    width: 100%;
    height: 3.5em;
    margin: 0;
    background: var(--_surface-alt);
  }
  .skeleton.out {
    margin-left: auto;
  }
  /* A template's text that is still loading: one line, so the bubble does not grow twice. */
  .skeleton-line {
    display: block;
    height: 1.4em;
    width: 12em;
    max-width: 100%;
    border-radius: 4px;
    background: var(--_surface-alt);
  }
  .earlier {
    display: block;
    margin: 0 auto var(--_space);
  }
  .pill {
    position: absolute;
    left: 50%;
    bottom: var(--_space);
    transform: translateX(-50%);
    border-radius: 999px;
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.25);
    background: var(--_primary);
    color: var(--_on-primary);
    border: 0;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    padding: 0.35em 0.8em;
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    min-height: 2.25em;
  }
  button.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  button.link {
    border-color: transparent;
    background: transparent;
    text-decoration: underline;
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .composer {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
  }
  .composer-row {
    display: flex;
    gap: var(--_space);
    align-items: flex-end;
  }
  textarea {
    flex: 1;
    min-width: 0;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.45em 0.6em;
    resize: vertical;
    min-height: 3em;
  }
  .hint {
    margin: 0;
    font-size: 0.75em;
    color: var(--_muted);
  }
  .window {
    margin: 0;
    font-size: 0.8125em;
    color: var(--_muted);
  }
  .window.closing {
    color: var(--_text);
    border-left: 3px solid var(--_warning);
    padding-left: 0.5em;
  }
  .window.closed {
    color: var(--_text);
    border-left: 3px solid var(--_danger);
    padding: 0.35em 0.6em;
    background: var(--_surface-alt);
    font-size: 0.875em;
  }
  .pause-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .switch {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
  }
  .track {
    display: inline-block;
    width: 2.2em;
    height: 1.2em;
    border-radius: 999px;
    background: var(--_border);
    position: relative;
  }
  .thumb {
    position: absolute;
    top: 0.15em;
    left: 0.15em;
    width: 0.9em;
    height: 0.9em;
    border-radius: 50%;
    background: var(--_surface);
    transition: transform 0.15s;
  }
  .switch[aria-checked='true'] .track {
    background: var(--_warning);
  }
  .switch[aria-checked='true'] .thumb {
    transform: translateX(1em);
  }
  .pause-state {
    font-size: 0.8125em;
    color: var(--_muted);
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    max-width: min(28em, 90vw);
  }
  .dialog-title {
    font-weight: 600;
    margin-top: 0;
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space);
  }
  @media (prefers-reduced-motion: reduce) {
    .thumb {
      transition: none;
    }
  }
`;
