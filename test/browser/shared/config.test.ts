import { expect, fixture, html } from '@open-wc/testing';
import { configure, DEFAULT_BASE_URL, normalizeLang } from '../../../src/shared/config.js';
import { RecruboElement, define } from '../../../src/shared/recrubo-element.js';
import '../../../src/elements/recrubo-config/define.js';
import { pendingConfigRequests } from '../../../src/shared/config-context.js';
import type { RecruboConfigElement } from '../../../src/elements/recrubo-config/recrubo-config.component.js';

class ConfigProbe extends RecruboElement {}
define('test-config-probe', ConfigProbe);

const tokenA = async () => 'a';
const tokenB = async () => 'b';

describe('configuration precedence', () => {
  afterEach(() =>
    configure({ baseUrl: undefined, apiKey: undefined, tokenProvider: undefined, fetch: undefined, lang: undefined }),
  );

  it('defaults', async () => {
    const el = await fixture<ConfigProbe>(html`<test-config-probe></test-config-probe>`);
    expect(el.config).to.deep.equal({ baseUrl: DEFAULT_BASE_URL, lang: 'en' });
  });

  it('attribute > nearest provider > outer provider > configure() > default, field by field', async () => {
    configure({ baseUrl: 'https://global.example/public/v2', apiKey: 'global-key', tokenProvider: tokenA, lang: 'nl' });
    const root = await fixture<HTMLElement>(html`
      <div>
        <recrubo-config base-url="https://outer.example/public/v2" api-key="outer-key">
          <recrubo-config base-url="https://inner.example/public/v2">
            <test-config-probe id="plain"></test-config-probe>
            <test-config-probe id="own" base-url="https://own.example/public/v2"></test-config-probe>
          </recrubo-config>
          <test-config-probe id="outer"></test-config-probe>
        </recrubo-config>
        <test-config-probe id="global"></test-config-probe>
      </div>
    `);
    const get = (id: string) => root.querySelector<ConfigProbe>(`#${id}`)!.config;
    expect(get('own').baseUrl).to.equal('https://own.example/public/v2');
    expect(get('plain').baseUrl).to.equal('https://inner.example/public/v2');
    expect(get('plain').apiKey).to.equal('outer-key'); // the inner provider has none: the outer one's shows through
    expect(get('plain').tokenProvider).to.equal(tokenA); // nobody above sets one: configure()'s
    expect(get('outer').baseUrl).to.equal('https://outer.example/public/v2');
    expect(get('global')).to.deep.equal({
      baseUrl: 'https://global.example/public/v2',
      apiKey: 'global-key',
      tokenProvider: tokenA,
      lang: 'nl',
    });
  });

  it('a provider whose tag is defined after the elements inside it (bundlers may run the defines in any order) still reaches them', async () => {
    // Unique tags, defined only after the elements are in the page and connected.
    const suffix = Math.random().toString(36).slice(2, 8);
    const root = await fixture<HTMLElement>(html`<div></div>`);
    root.innerHTML = `
      <late-outer-${suffix} api-key="outer-key">
        <late-inner-${suffix} base-url="https://late.example/public/v2"><test-config-probe></test-config-probe></late-inner-${suffix}>
      </late-outer-${suffix}>`;
    const probe = root.querySelector<ConfigProbe>('test-config-probe')!;
    await probe.updateComplete;
    expect(probe.config.baseUrl, 'no provider yet').to.equal(DEFAULT_BASE_URL);
    const { RecruboConfigElement: Provider } =
      await import('../../../src/elements/recrubo-config/recrubo-config.component.js');
    customElements.define(`late-inner-${suffix}`, class extends Provider {});
    await probe.updateComplete;
    expect(probe.config.baseUrl).to.equal('https://late.example/public/v2');
    expect(probe.config.apiKey, 'the outer one is not there yet').to.equal(undefined);
    customElements.define(`late-outer-${suffix}`, class extends Provider {});
    await probe.updateComplete;
    await new Promise((r) => setTimeout(r));
    await probe.updateComplete;
    expect(probe.config.apiKey, 'an outer provider defined last reaches through the inner one').to.equal('outer-key');
    expect(probe.config.baseUrl).to.equal('https://late.example/public/v2');
  });

  it('keeps no unanswered request of an element that left the page (no growth per mount without a provider)', async () => {
    const root = await fixture<HTMLElement>(html`<div></div>`);
    for (let cycle = 0; cycle < 3; cycle++) {
      for (let i = 0; i < 300; i++) root.append(document.createElement('test-config-probe'));
      await Promise.all([...root.children].map((el) => (el as ConfigProbe).updateComplete));
      expect(pendingConfigRequests(), 'while on the page, each waits').to.be.at.least(300);
      root.replaceChildren();
      await Promise.resolve(); // forgotten in one pass right after they left
      expect(pendingConfigRequests(), 'after they left').to.equal(0);
    }
    // An element moved within the page keeps waiting (it does not ask again: it never left).
    const moved = root.appendChild(document.createElement('test-config-probe'));
    await (moved as ConfigProbe).updateComplete;
    document.body.append(moved);
    await Promise.resolve();
    expect(pendingConfigRequests(), 'the moved one').to.equal(1);
    moved.remove();
    // and a provider defined later still reaches the ones that wait
    const suffix = Math.random().toString(36).slice(2, 8);
    root.innerHTML = `<late-cfg-${suffix} api-key="late-key"><test-config-probe></test-config-probe></late-cfg-${suffix}>`;
    const probe = root.querySelector<ConfigProbe>('test-config-probe')!;
    const { RecruboConfigElement: Provider } =
      await import('../../../src/elements/recrubo-config/recrubo-config.component.js');
    customElements.define(`late-cfg-${suffix}`, class extends Provider {});
    await probe.updateComplete;
    expect(probe.config.apiKey).to.equal('late-key');
  });

  it('follows changes: provider property, configure() and the element attribute', async () => {
    const provider = await fixture<RecruboConfigElement>(
      html`<recrubo-config><test-config-probe></test-config-probe></recrubo-config>`,
    );
    const probe = provider.querySelector<ConfigProbe>('test-config-probe')!;
    provider.tokenProvider = tokenB;
    await provider.updateComplete;
    expect(probe.config.tokenProvider).to.equal(tokenB);
    configure({ baseUrl: 'https://later.example/public/v2/' });
    expect(probe.config.baseUrl).to.equal('https://later.example/public/v2'); // trailing slash trimmed
    probe.setAttribute('base-url', 'https://attr.example/public/v2');
    await probe.updateComplete;
    expect(probe.config.baseUrl).to.equal('https://attr.example/public/v2');
    const twin = document.createElement('test-config-probe') as ConfigProbe;
    twin.setAttribute('base-url', 'https://attr.example/public/v2');
    provider.append(twin);
    await twin.updateComplete;
    expect(twin.api === probe.api, 'one api per configuration').to.equal(true);
    twin.setAttribute('base-url', 'https://other.example/public/v2');
    await twin.updateComplete;
    expect(twin.api === probe.api, 'another configuration, another api').to.equal(false);
  });

  it('reaches into shadow roots', async () => {
    class Wrapper extends RecruboElement {
      protected override render() {
        return html`<test-config-probe></test-config-probe>`;
      }
    }
    define('test-config-wrapper', Wrapper);
    const provider = await fixture<RecruboConfigElement>(
      html`<recrubo-config base-url="https://shadow.example/public/v2"><test-config-wrapper></test-config-wrapper></recrubo-config>`,
    );
    const wrapper = provider.querySelector('test-config-wrapper')!;
    await (wrapper as Wrapper).updateComplete;
    const inner = wrapper.shadowRoot!.querySelector<ConfigProbe>('test-config-probe')!;
    expect(inner.config.baseUrl).to.equal('https://shadow.example/public/v2');
  });

  it('is display: contents and accessible', async () => {
    const provider = await fixture<RecruboConfigElement>(html`<recrubo-config><p>hello</p></recrubo-config>`);
    expect(getComputedStyle(provider).display).to.equal('contents');
    await expect(provider).to.be.accessible();
  });
});

