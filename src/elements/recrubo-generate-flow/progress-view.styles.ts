import { css } from 'lit';

/** The progress panel and the result of a generation (progress-view.ts). */
export const progressStyles = css`
  /* progress */
  .panel {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
  }
  .panel h3 {
    margin: 0;
    font-size: 1.15em;
  }
  .stepper {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: var(--_space);
    counter-reset: step;
  }
  .step {
    display: flex;
    align-items: center;
    gap: var(--_space);
    padding-bottom: var(--_space);
    border-bottom: 3px solid var(--_border);
    color: var(--_muted);
  }
  .step .dot {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 1.8rem;
    height: 1.8rem;
    border-radius: 50%;
    border: 2px solid currentColor;
    font-weight: 700;
    font-size: 0.9em;
  }
  .step.done {
    color: var(--_success);
    border-bottom-color: var(--_success);
  }
  .step.done .dot {
    background: var(--_success);
    border-color: var(--_success);
    color: var(--_surface);
  }
  .step.current {
    color: var(--_primary);
    border-bottom-color: var(--_primary);
    font-weight: 650;
  }
  /* The current step's dot pulses as a ring (the shared pulse, not fading the number inside). */
  .step.current .dot {
    --_pulse-opacity: 1;
    --_pulse-shadow: 0 0 0 5px color-mix(in srgb, var(--_primary) 25%, transparent);
  }
  .status-line {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space);
  }
  .status-line p {
    margin: 0;
  }
  .status-text {
    font-weight: 600;
    min-height: 1.45em;
  }
  .counter {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
    display: inline-block;
    min-width: 5ch;
    margin-inline-start: 0.3em;
  }
  .result {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    border-top: 1px solid var(--_border);
    padding-top: calc(var(--_space) * 1.5);
  }
  .result h3 {
    color: var(--_success);
  }
  .result dl {
    margin: 0;
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
  }
  .result dl > div {
    display: contents;
  }
  .result dt {
    color: var(--_muted);
  }
  .result dd {
    margin: 0;
    min-height: 1.45em;
    overflow-wrap: anywhere;
  }
  .skeleton {
    height: 1em;
    border-radius: 4px;
  }
`;
