// The styles every element starts from: `static override styles = [baseStyles, myElementStyles]`. The design
// tokens and the visually-hidden rule (theme.styles.ts) and the few pieces every element draws the same way: a
// spinner, the skeleton shimmer and a pulse. Their keyframes carry a `recrubo-` prefix so that an element's own
// animations never collide with them. Elements size them (width/height of `.skeleton`, `--_spinner-size`) and
// may tune the pulse (`--_pulse-opacity`, `--_pulse-shadow`) in their own styles.
import { css, type CSSResultGroup } from 'lit';
import { themeStyles } from './theme.styles.js';

const shared = css`
  /* A busy mark inside a button or a line of text; aria-hidden, the text beside it says what is going on. */
  .spinner {
    display: inline-block;
    flex: none;
    box-sizing: border-box;
    width: var(--_spinner-size, 1em);
    height: var(--_spinner-size, 1em);
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    vertical-align: -0.125em;
    animation: recrubo-spin 0.8s linear infinite;
  }
  @keyframes recrubo-spin {
    to {
      transform: rotate(360deg);
    }
  }

  /* A placeholder of the size of what is loading (the element sets width and height), so nothing jumps. */
  .skeleton {
    display: inline-block;
    vertical-align: middle;
    border-radius: var(--_radius);
    background: linear-gradient(90deg, var(--_surface-alt) 25%, color-mix(in srgb, var(--_border) 45%, var(--_surface-alt)) 50%, var(--_surface-alt) 75%);
    background-size: 300% 100%;
    animation: recrubo-shimmer 1.4s linear infinite;
  }
  @keyframes recrubo-shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: 0 0;
    }
  }

  /* Something that is under way right now (a running status, the current step). */
  .pulse {
    animation: recrubo-pulse 1.5s ease-in-out infinite;
  }
  @keyframes recrubo-pulse {
    50% {
      opacity: var(--_pulse-opacity, 0.45);
      box-shadow: var(--_pulse-shadow, none);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner,
    .skeleton,
    .pulse {
      animation: none;
    }
  }
`;

export const baseStyles: CSSResultGroup = [themeStyles, shared];
