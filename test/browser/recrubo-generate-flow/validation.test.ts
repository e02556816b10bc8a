import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-generate-flow/define.js';
import type { RecruboGenerateFlowElement } from '../../../src/elements/recrubo-generate-flow/define.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import {
  $,
  $$,
  FLOW_GENERATION_EXAMPLE_BODY,
  attributesOf,
  byLabel,
  section,
  submitButton,
  textOf,
} from './fixtures.js';

const posts = async (sb: TestSandbox) => (await sb.requests()).filter((r) => r.method === 'POST');

/** The text of the elements an `aria-describedby` points at. */
function description(el: RecruboGenerateFlowElement, control: Element): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => textOf(el.shadowRoot!.getElementById(id))).join(' ');
}

describe('<recrubo-generate-flow> validation', function () {
  this.timeout(30000);

  it('an empty form: nothing is sent, each rule shows next to its field, the first invalid field gets focus', async () => {
    const sb = await newSandbox();
    const el = await fixture<RecruboGenerateFlowElement>(
      html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-generate-flow>`,
    );
    await expect(el).to.be.accessible();
    expect(el.checkValidity()).to.equal(false);
    // checkValidity() shows nothing
    expect($$(el, '[part~="error"]')).to.have.length(0);

    submitButton(el).click();
    await el.updateComplete;
    await aTimeout(0);

    const text = byLabel<HTMLTextAreaElement>(el, 'Vacancy text');
    expect(text.getAttribute('aria-invalid')).to.equal('true');
    expect(description(el, text)).to.contain('Paste the vacancy text');
    expect(el.shadowRoot!.activeElement).to.equal(text);

    const addKnockout = $$<HTMLButtonElement>(el, 'button').find((b) =>
      textOf(b).includes('Add knockout requirement'),
    )!;
    expect(description(el, addKnockout)).to.contain('Add at least one knockout requirement.');
    expect(textOf(section(el, 'Knockout requirements'))).to.contain('Add at least one knockout requirement.');

    const firstName = byLabel<HTMLSelectElement>(el, 'First name');
    expect(firstName.getAttribute('aria-invalid')).to.equal('true');
    expect(description(el, firstName)).to.contain('Choose at least one personal detail as required.');

    const alert = $(el, '[role="alert"][part~="alert"]')!;
    expect(textOf(alert)).to.contain('Please check the highlighted fields.');
    await expect(el).to.be.accessible();
    expect(await posts(sb)).to.have.length(0);

    // Fixing a field clears its message; nothing typed is lost.
    text.value = 'A vacancy';
    text.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(text.getAttribute('aria-invalid')).to.equal('false');
    expect(text.value).to.equal('A vacancy');
  });

  it('an empty requirement is reported on its own row; reportValidity() focuses it', async () => {
    const sb = await newSandbox();
    const el = await fixture<RecruboGenerateFlowElement>(
      html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey} vacancy-text="Text"></recrubo-generate-flow>`,
    );
    el.parameters = {
      knockoutRequirements: [{ value: 'Has a bike' }, { value: '   ' }],
      requiredFields: [{ value: 'email' }],
    };
    await el.updateComplete;
    expect(el.reportValidity()).to.equal(false);
    await el.updateComplete;
    await aTimeout(0);
    const second = byLabel(el, 'Requirement 2');
    expect(second.getAttribute('aria-invalid')).to.equal('true');
    expect(description(el, second)).to.contain('Every knockout requirement needs a text.');
    expect(el.shadowRoot!.activeElement).to.equal(second);
    expect(byLabel(el, 'Requirement 1').getAttribute('aria-invalid')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('fixed schedules with none chosen: the message shows in the schedule picker', async () => {
    const sb = await newSandbox();
    const example = attributesOf(FLOW_GENERATION_EXAMPLE_BODY);
    const el = await fixture<RecruboGenerateFlowElement>(
      html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey} schedule-mode="fixed"></recrubo-generate-flow>`,
    );
    el.parameters = example.parameters as never;
    el.context = example.context as never;
    await el.updateComplete;
    byLabel(el, 'Let the candidate book an appointment at the end').click();
    await el.updateComplete;
    submitButton(el).click();
    await el.updateComplete;
    const picker = $<HTMLElement>(el, 'recrubo-schedule-picker')!;
    await waitUntil(
      () => textOf(picker.shadowRoot).includes('Choose at least one schedule'),
      'picker shows the message',
      { timeout: 5000 },
    );
    expect(await posts(sb)).to.have.length(0);
  });

  it('a chosen schedule that does not exist is caught before the POST, in the schedule picker', async () => {
    const sb = await newSandbox();
    const example = attributesOf(FLOW_GENERATION_EXAMPLE_BODY);
    const known = sb.seed.schedules[0]!;
    const el = await fixture<RecruboGenerateFlowElement>(
      html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey} schedule-ids="${known},no-such-schedule"></recrubo-generate-flow>`,
    );
    el.parameters = example.parameters as never;
    el.context = example.context as never;
    await el.updateComplete;
    const picker = $<HTMLElement & { unknownValues: string[] }>(el, 'recrubo-schedule-picker')!;
    await waitUntil(() => picker.unknownValues.length === 1, 'the picker knows the id is unknown', { timeout: 10000 });
    expect(el.checkValidity()).to.equal(false);
    submitButton(el).click();
    await el.updateComplete;
    await waitUntil(
      () => textOf(picker.shadowRoot).includes('One of the chosen schedules does not exist (any more).'),
      'picker shows the message',
      { timeout: 5000 },
    );
    expect(await posts(sb)).to.have.length(0);
  });

  it('a 422 from the server is shown on the field it names (the host removed knockoutRequirements)', async () => {
    const sb = await newSandbox();
    const example = attributesOf(FLOW_GENERATION_EXAMPLE_BODY);
    const el = await fixture<RecruboGenerateFlowElement>(
      html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-generate-flow>`,
    );
    el.parameters = example.parameters as never;
    el.context = example.context as never;
    await el.updateComplete;

    el.addEventListener(
      'recrubo-generation-submit',
      (e) => {
        delete (e.detail.payload.parameters as Partial<typeof e.detail.payload.parameters>).knockoutRequirements;
        delete (e.detail.payload.parameters as Partial<typeof e.detail.payload.parameters>).requiredFields;
      },
      { once: true },
    );
    const failed = oneEvent(el, 'recrubo-error');
    submitButton(el).click();
    const { detail } = await failed;
    expect(detail.error.status).to.equal(422);
    expect(detail.error.errors.map((entry: { detail?: string }) => entry.detail)).to.include.members([
      "Parameter knockoutRequirements can't be blank",
      "Parameter requiredFields can't be blank",
    ]);
    await el.updateComplete;
    await aTimeout(0);

    const knockouts = section(el, 'Knockout requirements');
    expect(textOf(knockouts.querySelector('[part~="error"]'))).to.equal('Add at least one knockout requirement.');
    const add = $$<HTMLButtonElement>(knockouts, 'button').find((b) => textOf(b).includes('Add knockout requirement'))!;
    expect(description(el, add)).to.contain('Add at least one knockout requirement.');
    expect(el.shadowRoot!.activeElement).to.equal(add);
    expect(textOf(section(el, 'Personal details').querySelector('[part~="error"]'))).to.equal(
      'Choose at least one personal detail as required.',
    );
    // Everything the recruiter entered is still there.
    expect(el.payload).to.deep.equal(example);
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('false');
    await expect(el).to.be.accessible();
    expect(await posts(sb)).to.have.length(1);
  });

  it('a 422 that names no field goes to the form-level alert', async () => {
    const sb = await newSandbox();
    const example = attributesOf(FLOW_GENERATION_EXAMPLE_BODY);
    const el = await fixture<RecruboGenerateFlowElement>(
      html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey} lang="nl"></recrubo-generate-flow>`,
    );
    el.parameters = example.parameters as never;
    el.context = example.context as never;
    await el.updateComplete;
    el.addEventListener(
      'recrubo-generation-submit',
      (e: CustomEvent<{ payload: unknown }>) => {
        (e.detail.payload as Record<string, unknown>).status = 'finished';
      },
      { once: true },
    );
    const failed = oneEvent(el, 'recrubo-error');
    submitButton(el).click();
    const { detail } = await failed;
    expect(detail.error.status, 'the server refused the read-only attribute').to.equal(422);
    await el.updateComplete;
    const alert = $(el, '[part~="alert"]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    // Introduced in the UI language; the server's own words (English) quoted.
    expect(textOf(alert)).to.match(/^De Recrubo-API weigerde het verzoek: “.+”$/);
    expect(textOf(alert)).to.contain(detail.error.errors[0].detail);
    expect($$(el, '[part~="error"]')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('messages in Dutch', async () => {
    const sb = await newSandbox();
    const el = await fixture<RecruboGenerateFlowElement>(
      html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey} lang="nl"></recrubo-generate-flow>`,
    );
    submitButton(el).click();
    await el.updateComplete;
    expect(textOf(el.shadowRoot)).to.contain('Voeg minstens één knock-outeis toe.');
    expect(textOf(el.shadowRoot)).to.contain('Controleer de gemarkeerde velden.');
    await expect(el).to.be.accessible();
  });

  it('each answer-key box is described by the hint, and on a narrow element it sits under its requirement', async () => {
    const el = await fixture<RecruboGenerateFlowElement>(
      html`<div style="width: 360px"><recrubo-generate-flow></recrubo-generate-flow></div>`,
    );
    const form = el.querySelector<RecruboGenerateFlowElement>('recrubo-generate-flow')!;
    form.parameters = { knockoutRequirements: [{ value: 'Driving licence C/E', sessionField: 'licence' }] } as never;
    await form.updateComplete;
    const value = byLabel(form, 'Requirement 1');
    const key = byLabel(form, 'Answer key of requirement 1');
    expect(description(form, key)).to.contain('The key under which the answer is stored for your ATS.');
    const [v, k] = [value.getBoundingClientRect(), key.getBoundingClientRect()];
    expect(k.top, 'the answer key is below the requirement').to.be.greaterThan(v.bottom - 1);
    expect(Math.round(k.left)).to.equal(Math.round(v.left));
  });
});
