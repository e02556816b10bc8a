// The one-file CDN bundle in a page with no bundler: the way a career site uses it (a module script tag), then
// loaded a second time, then beside the npm build of the same version. One page for the whole file, in order.
import { expect, waitUntil } from '@open-wc/testing';
import { newSandbox } from '../helpers/sandbox.js';
import {
  CDN_URL,
  NPM_URL,
  importUrl,
  manifestTags,
  requireBuilt,
  runLabel,
  spyConsole,
  untilRunLabel,
} from './helpers.js';

interface RecruboElementsGlobal {
  configure(config: Record<string, unknown>): void;
  version: string;
  tags: readonly string[];
}
const global = () => (window as unknown as { RecruboElements?: RecruboElementsGlobal }).RecruboElements;

describe('the CDN bundle (dist/cdn/recrubo-elements.js)', () => {
  let tags: string[] = [];
  const firstDefinitions = new Map<string, CustomElementConstructor>();

  before(async () => {
    await requireBuilt(CDN_URL, NPM_URL);
    tags = await manifestTags();
  });

  it('loads from a <script type="module"> tag and defines every element', async () => {
    expect(tags.length).to.be.greaterThan(0);
    for (const tag of tags) expect(customElements.get(tag), `${tag} before loading`).to.equal(undefined);
    const spy = spyConsole();
    const script = document.createElement('script');
    script.type = 'module';
    script.src = CDN_URL;
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = () => reject(new Error(`${CDN_URL} failed to load`));
    });
    let pageError: unknown;
    const onError = (e: ErrorEvent) => (pageError = e.error ?? e.message);
    window.addEventListener('error', onError);
    document.head.append(script);
    await loaded;
    window.removeEventListener('error', onError);
    spy.stop();
    expect(pageError, 'an uncaught error while loading').to.equal(undefined);
    expect(spy.relevant(), 'console output while loading').to.deep.equal([]);
    for (const tag of tags) {
      const ctor = customElements.get(tag);
      expect(ctor, tag).to.be.a('function');
      firstDefinitions.set(tag, ctor!);
    }
    expect(global()?.version).to.match(/^\d+\.\d+\.\d+/);
    expect([...global()!.tags].sort()).to.deep.equal([...tags].sort());
    // Every element's stylesheet survived the build's CSS minification (a bad escape once turned one into nothing).
    for (const tag of tags) {
      const styles = (
        (customElements.get(tag) as unknown as { elementStyles?: { cssText?: unknown }[] }).elementStyles ?? []
      ).map((s) => s.cssText);
      expect(
        styles.every((css) => typeof css === 'string' && css.length > 0),
        `${tag}: every stylesheet has text`,
      ).to.equal(true);
    }
    const form = document.createElement('recrubo-generate-flow');
    document.body.append(form);
    await (form as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const section = getComputedStyle(form.shadowRoot!.querySelector('fieldset.section')!);
    const styled = {
      display: section.display,
      borderTopStyle: section.borderTopStyle,
      borderTopWidth: section.borderTopWidth,
    };
    form.remove();
    // the element's own CSS (.section: a flex column with a 1px solid border), not the browser's fieldset defaults
    expect(styled).to.deep.equal({ display: 'flex', borderTopStyle: 'solid', borderTopWidth: '1px' });
  });

  it('window.RecruboElements.configure() configures the elements, which then work against the sandbox', async function () {
    this.timeout(30000);
    expect(tags, 'the manifest lists the element').to.include('recrubo-flow-run-status');
    const sb = await newSandbox();
    const runId = sb.seed.runs.finished[0];
    global()!.configure({ baseUrl: sb.baseUrl, apiKey: sb.apiKey });
    const el = document.createElement('recrubo-flow-run-status');
    el.setAttribute('run-id', runId);
    el.setAttribute('static', '');
    document.body.append(el);
    try {
      await untilRunLabel(el, 'Finished · accepted');
      const log = await sb.requests();
      expect(
        log.some((r) => r.method === 'GET' && r.path.includes('/flow-runs') && r.status === 200),
        'the sandbox saw the GET',
      ).to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
      global()!.configure({ baseUrl: undefined, apiKey: undefined });
    }
  });

  it('loading the bundle a second time (another URL, so a second copy of the code) throws nothing and changes nothing', async () => {
    const spy = spyConsole();
    try {
      const second = await importUrl(`${CDN_URL}?copy=2`);
      expect(second.version).to.equal(global()!.version);
      // A second copy really ran: its classes are not the registered ones.
      const tag = tags[0];
      const exportedClasses = Object.values(second).filter((v) => typeof v === 'function');
      expect(exportedClasses.includes(customElements.get(tag)!), 'the second copy is a separate copy').to.equal(false);
    } finally {
      spy.stop();
    }
    expect(spy.relevant(), 'console output').to.deep.equal([]);
    for (const tag of tags) expect(customElements.get(tag), tag).to.equal(firstDefinitions.get(tag));
  });

  it('the npm build of the same version beside it throws nothing, warns nothing, and defines nothing again', async () => {
    const spy = spyConsole();
    let npm: Record<string, unknown>;
    try {
      npm = await importUrl(NPM_URL);
    } finally {
      spy.stop();
    }
    expect(npm.version).to.equal(global()!.version);
    expect(spy.relevant(), 'console output').to.deep.equal([]);
    for (const tag of tags) expect(customElements.get(tag), tag).to.equal(firstDefinitions.get(tag));
  });

  it('configure() of the npm copy reaches the elements the CDN copy registered (one page-wide configuration)', async function () {
    this.timeout(30000);
    expect(tags, 'the manifest lists the element').to.include('recrubo-flow-run-status');
    const sb = await newSandbox();
    const npm = await importUrl(NPM_URL);
    (npm.configure as RecruboElementsGlobal['configure'])({ baseUrl: sb.baseUrl, apiKey: sb.apiKey });
    const el = document.createElement('recrubo-flow-run-status');
    el.setAttribute('run-id', sb.seed.runs.cancelled[0]);
    el.setAttribute('static', '');
    document.body.append(el);
    try {
      await untilRunLabel(el, 'Cancelled');
      await waitUntil(async () => (await sb.requests()).length > 0, 'the sandbox tenant saw the request');
      expect(runLabel(el)).to.equal('Cancelled');
    } finally {
      el.remove();
      global()!.configure({ baseUrl: undefined, apiKey: undefined });
    }
  });
});
