// Finding 13.9 (card half) and 13.10: card actions wait out a 429's Retry-After (disabled, with a countdown), an
// action's failure clears once a later request succeeds, and the card's words fit what happened to the run.
import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { createRun, mount, serverRun, text, unmountAll, untilLabel, type RunStatusEl } from './helpers.js';

async function card(sb: TestSandbox, runId: string, lang = 'en', actions = 'finish cancel') {
  const el = await mount<RunStatusEl>(
    html`<recrubo-flow-run-status lang=${lang} variant="card" static actions=${actions} base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${runId}></recrubo-flow-run-status>`,
  );
  await waitUntil(() => el.run && !el.shadowRoot!.querySelector('.title .skeleton'), 'card loaded', { timeout: 20000 });
  return el;
}
const errorOf = (el: RunStatusEl) => el.shadowRoot!.querySelector<HTMLElement>('.alert[part~="error"]');
const actionButtons = (el: RunStatusEl) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="action"]')];
const dialogOf = (el: RunStatusEl) => el.shadowRoot!.querySelector('dialog')!;

async function confirm(el: RunStatusEl, action: string) {
  el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!.click();
  await waitUntil(() => dialogOf(el).open, 'dialog open', { timeout: 15000 });
  dialogOf(el).querySelector<HTMLButtonElement>('button.confirm')!.click();
}

describe('<recrubo-flow-run-status> card after a failed action', function () {
  this.timeout(90000);
  afterEach(unmountAll);

  it('a 429 disables the actions with a countdown of its Retry-After; then they work again', async () => {
    const sb = await newSandbox();
    const el = await card(sb, sb.seed.runs.running[0]);
    await sb.setFaults({ rateLimitRate: 1, retryAfter: 3, count: 1 }); // only the PATCH
    await confirm(el, 'finish');
    await waitUntil(() => errorOf(el), 'the failure', { timeout: 15000 });
    expect(text(errorOf(el))).to.match(
      /^Too many requests to the Recrubo API\. The actions can be used again in [123] s\.$/,
    );
    for (const b of actionButtons(el)) expect(b.getAttribute('aria-disabled'), b.dataset.action).to.equal('true');
    // a press while waiting opens nothing
    actionButtons(el)[0].click();
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(false);
    await expect(el).to.be.accessible();
    // the count goes down (a throttled timer may skip a number), then the wait is over
    const shown = () => Number(/in (\d+) s\./.exec(text(errorOf(el)))?.[1] ?? 0);
    const first = shown();
    await waitUntil(() => !errorOf(el) || shown() < first, 'counting down', { timeout: 10000 });
    await waitUntil(() => !errorOf(el), 'the wait is over', { timeout: 10000 });
    for (const b of actionButtons(el)) expect(b.getAttribute('aria-disabled')).to.equal('false');
    await confirm(el, 'finish');
    await untilLabel(el, 'Finished', 15000);
  });

  it('a failure that passes (500) is cleared once a later request for the run succeeds', async () => {
    const sb = await newSandbox();
    const el = await card(sb, sb.seed.runs.running[1]);
    await sb.setFaults({ errorRate: 1, count: 1 });
    await confirm(el, 'cancel');
    await waitUntil(() => errorOf(el), 'the failure', { timeout: 15000 });
    expect(text(errorOf(el))).to.match(/^The action failed:/);
    await waitUntil(() => !errorOf(el), 'cleared after the API answers again', { timeout: 20000 });
    expect(
      (await sb.requests()).some((r) => r.method === 'GET' && r.status === 200 && r.path.includes('/flow-runs/')),
    ).to.equal(true);
  });

  it('a refusal (422) stays: it is an answer, not a passing failure', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const id = await createRun(sb, { first_name: 'Sanne' });
    const el = await card(sb, id, 'en', 'erase-state');
    await sb.setSpeed(1); // the run starts about a second later: erasing is then refused
    await waitUntil(async () => (await serverRun(sb, id)).status === 'running', 'the run started', {
      timeout: 15000,
      interval: 100,
    });
    await confirm(el, 'erase-state');
    await waitUntil(() => errorOf(el), 'refused', { timeout: 15000 });
    await untilLabel(el, 'Running', 15000);
    await new Promise((r) => setTimeout(r, 3000)); // longer than the first check after a passing failure
    expect(text(errorOf(el))).to.match(/^The server refused this:/);
  });

  it('says a cancelled run was cancelled before any answers, and a run still going has none yet (en, nl)', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const id = await createRun(sb);
    const going = await card(sb, id);
    expect(text(going.shadowRoot!.querySelector('section'))).to.contain('No answers yet.');
    await confirm(going, 'cancel');
    await untilLabel(going, 'Cancelled', 15000);
    await waitUntil(
      () =>
        text(going.shadowRoot!.querySelector('section')).includes(
          'The run was cancelled before the candidate answered.',
        ),
      'cancelled wording',
      { timeout: 10000 },
    );
    const nl = await card(sb, id, 'nl');
    expect(text(nl.shadowRoot!.querySelector('section'))).to.contain(
      'De run is geannuleerd voordat de kandidaat antwoordde.',
    );
  });
});
