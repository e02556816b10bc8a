import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-config/define.js';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import type { RunStatusChangeDetail } from '../../../src/shared/events.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { createRun, serverRun, text, untilLabel, type RunStatusEl, mount, unmountAll } from './helpers.js';

const ALL = 'finish cancel timeout exception erase-state';

/** A card with every action and a static badge of the same run, sharing one config whose fetch records PATCH bodies. */
async function setup(sb: TestSandbox, runId: string, actions = ALL) {
  const bodies: unknown[] = [];
  const spy: typeof fetch = async (input, init) => {
    const req = new Request(input as RequestInfo, init);
    if (req.method === 'PATCH') bodies.push(await req.clone().json());
    return fetch(req);
  };
  const events: RunStatusChangeDetail[] = [];
  const wrapper =
    await mount<HTMLElement>(html`<recrubo-config base-url=${sb.baseUrl} api-key=${sb.apiKey} .fetch=${spy}>
    <recrubo-flow-run-status variant="card" static actions=${actions} run-id=${runId}
      @recrubo-run-status-change=${(e: CustomEvent<RunStatusChangeDetail>) => events.push(e.detail)}></recrubo-flow-run-status>
    <recrubo-flow-run-status static run-id=${runId}></recrubo-flow-run-status>
  </recrubo-config>`);
  const [card, badge] = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
  await waitUntil(() => card.run && badge.run && !card.shadowRoot!.querySelector('.title .skeleton'), 'loaded', {
    timeout: 10000,
  });
  return { card, badge, bodies, events, wrapper };
}

const buttons = (card: RunStatusEl) => [...card.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="action"]')];
const actionNames = (card: RunStatusEl) => buttons(card).map((b) => b.dataset.action);
const button = (card: RunStatusEl, action: string) =>
  card.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
const dialogOf = (card: RunStatusEl) => card.shadowRoot!.querySelector('dialog')!;
const focused = (card: RunStatusEl) => card.shadowRoot!.activeElement;

async function openDialog(card: RunStatusEl, action: string) {
  button(card, action).click();
  await waitUntil(() => dialogOf(card).open, 'dialog open', { timeout: 15000 });
  return dialogOf(card);
}

