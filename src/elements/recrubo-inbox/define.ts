import { define } from '../../shared/recrubo-element.js';
import { RecruboInboxElement } from './recrubo-inbox.component.js';

export { RecruboInboxElement };

define('recrubo-inbox', RecruboInboxElement);

declare global {
  interface HTMLElementTagNameMap {
    'recrubo-inbox': RecruboInboxElement;
  }
}
