import { createContext } from '@lit/context';
import type { RecruboConfig } from './config.js';

/** What a `<recrubo-config>` passes down: its own fields merged over those of the providers above it. */
export const recruboConfigContext = createContext<RecruboConfig | undefined>(Symbol.for('recrubo-elements/config'));
