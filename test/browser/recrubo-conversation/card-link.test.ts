import { expect, html } from '@open-wc/testing';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import '../../../src/elements/recrubo-conversation/define.js';
import type { RecruboFlowRunStatusElement } from '../../../src/elements/recrubo-flow-run-status/define.js';
import type { ConversationOpenDetail } from '../../../src/shared/events.js';
import { newSandbox } from '../helpers/sandbox.js';
import { mount, unmountAll, until } from './helpers.js';

describe('<recrubo-flow-run-status variant="card" open-conversation>', function () {
  this.timeout(60000);
  afterEach(unmountAll);

  it('offers "Open conversation", which tells the page the run and its thread', async () => {
    const sb = await newSandbox();
    const runId = sb.seed.runs.running[0];
    const opened: ConversationOpenDetail[] = [];
    const wrap =
      await mount<HTMLElement>(html`<div @recrubo-conversation-open=${(e: CustomEvent<ConversationOpenDetail>) => opened.push(e.detail)}>
      <recrubo-flow-run-status variant="card" open-conversation static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${runId}></recrubo-flow-run-status>
    </div>`);
    const card = wrap.querySelector<RecruboFlowRunStatusElement>('recrubo-flow-run-status')!;
    await until(() => !!card.shadowRoot!.querySelector('[part~="open-conversation"]'), 'the button');
    const button = card.shadowRoot!.querySelector<HTMLButtonElement>('[part~="open-conversation"]')!;
    expect(button.textContent!.trim()).to.equal('Open conversation');
    button.click();
    expect(opened).to.deep.equal([{ runId, messageThreadId: card.run!.messageThreadId }]);
    await expect(card).to.be.accessible();
  });

  it("has a conversation slot at the card's end; no button without the attribute", async () => {
    const sb = await newSandbox();
    const runId = sb.seed.runs.finished[0];
    const card =
      await mount<RecruboFlowRunStatusElement>(html`<recrubo-flow-run-status variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${runId}>
      <p slot="conversation" id="slotted">conversation here</p>
    </recrubo-flow-run-status>`);
    await until(() => !!card.run, 'loaded');
    await card.updateComplete;
    const slot = card.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="conversation"]')!;
    expect(slot.assignedElements().map((e) => e.id)).to.deep.equal(['slotted']);
    expect(card.shadowRoot!.querySelector('[part~="open-conversation"]')).to.equal(null);
  });
});
