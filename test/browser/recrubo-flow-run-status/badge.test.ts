import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import { relativeTime } from '../../../src/shared/format.js';
import { newSandbox } from '../helpers/sandbox.js';
import { badgeOf, labelOf, text, untilLabel, untilShown, type RunStatusEl, mount, unmountAll } from './helpers.js';

const LABELS_EN: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  finished: 'Finished · accepted', // the first seeded finished run passed its knockouts (see outcome.test.ts)
  timeout: 'Timed out',
  cancelled: 'Cancelled',
  exception: 'Error',
  paused: 'paused', // unknown to us: shown as the server sent it
};
const LABELS_NL: Record<string, string> = {
  queued: 'In de wachtrij',
  running: 'Actief',
  finished: 'Afgerond · geschikt',
  timeout: 'Verlopen',
  cancelled: 'Geannuleerd',
  exception: 'Fout',
  paused: 'paused',
};

describe('<recrubo-flow-run-status> badge', function () {
  this.timeout(60000);
  afterEach(unmountAll);
  it('shows every seeded status with its label, its own shape, and the unknown one neutrally', async () => {
    const sb = await newSandbox();
    const statuses = Object.keys(LABELS_EN) as (keyof typeof sb.seed.runs)[];
    const wrapper = await mount<HTMLElement>(html`<div>
      ${statuses.map(
        (s) =>
          html`<recrubo-flow-run-status static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${(sb.seed.runs[s] as string[])[0]} data-s=${s}></recrubo-flow-run-status>`,
      )}
    </div>`);
    const els = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    await untilShown(els);
    for (const el of els) await untilLabel(el, LABELS_EN[el.dataset.s!]);
    const shapes = new Set<string>();
    for (const el of els) {
      const s = el.dataset.s!;
      expect(labelOf(el), s).to.equal(LABELS_EN[s]);
      expect(badgeOf(el)!.dataset.status).to.equal(s);
      const svg = el.shadowRoot!.querySelector('[part~="icon"] svg')!;
      expect(svg.getAttribute('aria-hidden')).to.equal('true');
      shapes.add(svg.innerHTML);
      expect(el.run?.status).to.equal(s);
      // the time since the last change, in words
      const time = el.shadowRoot!.querySelector('time')!;
      expect(time.getAttribute('datetime')).to.equal(el.run!.updatedAt);
      expect(text(time)).to.not.equal('');
    }
    expect(shapes.size, 'one shape per status').to.equal(statuses.length);
    expect(badgeOf(els.find((e) => e.dataset.s === 'paused')!)!.dataset.tone).to.equal('neutral');
    await expect(wrapper).to.be.accessible();
  });

  it('speaks Dutch when the page or an ancestor says so, with Intl relative times', async () => {
    const sb = await newSandbox();
    const statuses = Object.keys(LABELS_NL) as (keyof typeof sb.seed.runs)[];
    const wrapper = await mount<HTMLElement>(html`<div lang="nl">
      ${statuses.map(
        (s) =>
          html`<recrubo-flow-run-status static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${(sb.seed.runs[s] as string[])[0]} data-s=${s}></recrubo-flow-run-status>`,
      )}
    </div>`);
    const els = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    await untilShown(els);
    for (const el of els) await untilLabel(el, LABELS_NL[el.dataset.s!]);
    const el = els[0];
    expect(text(el.shadowRoot!.querySelector('time'))).to.equal(relativeTime('nl', el.run!.updatedAt));
    await expect(wrapper).to.be.accessible();
  });

  it('formats relative times per language', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(relativeTime('en', '2025-01-01T11:59:50Z', now)).to.equal('now');
    expect(relativeTime('en', '2025-01-01T11:57:00Z', now)).to.match(/^3 min\.? ago$/);
    expect(relativeTime('nl', '2025-01-01T09:00:00Z', now)).to.match(/^3 uur geleden$/);
    expect(relativeTime('en', '2024-12-30T12:00:00Z', now)).to.match(/2 days ago/);
    // a server clock ahead of ours never says "in …"
    expect(relativeTime('en', '2025-01-01T12:01:00Z', now)).to.equal('now');
  });

  it('shows a skeleton of the same size while loading, then the badge without a layout jump', async () => {
    const sb = await newSandbox({ faults: { latencyMs: 400 } });
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.finished[0]}></recrubo-flow-run-status>`,
    );
    const skeleton = el.shadowRoot!.querySelector('[part~="skeleton"]');
    expect(skeleton, 'skeleton while loading').to.exist;
    expect(text(el.shadowRoot!.querySelector('.visually-hidden'))).to.equal('Loading run status…');
    await expect(el).to.be.accessible();
    const loadingHeight = el.getBoundingClientRect().height;
    await untilLabel(el, 'Finished');
    expect(el.shadowRoot!.querySelector('[part~="skeleton"]')).to.not.exist;
    expect(Math.abs(el.getBoundingClientRect().height - loadingHeight)).to.be.below(1);
  });

  it('says "run not found" (en/nl) for a 404 and fires recrubo-error once', async () => {
    const sb = await newSandbox();
    const missing = '00000000-0000-4000-8000-000000000404';
    const errors: CustomEvent[] = [];
    const wrapper = await mount<HTMLElement>(html`<div @recrubo-error=${(e: CustomEvent) => errors.push(e)}>
      <recrubo-flow-run-status poll-interval="100" base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${missing}></recrubo-flow-run-status>
      <recrubo-flow-run-status lang="nl" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${missing}></recrubo-flow-run-status>
    </div>`);
    const [en, nl] = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    await untilLabel(en, 'Run not found');
    await untilLabel(nl, 'Run niet gevonden');
    await waitUntil(() => errors.length === 2, 'one recrubo-error per element', { timeout: 15000 });
    expect(errors[0].detail.error.status).to.equal(404);
    expect(errors[0].detail.error.detail).to.equal('FlowRun not found');
    await new Promise((r) => setTimeout(r, 400));
    expect(errors).to.have.length(2);
    expect(en.run).to.equal(undefined);
    await expect(wrapper).to.be.accessible();
  });

  it('shows a failed load with a retry button, then recovers', async () => {
    const sb = await newSandbox({ faults: { errorRate: 1 } });
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.timeout[0]}></recrubo-flow-run-status>`,
    );
    const failed = oneEvent(el, 'recrubo-error');
    await untilLabel(el, 'Could not load', 20000);
    expect((await failed).detail.error.status).to.equal(500);
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('button.retry')!;
    expect(retry.getAttribute('aria-label')).to.equal('Try loading the run again');
    await expect(el).to.be.accessible();
    await sb.setFaults({});
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await untilLabel(el, 'Timed out');
    await el.updateComplete;
    // The button is gone with the error; the focus is not lost to the page but stays on what replaced it.
    // (booleans: chai's message for two unequal elements can take the page down with it)
    expect(el.shadowRoot!.activeElement === badgeOf(el), 'focus on the badge').to.equal(true);
  });

  it('a 404 that is not the API\'s (a wrong base-url) is a failure to load, not "run not found"', async () => {
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status static base-url="/no-such-api/public/v2" run-id="00000000-0000-4000-8000-000000000001"></recrubo-flow-run-status>`,
    );
    const failed = oneEvent(el, 'recrubo-error');
    await untilLabel(el, 'Could not load', 20000);
    const { error } = (await failed).detail;
    expect(error.status).to.equal(404);
    expect(error.kind).to.equal('parse');
    expect(el.shadowRoot!.querySelector('button.retry'), 'with a retry').to.exist;
  });

  // Last in the file (one page per file): every test above showed badges only.
  it('a page of badges never fetched the card, its CSS or strings; the first card fetches them (spec §14)', async () => {
    const cardFiles = () =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .map((e) => new URL(e.name).pathname)
        .filter((p) => /\/recrubo-flow-run-status\/(card|answers)/.test(p));
    const sb = await newSandbox();
    const badge = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.timeout[0]}></recrubo-flow-run-status>`,
    );
    await untilLabel(badge, 'Timed out');
    expect(cardFiles(), 'badges only').to.deep.equal([]);
    // a finished run's badge loads its flow's knockouts (for the outcome), still no card code
    const finished = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.finished[0]}></recrubo-flow-run-status>`,
    );
    await untilLabel(finished, 'Finished · accepted');
    expect(
      cardFiles().filter((p) => !p.includes('/flow-info')),
      'no card code',
    ).to.deep.equal([]);
    const card = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.finished[0]}></recrubo-flow-run-status>`,
    );
    await waitUntil(() => card.shadowRoot!.querySelector('[part~="meta"]'), 'the loaded card', { timeout: 20000 });
    expect(
      cardFiles().some((p) => p.includes('/card')),
      cardFiles().join(', '),
    ).to.equal(true);
  });
});
