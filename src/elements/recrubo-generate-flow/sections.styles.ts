import { css } from 'lit';

/** The form's sections: the emoji scale, the requirement lists, the personal-fields table, the appointment messages. */
export const sectionStyles = css`
  /* emoji scale: a segmented control of six radios */
  .scale {
    display: grid;
    grid-template-columns: repeat(6, minmax(0, 1fr));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .scale-option {
    position: relative;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 2px;
    padding: calc(var(--_space) * 0.75) 2px;
    cursor: pointer;
    font-size: 0.85em;
    text-align: center;
    border-inline-start: 1px solid var(--_border);
  }
  .scale-option:first-child {
    border-inline-start: 0;
  }
  .scale-option input {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    opacity: 0;
    cursor: pointer;
    margin: 0;
  }
  .scale-level {
    font-weight: 700;
    font-size: 1.1em;
  }
  .scale-option:has(input:checked) {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  /* the chosen level is marked by shape too (a check mark), not only by its fill */
  .scale-check {
    position: absolute;
    inset-block-start: 2px;
    inset-inline-end: 4px;
    font-size: 0.85em;
    line-height: 1;
  }
  .scale-option:has(input:focus-visible) {
    outline: 2px solid var(--_primary);
    outline-offset: -4px;
    box-shadow: inset 0 0 0 4px var(--_surface);
  }
  /* on the chosen (filled) level a primary ring would vanish into the fill: the text colour on primary instead */
  .scale-option:has(input:checked:focus-visible) {
    outline-color: var(--_on-primary);
    box-shadow: none;
  }
  @media (forced-colors: active) {
    /* Windows High Contrast: system colours, so the chosen level and its focus ring stay distinct */
    .scale-option:has(input:checked) {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
    .scale-option:has(input:focus-visible) {
      outline-color: CanvasText;
    }
    .scale-option:has(input:checked:focus-visible) {
      outline-color: HighlightText;
    }
  }
  .example {
    margin: 0;
    padding: calc(var(--_space) * 0.75) var(--_space);
    background: var(--_surface-alt);
    border-radius: var(--_radius);
    font-size: 0.92em;
    min-height: 2.6em;
  }
  .example-label {
    color: var(--_muted);
    margin-inline-end: 0.3em;
  }

  /* requirement lists */
  .list-head,
  .item {
    display: grid;
    grid-template-columns: 1.6rem minmax(0, 3fr) minmax(0, 2fr) auto;
    gap: var(--_space);
    align-items: center;
  }
  .list-head {
    font-size: 0.82em;
    color: var(--_muted);
    font-weight: 600;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
  }
  .item {
    padding: calc(var(--_space) / 2);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .num {
    text-align: center;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .item-error {
    grid-column: 2 / -1;
  }
  /* the character counter under a long requirement; over the limit it is an error (colour and weight) */
  .item .count {
    display: block;
    margin-top: 2px;
    font-size: 0.82em;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .item .count.over {
    color: var(--_danger);
    font-weight: 600;
  }
  .row-actions {
    display: flex;
    gap: 2px;
  }
  .empty {
    margin: 0;
    color: var(--_muted);
    font-style: italic;
  }
  @container (max-width: 34rem) {
    .list-head {
      display: none;
    }
    .item {
      grid-template-columns: 1.6rem minmax(0, 1fr) auto;
    }
    /* the answer key goes under the requirement (not :nth-of-type, which counts the number's span too) */
    .item > .cell + .cell {
      grid-column: 2 / 3;
      grid-row: 2;
    }
    .row-actions {
      grid-row: 1 / span 2;
      grid-column: 3;
      flex-direction: column;
    }
  }

  /* personal fields */
  table.personal {
    border-collapse: collapse;
    width: 100%;
  }
  table.personal th,
  table.personal td {
    text-align: start;
    padding: calc(var(--_space) / 2);
    border-bottom: 1px solid var(--_border);
    vertical-align: middle;
  }
  table.personal thead th {
    font-size: 0.82em;
    color: var(--_muted);
  }
  table.personal tbody th {
    font-weight: 500;
  }
  table.personal tr.required th {
    font-weight: 650;
  }
  table.personal select {
    min-width: 8.5rem;
  }
  table.personal input {
    width: 100%;
    min-width: 0;
  }
  /* narrow (a phone): each detail is a row of two controls under its name, the column heads go */
  @container (max-width: 26rem) {
    table.personal,
    table.personal tbody {
      display: block;
    }
    table.personal thead {
      display: none;
    }
    table.personal tr {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      gap: calc(var(--_space) / 2);
      padding-block: calc(var(--_space) / 2);
      border-bottom: 1px solid var(--_border);
    }
    table.personal th,
    table.personal td {
      display: block;
      padding: 0;
      border: 0;
    }
    table.personal tbody th {
      grid-column: 1 / -1;
    }
    table.personal select {
      min-width: 0;
      width: 100%;
    }
  }

  /* appointment messages */
  details.messages {
    border-top: 1px solid var(--_border);
    padding-top: var(--_space);
  }
  details.messages summary {
    cursor: pointer;
    font-weight: 600;
    color: var(--_primary);
    border-radius: var(--_radius);
    padding: 2px;
  }
  details.messages[open] {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .message-group {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
    gap: var(--_space) calc(var(--_space) * 2);
  }
`;
