import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/recrubo-generate-flow/define.js';
import type { RecruboGenerateFlowElement } from '../../../src/elements/recrubo-generate-flow/define.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { pretendVisible, stopPretending } from '../recrubo-flow-run-status/helpers.js';
import { $, $$, byLabel, textOf } from './fixtures.js';

// A vacancy text in which the sandbox's deterministic analysis finds hard skills, soft skills and a certification.
const VACANCY =
  'Customer service agent (English, Dutch). Communicative, stress resistant, experience with Excel. A VCA certificate is required.';
const LONG = { timeout: 15000 };

const analysisPosts = async (sb: TestSandbox) =>
  (await sb.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/vacancy-analyses'));
const suggestButton = (el: RecruboGenerateFlowElement) => $<HTMLButtonElement>(el, '[part~="suggest"]')!;
const suggestion = (el: RecruboGenerateFlowElement, text: string) =>
  $$(el, '[part~="suggestion"]').find((s) => textOf(s.querySelector('.suggestion-text')) === text);
const addButton = (el: RecruboGenerateFlowElement, text: string, kind: 'knockout' | 'preferred') =>
  $$<HTMLButtonElement>(suggestion(el, text)!, 'button').find(
    (b) => b.getAttribute('aria-label') === `Add “${text}” as a ${kind} requirement`,
  )!;
const active = (el: RecruboGenerateFlowElement) => el.shadowRoot!.activeElement as HTMLElement | null;

async function mount(sb: TestSandbox, sync = true) {
  const el = await fixture<RecruboGenerateFlowElement>(
    html`<recrubo-generate-flow base-url=${sb.baseUrl} api-key=${sb.apiKey} ?sync=${sync} poll-interval="100"></recrubo-generate-flow>`,
  );
  // What the recruiter typed before asking for suggestions: it must survive them.
  el.parameters = {
    knockoutRequirements: [{ value: 'Has a work permit', sessionField: 'ats_field:connexys:work_permit' }],
    preferredRequirements: [{ value: 'Speaks Dutch fluently', sessionField: 'dutch' }],
  };
  el.context = { type: 'text', value: VACANCY };
  await el.updateComplete;
  return el;
}

describe('<recrubo-generate-flow> suggested requirements', function () {
  this.timeout(60000);

  it('suggests from the vacancy text; one action adds one as knockout or preferred; added ones are marked; typed ones stay', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const el = await mount(sb);
    await expect(el).to.be.accessible();
    suggestButton(el).click();
    await waitUntil(() => $$(el, '[part~="suggestion"]').length > 0, 'suggestions shown', LONG);

    const texts = $$(el, '[part~="suggestion"] .suggestion-text').map(textOf);
    expect(texts).to.include.members([
      'Has experience with Excel',
      'Has customer service experience',
      'Speaks Dutch fluently',
      'Speaks English fluently',
      'Is communicative',
      'Handles stress well',
      'Has a VCA certificate',
    ]);
    expect($$(el, '.suggest-kind').map(textOf)).to.deep.equal(['Hard skills', 'Soft skills', 'Certifications']);
    expect(textOf(suggestion(el, 'Has a VCA certificate'))).to.include('required in the text');
    // Already in the form: marked, nothing to add.
    expect(textOf(suggestion(el, 'Speaks Dutch fluently')!.querySelector('[part~="suggestion-added"]'))).to.include(
      'Added as a preferred requirement',
    );
    expect($$(suggestion(el, 'Speaks Dutch fluently')!, 'button').length).to.equal(0);
    expect(textOf($(el, '.suggest-status'))).to.equal(`${texts.length} suggestions from the vacancy text.`);
    await expect(el).to.be.accessible();

    addButton(el, 'Speaks English fluently', 'knockout').click();
    await el.updateComplete;
    addButton(el, 'Has experience with Excel', 'preferred').click();
    await el.updateComplete;
    expect(textOf(suggestion(el, 'Speaks English fluently'))).to.include('Added as a knockout requirement');
    expect(textOf($(el, '.suggest-status'))).to.equal('Added “Has experience with Excel” as a preferred requirement.');

    const p = el.payload.parameters;
    expect(p.knockoutRequirements).to.deep.equal([
      { value: 'Has a work permit', sessionField: 'ats_field:connexys:work_permit' },
      { value: 'Speaks English fluently', sessionField: 'speaks_english_fluently' },
    ]);
    expect(p.preferredRequirements).to.deep.equal([
      { value: 'Speaks Dutch fluently', sessionField: 'dutch' },
      { value: 'Has experience with Excel', sessionField: 'has_experience_with_excel' },
    ]);
    // The reasoning on demand.
    const why = suggestion(el, 'Has experience with Excel')!.querySelector('details')!;
    expect(why.open).to.equal(false);
    why.querySelector('summary')!.click();
    await waitUntil(() => why.open, 'opened');
    expect(textOf(why.querySelector('p'))).to.equal('Mentioned 1 time in the vacancy text.');
    await expect(el).to.be.accessible();

    const posts = await analysisPosts(sb);
    expect(posts.length).to.equal(1);
    expect(posts[0]!.query).to.include('sync=true');
  });

  it('dark mode: the suggestions are axe-clean', async function () {
    // Only Chromium's driver (CDP) can emulate `prefers-color-scheme`; the other two drivers refuse it.
    if (!/Chrome\//.test(navigator.userAgent)) this.skip();
    const sb = await newSandbox({ speed: 1000 });
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const el = await mount(sb);
      suggestButton(el).click();
      await waitUntil(() => $$(el, '[part~="suggestion"]').length > 0, 'suggestions shown', LONG);
      suggestion(el, 'Has experience with Excel')!.querySelector('summary')!.click();
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('without text it says where the suggestions come from and sends nothing; a double click sends one POST', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const el = await mount(sb);
    el.context = { type: 'text', value: '' };
    el.reset();
    await el.updateComplete;
    suggestButton(el).click();
    await el.updateComplete;
    expect(textOf($(el, '.suggestions .hint'))).to.equal(
      'Type or paste the vacancy text first: the suggestions come from it.',
    );
    await waitUntil(() => active(el) === byLabel(el, 'Vacancy text'), 'focus on the vacancy text');
    expect((await analysisPosts(sb)).length).to.equal(0);

    byLabel<HTMLTextAreaElement>(el, 'Vacancy text').value = VACANCY;
    byLabel<HTMLTextAreaElement>(el, 'Vacancy text').dispatchEvent(new Event('input'));
    await sb.setFaults({ latencyMs: 800, count: 1 });
    suggestButton(el).click();
    await el.updateComplete;
    expect(suggestButton(el).getAttribute('aria-busy')).to.equal('true');
    suggestButton(el).click();
    suggestButton(el).click();
    await waitUntil(() => $$(el, '[part~="suggestion"]').length > 0, 'suggestions shown', LONG);
    expect((await analysisPosts(sb)).length).to.equal(1);
  });

  it('a failed POST is explained and not retried by itself; pressing again works; the typed requirements are untouched', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const el = await mount(sb);
    const before = JSON.stringify(el.payload);
    let errors = 0;
    el.addEventListener('recrubo-error', () => errors++);
    await sb.setFaults({ errorRate: 1, count: 1 });
    suggestButton(el).click();
    await waitUntil(() => $(el, '.suggestions [role="alert"]'), 'error shown', LONG);
    expect(textOf($(el, '.suggestions [role="alert"]'))).to.include('Could not get suggestions.');
    expect(errors).to.equal(1);
    expect((await analysisPosts(sb)).length).to.equal(1);
    expect(JSON.stringify(el.payload)).to.equal(before);
    await expect(el).to.be.accessible();

    suggestButton(el).click();
    await waitUntil(() => $$(el, '[part~="suggestion"]').length > 0, 'suggestions after the second press', LONG);
    expect($(el, '.suggestions [role="alert"]')).to.equal(null);
    expect(JSON.stringify(el.payload)).to.equal(before);
  });

  it('without sync, the analysis is followed through the store until it has its result', async () => {
    pretendVisible();
    try {
      const sb = await newSandbox({ speed: 20 });
      const el = await mount(sb, false);
      suggestButton(el).click();
      await waitUntil(() => $$(el, '[part~="suggestion"]').length > 0, 'suggestions shown', LONG);
      const requests = await sb.requests();
      const post = requests.find((r) => r.method === 'POST' && r.path.endsWith('/vacancy-analyses'))!;
      expect(post.query).to.not.include('sync');
      expect(
        requests.some((r) => r.method === 'GET' && r.path.includes('/vacancy-analyses')),
        'followed by GETs',
      ).to.equal(true);
    } finally {
      stopPretending();
    }
  });

  it('keyboard only: ask for suggestions, add two, the focus stays with the suggestions', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const el = await mount(sb);
    suggestButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(el, '[part~="suggestion"]').length > 0, 'suggestions shown', LONG);
    await sendKeys({ press: 'Tab' });
    const first = textOf($(el, '[part~="suggestion"] .suggestion-text'));
    expect(active(el)?.getAttribute('aria-label')).to.equal(`Add “${first}” as a knockout requirement`);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(el)?.getAttribute('part') === 'suggestion-added', 'focus on the mark');
    // Tab: the reasoning, then the next suggestion's first button.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    const label = active(el)?.getAttribute('aria-label') ?? '';
    expect(label).to.match(/^Add “.+” as a knockout requirement$/);
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.getAttribute('aria-label')).to.equal(label.replace('knockout', 'preferred'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const second = label.slice('Add “'.length, label.indexOf('” as'));
    expect(el.payload.parameters.knockoutRequirements.map((r) => r.value)).to.deep.equal(['Has a work permit', first]);
    expect(el.payload.parameters.preferredRequirements!.map((r) => r.value)).to.deep.equal([
      'Speaks Dutch fluently',
      second,
    ]);
  });
});
