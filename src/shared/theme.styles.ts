// The design tokens every element reads. Integrators theme the elements by setting these `--recrubo-*`
// properties on any ancestor (they inherit through shadow roots); each element falls back to these defaults.
// Dark values apply under `prefers-color-scheme: dark` unless the page sets the properties itself.
// Elements take these through base.styles.ts; the visually-hidden rule stays here so that an element still
// wired to `themeStyles` alone keeps it.
import { css } from 'lit';

export const themeStyles = css`
  :host {
    --_font: var(--recrubo-font-family, inherit);
    --_text: var(--recrubo-color-text, #1b1f24);
    --_muted: var(--recrubo-color-muted, #56606b);
    --_surface: var(--recrubo-color-surface, #ffffff);
    --_surface-alt: var(--recrubo-color-surface-alt, #f3f5f7);
    --_border: var(--recrubo-color-border, #c9d0d8);
    --_primary: var(--recrubo-color-primary, #0b5cad);
    --_on-primary: var(--recrubo-color-on-primary, #ffffff);
    --_danger: var(--recrubo-color-danger, #b42318);
    --_success: var(--recrubo-color-success, #1a7f37);
    --_warning: var(--recrubo-color-warning, #9a6700);
    --_info: var(--recrubo-color-info, #0b5cad);
    --_radius: var(--recrubo-radius, 6px);
    --_focus: var(--recrubo-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_primary) 45%, transparent));
    --_space: var(--recrubo-spacing, 8px);
    font-family: var(--_font);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--recrubo-color-text, #e6e9ed);
      --_muted: var(--recrubo-color-muted, #a4afbb);
      --_surface: var(--recrubo-color-surface, #1c2025);
      --_surface-alt: var(--recrubo-color-surface-alt, #262b31);
      --_border: var(--recrubo-color-border, #48515b);
      --_primary: var(--recrubo-color-primary, #6cb2ff);
      --_on-primary: var(--recrubo-color-on-primary, #0b1a2a);
      --_danger: var(--recrubo-color-danger, #ff8a80);
      --_success: var(--recrubo-color-success, #6fdd8b);
      --_warning: var(--recrubo-color-warning, #f2cc60);
      --_info: var(--recrubo-color-info, #6cb2ff);
    }
  }
  :host([hidden]) {
    display: none !important;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** The documented properties, for docs and JSDoc (`@cssprop`). */
export const THEME_PROPERTIES = [
  '--recrubo-font-family',
  '--recrubo-color-text',
  '--recrubo-color-muted',
  '--recrubo-color-surface',
  '--recrubo-color-surface-alt',
  '--recrubo-color-border',
  '--recrubo-color-primary',
  '--recrubo-color-on-primary',
  '--recrubo-color-danger',
  '--recrubo-color-success',
  '--recrubo-color-warning',
  '--recrubo-color-info',
  '--recrubo-radius',
  '--recrubo-focus-ring',
  '--recrubo-spacing',
] as const;
