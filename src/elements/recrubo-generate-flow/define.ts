import { define } from '../../shared/define.js';
import { RecruboGenerateFlowElement } from './recrubo-generate-flow.component.js';
// The appointment step embeds the schedule picker.
import '../recrubo-schedule-picker/define.js';

export { RecruboGenerateFlowElement };

define('recrubo-generate-flow', RecruboGenerateFlowElement);

declare global {
  interface HTMLElementTagNameMap {
    'recrubo-generate-flow': RecruboGenerateFlowElement;
  }
}
