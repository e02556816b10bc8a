import { define } from '../../shared/recrubo-element.js';
import { RecruboSchedulePicker } from './schedule-picker.component.js';

export { RecruboSchedulePicker };
export type { ScheduleOption, OptionSource } from './schedule-picker.component.js';

define('recrubo-schedule-picker', RecruboSchedulePicker);

declare global {
  interface HTMLElementTagNameMap {
    'recrubo-schedule-picker': RecruboSchedulePicker;
  }
}
