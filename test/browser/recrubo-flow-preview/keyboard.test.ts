import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/recrubo-flow-preview/define.js';
import type { RecruboFlowPreviewElement } from '../../../src/elements/recrubo-flow-preview/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import { $, $$, loaded, textOf } from './fixtures.js';

const active = (el: RecruboFlowPreviewElement) => el.shadowRoot!.activeElement as HTMLElement | null;

describe('<recrubo-flow-preview> keyboard', function () {
  this.timeout(90000);

  it('Tab reaches the view switch, Enter changes the view, and a branch takes the focus to its step', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button id="before">before</button>
      <recrubo-flow-preview base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithAppointment}></recrubo-flow-preview>
    </div>`);
    const el = wrapper.querySelector('recrubo-flow-preview')!;
    await loaded(el);
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();

    await sendKeys({ press: 'Tab' });
    expect(textOf(active(el))).to.equal('Conversation');
    await sendKeys({ press: 'Tab' });
    expect(textOf(active(el))).to.equal('Steps');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.view).to.equal('steps');
    expect(textOf(active(el)), 'the focus stays on the switch').to.equal('Steps');

    // The first branch button: the start step's "Then: go to step 2".
    await sendKeys({ press: 'Tab' });
    expect(textOf(active(el))).to.match(/^go to step 2: /);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(el)?.dataset.step === '2', 'the focus moved to step 2');

    // From a knockout step, its "no" branch leads to the declined ending.
    const knockout = $$(el, '[part~="step"]').find(
      (s) => textOf(s.querySelector('.name')) === 'Has drivers license B',
    )!;
    const toDeclined = $$<HTMLButtonElement>(knockout, '[part~="branches"] button')[0]!;
    toDeclined.focus();
    await sendKeys({ type: ' ' }); // a space activates a button as Enter does
    await waitUntil(
      () => active(el)?.classList.contains('declined') === true,
      'the focus moved to the declined ending',
    );
    expect(textOf(active(el)!.querySelector('[part~="marker"]'))).to.equal('End: declined');
  });

  it('in the chat view, Tab reaches the scrollable conversation and its knockout note, whose Enter shows the declined ending', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const el = await fixture<RecruboFlowPreviewElement>(
      html`<recrubo-flow-preview base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithAppointment}></recrubo-flow-preview>`,
    );
    await loaded(el);
    $<HTMLButtonElement>(el, '[part~="view-button"]')!.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    // The conversation is a scrollable region: a keyboard user can reach it and scroll it with the arrow keys.
    expect(active(el)?.getAttribute('part')).to.equal('chat');
    await sendKeys({ press: 'Tab' });
    expect(active(el) === $(el, '[part~="branch"] button'), 'the first knockout note').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(el)?.getAttribute('part') === 'ending', 'the focus is on an ending');
    expect(active(el)!.classList.contains('declined')).to.equal(true);
  });
});
