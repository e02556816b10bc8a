// Entry of dist/cdn/recrubo-elements.js, the one-file bundle for a `<script type="module">` tag: everything the
// package exports (registering every element), plus `window.RecruboElements` for pages without a bundler.
import { configure, tags, version } from './index.js';
import { RecruboApiError } from './api/errors.js';

export * from './index.js';

export interface RecruboElementsGlobal {
  /** Page-wide defaults, as `configure()` (spec §2, precedence 3). */
  configure: typeof configure;
  /** The package version of the copy that set this global. */
  version: string;
  /** The tags that copy registered. */
  tags: readonly string[];
  RecruboApiError: typeof RecruboApiError;
}

declare global {
  interface Window {
    RecruboElements?: RecruboElementsGlobal;
  }
}

// The first copy on the page keeps the global (a second load of the same version is a no-op, like define()).
// `configure()` state is shared between copies, so whichever copy's configure is called, every element sees it.
if (typeof window !== 'undefined' && !window.RecruboElements) {
  window.RecruboElements = Object.freeze({ configure, version, tags, RecruboApiError });
}
