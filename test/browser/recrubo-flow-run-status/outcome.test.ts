// Finding 13.7: a finished run shows how it ended, where its flow lets us know (knockout questions with a declining
// answer): finished · accepted / finished · declined (with the knockout that declined), never green for declined.
// The element decides from the flow; the sandbox's own walk (`meta.sandboxEnding`, a sandbox extension) must agree.
import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { badgeOf, labelOf, mount, serverJson, text, unmountAll, untilLabel, type RunStatusEl } from './helpers.js';

interface Ending {
  outcome: 'accepted' | 'declined';
  declinedBy: string | null;
}

/** The seeded finished runs with the sandbox's ending and the question label of each knockout that declined. */
async function endings(sb: TestSandbox) {
  const out: { id: string; ending: Ending; question?: string }[] = [];
  for (const id of sb.seed.runs.finished) {
    const doc = await serverJson(sb, `flow-runs/${id}`);
    const ending = doc.data.meta?.sandboxEnding as Ending;
    let question: string | undefined;
    if (ending.declinedBy) {
      const nodes = await serverJson(
        sb,
        `nodes?filter[flowId]=${doc.data.attributes.flowId}&include=nodeActions&page[size]=100`,
      );
      for (const node of nodes.data)
        for (const ref of node.relationships.nodeActions.data) {
          const action = nodes.included.find((i: any) => i.type === 'nodeActions' && i.id === ref.id);
          if (action?.attributes.variableName === ending.declinedBy) question = node.attributes.name;
        }
    }
    out.push({ id, ending, question });
  }
  return out;
}

describe('<recrubo-flow-run-status> outcome of a finished run', function () {
  this.timeout(90000);
  afterEach(unmountAll);

  it('badges say finished · accepted or finished · declined, as the sandbox ended each seeded run', async () => {
    const sb = await newSandbox();
    const runs = await endings(sb);
    expect(new Set(runs.map((r) => r.ending.outcome)), 'both outcomes are seeded').to.deep.equal(
      new Set(['accepted', 'declined']),
    );
    const wrapper = await mount<HTMLElement>(html`<div>
      ${runs.map((r, i) => html`<recrubo-flow-run-status static label="Candidate ${i + 1}" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${r.id}></recrubo-flow-run-status>`)}
    </div>`);
    const els = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    for (const [i, el] of els.entries()) {
      const { outcome } = runs[i].ending;
      await untilLabel(el, `Finished · ${outcome}`);
      const badge = badgeOf(el)!;
      expect(badge.dataset.outcome).to.equal(outcome);
      expect(badge.getAttribute('aria-label')).to.equal(`Candidate ${i + 1}: Finished · ${outcome}`);
      // declined is never the green of "passed", and has a shape of its own
      expect(badge.dataset.tone).to.equal(outcome === 'declined' ? 'warning' : 'success');
    }
    const accepted = els[runs.findIndex((r) => r.ending.outcome === 'accepted')];
    const declined = els[runs.findIndex((r) => r.ending.outcome === 'declined')];
    const colour = (el: RunStatusEl) => getComputedStyle(el.shadowRoot!.querySelector('[part~="icon"]')!).color;
    expect(colour(declined)).to.not.equal(colour(accepted));
    const shape = (el: RunStatusEl) => el.shadowRoot!.querySelector('[part~="icon"] svg')!.innerHTML;
    expect(shape(declined)).to.not.equal(shape(accepted));
    await expect(wrapper).to.be.accessible();
  });

  it('the card names the knockout question that declined, in English and Dutch', async () => {
    const sb = await newSandbox();
    const runs = await endings(sb);
    const declined = runs.find((r) => r.ending.outcome === 'declined' && r.question)!;
    const accepted = runs.find((r) => r.ending.outcome === 'accepted')!;
    const wrapper = await mount<HTMLElement>(html`<div>
      <recrubo-flow-run-status variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${declined.id}></recrubo-flow-run-status>
      <recrubo-flow-run-status variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${accepted.id}></recrubo-flow-run-status>
      <recrubo-flow-run-status lang="nl" variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${declined.id}></recrubo-flow-run-status>
    </div>`);
    const [en, ok, nl] = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    const outcomeRow = (el: RunStatusEl) => el.shadowRoot!.querySelector('[part~="meta"] [data-outcome]');
    await waitUntil(() => outcomeRow(en) && outcomeRow(ok) && outcomeRow(nl), 'outcome rows', { timeout: 20000 });
    expect(labelOf(en)).to.equal('Finished · declined');
    expect(text(outcomeRow(en)!.querySelector('dt'))).to.equal('Outcome');
    expect(text(outcomeRow(en)!.querySelector('dd'))).to.equal(
      `Declined by the knockout question “${declined.question}”.`,
    );
    expect(text(outcomeRow(ok)!.querySelector('dd'))).to.equal('Passed every knockout question.');
    expect(labelOf(nl)).to.equal('Afgerond · afgewezen');
    expect(text(outcomeRow(nl)!.querySelector('dt'))).to.equal('Uitkomst');
    expect(text(outcomeRow(nl)!.querySelector('dd'))).to.equal(
      `Afgewezen op de knock-outvraag “${declined.question}”.`,
    );
    await expect(wrapper).to.be.accessible();
  });

  it('a run still going, or one whose knockouts were not all answered, claims no outcome', async () => {
    const sb = await newSandbox();
    const wrapper = await mount<HTMLElement>(html`<div>
      <recrubo-flow-run-status variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.running[0]}></recrubo-flow-run-status>
    </div>`);
    const el = wrapper.querySelector<RunStatusEl>('recrubo-flow-run-status')!;
    await untilLabel(el, 'Running');
    await waitUntil(() => !el.shadowRoot!.querySelector('.title .skeleton'), 'flow loaded', { timeout: 20000 });
    expect(el.shadowRoot!.querySelector('[data-outcome]')).to.not.exist;
  });
});