describe('<recrubo-flow-run-status> actions', function () {
  this.timeout(60000);
  afterEach(unmountAll);

  const stops: [string, string, string][] = [
    ['finish', 'finished', 'Finished'],
    ['cancel', 'cancelled', 'Cancelled'],
    ['timeout', 'timeout', 'Timed out'],
    ['exception', 'exception', 'Error'],
  ];
  stops.forEach(([action, status, label], i) => {
    it(`${action}: confirms in a dialog, PATCHes status "${status}", and every element of that run changes at once`, async () => {
      const sb = await newSandbox();
      const runId = sb.seed.runs.running[i];
      const { card, badge, bodies, events } = await setup(sb, runId);
      expect(actionNames(card)).to.deep.equal(['finish', 'cancel', 'timeout', 'exception']); // running: no erase
      const dialog = await openDialog(card, action);
      // a labelled, described modal with the focus inside, on the safe choice
      expect(dialog.matches(':modal')).to.equal(true);
      const title = card.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)!;
      const description = card.shadowRoot!.getElementById(dialog.getAttribute('aria-describedby')!)!;
      expect(text(title)).to.match(/\?$/);
      expect(text(description)).to.not.equal('');
      expect(focused(card)).to.equal(dialog.querySelector('button.back'));
      await expect(card).to.be.accessible();
      expect(bodies, 'nothing sent before confirming').to.have.length(0);

      // a slow server, so that the PATCH is surely still on its way when we look
      await sb.setFaults({ latencyMs: 400 });
      dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
      expect(dialog.open, 'dialog closed').to.equal(false);
      await waitUntil(() => bodies.length === 1, 'the PATCH is sent', { timeout: 300, interval: 5 });
      await card.updateComplete;
      expect(card.run!.status, 'and not answered yet').to.equal('running');
      expect(
        buttons(card).map((b) => b.getAttribute('aria-disabled')),
        'every action is unavailable while it is in flight',
      ).to.deep.equal(['true', 'true', 'true', 'true']);
      expect(button(card, action).getAttribute('aria-busy'), 'the clicked one says it is busy').to.equal('true');
      await untilLabel(card, label);
      await sb.setFaults({});
      // not busy any more: what is left is available again
      await card.updateComplete;
      expect(buttons(card).map((b) => [b.getAttribute('aria-disabled'), b.getAttribute('aria-busy')])).to.deep.equal([
        ['false', 'false'],
      ]);
      expect(card.run!.status).to.equal(status);
      expect(badgeLabel(badge), 'the static badge of the same run changed with it').to.equal(label);
      expect(bodies).to.deep.equal([{ data: { type: 'flowRuns', id: runId, attributes: { status } } }]);
      const patches = (await sb.requests()).filter((r) => r.method === 'PATCH');
      expect(patches.map((r) => [r.path.endsWith(`/flow-runs/${runId}`), r.status])).to.deep.equal([[true, 200]]);
      expect((await serverRun(sb, runId)).status).to.equal(status);
      expect(events.map((e) => [e.previousStatus, e.status, e.terminal])).to.deep.equal([
        [null, 'running', false],
        ['running', status, true],
      ]);
      // an ended run offers no stop any more; erase appears (the run has answers)
      expect(actionNames(card)).to.deep.equal(['erase-state']);
      // the button that had the focus is gone: the focus stays in the card, on its title (not on "Erase")
      await waitUntil(() => focused(card)?.classList.contains('title'), 'focus on the title', { timeout: 15000 });
      await expect(card).to.be.accessible();
    });
  });

  it('erases personal data of a finished run (state {}), and is offered only when allowed', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const queued = await createRun(sb, { first_name: 'Sanne' });
    const offered = async (runId: string) => {
      const { card, wrapper } = await setup(sb, runId);
      const names = actionNames(card);
      wrapper.remove();
      return names;
    };
    expect(await offered(sb.seed.runs.running[0])).to.deep.equal(['finish', 'cancel', 'timeout', 'exception']);
    expect(await offered(queued)).to.deep.equal(['finish', 'cancel', 'timeout', 'exception', 'erase-state']);
    expect(await offered(sb.seed.runs.queued[0]), 'nothing to erase yet').to.deep.equal([
      'finish',
      'cancel',
      'timeout',
      'exception',
    ]);
    expect(await offered(sb.seed.runs.timeout[0])).to.deep.equal(['erase-state']);

    const runId = sb.seed.runs.finished[1];
    const { card, badge, bodies } = await setup(sb, runId, 'finish cancel erase-state');
    expect(actionNames(card), 'no finish on a finished run').to.deep.equal(['erase-state']);
    const dialog = await openDialog(card, 'erase-state');
    const count = Object.keys(card.run!.state).length;
    expect(text(dialog.querySelector('#dialog-text'))).to.contain(
      `Every answer collected in this run (${count}) is erased for good.`,
    );
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await waitUntil(
      () => text(card.shadowRoot!.querySelector('section')).includes('The personal data of this run was erased.'),
      'answers erased, and said so (not "no answers yet")',
      { timeout: 15000 },
    );
    expect(bodies).to.deep.equal([{ data: { type: 'flowRuns', id: runId, attributes: { state: {} } } }]);
    expect((await serverRun(sb, runId)).state).to.deep.equal({});
    expect(badge.run!.state).to.deep.equal({});
    expect(actionNames(card)).to.deep.equal([]);
    await waitUntil(
      () => document.getElementById('recrubo-announcer')?.textContent === 'Personal data erased.',
      'announced in the page announcer',
    );
    // the button is gone: the focus stays in the card, on its title
    await waitUntil(() => focused(card)?.classList.contains('title'), 'focus on the title', { timeout: 15000 });
    await expect(card).to.be.accessible();
  });

  it('shows a refusal (422) with the server’s text and fires recrubo-error', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const runId = await createRun(sb, { first_name: 'Sanne' });
    const { card } = await setup(sb, runId, 'erase-state');
    expect(actionNames(card)).to.deep.equal(['erase-state']); // queued, as far as this static card knows
    await sb.setSpeed(1); // the run starts ~1 s later (and takes many seconds to finish)
    await waitUntil(async () => (await serverRun(sb, runId)).status === 'running', 'the run started', {
      timeout: 15000,
      interval: 100,
    });
    const dialog = await openDialog(card, 'erase-state');
    const failed = oneEvent(card, 'recrubo-error');
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    const { detail } = await failed;
    expect(detail.error.status).to.equal(422);
    const alert = await waitUntil(() => card.shadowRoot!.querySelector('[role="alert"]'), 'alert shown', {
      timeout: 15000,
    }).then(() => card.shadowRoot!.querySelector('[role="alert"]')!);
    expect(text(alert)).to.equal(
      'The server refused this: Parameter state can only be updated when the FlowRun is not running',
    );
    // the card fetched the run again and now knows it is running: erase is no longer offered
    await untilLabel(card, 'Running');
    expect(actionNames(card)).to.deep.equal([]);
    expect(text(card.shadowRoot!.querySelector('[role="alert"]'))).to.contain('not running');
    expect(Object.keys((await serverRun(sb, runId)).state), 'nothing erased').to.not.have.length(0);
    await expect(card).to.be.accessible();
  });
});

function badgeLabel(el: RunStatusEl) {
  return text(el.shadowRoot!.querySelector('[part~="label"]'));
}
