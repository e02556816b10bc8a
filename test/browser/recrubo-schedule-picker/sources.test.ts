import { aTimeout, expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-schedule-picker/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  SCHEDULES,
  chipTexts,
  chips,
  loaded,
  optionNames,
  options,
  removeButtons,
  root,
  selectedNames,
  statusText,
  type Picker,
  mount,
} from './helpers.js';

const scheduleRequests = async (sb: Awaited<ReturnType<typeof newSandbox>>) =>
  (await sb.requests()).filter((r) => r.path.endsWith('/schedules'));
const meta = (el: Picker) =>
  options(el).map((o) => o.querySelector('[part~="option-meta"]')?.textContent?.trim() ?? '');

describe('<recrubo-schedule-picker> options', () => {
  it('from the schedules property: name, duration (Intl) and time zone', async () => {
    const el = await mount<Picker>(html`<recrubo-schedule-picker .schedules=${SCHEDULES}></recrubo-schedule-picker>`);
    await loaded(el, 3);
    expect(optionNames(el)).to.deep.equal(['Intake call', 'Interview', 'Site visit']);
    expect(meta(el)).to.deep.equal([
      '15 min · Europe/Amsterdam',
      '30 min · Europe/Amsterdam',
      '60 min · Europe/London',
    ]);
    expect(el.source).to.equal('property');
    expect(statusText(el)).to.equal('None selected · 3 schedules');
    await expect(el).to.be.accessible();
  });

  it('from <option> children, with no API at all, and follows changes to them', async () => {
    // A working API is configured (a fresh tenant, and a fetch that records every call), yet nothing may ask it.
    const sb = await newSandbox();
    const fetched: string[] = [];
    const spy: typeof fetch = (input, init) => {
      fetched.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    const errors: unknown[] = [];
    const el =
      await mount<Picker>(html`<recrubo-schedule-picker base-url=${sb.baseUrl} api-key=${sb.apiKey} .fetch=${spy} multiple value="2"
      @recrubo-error=${(e: CustomEvent) => errors.push(e.detail.error)}>
      <option value="1" data-duration="20" data-time-zone="America/New_York">Phone screen</option>
      <option value="2">Panel   interview</option>
    </recrubo-schedule-picker>`);
    await loaded(el, 2);
    expect(el.source).to.equal('children');
    expect(optionNames(el)).to.deep.equal(['Phone screen', 'Panel interview']);
    expect(meta(el)).to.deep.equal(['20 min · America/New York', '']);
    expect(selectedNames(el)).to.deep.equal(['Panel interview']);
    // The light-DOM options are data, not content: nothing of them renders twice.
    expect(el.getBoundingClientRect().height).to.be.lessThan(400);

    const added = document.createElement('option');
    added.value = '3';
    added.dataset.duration = '45';
    added.textContent = 'Site visit';
    el.append(added);
    await waitUntil(() => options(el).length === 3, 'a new <option> child should show');
    expect(meta(el)[2]).to.equal('45 min');
    el.querySelector('option')!.textContent = 'Phone call';
    await waitUntil(() => optionNames(el)[0] === 'Phone call', 'an edited <option> should show');
    el.querySelector('option')!.remove();
    await waitUntil(() => options(el).length === 2);
    await expect(el).to.be.accessible();
    await aTimeout(200);
    expect(el.source).to.equal('children');
    expect(fetched, 'no request through the element’s fetch').to.deep.equal([]);
    expect(await sb.requests(), 'no request reached the API').to.have.length(0);
    expect(errors, 'no recrubo-error').to.have.length(0);
  });

  it('from the sandbox’s GET /schedules: the 12 seeded schedules', async () => {
    const sb = await newSandbox();
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker multiple base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-schedule-picker>`,
    );
    await loaded(el, 12);
    expect(el.source).to.equal('api');
    expect(optionNames(el)[0]).to.equal('Intake call — Anna');
    expect(meta(el)[1]).to.equal('30 min · Europe/Amsterdam');
    expect(meta(el)[11]).to.equal('60 min · Europe/London');
    expect(el.options.map((o) => o.id)).to.deep.equal(sb.seed.schedules);
    expect(statusText(el)).to.equal('None selected · 12 schedules');
    expect(await scheduleRequests(sb)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('from schedules-url (an integrator’s own endpoint)', async () => {
    const sb = await newSandbox();
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker schedules-url="${sb.baseUrl}/schedules" base-url="http://127.0.0.1:9/unused" api-key=${sb.apiKey}></recrubo-schedule-picker>`,
    );
    await loaded(el, 12);
    expect(await scheduleRequests(sb)).to.have.length(1);
  });

  it('precedence: the property beats children, children beat the API', async () => {
    const sb = await newSandbox();
    const el =
      await mount<Picker>(html`<recrubo-schedule-picker base-url=${sb.baseUrl} api-key=${sb.apiKey} .schedules=${SCHEDULES}>
      <option value="x">From a child</option>
    </recrubo-schedule-picker>`);
    await loaded(el, 3);
    expect(optionNames(el)).to.deep.equal(['Intake call', 'Interview', 'Site visit']);
    el.schedules = undefined;
    await waitUntil(() => optionNames(el).join() === 'From a child', 'children should take over');
    expect(el.source).to.equal('children');
    await aTimeout(200);
    expect(await scheduleRequests(sb), 'no request while options are given').to.have.length(0);
    el.querySelector('option')!.remove();
    await loaded(el, 12);
    expect(el.source).to.equal('api');
    expect(await scheduleRequests(sb)).to.have.length(1);
  });

  it('loading: a skeleton, aria-busy and a status, and the language follows lang="nl"', async () => {
    const sb = await newSandbox({ faults: { latencyMs: 1500 } });
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker lang="nl" multiple base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-schedule-picker>`,
    );
    await el.updateComplete;
    expect(root(el).querySelector('[part~="skeleton"]')).to.exist;
    expect(root(el).querySelector('[role="listbox"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(statusText(el)).to.equal('Agenda’s laden…');
    const skeletonHeight = el.getBoundingClientRect().height;
    await expect(el).to.be.accessible();
    await loaded(el, 12);
    expect(root(el).querySelector('[part~="skeleton"]')).to.equal(null);
    // No layout jump: the list takes the skeleton's height.
    const listHeight = el.getBoundingClientRect().height;
    expect(Math.abs(listHeight - skeletonHeight)).to.be.lessThan(4);
    expect(meta(el)[1]).to.match(/^30 min\.? · Europe\/Amsterdam$/);
    expect(statusText(el)).to.equal('Niets gekozen · 12 agenda’s');
    expect(root(el).querySelector('[part~="search"]')!.getAttribute('aria-label')).to.equal('Agenda’s zoeken');
  });

  it('empty: says so, and stays accessible', async () => {
    const el = await mount<Picker>(html`<recrubo-schedule-picker .schedules=${[]}></recrubo-schedule-picker>`);
    await el.updateComplete;
    expect(root(el).querySelector('[part~="message"]')!.textContent!.trim()).to.equal('No schedules available.');
    expect(options(el)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('a failing endpoint: an error with a retry, recrubo-error, and the value is kept', async () => {
    const sb = await newSandbox({ faults: { errorRate: 1 } });
    const errors: unknown[] = [];
    const el =
      await mount<Picker>(html`<recrubo-schedule-picker name="s" multiple value="3,5" base-url=${sb.baseUrl} api-key=${sb.apiKey}
      @recrubo-error=${(e: CustomEvent) => errors.push(e.detail.error)}></recrubo-schedule-picker>`);
    await waitUntil(() => root(el).querySelector('[part~="error"]'), 'the error should show', { timeout: 20000 });
    const box = root(el).querySelector('[part~="error"]')!;
    expect(box.getAttribute('role')).to.equal('alert');
    expect(box.textContent).to.contain('Could not load the schedules.');
    expect(box.textContent).to.contain('(500)');
    expect(errors).to.have.length(1);
    expect((errors[0] as { status: number }).status).to.equal(500);
    expect(el.value).to.equal('3,5');
    // Not flagged as unknown: we do not know the options.
    expect(chipTexts(el)).to.deep.equal(['Schedule 3', 'Schedule 5']);
    expect(root(el).querySelector('[part~="chip-unknown"]')).to.equal(null);
    await expect(el).to.be.accessible();

    await sb.setFaults({});
    const retry = root(el).querySelector<HTMLButtonElement>('[part~="retry"]')!;
    retry.focus();
    retry.click();
    await loaded(el, 12);
    expect(selectedNames(el)).to.deep.equal(['Site visit — Chantal', 'Interview — Anna']);
    expect(chipTexts(el)).to.deep.equal(['Site visit — Chantal', 'Interview — Anna']);
    await waitUntil(
      () => root(el).activeElement?.getAttribute('part') === 'search',
      'focus should move into the list area after a retry',
    );
  });

  it('a 404 schedules-url: an error at once (no retries) and recrubo-error', async () => {
    const sb = await newSandbox();
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker value="1" schedules-url="${sb.baseUrl}/no-such-schedules" base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-schedule-picker>`,
    );
    const event = await oneEvent(el, 'recrubo-error');
    expect(event.detail.error.status).to.equal(404);
    expect(event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    expect(root(el).querySelector('[part~="error"]')!.textContent).to.contain('Not found.');
    expect(el.value).to.equal('1');
    expect((await sb.requests()).filter((r) => r.path.endsWith('/no-such-schedules'))).to.have.length(1);
  });

  it('a stale id is kept in the value and flagged as an unknown schedule', async () => {
    const sb = await newSandbox();
    const el = await mount<HTMLFormElement>(
      html`<form><recrubo-schedule-picker name="scheduleIds" multiple value="2,99" base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-schedule-picker></form>`,
    );
    const picker = el.querySelector<Picker>('recrubo-schedule-picker')!;
    await loaded(picker, 12);
    expect(picker.value).to.equal('2,99');
    expect(picker.unknownValues).to.deep.equal(['99']);
    expect(chipTexts(picker)).to.deep.equal(['Interview — Bram', 'Unknown schedule 99']);
    expect(chips(picker)[1].getAttribute('part')).to.contain('chip-unknown');
    expect(removeButtons(picker)[1].getAttribute('aria-label')).to.equal('Remove Unknown schedule 99');
    expect([...new FormData(el).entries()].map(([k, v]) => `${k}=${v}`)).to.deep.equal(['scheduleIds=2,99']);
    await expect(picker).to.be.accessible();
    removeButtons(picker)[1].click();
    await picker.updateComplete;
    expect(picker.value).to.equal('2');
  });

  it('setting value, values or schedules fires no change/input; a user click fires both', async () => {
    const el = await mount<Picker>(
      html`<recrubo-schedule-picker multiple .schedules=${SCHEDULES}></recrubo-schedule-picker>`,
    );
    await loaded(el);
    const seen: string[] = [];
    const onEvent = (e: Event) => seen.push(`${e.type}:${e.constructor.name}:${e.bubbles}:${e.composed}:${el.value}`);
    document.addEventListener('input', onEvent);
    document.addEventListener('change', onEvent);
    try {
      el.value = 'b';
      el.values = ['a', 'c'];
      el.schedules = [...SCHEDULES];
      await el.updateComplete;
      expect(selectedNames(el)).to.deep.equal(['Intake call', 'Site visit']);
      expect(seen).to.deep.equal([]);
      options(el)[1].click();
      await el.updateComplete;
      expect(seen).to.deep.equal(['input:Event:true:true:a,c,b', 'change:Event:true:true:a,c,b']);
    } finally {
      document.removeEventListener('input', onEvent);
      document.removeEventListener('change', onEvent);
    }
  });
});
