import { define } from '../../shared/define.js';
import { RecruboApplyElement } from './recrubo-apply.component.js';

export { RecruboApplyElement };
export { normalizePhone, CALLING_CODES } from './phone.js';

define('recrubo-apply', RecruboApplyElement);

declare global {
  interface HTMLElementTagNameMap {
    'recrubo-apply': RecruboApplyElement;
  }
}
