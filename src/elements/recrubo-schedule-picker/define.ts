import { define } from '../../shared/recrubo-element.js';
import { RecruboSchedulePickerElement } from './recrubo-schedule-picker.component.js';

export { RecruboSchedulePickerElement };
export type { ScheduleOption, OptionSource } from './recrubo-schedule-picker.component.js';

define('recrubo-schedule-picker', RecruboSchedulePickerElement);

declare global {
  interface HTMLElementTagNameMap {
    'recrubo-schedule-picker': RecruboSchedulePickerElement;
  }
}
