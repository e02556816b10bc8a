import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { newSandbox } from '../helpers/sandbox.js';
import { mount, phoneInput, picker, preview, templateRadios, untilDone, untilForm, unmountAll, valueInputs, type StartRun } from './helpers.js';

/** One `sendKeys` per character: within one `type`, WebKitWebDriver drops some keys. */
async function typeText(text: string) {
  for (const char of text) await sendKeys({ type: char });
}
const active = (el: StartRun): Element | null => {
  let a: Element | null = el.shadowRoot!.activeElement;
  // Into the embedded picker's shadow root, where its listbox holds the focus.
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};

describe('<recrubo-start-run> keyboard', function () {
  this.timeout(120000);
  afterEach(unmountAll);

  it('a recruiter invites with keys only: number, template, values, custom schedules, send, invite another', async () => {
    const sb = await newSandbox({ speed: 200 });
    const el = await mount<StartRun>(html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithCustomSchedule} candidate-name="Yara"></recrubo-start-run>`);
    await untilForm(el);
    await waitUntil(() => picker(el)?.shadowRoot?.querySelector('[role="option"]'), 'picker options', { timeout: 15000 });
    const created: CustomEvent[] = [];
    el.addEventListener('recrubo-run-created', (e) => created.push(e));

    // The starting point: the phone field (the first control; reached by Tab in real use).
    phoneInput(el)!.focus();
    await typeText('0612398765');
    expect(phoneInput(el)!.value).to.equal('0612398765');

    await sendKeys({ press: 'Tab' });
    expect(active(el)?.getAttribute('type'), 'Tab reaches the templates').to.equal('radio');
    // Arrow keys choose among the templates; the third is vacancy_invitation (two values).
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const checked = templateRadios(el).find((r) => r.checked)!;
    expect(checked.value).to.equal(sb.seed.templates.twoParameters);
    expect(valueInputs(el).length).to.equal(2);

    await sendKeys({ press: 'Tab' });
    expect(active(el) === valueInputs(el)[0], 'then value 1').to.equal(true);
    expect(valueInputs(el)[0]!.value).to.equal('Yara');
    await sendKeys({ press: 'Tab' });
    await typeText('Nurse');
    await el.updateComplete;
    expect(preview(el)).to.contain('Hi Yara, you applied for Nurse.');

    // Into the schedule picker: Space toggles the active option, ArrowDown moves, Space again.
    // Twelve schedules: the picker's search box comes first, ArrowDown moves into the list.
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => active(el)?.matches('[part~="search"]'), 'Tab reaches the schedule search', { timeout: 5000 });
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => active(el)?.getAttribute('role') === 'listbox', 'ArrowDown reaches the schedule list', { timeout: 5000 });
    await sendKeys({ press: ' ' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: ' ' });
    await waitUntil(() => picker(el)!.values.length === 2, 'two schedules chosen', { timeout: 5000 });

    // Tab on to the button (past the picker's chips) and press Enter.
    for (let i = 0; i < 8 && !active(el)?.matches('[part~="submit"]'); i++) await sendKeys({ press: 'Tab' });
    expect(active(el)?.matches('[part~="submit"]'), 'Tab reaches Send invitation').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await untilDone(el);
    expect(created.length).to.equal(1);
    expect(created[0]!.detail.run.state.scheduleId).to.deep.equal(picker(el)?.values ?? created[0]!.detail.run.state.scheduleId);
    expect((created[0]!.detail.run.state.scheduleId as string[]).length).to.equal(2);
    await waitUntil(() => active(el)?.matches('[part~="done"] h2'), 'focus moves to the success heading', { timeout: 5000 });

    for (let i = 0; i < 4 && !active(el)?.matches('[part~="another"]'); i++) await sendKeys({ press: 'Tab' });
    expect(active(el)?.matches('[part~="another"]'), 'Tab reaches Invite another').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(el) === phoneInput(el), 'back in the phone field', { timeout: 5000 });
    expect(phoneInput(el)!.value).to.equal('');
  });
});
