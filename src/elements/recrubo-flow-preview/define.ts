import { define } from '../../shared/recrubo-element.js';
import { RecruboFlowPreviewElement } from './recrubo-flow-preview.component.js';

export { RecruboFlowPreviewElement };

define('recrubo-flow-preview', RecruboFlowPreviewElement);

declare global {
  interface HTMLElementTagNameMap {
    'recrubo-flow-preview': RecruboFlowPreviewElement;
  }
}
