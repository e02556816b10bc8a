import { define } from '../../shared/define.js';
import { RecruboGenerateFlowElement } from './recrubo-generate-flow.component.js';
// The schedule picker of the appointment step is registered by define() (`static dependencies`); its define
// module is imported here only for its `HTMLElementTagNameMap` entry.
import type {} from '../recrubo-schedule-picker/define.js';

export { RecruboGenerateFlowElement };

define('recrubo-generate-flow', RecruboGenerateFlowElement);

declare global {
  interface HTMLElementTagNameMap {
    'recrubo-generate-flow': RecruboGenerateFlowElement;
  }
}
