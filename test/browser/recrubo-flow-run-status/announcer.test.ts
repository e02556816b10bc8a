// Finding 13.3: context for screen readers (a `label` in the badge's name) and one polite announcer per page.
import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import { announce, announcerRegion } from '../../../src/shared/announcer.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  badgeOf,
  createRun,
  labelOf,
  mount,
  pretendVisible,
  stopPretending,
  unmountAll,
  type RunStatusEl,
} from './helpers.js';

/** Every live region in the document, shadow roots included. */
function liveRegions(root: Document | ShadowRoot = document): Element[] {
  const found: Element[] = [...root.querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"]')];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...liveRegions(el.shadowRoot));
  return found;
}

const headers = (apiKey: string) => ({
  Authorization: `Bearer ${apiKey}`,
  Accept: 'application/vnd.api+json',
  'Content-Type': 'application/vnd.api+json',
});

describe('<recrubo-flow-run-status> for screen readers', function () {
  this.timeout(120000);
  beforeEach(() => pretendVisible());
  afterEach(() => {
    unmountAll();
    stopPretending();
  });

  it('50 badges changing at once: one polite live region in the document, each badge named by its label', async () => {
    const sb = await newSandbox({ speed: 0.001 }); // the runs stay queued until we cancel them
    const ids = await Promise.all(Array.from({ length: 50 }, () => createRun(sb)));
    const wrapper = await mount<HTMLElement>(html`<table>
      <tbody>
        ${ids.map(
          (id, i) => html`<tr>
            <th>Candidate ${i + 1}</th>
            <td><recrubo-flow-run-status poll-interval="200" label="Candidate ${i + 1}" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${id}></recrubo-flow-run-status></td>
          </tr>`,
        )}
      </tbody>
    </table>`);
    const els = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    await waitUntil(() => els.every((el) => labelOf(el) === 'Queued'), 'all queued', { timeout: 30000 });
    expect(badgeOf(els[6])!.getAttribute('aria-label')).to.equal('Candidate 7: Queued');
    // No badge carries a live region of its own.
    for (const el of els) expect(liveRegions(el.shadowRoot!), 'no live region inside a badge').to.have.length(0);
    await Promise.all(
      ids.map((id) =>
        fetch(`${sb.baseUrl}/flow-runs/${id}`, {
          method: 'PATCH',
          headers: headers(sb.apiKey),
          body: JSON.stringify({ data: { type: 'flowRuns', id, attributes: { status: 'cancelled' } } }),
        }),
      ),
    );
    await waitUntil(() => els.every((el) => labelOf(el) === 'Cancelled'), 'all cancelled', { timeout: 30000 });
    const region = announcerRegion(document);
    await waitUntil(() => /Candidate \d+: Cancelled/.test(region.textContent ?? ''), 'announced', { timeout: 10000 });
    const regions = liveRegions();
    expect(regions, 'one live region for the whole page').to.have.length(1);
    expect(regions[0]).to.equal(region);
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(badgeOf(els[49])!.getAttribute('aria-label')).to.equal('Candidate 50: Cancelled');
    await expect(wrapper).to.be.accessible();
  });

  it('takes its context from the host aria-label too, in Dutch', async () => {
    const sb = await newSandbox();
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status lang="nl" static aria-label="Jan de Vries" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.timeout[0]}></recrubo-flow-run-status>`,
    );
    await waitUntil(() => labelOf(el) === 'Verlopen', 'loaded', { timeout: 20000 });
    expect(badgeOf(el)!.getAttribute('aria-label')).to.equal('Jan de Vries: Verlopen');
  });

  it('the announcer queues and de-duplicates what arrives together', async () => {
    const region = announcerRegion(document);
    region.textContent = '';
    announce('A: Finished');
    announce('B: Cancelled');
    announce('A: Finished');
    await waitUntil(() => region.textContent !== '', 'spoken', { timeout: 5000 });
    expect(region.textContent).to.equal('A: Finished B: Cancelled');
    expect(document.querySelectorAll('#recrubo-announcer')).to.have.length(1);
  });
});
