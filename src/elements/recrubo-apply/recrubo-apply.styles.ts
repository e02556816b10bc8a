import { css } from 'lit';

export const applyStyles = css`
  :host {
    display: block;
    max-width: 36rem;
    line-height: 1.45;
  }
  form,
  .done {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 2);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .field {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  label {
    font-weight: 600;
  }
  .optional,
  .hint {
    font-weight: 400;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .hint,
  .error,
  p {
    margin: 0;
  }
  input[type='text'],
  input[type='tel'] {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.25);
    min-width: 0;
    width: 100%;
    box-sizing: border-box;
  }
  .phone {
    display: flex;
    align-items: stretch;
  }
  .code {
    display: flex;
    align-items: center;
    padding: 0 calc(var(--_space) * 1.25);
    background: var(--_surface-alt);
    border: 1px solid var(--_border);
    border-right: 0;
    border-radius: var(--_radius) 0 0 var(--_radius);
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .phone input {
    border-radius: 0 var(--_radius) var(--_radius) 0;
  }
  input:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  /* Red, and thicker without a layout shift (an inset shadow, not a wider border). */
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  input[aria-invalid='true']:not(:focus-visible) {
    box-shadow: inset 0 0 0 1px var(--_danger);
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  .consent {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: var(--_space);
    align-items: start;
  }
  .consent input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.15rem 0 0;
    accent-color: var(--_primary);
  }
  .consent label {
    font-weight: 400;
  }
  .consent .error,
  .consent .privacy {
    grid-column: 2;
  }
  a {
    color: var(--_primary);
  }
  button,
  .whatsapp {
    font: inherit;
    font-weight: 600;
    display: inline-flex;
    justify-content: center;
    align-items: center;
    gap: var(--_space);
    min-height: 2.75rem;
    padding: var(--_space) calc(var(--_space) * 2.5);
    border: 0;
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    cursor: pointer;
    text-decoration: none;
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .whatsapp {
    font-size: 1.15em;
    min-height: 3.25rem;
    background: var(--recrubo-color-whatsapp, #0a7a3d);
    color: var(--recrubo-color-on-whatsapp, #ffffff);
  }
  .link {
    background: none;
    color: var(--_primary);
    padding: 0;
    min-height: 0;
    text-decoration: underline;
    justify-self: start;
    font-weight: 400;
  }
  .banner {
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    border: 1px solid var(--_danger);
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 8%, var(--_surface));
  }
  .hp {
    position: absolute;
    left: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
  h2 {
    font-size: 1.25em;
    margin: 0;
  }
  h2:focus {
    outline: none;
  }
  .cta {
    display: flex;
    gap: calc(var(--_space) * 2);
    align-items: center;
    flex-wrap: wrap;
  }
  figure {
    display: none;
    margin: 0;
    gap: calc(var(--_space) / 2);
    justify-items: center;
    color: var(--_muted);
    font-size: 0.85em;
    max-width: 11rem;
    text-align: center;
  }
  figure svg {
    width: 9rem;
    height: 9rem;
    background: #fff;
    border-radius: 4px;
  }
  /* The QR code is for a computer's screen: on a phone, the button opens WhatsApp directly. */
  @media (min-width: 720px) and (hover: hover) {
    figure {
      display: grid;
    }
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  li {
    display: flex;
    gap: var(--_space);
    align-items: center;
    color: var(--_muted);
  }
  li::before {
    content: '';
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    border: 2px solid currentColor;
    flex: none;
  }
  li.past,
  li[aria-current='step'] {
    color: var(--_text);
  }
  li.past::before {
    background: var(--_success);
    border-color: var(--_success);
  }
  li[aria-current='step']::before {
    background: var(--_primary);
    border-color: var(--_primary);
  }
  li[aria-current='step'] {
    font-weight: 600;
  }
`;
