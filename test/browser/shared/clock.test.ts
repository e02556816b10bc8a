// One clock for relative times: the badge's "3 min. ago" and the conversation's 24-hour window read the page's
// clock (`now()`), which a test sets; every element showing relative times re-renders at once when it changes.
import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import { now, setClock } from '../../../src/shared/clock.js';
import { relativeTime } from '../../../src/shared/format.js';
import { newSandbox } from '../helpers/sandbox.js';
import { mount, text, unmountAll, untilShown, type RunStatusEl } from '../recrubo-flow-run-status/helpers.js';

const HOUR = 3_600_000;

describe('the page clock', function () {
  this.timeout(30000);
  afterEach(() => {
    setClock();
    unmountAll();
  });

  it('is the real time until a test sets it; a set clock moves every badge\'s "ago" at once', async () => {
    expect(Math.abs(now() - Date.now())).to.be.below(50);
    const sb = await newSandbox({ speed: 1000 });
    const wrapper = await mount<HTMLElement>(html`<div>
      <recrubo-flow-run-status static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.queued[0]!}></recrubo-flow-run-status>
      <recrubo-flow-run-status static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.running[0]!}></recrubo-flow-run-status>
    </div>`);
    const els = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    await untilShown(els);
    const timeOf = (el: RunStatusEl) => text(el.shadowRoot!.querySelector('[part~="time"]'));
    const later = Date.now() + 5 * HOUR;
    setClock(() => later);
    expect(now()).to.equal(later);
    for (const el of els) {
      const iso = el.run!.updatedAt!;
      const expected = relativeTime('en', iso, later);
      await waitUntil(() => timeOf(el) === expected, `"${expected}" at once, no timer waited for`, { timeout: 2000 });
    }
    setClock();
    expect(Math.abs(now() - Date.now())).to.be.below(50);
  });
});
