import { css } from 'lit';

export const flowPreviewStyles = css`
  :host {
    --_chat-bg: var(--recrubo-flow-preview-chat-background, color-mix(in srgb, var(--_success) 7%, var(--_surface-alt)));
    --_bubble: var(--recrubo-flow-preview-bubble, var(--_surface));
    --_answer: var(--recrubo-flow-preview-answer, color-mix(in srgb, var(--_success) 14%, var(--_surface)));
    display: block;
    line-height: 1.4;
    max-width: 100%;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    /* Its own surface: the text colour follows the colour scheme, which the page around it may not. */
    background: var(--_surface);
    color: var(--_text);
    border-radius: var(--_radius);
  }
  p {
    margin: 0;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  [tabindex]:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }

  .views {
    display: inline-flex;
    align-self: flex-start;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .views button {
    border: 0;
    padding: 0.3em 0.9em;
    background: var(--_surface);
  }
  .views button + button {
    border-inline-start: 1px solid var(--_border);
  }
  .views button[aria-pressed='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }

  .empty,
  .error {
    padding: calc(var(--_space) * 2);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
  }
  .error {
    border: 1px solid color-mix(in srgb, var(--_danger) 60%, var(--_surface));
    color: var(--_text);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  .error button,
  .link {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: 0.15em 0.6em;
  }
  .link {
    border-color: transparent;
    background: transparent;
    color: var(--_primary);
    text-decoration: underline;
    padding: 0 0.2em;
  }

  .limit-summary,
  .limits {
    color: var(--_text);
    border-inline-start: 3px solid var(--_warning);
    background: color-mix(in srgb, var(--_warning) 12%, var(--_surface));
    padding: 0.35em 0.6em;
    border-radius: calc(var(--_radius) / 2);
  }
  .limits {
    list-style: none;
    margin: 0.4em 0 0;
    font-size: 0.875em;
  }

  /* ---- chat view ---- */
  .chat {
    background: var(--_chat-bg);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
    max-height: var(--recrubo-flow-preview-max-height, 32em);
    overflow: auto;
  }
  .messages,
  .endings {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
  }
  .msg {
    box-sizing: border-box;
    max-width: min(32em, 85%);
    padding: 0.45em 0.7em;
    border-radius: var(--_radius);
    box-shadow: 0 1px 1px color-mix(in srgb, var(--_text) 12%, transparent);
    overflow-wrap: anywhere;
  }
  .msg.bot {
    align-self: flex-start;
    background: var(--_bubble);
    border-start-start-radius: 0;
  }
  .msg.candidate {
    align-self: flex-end;
    background: var(--_answer);
    border-start-end-radius: 0;
    color: var(--_text);
    font-size: 0.875em;
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 0.6em;
  }
  .msg.flagged {
    outline: 2px solid var(--_warning);
  }
  .text {
    white-space: pre-wrap;
  }
  .muted,
  .ask,
  .schedules,
  .saved,
  .kind {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .ask {
    font-weight: 600;
  }
  .replies {
    list-style: none;
    margin: 0.5em 0 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.35em;
  }
  .replies.list {
    flex-direction: column;
  }
  .reply {
    border: 1px solid color-mix(in srgb, var(--_primary) 45%, var(--_surface));
    color: var(--_text);
    border-radius: 999px;
    padding: 0.1em 0.8em;
    font-size: 0.875em;
    background: var(--_surface);
  }
  .replies.list .reply {
    border-radius: calc(var(--_radius) / 2);
  }
  .branch.knockout,
  .branches .knockout .when {
    color: var(--_danger);
  }
  .branch.knockout {
    margin-top: 0.4em;
    font-size: 0.875em;
  }
  .endings-heading {
    margin: calc(var(--_space) * 2) 0 var(--_space);
    font-size: 0.875em;
    color: var(--_muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .ending {
    display: flex;
    flex-direction: column;
    gap: 0.3em;
    border-radius: var(--_radius);
    padding: 0.2em;
  }
  code {
    font-size: 0.95em;
    background: color-mix(in srgb, var(--_border) 30%, transparent);
    border-radius: 3px;
    padding: 0 0.25em;
  }

  /* ---- markers (both views) ---- */
  .marker {
    display: inline-block;
    font-size: 0.75em;
    font-weight: 700;
    padding: 0.05em 0.55em;
    border-radius: 999px;
    border: 1px solid currentColor;
    color: var(--_primary);
    /* its own background: the tinted chat background would take the coloured text below 4.5:1 */
    background: var(--_surface);
  }
  .marker.end.accepted {
    color: var(--_success);
  }
  .marker.end.declined {
    color: var(--_danger);
  }

  /* ---- steps view ---- */
  .steps {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .step {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em 0.75em;
    display: flex;
    flex-direction: column;
    gap: 0.3em;
  }
  .step.flagged {
    border-color: var(--_warning);
    border-width: 2px;
  }
  .step-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    font-weight: 600;
  }
  .num {
    display: inline-grid;
    place-items: center;
    min-width: 1.6em;
    height: 1.6em;
    border-radius: 999px;
    background: var(--_surface-alt);
    font-size: 0.875em;
  }
  .step-msg .text {
    overflow-wrap: anywhere;
  }
  .branches {
    margin: 0.2em 0 0;
    padding-inline-start: 1.2em;
    font-size: 0.875em;
  }
  .branch .when {
    font-weight: 600;
  }

  /* ---- loading ---- */
  .skeleton-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35em;
    min-height: 1.4em;
  }
  .skeleton-steps {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .skeleton-chat {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
  }
  /* The shimmer is baseStyles'; only the size is ours. */
  .skeleton {
    height: 1em;
    max-width: 100%;
  }
  .skeleton.chip {
    width: 3.5em;
    border-radius: 999px;
  }
`;
