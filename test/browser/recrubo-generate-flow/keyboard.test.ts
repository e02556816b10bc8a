import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/recrubo-generate-flow/define.js';
import type { RecruboGenerateFlowElement } from '../../../src/elements/recrubo-generate-flow/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import { $, $$, APPOINTMENT_EXAMPLE_BODY, attributesOf, byLabel, section, textOf } from './fixtures.js';

const active = (el: RecruboGenerateFlowElement) => el.shadowRoot!.activeElement as HTMLElement | null;
const knockoutValues = (el: RecruboGenerateFlowElement) =>
  el.payload.parameters.knockoutRequirements.map((r) => r.value);
/** One `sendKeys` per character: within one `type`, WebKitWebDriver drops some keys (a space, a repeated letter). */
async function typeText(text: string) {
  for (const char of text) await sendKeys({ type: char });
}
const LONG = { timeout: 15000 };
/** byLabel, or null while the control is not there yet (a waitUntil predicate must not throw). */
const tryLabel = (el: RecruboGenerateFlowElement, text: string) => {
  try {
    return byLabel(el, text);
  } catch {
    return null;
  }
};
/** What the page's one announcer says now. */
const announced = () => document.getElementById('recrubo-announcer')?.textContent ?? '';

describe('<recrubo-generate-flow> keyboard', function () {
  // WebKit's WebDriver keys are slow (one command per key, one at a time across test files).
  this.timeout(90000);

  it('adds, edits, reorders and removes a requirement with keys only; focus follows the moved item', async () => {
    const sb = await newSandbox();
    const el = await fixture<RecruboGenerateFlowElement>(
      html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-generate-flow>`,
    );
    el.parameters = { knockoutRequirements: [{ value: 'Has a licence' }, { value: 'Speaks Dutch' }] };
    await el.updateComplete;

    // The starting point: the add button (reached by Tab in real use; focused here to keep the test short).
    const add = $$<HTMLButtonElement>(section(el, 'Knockout requirements'), 'button').find((b) =>
      textOf(b).includes('Add knockout requirement'),
    )!;
    add.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await waitUntil(() => tryLabel(el, 'Requirement 3') !== null, 'Enter on the add button adds a row', LONG);
    await waitUntil(() => active(el) === tryLabel(el, 'Requirement 3'), 'focus in the new row', LONG);

    await typeText('Bilingual');
    await sendKeys({ press: 'Tab' });
    // Leaving the text filled in the suggested answer key; the next Tab stop is that key.
    const key = byLabel(el, 'Answer key of requirement 3');
    await waitUntil(() => active(el) === key, 'Tab to the answer key', LONG);
    await waitUntil(() => key.value === 'bilingual', 'answer key suggested', LONG);
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => active(el)?.getAttribute('aria-label') === 'Move “Bilingual” up', 'Tab to move up', LONG);

    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await waitUntil(
      () => active(el)?.getAttribute('aria-label') === 'Move “Bilingual” up',
      'focus stays on the moved item',
      LONG,
    );
    expect(knockoutValues(el)).to.deep.equal(['Has a licence', 'Bilingual', 'Speaks Dutch']);
    await waitUntil(() => announced().includes('“Bilingual” is now number 2 of 3.'), 'the move announced', LONG);

    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await waitUntil(() => knockoutValues(el)[0] === 'Bilingual', 'moved to the top', LONG);
    // At the top "up" is disabled (no Tab stop that does nothing): the focus is on the row's "down" instead.
    await waitUntil(
      () => active(el)?.getAttribute('aria-label') === 'Move “Bilingual” down',
      'the focus moves to "down" at the top',
      LONG,
    );
    const up = el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Move “Bilingual” up"]')!;
    expect(up.disabled, 'the first row\'s "up" is disabled').to.equal(true);
    expect(knockoutValues(el)).to.deep.equal(['Bilingual', 'Has a licence', 'Speaks Dutch']);
    up.focus(); // a disabled button is no Tab stop: it takes no focus
    expect(active(el)?.getAttribute('aria-label')).to.equal('Move “Bilingual” down');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await waitUntil(
      () => active(el)?.getAttribute('aria-label') === 'Move “Bilingual” down',
      'focus follows down',
      LONG,
    );
    expect(knockoutValues(el)).to.deep.equal(['Has a licence', 'Bilingual', 'Speaks Dutch']);

    await sendKeys({ press: 'Tab' }); // remove
    await waitUntil(() => active(el)?.getAttribute('aria-label') === 'Remove “Bilingual”', 'Tab to remove', LONG);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await waitUntil(
      () => knockoutValues(el).length === 2 && active(el) === tryLabel(el, 'Requirement 2'),
      'focus on the next row',
      LONG,
    );
    expect(knockoutValues(el)).to.deep.equal(['Has a licence', 'Speaks Dutch']);
    await waitUntil(() => announced().includes('“Bilingual” removed.'), 'the removal announced', LONG);
    expect(byLabel(el, 'Requirement 2').value).to.equal('Speaks Dutch');
    await expect(el).to.be.accessible();
  });

  it('emoji usage and personal fields are plain radios and selects: arrow keys work', async () => {
    const sb = await newSandbox();
    const el = await fixture<RecruboGenerateFlowElement>(
      html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey} emoji-usage="2"></recrubo-generate-flow>`,
    );
    const two = $<HTMLInputElement>(el, 'input[name="emojiUsage"][value="2"]')!;
    two.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => el.payload.parameters.emojiUsage === '3', 'arrow moves the choice', LONG);
    await el.updateComplete;
    expect(textOf($(el, '.example'))).to.contain('🙂');

    const none = $<HTMLInputElement>(el, 'input[name="emojiUsage"][value="0"]')!;
    expect(none.labels?.[0]?.textContent).to.contain('None');
    await expect(el).to.be.accessible();
  });

  it('axe finds nothing with every section open (appointment, messages with unknown variables) in light and dark', async () => {
    const sb = await newSandbox();
    const example = attributesOf(APPOINTMENT_EXAMPLE_BODY);
    const el = await fixture<RecruboGenerateFlowElement>(
      html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-generate-flow>`,
    );
    el.parameters = example.parameters as never;
    el.context = example.context as never;
    await el.updateComplete;
    const details = $<HTMLDetailsElement>(el, 'details')!;
    details.querySelector('summary')!.click();
    await el.updateComplete;
    const askDay = byLabel<HTMLTextAreaElement>(el, 'Ask for a day (English)');
    expect(textOf(el.shadowRoot!.getElementById(askDay.getAttribute('aria-describedby')!.split(' ')[0]!))).to.contain(
      '{{session.schedule.appointment_duration}}',
    );
    askDay.value = 'Hi {{session.first_name}}, pick a day ({{session.unknown_thing}})';
    askDay.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(textOf(details)).to.contain('{{session.unknown_thing}}');
    expect(el.payload.parameters.extraOptions?.[0]?.options.askDayEN).to.equal(
      'Hi {{session.first_name}}, pick a day ({{session.unknown_thing}})',
    );
    const picker = $<HTMLElement>(el, 'recrubo-schedule-picker')!;
    await waitUntil(() => textOf(picker.shadowRoot).includes('Intake call'), 'schedules loaded', { timeout: 10000 });
    await expect(el).to.be.accessible();

    // Dark: only Chromium's driver (CDP) can emulate `prefers-color-scheme` here; the other two drivers refuse it.
    if (!/Chrome\//.test(navigator.userAgent)) return;
    await emulateMedia({ colorScheme: 'dark' });
    try {
      expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});
