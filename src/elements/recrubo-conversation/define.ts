import { define } from '../../shared/recrubo-element.js';
import { RecruboConversationElement } from './recrubo-conversation.component.js';

export { RecruboConversationElement };

define('recrubo-conversation', RecruboConversationElement);

declare global {
  interface HTMLElementTagNameMap {
    'recrubo-conversation': RecruboConversationElement;
  }
}
