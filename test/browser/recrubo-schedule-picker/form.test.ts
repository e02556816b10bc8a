import { expect, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import '../../../src/elements/recrubo-schedule-picker/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  SCHEDULES,
  chipTexts,
  focused,
  listbox,
  loaded,
  options,
  press,
  removeButtons,
  root,
  selectedNames,
  type Picker,
  mount,
} from './helpers.js';

const formData = (form: HTMLFormElement) => [...new FormData(form).entries()].map(([k, v]) => `${k}=${v}`);

/** Submits like a user: a click on the submit button; returns the FormData entries of the submit event. */
async function submit(form: HTMLFormElement): Promise<string[] | null> {
  let entries: string[] | null = null;
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    entries = formData(form);
  };
  form.addEventListener('submit', onSubmit);
  form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  form.removeEventListener('submit', onSubmit);
  return entries;
}

describe('<recrubo-schedule-picker> in a form', () => {
  it('submits the chosen ids as one comma-separated entry under its name', async () => {
    const form = await mount<HTMLFormElement>(html`<form>
      <input name="flowName" value="Drivers" />
      <recrubo-schedule-picker name="scheduleIds" multiple .schedules=${SCHEDULES} value="a"></recrubo-schedule-picker>
      <button type="submit">Send</button>
    </form>`);
    const el = form.querySelector<Picker>('recrubo-schedule-picker')!;
    await loaded(el, 3);
    expect(await submit(form)).to.deep.equal(['flowName=Drivers', 'scheduleIds=a']);

    // The user adds "Site visit" with the keyboard.
    listbox(el).focus();
    await press(el, 'End');
    await press(el, ' ');
    expect(selectedNames(el)).to.deep.equal(['Intake call', 'Site visit']);
    expect(el.value).to.equal('a,c');
    expect(el.values).to.deep.equal(['a', 'c']);
    expect(await submit(form)).to.deep.equal(['flowName=Drivers', 'scheduleIds=a,c']);
    expect(new FormData(form).getAll('scheduleIds')).to.deep.equal(['a,c']);
    expect(el.form === form, 'el.form').to.equal(true);
  });

  it('submits nothing when no schedule is chosen (like a <select>)', async () => {
    const form = await mount<HTMLFormElement>(html`<form>
      <recrubo-schedule-picker name="scheduleIds" multiple .schedules=${SCHEDULES}></recrubo-schedule-picker>
      <button type="submit">Send</button>
    </form>`);
    await loaded(form.querySelector<Picker>('recrubo-schedule-picker')!);
    expect(await submit(form)).to.deep.equal([]);
  });

  it('resets with its form to the value attribute', async () => {
    const form = await mount<HTMLFormElement>(html`<form>
      <recrubo-schedule-picker name="s" multiple .schedules=${SCHEDULES} value="b"></recrubo-schedule-picker>
    </form>`);
    const el = form.querySelector<Picker>('recrubo-schedule-picker')!;
    await loaded(el);
    removeButtons(el)[0].click();
    await el.updateComplete;
    options(el)[0].click();
    options(el)[2].click();
    await el.updateComplete;
    expect(el.value).to.equal('a,c');
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal('b');
    expect(selectedNames(el)).to.deep.equal(['Interview']);
    expect(chipTexts(el)).to.deep.equal(['Interview']);
    expect(formData(form)).to.deep.equal(['s=b']);
  });

  it('restores a saved state (back-navigation) through formStateRestoreCallback', async () => {
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker multiple .schedules=${SCHEDULES}></recrubo-schedule-picker>`,
    );
    el.formStateRestoreCallback('b,c');
    await el.updateComplete;
    expect(selectedNames(el)).to.deep.equal(['Interview', 'Site visit']);
  });

  it('required and empty: valueMissing, :invalid, a message in English', async () => {
    const form = await mount<HTMLFormElement>(html`<form>
      <recrubo-schedule-picker name="s" required multiple .schedules=${SCHEDULES}></recrubo-schedule-picker>
      <button type="submit">Send</button>
    </form>`);
    const el = form.querySelector<Picker>('recrubo-schedule-picker')!;
    await loaded(el);
    expect(el.willValidate).to.equal(true);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('Choose at least one schedule.');
    expect(el.matches(':invalid')).to.equal(true);
    expect(form.checkValidity()).to.equal(false);
    expect(el.checkValidity()).to.equal(false);
    // No submit event while invalid.
    expect(await submit(form)).to.equal(null);
    // After a failed validation the message shows next to the list.
    await el.updateComplete;
    expect(root(el).querySelector('[part~="validation"]')!.textContent!.trim()).to.equal(
      'Choose at least one schedule.',
    );
    expect(listbox(el).getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    options(el)[1].click();
    await el.updateComplete;
    expect(el.validity.valid).to.equal(true);
    expect(el.matches(':invalid')).to.equal(false);
    expect(form.checkValidity()).to.equal(true);
    expect(root(el).querySelector('[part~="validation"]')).to.equal(null);
  });

  it('reportValidity() focuses the list and the message is Dutch with lang="nl"', async () => {
    const form = await mount<HTMLFormElement>(html`<form lang="nl">
      <recrubo-schedule-picker name="s" required .schedules=${SCHEDULES}></recrubo-schedule-picker>
    </form>`);
    const el = form.querySelector<Picker>('recrubo-schedule-picker')!;
    await loaded(el);
    expect(el.validationMessage).to.equal('Kies een agenda.');
    el.multiple = true;
    await el.updateComplete;
    expect(el.validationMessage).to.equal('Kies minstens één agenda.');
    expect(form.reportValidity()).to.equal(false);
    await waitUntil(() => focused(el) === listbox(el), 'reportValidity should focus the list');
    expect(el.reportValidity()).to.equal(false);
  });

  it('setCustomValidity() makes it invalid with the host message', async () => {
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker .schedules=${SCHEDULES} value="a"></recrubo-schedule-picker>`,
    );
    el.setCustomValidity('Pick a schedule of your own team.');
    expect(el.validity.customError).to.equal(true);
    expect(el.validationMessage).to.equal('Pick a schedule of your own team.');
    el.setCustomValidity('');
    expect(el.checkValidity()).to.equal(true);
  });

  it('disabled: not focusable, not editable, not submitted, not validated', async () => {
    const form = await mount<HTMLFormElement>(html`<form>
      <recrubo-schedule-picker name="s" required disabled multiple .schedules=${SCHEDULES} value="a"></recrubo-schedule-picker>
      <button type="submit">Send</button>
    </form>`);
    const el = form.querySelector<Picker>('recrubo-schedule-picker')!;
    await loaded(el);
    expect(await submit(form)).to.deep.equal([]);
    expect(el.willValidate).to.equal(false);
    el.focus();
    expect(document.activeElement === el, 'the host took the focus').to.equal(false);
    expect(focused(el)?.outerHTML ?? null).to.equal(null);
    expect(listbox(el).hasAttribute('tabindex')).to.equal(false);
    expect(listbox(el).getAttribute('aria-disabled')).to.equal('true');
    expect(removeButtons(el).every((b) => b.disabled)).to.equal(true);
    options(el)[1].click();
    await el.updateComplete;
    expect(el.value).to.equal('a');
    await expect(el).to.be.accessible();
    el.disabled = false;
    await el.updateComplete;
    expect(await submit(form)).to.deep.equal(['s=a']);
    el.focus();
    expect(focused(el)?.getAttribute('role')).to.equal('listbox');
  });

  it('a disabled <fieldset> disables it too', async () => {
    const form = await mount<HTMLFormElement>(html`<form>
      <fieldset disabled><recrubo-schedule-picker name="s" .schedules=${SCHEDULES} value="a"></recrubo-schedule-picker></fieldset>
    </form>`);
    const el = form.querySelector<Picker>('recrubo-schedule-picker')!;
    await loaded(el);
    await waitUntil(() => !listbox(el).hasAttribute('tabindex'), 'fieldset disabled should reach the element');
    expect(formData(form)).to.deep.equal([]);
    form.querySelector('fieldset')!.disabled = false;
    await waitUntil(() => listbox(el).getAttribute('tabindex') === '0');
    expect(formData(form)).to.deep.equal(['s=a']);
  });

  it('is labelled by a <label for> and clicking the label focuses the list', async () => {
    const wrap = await mount<HTMLElement>(html`<div>
      <label for="p">Interview schedules</label>
      <recrubo-schedule-picker id="p" .schedules=${SCHEDULES}></recrubo-schedule-picker>
    </div>`);
    const el = wrap.querySelector<Picker>('recrubo-schedule-picker')!;
    await loaded(el);
    el.requestUpdate();
    await el.updateComplete;
    expect(el.labels.length).to.equal(1);
    expect(listbox(el).getAttribute('aria-label')).to.equal('Interview schedules');
    wrap.querySelector('label')!.click();
    await waitUntil(() => focused(el) === listbox(el), 'the label should focus the list');
    await expect(wrap).to.be.accessible();
  });

  it('works inside another element’s shadow root (the form belongs to that root)', async () => {
    class HostForm extends LitElement {
      override render() {
        return html`<form>
          <label for="picker">Schedules</label>
          <recrubo-schedule-picker id="picker" name="scheduleIds" multiple required .schedules=${SCHEDULES}></recrubo-schedule-picker>
          <button type="submit">Go</button>
        </form>`;
      }
    }
    if (!customElements.get('test-schedule-host')) customElements.define('test-schedule-host', HostForm);
    const host = await mount<HostForm>(html`<test-schedule-host></test-schedule-host>`);
    await host.updateComplete;
    const form = host.shadowRoot!.querySelector('form')!;
    const el = host.shadowRoot!.querySelector<Picker>('recrubo-schedule-picker')!;
    await loaded(el);
    expect(el.form === form, 'el.form').to.equal(true);
    expect(form.checkValidity()).to.equal(false);
    const changes: string[] = [];
    host.shadowRoot!.addEventListener('change', () => changes.push(el.value));
    options(el)[0].click();
    options(el)[1].click();
    await el.updateComplete;
    expect(changes).to.deep.equal(['a', 'a,b']);
    expect(form.checkValidity()).to.equal(true);
    expect(await submit(form)).to.deep.equal(['scheduleIds=a,b']);
    expect(listbox(el).getAttribute('aria-label')).to.equal('Schedules');
    await expect(host).to.be.accessible();
  });

  it('with the sandbox: the form submits ids the API knows', async () => {
    const sb = await newSandbox();
    const form = await mount<HTMLFormElement>(html`<form>
      <recrubo-schedule-picker name="scheduleIds" multiple base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-schedule-picker>
      <button type="submit">Send</button>
    </form>`);
    const el = form.querySelector<Picker>('recrubo-schedule-picker')!;
    await loaded(el, 12);
    options(el)[0].click();
    options(el)[2].click();
    await el.updateComplete;
    expect(await submit(form)).to.deep.equal([`scheduleIds=${sb.seed.schedules[0]},${sb.seed.schedules[2]}`]);
  });
});
