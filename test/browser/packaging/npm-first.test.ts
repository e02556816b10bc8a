// The other order: an app's npm build registers the elements first, then a script tag on the same page loads the
// CDN bundle of the same version. Nothing throws, nothing warns, every tag keeps its first definition, and the
// CDN's window.RecruboElements.configure() still reaches the elements (one page-wide configuration).
import { expect } from '@open-wc/testing';
import { newSandbox } from '../helpers/sandbox.js';
import { CDN_URL, NPM_URL, importUrl, manifestTags, requireBuilt, spyConsole, untilRunLabel } from './helpers.js';

describe('the npm build first, then the CDN bundle', () => {
  before(async () => {
    await requireBuilt(CDN_URL, NPM_URL);
  });

  it('defines each tag once, with no error or warning', async () => {
    const tags = await manifestTags();
    const npm = await importUrl(NPM_URL);
    const first = new Map(tags.map((t) => [t, customElements.get(t)]));
    for (const tag of tags) expect(first.get(tag), tag).to.be.a('function');
    const spy = spyConsole();
    try {
      const cdn = await importUrl(CDN_URL);
      expect(cdn.version).to.equal(npm.version);
    } finally {
      spy.stop();
    }
    expect(spy.relevant(), 'console output').to.deep.equal([]);
    for (const tag of tags) expect(customElements.get(tag), tag).to.equal(first.get(tag));
  });

  it('window.RecruboElements.configure() (from the CDN copy) configures the elements of the npm copy', async function () {
    this.timeout(30000);
    const tags = await manifestTags();
    expect(tags, 'the manifest lists the element').to.include('recrubo-flow-run-status');
    const sb = await newSandbox();
    const configure = (window as unknown as { RecruboElements: { configure(c: object): void } }).RecruboElements
      .configure;
    configure({ baseUrl: sb.baseUrl, apiKey: sb.apiKey });
    const el = document.createElement('recrubo-flow-run-status');
    el.setAttribute('run-id', sb.seed.runs.timeout[0]);
    el.setAttribute('static', '');
    document.body.append(el);
    try {
      await untilRunLabel(el, 'Timed out');
      expect((await sb.requests()).some((r) => r.path.includes('/flow-runs'))).to.equal(true);
    } finally {
      el.remove();
      configure({ baseUrl: undefined, apiKey: undefined });
    }
  });
});
