// Small helpers shared by the schedule picker's test files: reach into the shadow root the way a user's
// assistive technology sees it (roles, names, aria state) and press keys on whatever has the focus.
import { waitUntil } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import type { RecruboSchedulePickerElement } from '../../../src/elements/recrubo-schedule-picker/define.js';

export type Picker = RecruboSchedulePickerElement;

export const root = (el: Picker) => el.shadowRoot!;
export const listbox = (el: Picker) => root(el).querySelector<HTMLElement>('[role="listbox"]')!;
export const options = (el: Picker) => [...root(el).querySelectorAll<HTMLElement>('[role="option"]')];
export const optionNames = (el: Picker) => options(el).map((o) => o.querySelector('[part~="option-name"]')!.textContent!.trim());
export const selectedNames = (el: Picker) =>
  options(el)
    .filter((o) => o.getAttribute('aria-selected') === 'true')
    .map((o) => o.querySelector('[part~="option-name"]')!.textContent!.trim());
export const chips = (el: Picker) => [...root(el).querySelectorAll<HTMLElement>('[part~="chip"]')];
export const chipTexts = (el: Picker) => chips(el).map((c) => c.querySelector('.chip-label')!.textContent!.trim());
export const removeButtons = (el: Picker) => [...root(el).querySelectorAll<HTMLButtonElement>('[part~="chip-remove"]')];
export const search = (el: Picker) => root(el).querySelector<HTMLInputElement>('[part~="search"]');
export const statusText = (el: Picker) => root(el).querySelector('[role="status"]')!.textContent!.trim();
export const activeOption = (el: Picker) => {
  const id = listbox(el).getAttribute('aria-activedescendant');
  return id ? root(el).getElementById(id) : null;
};
export const activeName = (el: Picker) => activeOption(el)?.querySelector('[part~="option-name"]')?.textContent?.trim();
export const focused = (el: Picker) => root(el).activeElement as HTMLElement | null;
const lastFocused = new WeakMap<Picker, HTMLElement>();

/**
 * A key press on the element that has the focus inside the picker (as the keyboard would deliver it). Test files
 * run side by side in iframes of one window, and another file may take the window's focus for a moment; the key
 * then still goes to the control that had it (the list when nothing inside has it), which is what we test.
 */
export async function press(el: Picker, key: string, init: KeyboardEventInit = {}) {
  const target = focused(el) ?? lastFocused.get(el) ?? listbox(el);
  lastFocused.set(el, target);
  const down = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(down);
  target.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, composed: true, ...init }));
  await el.updateComplete;
  return down;
}

/** Types into the search box as a user would (value + input event). */
export async function typeInSearch(el: Picker, text: string) {
  const box = search(el)!;
  box.focus();
  box.value = text;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text, inputType: 'insertText' }));
  await el.updateComplete;
}

export async function loaded(el: Picker, count?: number) {
  await waitUntil(() => (count === undefined ? options(el).length > 0 : options(el).length === count), 'options did not appear', { timeout: 10000 });
  await el.updateComplete;
}

/** Records the `input`/`change` events the picker fires. */
export function recordEvents(el: EventTarget) {
  const seen: string[] = [];
  const types = ['input', 'change'];
  for (const type of types) el.addEventListener(type, (e) => seen.push(`${type}:${(e as Event).constructor.name}:${e.bubbles && e.composed}`));
  return seen;
}

export const SCHEDULES = [
  { id: 'a', name: 'Intake call', appointmentDuration: 15, timeZone: 'Europe/Amsterdam' },
  { id: 'b', name: 'Interview', appointmentDuration: 30, timeZone: 'Europe/Amsterdam' },
  { id: 'c', name: 'Site visit', appointmentDuration: 60, timeZone: 'Europe/London' },
];

const mounted: HTMLElement[] = [];

/**
 * Like open-wc's fixture(), but it never waits for an animation frame: test files run side by side in one
 * browser, and a page in the background may get no frames at all. Waits for every picker inside to render.
 */
export async function mount<T extends Element>(template: TemplateResult): Promise<T> {
  const wrapper = document.createElement('div');
  document.body.append(wrapper);
  mounted.push(wrapper);
  render(template, wrapper);
  const pickers = [...wrapper.querySelectorAll<Picker>('recrubo-schedule-picker')];
  if (wrapper.firstElementChild?.localName === 'recrubo-schedule-picker') pickers.unshift(wrapper.firstElementChild as Picker);
  await Promise.all(pickers.map((p) => p.updateComplete));
  return wrapper.firstElementChild as T;
}

afterEach(() => {
  for (const wrapper of mounted.splice(0)) {
    render(null, wrapper);
    wrapper.remove();
  }
});
