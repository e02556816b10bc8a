// The form styling the form elements (generate-flow, start-run) share, after baseStyles and before the element's
// own styles: `static override styles = [baseStyles, formStyles, myElementStyles]`. Only what both draw the same
// way stands here; an element adds to these rules (a button's colours, a hint's size) in its own styles.
import { css } from 'lit';

export const formStyles = css`
  :host {
    display: block;
    line-height: 1.45;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    min-width: 0;
  }
  .actions {
    display: flex;
    gap: var(--_space);
    flex-wrap: wrap;
    align-items: center;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
  }
`;
