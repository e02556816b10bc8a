import { define } from '../../shared/define.js';
import { RecruboStartRunElement } from './recrubo-start-run.component.js';
// The schedule picker (custom schedule mode) and the run's badge (after success) are registered by define()
// (`static dependencies`); their define modules are imported here only for their `HTMLElementTagNameMap` entries.
import type {} from '../recrubo-schedule-picker/define.js';
import type {} from '../recrubo-flow-run-status/define.js';

export { RecruboStartRunElement };

define('recrubo-start-run', RecruboStartRunElement);

declare global {
  interface HTMLElementTagNameMap {
    'recrubo-start-run': RecruboStartRunElement;
  }
}
