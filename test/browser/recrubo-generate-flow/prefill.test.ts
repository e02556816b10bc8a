import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-generate-flow/define.js';
import type { RecruboGenerateFlowElement } from '../../../src/elements/recrubo-generate-flow/define.js';
import type { FlowGenerationInput } from '../../../src/api/types.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import {
  $,
  $$,
  APPOINTMENT_EXAMPLE_BODY,
  FLOW_GENERATION_EXAMPLE_BODY,
  attributesOf,
  byLabel,
  readGeneration,
  section,
  submitButton,
  textOf,
} from './fixtures.js';

async function mount(sb: TestSandbox, attrs: FlowGenerationInput) {
  const el = await fixture<RecruboGenerateFlowElement>(
    html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-generate-flow>`,
  );
  el.parameters = structuredClone(attrs.parameters) as unknown as Record<string, unknown>;
  el.context = structuredClone(attrs.context) as unknown as Record<string, unknown>;
  await el.updateComplete;
  return el;
}

/** Submits with a click and returns what the submit event carried and the generation the server stored. */
async function submitAndReadBack(sb: TestSandbox, el: RecruboGenerateFlowElement) {
  let sent: FlowGenerationInput | undefined;
  el.addEventListener('recrubo-generation-submit', (e) => (sent = structuredClone(e.detail.payload)), { once: true });
  const created = oneEvent(el, 'recrubo-generation-created');
  submitButton(el).click();
  const { detail } = await created;
  const stored = await readGeneration(sb.baseUrl, sb.apiKey, detail.generation.id);
  return { sent: sent!, stored };
}

describe('<recrubo-generate-flow> prefill and payload', function () {
  this.timeout(30000);

  it('prefilled from the FlowGeneration example body, sends exactly that body', async () => {
    const sb = await newSandbox({ speed: 50 });
    const example = attributesOf(FLOW_GENERATION_EXAMPLE_BODY);
    const el = await mount(sb, example);

    expect(el.payload).to.deep.equal(example);

    // What the recruiter sees is that prefill.
    expect(byLabel(el, 'Flow name').value).to.equal('Driver');
    expect(byLabel<HTMLTextAreaElement>(el, 'Vacancy text').value).to.equal('Example vacancy text here.');
    expect(byLabel(el, 'Dutch').checked).to.equal(true);
    const knockouts = $$<HTMLInputElement>(section(el, 'Knockout requirements'), 'li input[type="text"]').map(
      (i) => i.value,
    );
    expect(knockouts).to.deep.equal([
      'Has drivers license B',
      'drivers_license',
      'Must be communicative',
      'communicative',
    ]);
    expect(byLabel<HTMLSelectElement>(el, 'Phone number').value).to.equal('required');
    expect(byLabel<HTMLSelectElement>(el, 'Portfolio').value).to.equal('optional');
    expect(byLabel<HTMLSelectElement>(el, 'City').value).to.equal('none');
    await expect(el).to.be.accessible();

    const { sent, stored } = await submitAndReadBack(sb, el);
    expect(sent).to.deep.equal(example);
    expect(stored.flowType).to.equal(example.flowType);
    expect(stored.parameters).to.deep.equal(example.parameters);
    expect(stored.context).to.deep.equal(example.context);
  });

  it('prefilled from the V2 appointment example, sends exactly that body and shows the chosen schedules', async () => {
    const sb = await newSandbox({ speed: 50 });
    const example = attributesOf(APPOINTMENT_EXAMPLE_BODY);
    const el = await mount(sb, example);

    expect(el.payload).to.deep.equal(example);
    const toggle = byLabel(el, 'Let the candidate book an appointment at the end');
    expect(toggle.checked).to.equal(true);
    expect(byLabel<HTMLSelectElement>(el, 'Language of the appointment step').value).to.equal('en');
    const picker = $<HTMLElement & { value: string; values: string[] }>(el, 'recrubo-schedule-picker')!;
    expect(picker.values).to.deep.equal(['1', '2', '3']);
    // The message overrides sit collapsed in a <details>.
    const details = $<HTMLDetailsElement>(el, 'details')!;
    expect(details.open).to.equal(false);
    // Wait for the picker's options so axe sees the loaded state.
    await waitUntil(() => textOf(picker.shadowRoot).includes('Intake call'), 'schedules loaded', { timeout: 10000 });
    await expect(el).to.be.accessible();

    const { sent, stored } = await submitAndReadBack(sb, el);
    expect(sent).to.deep.equal(example);
    expect(stored.parameters).to.deep.equal(example.parameters);
    expect(stored.context).to.deep.equal(example.context);
  });

  it('prefills from attributes, and attributes win over `parameters`', async () => {
    const sb = await newSandbox();
    const el = await fixture<RecruboGenerateFlowElement>(html`
      <recrubo-generate-flow
        base-url=${sb.baseUrl}
        api-key=${sb.apiKey}
        flow-name="Warehouse picker"
        language="en"
        emoji-usage="1"
        vacancy-text="We are looking for a picker."
        schedule-ids="2, 5"
      ></recrubo-generate-flow>
    `);
    el.parameters = {
      flowName: 'ignored: the attribute wins',
      knockoutRequirements: [{ value: 'Can lift 20 kg' }],
      requiredFields: [{ value: 'name' }],
    };
    expect(el.payload).to.deep.equal({
      flowType: 'vacancy_application_flow',
      parameters: {
        language: 'en',
        emojiUsage: '1',
        flowName: 'Warehouse picker',
        knockoutRequirements: [{ value: 'Can lift 20 kg' }],
        preferredRequirements: [],
        requiredFields: [{ value: 'name' }],
        extraOptions: [{ value: 'appointment', options: { version: 2, scheduleIds: '2,5' } }],
      },
      context: { type: 'text', value: 'We are looking for a picker.' },
    });

    // A later attribute change re-applies just that field; other edits stay.
    byLabel(el, 'Flow name').value = 'typed by the recruiter';
    byLabel(el, 'Flow name').dispatchEvent(new Event('input'));
    el.setAttribute('schedule-mode', 'custom');
    await el.updateComplete;
    expect(el.payload.parameters.flowName).to.equal('typed by the recruiter');
    expect(el.payload.parameters.extraOptions).to.deep.equal([
      { value: 'appointment', options: { version: 2, scheduleMode: 'custom' } },
    ]);
    await expect(el).to.be.accessible();
  });

  it('vacancy-id sends `vacancyId` and no context; reset() goes back to the prefill', async () => {
    const sb = await newSandbox();
    const el = await fixture<RecruboGenerateFlowElement>(html`
      <recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey} vacancy-id="vac-123" flow-name="Chef"></recrubo-generate-flow>
    `);
    el.parameters = {
      knockoutRequirements: [{ value: 'HACCP certificate', sessionField: 'haccp' }],
      requiredFields: [{ value: 'email' }],
    };
    await el.updateComplete;
    expect(byLabel(el, 'An existing Recrubo vacancy').checked).to.equal(true);
    expect(byLabel(el, 'Recrubo vacancy id').value).to.equal('vac-123');
    expect(el.payload).to.deep.equal({
      flowType: 'vacancy_application_flow',
      parameters: {
        vacancyId: 'vac-123',
        flowName: 'Chef',
        knockoutRequirements: [{ value: 'HACCP certificate', sessionField: 'haccp' }],
        preferredRequirements: [],
        requiredFields: [{ value: 'email' }],
      },
    });
    byLabel(el, 'Flow name').value = 'Sous-chef';
    byLabel(el, 'Flow name').dispatchEvent(new Event('input'));
    expect(el.payload.parameters.flowName).to.equal('Sous-chef');
    el.reset();
    await el.updateComplete;
    expect(el.payload.parameters.flowName).to.equal('Chef');
    expect(byLabel(el, 'Flow name').value).to.equal('Chef');
  });

  it('the host can veto the POST, or edit the payload that is sent', async () => {
    const sb = await newSandbox();
    const example = attributesOf(FLOW_GENERATION_EXAMPLE_BODY);
    const el = await mount(sb, example);

    const veto = (e: Event) => e.preventDefault();
    el.addEventListener('recrubo-generation-submit', veto, { once: true });
    submitButton(el).click();
    await el.updateComplete;
    expect((await sb.requests()).filter((r) => r.method === 'POST')).to.have.length(0);
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('false');

    el.addEventListener(
      'recrubo-generation-submit',
      (e) => {
        e.detail.payload.parameters.flowName = 'Edited by the ATS';
      },
      { once: true },
    );
    const created = oneEvent(el, 'recrubo-generation-created');
    submitButton(el).click();
    const { detail } = await created;
    const stored = await readGeneration(sb.baseUrl, sb.apiKey, detail.generation.id);
    expect(stored.parameters.flowName).to.equal('Edited by the ATS');
    expect((await sb.requests()).filter((r) => r.method === 'POST')).to.have.length(1);
  });
});