describe('language', () => {
  afterEach(() => {
    configure({ lang: undefined });
    document.documentElement.setAttribute('lang', 'en');
  });

  it('normalises to en/nl', () => {
    expect(normalizeLang('nl-NL')).to.equal('nl');
    expect(normalizeLang('NL')).to.equal('nl');
    expect(normalizeLang('en-GB')).to.equal('en');
    expect(normalizeLang('de')).to.equal(undefined);
  });

  it('element lang → nearest ancestor lang → configure() → document lang → en', async () => {
    const root = await fixture<HTMLElement>(html`
      <div lang="nl-NL">
        <section lang="de"><test-config-probe id="ancestor"></test-config-probe></section>
        <test-config-probe id="own" lang="en"></test-config-probe>
      </div>
    `);
    expect(root.querySelector<ConfigProbe>('#own')!.config.lang).to.equal('en');
    // 'de' is not supported, so the next ancestor's nl-NL applies
    expect(root.querySelector<ConfigProbe>('#ancestor')!.config.lang).to.equal('nl');

    const lonely = await fixture<ConfigProbe>(html`<test-config-probe></test-config-probe>`);
    document.documentElement.setAttribute('lang', 'nl');
    expect(lonely.config.lang).to.equal('nl');
    configure({ lang: 'en' });
    expect(lonely.config.lang).to.equal('en');
    document.documentElement.setAttribute('lang', 'fr');
    configure({ lang: undefined });
    expect(lonely.config.lang).to.equal('en');
  });

  it('re-renders when lang changes and translates shared and own strings', async () => {
    class Greeter extends RecruboElement {
      static override strings = { en: { hello: 'Hello {name}' }, nl: { hello: 'Hallo {name}' } };
      protected override render() {
        return html`<span>${this.t('hello', { name: 'Ada' })} · ${this.t('status.running')}</span>`;
      }
    }
    define('test-greeter', Greeter);
    const el = await fixture<Greeter>(html`<test-greeter></test-greeter>`);
    expect(el.shadowRoot!.textContent).to.contain('Hello Ada · Running');
    el.setAttribute('lang', 'nl');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Hallo Ada · Actief');
    expect(el.t('missing.key')).to.equal('missing.key');
  });
});
