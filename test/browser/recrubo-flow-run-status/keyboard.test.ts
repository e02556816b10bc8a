import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import { mount, sleep, unmountAll, type RunStatusEl } from './helpers.js';

// Its own small file, so that it runs first in a freshly opened page: test files run side by side in one browser,
// and only the page in front gets the keys (Firefox drops keys sent to a background tab).
const button = (card: RunStatusEl, action: string) =>
  card.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
const dialogOf = (card: RunStatusEl) => card.shadowRoot!.querySelector('dialog')!;
const focused = (card: RunStatusEl) => card.shadowRoot!.activeElement;

describe('<recrubo-flow-run-status> keyboard', function () {
  this.timeout(120000);
  afterEach(unmountAll);

  it('opens with the keyboard, Escape cancels without a request, and the focus goes back to the button', async function () {
    // Firefox delivers keys only to the tab in front (Chromium and WebKit's iframes do not care).
    if (navigator.userAgent.includes('Firefox')) {
      await waitUntil(() => document.visibilityState === 'visible', 'this page is in front', {
        timeout: 60000,
        interval: 200,
      });
    }
    const sb = await newSandbox();
    const card = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status variant="card" static actions="finish cancel" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.running[0]}></recrubo-flow-run-status>`,
    );
    await waitUntil(() => button(card, 'finish'), 'loaded', { timeout: 15000 });
    const finish = button(card, 'finish');
    const back = () => dialogOf(card).querySelector<HTMLButtonElement>('button.back')!;
    const holdFocus = (target: HTMLElement) =>
      // In WebKit the files share one page (an iframe each): pull the focus into ours. A hidden Chromium tab never
      // has the focus but gets the keys anyway.
      waitUntil(
        () =>
          (focused(card) === target && (document.hasFocus() || document.hidden)) ||
          (window.focus(), target.focus(), false),
        'the target has the focus',
        {
          timeout: 30000,
          interval: 100,
        },
      );
    await holdFocus(finish);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialogOf(card).open, 'dialog open', { timeout: 15000 });
    expect(focused(card)).to.equal(back());
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialogOf(card).open, 'Escape closes', { timeout: 15000 });
    await waitUntil(() => focused(card) === finish, 'focus back on the trigger', { timeout: 15000 });
    // "Go back" too
    await holdFocus(finish);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialogOf(card).open, 'dialog open again', { timeout: 15000 });
    await holdFocus(back());
    await sendKeys({ press: 'Enter' }); // on "Go back"
    await waitUntil(() => !dialogOf(card).open, 'closed', { timeout: 15000 });
    await sleep(200);
    expect((await sb.requests()).filter((r) => r.method === 'PATCH')).to.have.length(0);
    expect(card.run!.status).to.equal('running');
  });
});
