import { aTimeout, expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-schedule-picker/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  SCHEDULES,
  activeName,
  chipTexts,
  focused,
  listbox,
  loaded,
  optionNames,
  options,
  press,
  removeButtons,
  search,
  selectedNames,
  statusText,
  typeInSearch,
  type Picker,
  mount,
} from './helpers.js';

const MANY = Array.from({ length: 10 }, (_, i) => ({
  id: String(i + 1),
  name: ['Anna', 'Bram', 'Chantal', 'Dev', 'Eva', 'Femke', 'Gijs', 'Hanna', 'Ilse', 'Joost'][i] + ' — intake',
  appointmentDuration: 30,
  timeZone: 'Europe/Amsterdam',
}));

function recordEvents(el: EventTarget) {
  const seen: string[] = [];
  el.addEventListener('input', () => seen.push('input'));
  el.addEventListener('change', () => seen.push('change'));
  return seen;
}

describe('<recrubo-schedule-picker> keyboard', () => {
  it('multi-select: arrows, Home/End, Space and Enter toggle; each toggle fires input + change', async () => {
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker multiple .schedules=${SCHEDULES}></recrubo-schedule-picker>`,
    );
    await loaded(el, 3);
    const seen = recordEvents(el);
    expect(listbox(el).getAttribute('aria-multiselectable')).to.equal('true');
    el.focus();
    expect(focused(el)?.getAttribute('role')).to.equal('listbox');
    await el.updateComplete;
    expect(activeName(el)).to.equal('Intake call');
    await press(el, 'ArrowDown');
    expect(activeName(el)).to.equal('Interview');
    await press(el, ' ');
    expect(selectedNames(el)).to.deep.equal(['Interview']);
    await press(el, 'End');
    expect(activeName(el)).to.equal('Site visit');
    await press(el, 'ArrowDown'); // stays on the last one
    expect(activeName(el)).to.equal('Site visit');
    await press(el, 'Enter');
    await press(el, 'Home');
    expect(activeName(el)).to.equal('Intake call');
    await press(el, 'ArrowUp');
    expect(activeName(el)).to.equal('Intake call');
    await press(el, 'ArrowDown');
    await press(el, ' '); // toggles Interview off again
    expect(selectedNames(el)).to.deep.equal(['Site visit']);
    expect(el.value).to.equal('c');
    expect(seen).to.deep.equal(['input', 'change', 'input', 'change', 'input', 'change']);
    expect(statusText(el)).to.equal('1 selected · 3 schedules');
    // The active option is what assistive technology is told about.
    expect(options(el)[1].id).to.equal(listbox(el).getAttribute('aria-activedescendant'));
    await expect(el).to.be.accessible();
  });

  it('Ctrl+A chooses every option; keys do nothing while disabled', async () => {
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker multiple .schedules=${SCHEDULES}></recrubo-schedule-picker>`,
    );
    await loaded(el);
    listbox(el).focus();
    await press(el, 'a', { ctrlKey: true });
    expect(el.value).to.equal('a,b,c');
    el.disabled = true;
    await el.updateComplete;
    listbox(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true }));
    listbox(el).dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.value).to.equal('a,b,c');
  });

  it('single-select: one value, choosing another replaces it', async () => {
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker .schedules=${SCHEDULES} value="a"></recrubo-schedule-picker>`,
    );
    await loaded(el);
    const seen = recordEvents(el);
    expect(listbox(el).getAttribute('aria-multiselectable')).to.equal('false');
    el.focus();
    await el.updateComplete;
    expect(activeName(el)).to.equal('Intake call'); // starts on the chosen one
    await press(el, ' '); // choosing the chosen one again changes nothing
    expect(seen).to.deep.equal([]);
    await press(el, 'ArrowDown');
    await press(el, 'ArrowDown');
    await press(el, 'Enter');
    expect(el.value).to.equal('c');
    expect(selectedNames(el)).to.deep.equal(['Site visit']);
    expect(chipTexts(el)).to.deep.equal(['Site visit']);
    expect(seen).to.deep.equal(['input', 'change']);
    await expect(el).to.be.accessible();
  });

  it('type-ahead moves to the next name starting with the typed letters', async () => {
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker multiple .schedules=${SCHEDULES}></recrubo-schedule-picker>`,
    );
    await loaded(el);
    el.focus();
    await press(el, 's');
    expect(activeName(el)).to.equal('Site visit');
    await aTimeout(800);
    await press(el, 'i');
    expect(activeName(el)).to.equal('Intake call');
    await press(el, 'i'); // the same letter again: the next one
    expect(activeName(el)).to.equal('Interview');
    await aTimeout(800);
    await press(el, 'i');
    await press(el, 'n');
    await press(el, 't');
    await press(el, 'e');
    await press(el, 'r');
    expect(activeName(el)).to.equal('Interview');
    // A space while typing a name is part of the name, not a toggle.
    await aTimeout(800);
    for (const key of ['s', 'i', 't', 'e', ' ', 'v']) await press(el, key);
    expect(activeName(el)).to.equal('Site visit');
    expect(el.value, 'nothing toggled').to.equal('');
    // Once the typing has paused, Space toggles again.
    await aTimeout(800);
    await press(el, ' ');
    expect(el.value).to.equal('c');
  });

  it('chips: the remove button is named, Backspace/Delete remove, focus moves to the next chip, then the list', async () => {
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker multiple .schedules=${SCHEDULES} value="a,b,c"></recrubo-schedule-picker>`,
    );
    await loaded(el);
    const seen = recordEvents(el);
    expect(removeButtons(el).map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Remove Intake call',
      'Remove Interview',
      'Remove Site visit',
    ]);
    removeButtons(el)[0].focus();
    await press(el, 'ArrowRight');
    expect(focused(el)?.getAttribute('aria-label')).to.equal('Remove Interview');
    await press(el, 'Backspace');
    expect(el.value).to.equal('a,c');
    await waitUntil(
      () => focused(el)?.getAttribute('aria-label') === 'Remove Site visit',
      'focus goes to the next chip',
    );
    await press(el, 'Delete');
    await waitUntil(() => focused(el)?.getAttribute('aria-label') === 'Remove Intake call', 'then to the previous one');
    expect(chipTexts(el)).to.deep.equal(['Intake call']);
    await press(el, 'Delete');
    await waitUntil(() => focused(el)?.getAttribute('role') === 'listbox', 'then to the list');
    expect(el.value).to.equal('');
    expect(seen).to.deep.equal(['input', 'change', 'input', 'change', 'input', 'change']);
    await expect(el).to.be.accessible();
  });

  it('no search box with eight options or fewer', async () => {
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker multiple .schedules=${MANY.slice(0, 8)}></recrubo-schedule-picker>`,
    );
    await loaded(el, 8);
    expect(search(el)).to.equal(null);
  });

  it('search with more than eight options: filters, ↓ goes into the list, Escape clears', async () => {
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker multiple .schedules=${MANY}></recrubo-schedule-picker>`,
    );
    await loaded(el, 10);
    const seen = recordEvents(el);
    el.focus();
    expect(focused(el) === search(el), 'the search box has the focus').to.equal(true);
    await typeInSearch(el, 'ann');
    expect(optionNames(el)).to.deep.equal(['Anna — intake', 'Hanna — intake']);
    expect(statusText(el)).to.equal('None selected · 2 of 10 schedules match');
    expect(seen, 'typing in the search is not a value change').to.deep.equal([]);
    await press(el, 'ArrowDown');
    expect(focused(el)?.getAttribute('role')).to.equal('listbox');
    expect(activeName(el)).to.equal('Anna — intake');
    await press(el, 'End');
    await press(el, ' ');
    expect(el.value).to.equal('8');
    await press(el, 'Escape');
    expect(optionNames(el)).to.have.length(10);
    expect(search(el)!.value).to.equal('');
    // The chosen one stays chosen.
    expect(selectedNames(el)).to.deep.equal(['Hanna — intake']);

    search(el)!.focus();
    await typeInSearch(el, 'zzz');
    expect(options(el)).to.have.length(0);
    expect(el.shadowRoot!.querySelector('[part~="message"]')!.textContent!.trim()).to.equal(
      'No schedules match “zzz”.',
    );
    await expect(el).to.be.accessible();
    const escape = await press(el, 'Escape');
    expect(escape.defaultPrevented).to.equal(true);
    expect(optionNames(el)).to.have.length(10);
    // A second Escape on an empty search is left to the page (e.g. to close a dialog).
    const again = await press(el, 'Escape');
    expect(again.defaultPrevented).to.equal(false);
    expect(seen).to.deep.equal(['input', 'change']);
  });

  it('the sandbox’s 12 schedules: search, choose with the keyboard, and the server saw one request', async () => {
    const sb = await newSandbox();
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker multiple base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-schedule-picker>`,
    );
    await loaded(el, 12);
    search(el)!.focus();
    await typeInSearch(el, 'site visit');
    expect(optionNames(el)).to.deep.equal([
      'Site visit — Chantal',
      'Site visit — Bram',
      'Site visit — Anna',
      'Site visit — Dev',
    ]);
    await press(el, 'Enter');
    await press(el, ' ');
    await press(el, 'ArrowDown');
    await press(el, ' ');
    expect(el.values).to.deep.equal([sb.seed.schedules[2], sb.seed.schedules[5]]);
    expect(chipTexts(el)).to.deep.equal(['Site visit — Chantal', 'Site visit — Bram']);
    expect((await sb.requests()).filter((r) => r.path.endsWith('/schedules'))).to.have.length(1);
    await expect(el).to.be.accessible();
  });
});
