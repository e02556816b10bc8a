// Phone widths: every element (the run card, conversation and preview too), in a 390, 320 and 280 px wide column
// (a phone's width), lays out inside it: no part of it (in any shadow root) sticks out sideways, unless it is
// inside a box that scrolls or clips on purpose.
// The elements use container queries, so a column of that width is what a phone gives them.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/elements/recrubo-generate-flow/define.js';
import '../../../src/elements/recrubo-start-run/define.js';
import '../../../src/elements/recrubo-apply/define.js';
import '../../../src/elements/recrubo-schedule-picker/define.js';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import '../../../src/elements/recrubo-conversation/define.js';
import '../../../src/elements/recrubo-flow-preview/define.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';

/** The composed-tree parent (across shadow roots). */
const parentOf = (node: Element): Element | null =>
  node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;

/** Inside a box that scrolls or clips sideways on purpose (its own width is then what counts). */
function clipped(node: Element, stop: Element): boolean {
  for (let p = parentOf(node); p && p !== stop; p = parentOf(p)) {
    const x = getComputedStyle(p).overflowX;
    if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true;
  }
  return false;
}

/** Every element of `root`'s shadow trees whose box ends right of `right` (or starts left of `left`). */
function sticking(host: Element, left: number, right: number): string[] {
  const out: string[] = [];
  const walk = (root: Element | ShadowRoot) => {
    for (const node of root.querySelectorAll('*')) {
      if (node.shadowRoot) walk(node.shadowRoot);
      const r = node.getBoundingClientRect();
      // Empty, or entirely off to the left on purpose (a honeypot field): a page cannot scroll there.
      if (r.width === 0 || r.height === 0 || r.right <= left) continue;
      if ((r.right > right + 1 || r.left < left - 1) && !clipped(node, host)) {
        out.push(`${node.localName}.${[...node.classList].join('.')} ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
    }
  };
  if (host.shadowRoot) walk(host.shadowRoot);
  return out;
}

async function checkAt(width: number, template: TemplateResult, ready: (el: HTMLElement) => unknown) {
  const column = await fixture<HTMLDivElement>(
    html`<div style="width: ${width}px; margin: 0; padding: 0">${template}</div>`,
  );
  const el = column.firstElementChild as HTMLElement;
  await waitUntil(() => ready(el), 'rendered', { timeout: 15000 });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const box = column.getBoundingClientRect();
  expect(el.getBoundingClientRect().width, `${el.localName} at ${width}px`).to.be.at.most(width + 1);
  expect(sticking(el, box.left, box.right), `${el.localName} at ${width}px: sticking out`).to.deep.equal([]);
}

const shadowText = (el: HTMLElement) => el.shadowRoot?.textContent ?? '';

describe('the elements at phone widths (390, 320, 280 px)', function () {
  this.timeout(60000);
  let sb: TestSandbox;
  before(async () => {
    sb = await newSandbox();
  });

  // 280: what a 320 px phone leaves a page with 20 px margins (the personal-details table needed 273 px + padding).
  for (const width of [390, 320, 280]) {
    it(`<recrubo-generate-flow> with the appointment step and the personal-details table at ${width}px`, async () => {
      await checkAt(
        width,
        html`<recrubo-generate-flow
          base-url=${sb.baseUrl}
          api-key=${sb.apiKey}
          schedule-ids=${sb.seed.schedules[0]!}
        ></recrubo-generate-flow>`,
        (el) =>
          el.shadowRoot?.querySelector('table.personal') && el.shadowRoot.querySelector('recrubo-schedule-picker'),
      );
    });

    it(`<recrubo-start-run> at ${width}px`, async () => {
      await checkAt(
        width,
        html`<recrubo-start-run
          base-url=${sb.baseUrl}
          api-key=${sb.apiKey}
          flow-id=${sb.seed.flowWithoutGeneration}
          template-id=${sb.seed.templates.twoParameters}
        ></recrubo-start-run>`,
        (el) => el.shadowRoot?.querySelector('input[type="tel"]'),
      );
    });

    it(`<recrubo-apply> at ${width}px`, async () => {
      await checkAt(
        width,
        html`<recrubo-apply vacancy="barista" apply-url="/__apply/none/apply" ask-name></recrubo-apply>`,
        (el) => shadowText(el).length > 0,
      );
    });

    it(`<recrubo-schedule-picker> at ${width}px`, async () => {
      await checkAt(
        width,
        html`<recrubo-schedule-picker base-url=${sb.baseUrl} api-key=${sb.apiKey} multiple></recrubo-schedule-picker>`,
        (el) => el.shadowRoot?.querySelector('[role="option"], [role="listbox"]'),
      );
    });

    it(`<recrubo-flow-run-status variant="card"> at ${width}px`, async () => {
      await checkAt(
        width,
        html`<recrubo-flow-run-status
          base-url=${sb.baseUrl}
          api-key=${sb.apiKey}
          run-id=${sb.seed.runs.finished[0]!}
          variant="card"
          actions="finish cancel erase-state"
        ></recrubo-flow-run-status>`,
        (el) => shadowText(el).includes('Finished'),
      );
    });

    it(`<recrubo-conversation> at ${width}px`, async () => {
      await checkAt(
        width,
        html`<recrubo-conversation
          base-url=${sb.baseUrl}
          api-key=${sb.apiKey}
          message-thread-id=${sb.seed.conversations.long}
          composer
          pause-control
        ></recrubo-conversation>`,
        (el) => el.shadowRoot?.querySelector('textarea'),
      );
    });

    it(`<recrubo-flow-preview> at ${width}px`, async () => {
      await checkAt(
        width,
        html`<recrubo-flow-preview base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flows[0]!}></recrubo-flow-preview>`,
        (el) => shadowText(el).length > 200,
      );
    });
  }
});
