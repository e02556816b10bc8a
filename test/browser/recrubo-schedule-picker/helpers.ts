// Small helpers shared by the schedule picker's test files: reach into the shadow root the way a user's
// assistive technology sees it (roles, names, aria state) and press real keys on whatever has the focus.
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render, type TemplateResult } from 'lit';
import type { RecruboSchedulePickerElement } from '../../../src/elements/recrubo-schedule-picker/define.js';

export type Picker = RecruboSchedulePickerElement;

export const root = (el: Picker) => el.shadowRoot!;
export const listbox = (el: Picker) => root(el).querySelector<HTMLElement>('[role="listbox"]')!;
export const options = (el: Picker) => [...root(el).querySelectorAll<HTMLElement>('[role="option"]')];
export const optionNames = (el: Picker) =>
  options(el).map((o) => o.querySelector('[part~="option-name"]')!.textContent!.trim());
export const selectedNames = (el: Picker) =>
  options(el)
    .filter((o) => o.getAttribute('aria-selected') === 'true')
    .map((o) => o.querySelector('[part~="option-name"]')!.textContent!.trim());
export const chips = (el: Picker) => [...root(el).querySelectorAll<HTMLElement>('[part~="chip"]')];
export const chipTexts = (el: Picker) => chips(el).map((c) => c.querySelector('.chip-label')!.textContent!.trim());
export const removeButtons = (el: Picker) => [...root(el).querySelectorAll<HTMLButtonElement>('[part~="chip-remove"]')];
export const search = (el: Picker) => root(el).querySelector<HTMLInputElement>('[part~="search"]');
export const statusText = (el: Picker) => root(el).querySelector('[part~="status"]')!.textContent!.trim();
export const activeOption = (el: Picker) => {
  const id = listbox(el).getAttribute('aria-activedescendant');
  return id ? root(el).getElementById(id) : null;
};
export const activeName = (el: Picker) => activeOption(el)?.querySelector('[part~="option-name"]')?.textContent?.trim();
export const focused = (el: Picker) => root(el).activeElement as HTMLElement | null;

const isWebKit = /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Chromium|Firefox/.test(navigator.userAgent);

/**
 * A real key press (through the browser's automation: CDP, Marionette or WebDriver), on whatever has the focus; it
 * must be inside the picker, or the test is wrong. Returns whether the keydown's default was prevented (read
 * after every handler ran).
 * With a modifier on WebKit the event is dispatched instead: @web/test-runner-commands' `sendKeys` over WebDriver
 * knows `press` and `type` only, not `down`/`up`.
 */
export async function press(el: Picker, key: string, init: { ctrlKey?: boolean } = {}) {
  const target = focused(el);
  if (!target) throw new Error(`press(${JSON.stringify(key)}): nothing inside the picker has the focus`);
  // Caught on the way down (a handler may stop it on the way up); its defaultPrevented is read once it is over.
  let seen: KeyboardEvent | undefined;
  const onKeydown = (e: KeyboardEvent) => {
    if (e.key === key) seen = e;
  };
  window.addEventListener('keydown', onKeydown, { capture: true });
  try {
    if (init.ctrlKey && isWebKit) {
      target.dispatchEvent(
        new KeyboardEvent('keydown', { key, ctrlKey: true, bubbles: true, composed: true, cancelable: true }),
      );
    } else {
      if (init.ctrlKey) await sendKeys({ down: 'Control' });
      try {
        await sendKeys({ press: key });
      } finally {
        if (init.ctrlKey) await sendKeys({ up: 'Control' });
      }
      await waitUntil(() => seen, `the ${key} keydown did not arrive`, { timeout: 3000, interval: 10 });
    }
  } finally {
    window.removeEventListener('keydown', onKeydown, { capture: true });
  }
  await el.updateComplete;
  return { defaultPrevented: seen!.defaultPrevented };
}

/**
 * Types into the search box, key by key: one `sendKeys` per character, because WebKitWebDriver drops the second
 * of two equal characters in one `type` ("ann" arrives as "an"; seen with a plain <input> too).
 */
export async function typeInSearch(el: Picker, text: string) {
  const box = search(el)!;
  box.focus();
  for (const char of text) await sendKeys({ type: char });
  await waitUntil(() => box.value.endsWith(text), `typing ${text} did not arrive`, {
    timeout: 3000,
    interval: 10,
  }).catch((e) => {
    throw new Error(`${e.message}: value ${JSON.stringify(box.value)}, focus ${focused(el)?.outerHTML.slice(0, 80)}`);
  });
  await el.updateComplete;
}

export async function loaded(el: Picker, count?: number) {
  await waitUntil(
    () => (count === undefined ? options(el).length > 0 : options(el).length === count),
    'options did not appear',
    { timeout: 10000 },
  );
  await el.updateComplete;
}

/** Records the `input`/`change` events the picker fires. */
export function recordEvents(el: EventTarget) {
  const seen: string[] = [];
  const types = ['input', 'change'];
  for (const type of types)
    el.addEventListener(type, (e) => seen.push(`${type}:${(e as Event).constructor.name}:${e.bubbles && e.composed}`));
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
  if (wrapper.firstElementChild?.localName === 'recrubo-schedule-picker')
    pickers.unshift(wrapper.firstElementChild as Picker);
  await Promise.all(pickers.map((p) => p.updateComplete));
  return wrapper.firstElementChild as T;
}

afterEach(() => {
  for (const wrapper of mounted.splice(0)) {
    render(null, wrapper);
    wrapper.remove();
  }
});
