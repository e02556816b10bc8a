import { define } from '../../shared/recrubo-element.js';
import { RecruboFlowEditorElement } from './recrubo-flow-editor.component.js';

export { RecruboFlowEditorElement };

define('recrubo-flow-editor', RecruboFlowEditorElement);

declare global {
  interface HTMLElementTagNameMap {
    'recrubo-flow-editor': RecruboFlowEditorElement;
  }
}
