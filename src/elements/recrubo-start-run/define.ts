import { define } from '../../shared/define.js';
import { RecruboStartRunElement } from './recrubo-start-run.component.js';
// The form embeds the schedule picker (custom schedule mode) and, after success, the run's badge.
import '../recrubo-schedule-picker/define.js';
import '../recrubo-flow-run-status/define.js';

export { RecruboStartRunElement };

define('recrubo-start-run', RecruboStartRunElement);

declare global {
  interface HTMLElementTagNameMap {
    'recrubo-start-run': RecruboStartRunElement;
  }
}
