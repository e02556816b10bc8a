import { define } from '../../shared/define.js';
import { RecruboConfigElement } from './recrubo-config.component.js';

export { RecruboConfigElement };

define('recrubo-config', RecruboConfigElement);

declare global {
  interface HTMLElementTagNameMap {
    'recrubo-config': RecruboConfigElement;
  }
}
