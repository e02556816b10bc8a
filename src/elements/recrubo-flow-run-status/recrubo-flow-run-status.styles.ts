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
  .retry {
    padding: 0 0.45em;
    height: 1.75em;
    font-size: 0.8125em;
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
  dl.meta {
    display: grid;
    grid-template-columns: minmax(6em, max-content) minmax(0, 1fr);
    gap: 0.3em 1em;
  }
  dl.meta > div {
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
`;
