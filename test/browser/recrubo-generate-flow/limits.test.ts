// Input limits and drift: a requirement has a length limit (ours, REQUIREMENT_MAX_LENGTH: Recrubo documents none)
// with a visible counter near it and a clear error before anything is sent, the typed text kept; an answer key
// nobody typed follows the requirement's text as it is edited, one the recruiter typed stays.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-generate-flow/define.js';
import type { RecruboGenerateFlowElement } from '../../../src/elements/recrubo-generate-flow/define.js';
import { REQUIREMENT_MAX_LENGTH, suggestSessionField } from '../../../src/shared/vacancy-flow-rules.js';
import { newSandbox } from '../helpers/sandbox.js';
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

async function mount() {
  const sb = await newSandbox();
  const example = attributesOf(FLOW_GENERATION_EXAMPLE_BODY);
  const el = await fixture<RecruboGenerateFlowElement>(
    html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-generate-flow>`,
  );
  el.parameters = example.parameters as never;
  el.context = example.context as never;
  await el.updateComplete;
  return { sb, el };
}

/** Types into an input as a person would, as far as the element can tell (value + input event). */
async function type(el: RecruboGenerateFlowElement, input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

const knockoutRow = (el: RecruboGenerateFlowElement, n: number) => $$(el, '[part~="list-item"]')[n]!;
const valueOf = (row: Element) => row.querySelectorAll<HTMLInputElement>('input')[0]!;
const keyOf = (row: Element) => row.querySelectorAll<HTMLInputElement>('input')[1]!;

describe('<recrubo-generate-flow> requirement limits and answer keys', function () {
  this.timeout(30000);

  it('a 5,000-character requirement: a counter, an error next to it before sending, nothing sent, the text kept', async () => {
    const { sb, el } = await mount();
    const row = knockoutRow(el, 0);
    const long = 'Has a driving licence and '.repeat(200).slice(0, 5000);
    expect($(el, '.count')).to.equal(null, 'no counter for a short requirement');
    await type(el, valueOf(row), long);
    const counter = row.querySelector('.count')!;
    expect(textOf(counter)).to.equal(`5000 of ${REQUIREMENT_MAX_LENGTH} characters`);
    expect(valueOf(row).getAttribute('aria-describedby')).to.contain(counter.id);
    submitButton(el).click();
    await el.updateComplete;
    await waitUntil(() => valueOf(knockoutRow(el, 0)).getAttribute('aria-invalid') === 'true', 'the row is invalid');
    expect(textOf(knockoutRow(el, 0))).to.contain('Too long: at most 200 characters.');
    expect(el.shadowRoot!.activeElement).to.equal(valueOf(knockoutRow(el, 0)));
    expect(valueOf(knockoutRow(el, 0)).value).to.equal(long);
    expect(el.checkValidity()).to.equal(false);
    expect((await sb.requests()).filter((r) => r.method === 'POST')).to.have.length(0);
    await expect(el).to.be.accessible();
    // Exactly at the limit it is fine.
    await type(el, valueOf(knockoutRow(el, 0)), 'x'.repeat(REQUIREMENT_MAX_LENGTH));
    expect(el.checkValidity()).to.equal(true);
  });

  it('an answer key nobody typed follows the edited text; a typed key stays; an emptied key follows again', async () => {
    const { el } = await mount();
    const add = $$<HTMLButtonElement>(el, 'button').find((b) => textOf(b).includes('Add knockout requirement'))!;
    add.click();
    await el.updateComplete;
    const rows = [...section(el, 'Knockout requirements').querySelectorAll('[part~="list-item"]')];
    const row = rows[rows.length - 1]!;
    await type(el, valueOf(row), 'Driving licence B');
    expect(keyOf(row).value).to.equal(suggestSessionField('Driving licence B'));
    // Edited without leaving the field (Enter submits from here): the key follows at once.
    await type(el, valueOf(row), 'Forklift certificate');
    expect(keyOf(row).value).to.equal(suggestSessionField('Forklift certificate'));
    expect(keyOf(row).value).to.not.equal(suggestSessionField('Driving licence B'));
    const sent = () => el.payload.parameters.knockoutRequirements.at(-1);
    expect(sent()).to.deep.equal({
      value: 'Forklift certificate',
      sessionField: suggestSessionField('Forklift certificate'),
    });

    await type(el, keyOf(row), 'forklift_ok');
    await type(el, valueOf(row), 'Forklift certificate (valid)');
    expect(keyOf(row).value).to.equal('forklift_ok');
    expect(sent()).to.deep.equal({ value: 'Forklift certificate (valid)', sessionField: 'forklift_ok' });

    await type(el, keyOf(row), '');
    await type(el, valueOf(row), 'Reach truck certificate');
    expect(keyOf(row).value).to.equal(suggestSessionField('Reach truck certificate'));
    // A key from the host's prefill counts as chosen.
    expect(byLabel(el, 'Answer key of requirement 1').value).to.equal(
      (attributesOf(FLOW_GENERATION_EXAMPLE_BODY).parameters.knockoutRequirements[0] as { sessionField?: string })
        .sessionField ?? '',
    );
  });
});
