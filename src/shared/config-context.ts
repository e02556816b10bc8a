import { ContextRoot, createContext } from '@lit/context';
import type { RecruboConfig } from './config.js';

/** What a `<recrubo-config>` passes down: its own fields merged over those of the providers above it. */
export const recruboConfigContext = createContext<RecruboConfig | undefined>(Symbol.for('recrubo-elements/config'));

const rooted = new WeakSet<Document>();

/**
 * A `<recrubo-config>` upgraded after the elements inside it (its tag defined later, e.g. when a bundler runs the
 * elements' define modules first) still reaches them: a ContextRoot on the document keeps their unanswered requests
 * and replays them when a provider appears. Call before the element's controllers connect.
 */
export function attachContextRoot(doc: Document | undefined): void {
  if (!doc?.documentElement || rooted.has(doc)) return;
  rooted.add(doc);
  new ContextRoot().attach(doc.documentElement);
}
