// The built autoloader (dist/cdn/loader.js) in a page with no bundler, the way a career site uses it: one module
// script tag, then elements written into the page. One page for the whole file, in order (each step builds on the
// one before: the loader first, then badges, then a second loader, then the one-file bundle beside it).
import { expect, waitUntil } from '@open-wc/testing';
import { newSandbox } from '../helpers/sandbox.js';
import { CDN_URL, importUrl, manifestTags, requireBuilt, spyConsole, untilRunLabel } from '../packaging/helpers.js';

const LOADER_URL = '/dist/cdn/loader.js';
const CHUNK = (tag: string) => `/dist/cdn/elements/${tag}.js`;

interface RecruboElementsGlobal {
  configure(config: Record<string, unknown>): void;
  version: string;
  tags: readonly string[];
}
const global = () => (window as unknown as { RecruboElements?: RecruboElementsGlobal }).RecruboElements;

/** The paths of every script file this page has loaded so far (from the browser's own resource timing; not the
 *  test's own fetch() calls, such as requireBuilt's HEAD requests). */
const fetched = () =>
  (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((e) => e.initiatorType !== 'fetch')
    .map((e) => new URL(e.name).pathname)
    .filter((p) => p.startsWith('/dist/'));

function addScript(src: string): Promise<unknown> {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = src;
  const loaded = new Promise((resolve, reject) => {
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} failed to load`));
  });
  document.head.append(script);
  return loaded;
}

describe('the CDN autoloader (dist/cdn/loader.js)', function () {
  this.timeout(60000);
  let tags: string[] = [];
  const spy = spyConsole();
  const badges: HTMLElement[] = [];

  before(async () => {
    await requireBuilt(LOADER_URL, CDN_URL);
    tags = await manifestTags();
  });
  after(() => {
    spy.stop();
    for (const b of badges) b.remove();
  });

  it('loads from a script tag and sets window.RecruboElements (version, configure) before any chunk', async () => {
    for (const tag of tags) expect(customElements.get(tag), `${tag} before loading`).to.equal(undefined);
    await addScript(LOADER_URL);
    expect(global()?.version).to.match(/^\d+\.\d+\.\d+/);
    expect(global()?.configure).to.be.a('function');
    // The loader knows every element the package ships (its list comes from the same discovery as the manifest).
    expect([...global()!.tags].sort()).to.deep.equal([...tags].sort());
    expect(
      fetched().filter((p) => p.startsWith('/dist/cdn/elements/')),
      'no chunk without an element',
    ).to.deep.equal([]);
  });

  it('defines badges inserted after load; configure() called while their chunk is on its way takes effect', async () => {
    const sb = await newSandbox({ speed: 50 });
    const runId = sb.seed.runs.finished[0];
    for (let i = 0; i < 3; i++) {
      const el = document.createElement('recrubo-flow-run-status');
      el.setAttribute('run-id', runId);
      el.setAttribute('static', '');
      document.body.append(el);
      badges.push(el);
    }
    // Written into the page before anything configures it, and before its chunk has arrived.
    expect(customElements.get('recrubo-flow-run-status'), 'chunk not there yet').to.equal(undefined);
    global()!.configure({ baseUrl: sb.baseUrl, apiKey: sb.apiKey });
    await waitUntil(() => customElements.get('recrubo-flow-run-status'), 'the badge chunk defines the tag', {
      timeout: 20000,
    });
    for (const el of badges) await untilRunLabel(el, 'Finished · accepted', 20000);
    const log = await sb.requests();
    expect(
      log.some((r) => r.method === 'GET' && r.path.includes('/flow-runs') && r.status === 200),
      'the sandbox saw the GET',
    ).to.equal(true);
    await expect(badges[0]).to.be.accessible();
  });

  it('a page with only badges fetched the loader and the badge chunk, and no generate-flow or picker code', () => {
    const files = fetched();
    expect(
      files.filter((p) => p === CHUNK('recrubo-flow-run-status')),
      'the badge chunk, once',
    ).to.have.length(1);
    for (const other of ['recrubo-generate-flow', 'recrubo-schedule-picker']) {
      expect(files, `${other} is not fetched`).not.to.include(CHUNK(other));
    }
    expect(files, 'not the one-file bundle').not.to.include(CDN_URL);
    // The card, its actions and dialog load only when a card is shown (spec §14); the push transport only with an
    // events URL.
    expect(
      files.filter((p) => /^\/dist\/cdn\/elements\/chunks\/(card|push)-/.test(p)),
      'no card or push code',
    ).to.deep.equal([]);
    // one element: the loader plus at most two more files
    expect(files.filter((p) => p.startsWith('/dist/cdn/')).length, files.join(', ')).to.be.at.most(3);
  });

  it('a card shown later fetches the card chunk, once, and shows the loaded card', async () => {
    const sb = await newSandbox({ speed: 50 });
    global()!.configure({ baseUrl: sb.baseUrl, apiKey: sb.apiKey });
    const before = fetched().length;
    const card = document.createElement('recrubo-flow-run-status');
    card.setAttribute('run-id', sb.seed.runs.finished[0]);
    card.setAttribute('variant', 'card');
    card.setAttribute('static', '');
    document.body.append(card);
    badges.push(card);
    await waitUntil(() => card.shadowRoot?.querySelector('[part~="meta"]'), 'the loaded card', { timeout: 20000 });
    const added = fetched().slice(before);
    expect(
      added.filter((p) => /^\/dist\/cdn\/elements\/chunks\/card-[\w-]+\.js$/.test(p)),
      added.join(', '),
    ).to.have.length(1);
    // a page with one element: at most three files after the loader, whatever it shows
    const cdn = fetched().filter((p) => p.startsWith('/dist/cdn/') && p !== LOADER_URL);
    expect(new Set(cdn).size, cdn.join(', ')).to.be.at.most(3);
  });

  it('an unknown recrubo-* tag is left alone with one console warning', async () => {
    for (let i = 0; i < 2; i++) document.body.append(document.createElement('recrubo-no-such-element'));
    await waitUntil(() => spy.calls.some((c) => c.text.includes('recrubo-no-such-element')), 'the warning');
    // another mutation round, to be sure the observer saw both and warned once
    document.body.append(document.createElement('recrubo-no-such-element'));
    await new Promise((r) => requestAnimationFrame(r));
    const warnings = spy.calls.filter((c) => c.text.includes('recrubo-no-such-element'));
    expect(warnings).to.have.length(1);
    expect(warnings[0].level).to.equal('warn');
    expect(customElements.get('recrubo-no-such-element')).to.equal(undefined);
    for (const el of document.querySelectorAll('recrubo-no-such-element')) el.remove();
  });

  it('the loader twice (another URL, a second copy) defines nothing again and warns nothing', async () => {
    const before = customElements.get('recrubo-flow-run-status');
    const callsBefore = spy.relevant().length;
    await addScript(`${LOADER_URL}?again`);
    const el = document.createElement('recrubo-flow-run-status');
    document.body.append(el);
    await new Promise((r) => requestAnimationFrame(r));
    el.remove();
    expect(customElements.get('recrubo-flow-run-status')).to.equal(before);
    expect(
      fetched().filter((p) => p === CHUNK('recrubo-flow-run-status')),
      'the badge chunk still once',
    ).to.have.length(1);
    expect(spy.relevant().slice(callsBefore)).to.deep.equal([]);
  });

  it('beside the one-file bundle each tag is defined once, and the loader fetches no chunk for a tag the bundle defined', async () => {
    const badgeCtor = customElements.get('recrubo-flow-run-status');
    const callsBefore = spy.relevant().length;
    let pageError: unknown;
    const onError = (e: ErrorEvent) => (pageError = e.error ?? e.message);
    window.addEventListener('error', onError);
    await importUrl(CDN_URL);
    window.removeEventListener('error', onError);
    expect(pageError, 'an uncaught error (a second customElements.define would throw)').to.equal(undefined);
    expect(customElements.get('recrubo-flow-run-status'), 'the first definition stays').to.equal(badgeCtor);
    for (const tag of tags) expect(customElements.get(tag), tag).to.be.a('function');
    const form = document.createElement('recrubo-generate-flow');
    document.body.append(form);
    await new Promise((r) => requestAnimationFrame(r));
    form.remove();
    expect(fetched(), 'the bundle defined it, so no chunk').not.to.include(CHUNK('recrubo-generate-flow'));
    expect(spy.relevant().slice(callsBefore)).to.deep.equal([]);
  });
});
