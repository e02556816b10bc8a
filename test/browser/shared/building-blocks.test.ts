// The shared building blocks as the elements use them: `static dependencies`, the configuration resolved once
// per update, the one base style module. This file imports only component classes (no define modules), so the
// registrations it sees are the ones the classes make themselves.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { RecruboElement, define } from '../../../src/shared/recrubo-element.js';
import { baseStyles } from '../../../src/shared/base.styles.js';
import { RecruboGenerateFlowElement } from '../../../src/elements/recrubo-generate-flow/recrubo-generate-flow.component.js';
import { RecruboSchedulePickerElement } from '../../../src/elements/recrubo-schedule-picker/recrubo-schedule-picker.component.js';
import { RecruboFlowRunStatusElement } from '../../../src/elements/recrubo-flow-run-status/recrubo-flow-run-status.component.js';
import { newSandbox } from '../helpers/sandbox.js';

class MyGenerator extends RecruboGenerateFlowElement {}

describe('shared building blocks', () => {
  it('an element registers what it renders: the generator defined under its own name still gets a working picker', async () => {
    expect(customElements.get('recrubo-schedule-picker')).to.equal(undefined);
    customElements.define('my-flow-generator', MyGenerator); // not define(): the page's own registration
    const sb = await newSandbox({ speed: 50 });
    const el = await fixture<MyGenerator>(
      html`<my-flow-generator base-url=${sb.baseUrl} api-key=${sb.apiKey} schedule-ids=${sb.seed.schedules[0]!}></my-flow-generator>`,
    );
    expect(customElements.get('recrubo-schedule-picker') === RecruboSchedulePickerElement).to.equal(true);
    const picker = el.shadowRoot!.querySelector('recrubo-schedule-picker') as RecruboSchedulePickerElement | null;
    expect(picker instanceof RecruboSchedulePickerElement, 'the picker is upgraded').to.equal(true);
    await waitUntil(() => picker!.options.length > 0, 'the picker loaded the schedules', { timeout: 10000 });
    expect(picker!.values).to.deep.equal([sb.seed.schedules[0]]);
    await expect(el).to.be.accessible();
  });

  it('define() registers the dependencies first and keeps a tag the page already holds', () => {
    class Child extends RecruboElement {}
    class Parent extends RecruboElement {
      static override dependencies = { 'test-bb-child': Child };
    }
    class OtherChild extends RecruboElement {}
    customElements.define('test-bb-other', OtherChild);
    class Parent2 extends RecruboElement {
      static override dependencies = { 'test-bb-other': Child };
    }
    define('test-bb-parent', Parent);
    expect(customElements.get('test-bb-child') === Child).to.equal(true);
    define('test-bb-parent2', Parent2);
    expect(customElements.get('test-bb-other') === OtherChild).to.equal(true);
  });

  it('resolves the configuration once per update, however many strings it renders', async () => {
    class Many extends RecruboElement {
      protected override render() {
        return html`${Array.from({ length: 40 }, () => this.t('common.retry'))}`;
      }
    }
    define('test-bb-many', Many);
    const el = await fixture<Many>(html`<test-bb-many lang="nl"></test-bb-many>`);
    expect(el.shadowRoot!.textContent).to.contain('Opnieuw proberen');
    let reads = 0;
    const original = el.getAttribute.bind(el);
    el.getAttribute = (name: string) => {
      if (name === 'lang') reads++;
      return original(name);
    };
    el.requestUpdate();
    await el.updateComplete;
    expect(reads).to.be.within(1, 2);
    // Outside an update (an event handler) it is resolved afresh, so a changed lang is seen at once.
    el.setAttribute('lang', 'en');
    expect(el.t('common.retry')).to.equal('Try again');
  });

  it('every element starts its styles from the base module, and its visually-hidden rule applies', async () => {
    for (const ctor of [RecruboGenerateFlowElement, RecruboSchedulePickerElement, RecruboFlowRunStatusElement]) {
      const styles = ctor.styles as unknown[];
      expect(styles[0] === baseStyles, `${ctor.name} starts from baseStyles`).to.equal(true);
    }
    class Hidden extends RecruboElement {
      static override styles = [baseStyles];
      protected override render() {
        return html`<span class="visually-hidden">x</span><span class="skeleton" style="width: 3em; height: 1em"></span>`;
      }
    }
    define('test-bb-hidden', Hidden);
    const el = await fixture<Hidden>(html`<test-bb-hidden></test-bb-hidden>`);
    expect(el.shadowRoot!.querySelector('.visually-hidden')!.getBoundingClientRect().width).to.be.at.most(1);
    expect(getComputedStyle(el.shadowRoot!.querySelector('.skeleton')!).backgroundImage).to.contain('gradient');
  });
});
