import { define } from '../../shared/recrubo-element.js';
import { RecruboFlowRunStatusElement } from './recrubo-flow-run-status.component.js';

export { RecruboFlowRunStatusElement };

define('recrubo-flow-run-status', RecruboFlowRunStatusElement);

declare global {
  interface HTMLElementTagNameMap {
    'recrubo-flow-run-status': RecruboFlowRunStatusElement;
  }
}
