import { css } from 'lit';

export const runStatusStyles = css`
  :host {
    /* inline-flex, not inline-block: the line's height must not depend on whether it holds text yet */
    display: inline-flex;
    align-items: center;
    vertical-align: middle;
    position: relative;
    line-height: 1.25;
    max-width: 100%;
  }
  :host([variant='card']) {
    display: block;
  }

  /* One line: badge + relative time. Fixed height, so skeleton, badge and error share the same box. */
  .line {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    white-space: nowrap;
    height: 1.75em;
    max-width: 100%;
  }
  .badge,
  .skeleton.badge-skeleton {
    box-sizing: border-box;
    height: 1.75em;
    font-size: 0.8125em;
    border-radius: 999px;
  }
  .badge {
    --_tone: var(--_muted);
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    padding: 0 0.6em 0 0.45em;
    border: 1px solid color-mix(in srgb, var(--_tone) 55%, var(--_surface));
    background: color-mix(in srgb, var(--_tone) 12%, var(--_surface));
    color: var(--_text);
    font-weight: 600;
    min-width: 0;
  }
  .badge .label {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .icon {
    display: inline-flex;
    flex: none;
    color: var(--_tone);
    font-size: 1.1em;
  }
  .icon svg {
    display: block;
  }
  .badge[data-tone='info'] { --_tone: var(--_info); }
  .badge[data-tone='progress'] { --_tone: var(--_primary); }
  .badge[data-tone='success'] { --_tone: var(--_success); }
  .badge[data-tone='warning'] { --_tone: var(--_warning); }
  .badge[data-tone='danger'] { --_tone: var(--_danger); }
  .badge[data-tone='muted'],
  .badge[data-tone='neutral'] { --_tone: var(--_muted); }
  .badge[data-tone='neutral'] {
    border-style: dashed;
  }

  .time {
    color: var(--_muted);
    font-size: 0.8125em;
  }
  /* The shown status is no longer being refreshed: an icon and words, not a colour only. */
  .stale {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    color: var(--_warning);
    font-size: 0.8125em;
    font-weight: 600;
  }
  .stale .icon {
    color: inherit;
  }

  .skeleton.badge-skeleton {
    width: 6.5em;
  }
  .skeleton.time-skeleton {
    width: 3.5em;
    height: 0.8em;
  }
  .skeleton.text {
    height: 0.9em;
    width: 10em;
  }

  button {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.35em 0.8em;
    cursor: pointer;
    line-height: 1.25;
  }
  button:hover {
    background: var(--_surface-alt);
  }
  button:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
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
  .retry {
    padding: 0 0.45em;
    height: 1.75em;
    font-size: 0.8125em;
  }
  .spinner {
    --_spinner-size: 0.8em;
    margin-inline-start: 0.4em;
  }

  /* Card */
  .card {
    box-sizing: border-box;
    display: grid;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    min-width: 0;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  .title {
    margin: 0;
    font-size: 1.0625em;
    font-weight: 600;
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .title:focus,
  .badge:focus {
    outline: none;
  }
  .title:focus-visible,
  .badge:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
  .section-title {
    margin: 0 0 calc(var(--_space) / 2);
    font-weight: 600;
    font-size: 0.9375em;
  }
  dl {
    margin: 0;
  }
  dl.meta,
  dl.answers {
    display: grid;
    grid-template-columns: minmax(6em, max-content) minmax(0, 1fr);
    gap: 0.3em 1em;
  }
  dl.meta > div,
  dl.answers > div {
    display: contents;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
    white-space: pre-wrap;
    /* Combining marks stacked by the hundred draw far above and below their line: kept inside the value. */
    overflow: hidden;
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
  .notice,
  .alert {
    margin: 0;
    padding: 0.5em 0.75em;
    border-radius: var(--_radius);
    border-inline-start: 3px solid var(--_warning);
    background: color-mix(in srgb, var(--_warning) 10%, var(--_surface));
    overflow-wrap: anywhere;
  }
  .alert {
    border-inline-start-color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 8%, var(--_surface));
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
