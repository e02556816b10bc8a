import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { RecruboElement, define } from '../../../src/shared/recrubo-element.js';
import { isLocalPage, warnAboutApiKey } from '../../../src/shared/api-key-warning.js';
import { ResourceController } from '../../../src/shared/resource-controller.js';
import { RecruboApiError } from '../../../src/api/errors.js';
import { newSandbox } from '../helpers/sandbox.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class RunProbe extends RecruboElement {
  static override properties = {
    runId: { attribute: 'run-id' },
    pollInterval: { attribute: 'poll-interval', type: Number },
  };
  declare runId: string | undefined;
  declare pollInterval: number;
  readonly run = new ResourceController(this, 'flowRuns', { id: () => this.runId, interval: () => this.pollInterval });
  constructor() {
    super();
    this.runId = undefined;
    this.pollInterval = 100;
  }
  protected override render() {
    return html`<span role="status">${this.run.data?.status ?? (this.run.loading ? 'loading' : '')}</span>`;
  }
}
define('test-run-probe', RunProbe);

describe('RecruboElement', () => {
  it('define() is a no-op for the same version and warns once for another one', () => {
    class A extends RecruboElement {}
    class B extends RecruboElement {}
    class C extends RecruboElement {
      static override version = '9.9.9';
    }
    define('test-define-a', A);
    define('test-define-a', A);
    define('test-define-a', B); // same version, another copy of the bundle: silent
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      define('test-define-a', C);
      define('test-define-a', C);
    } finally {
      console.warn = original;
    }
    expect(customElements.get('test-define-a')).to.equal(A);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.contain('9.9.9');
  });

  it('emit() dispatches a typed event that bubbles, is composed and may be cancelable', async () => {
    const el = await fixture<RunProbe>(html`<test-run-probe></test-run-probe>`);
    const error = new RecruboApiError({ kind: 'network', message: 'x' });
    setTimeout(() => el.emit('recrubo-error', { error }));
    const event = await oneEvent(document, 'recrubo-error');
    expect(event.detail.error).to.equal(error);
    expect(event.bubbles && event.composed).to.equal(true);
    el.addEventListener('recrubo-run-status-change', (e) => e.preventDefault());
    const allowed = el.emit(
      'recrubo-run-status-change',
      { runId: 'r', status: 'running', previousStatus: null, terminal: false, run: {} as never },
      { cancelable: true },
    );
    expect(allowed).to.equal(false);
  });

  it('signal aborts when the element leaves the DOM and is renewed when it comes back', async () => {
    const el = await fixture<RunProbe>(html`<test-run-probe></test-run-probe>`);
    const first = el.signal;
    const parent = el.parentElement!;
    el.remove();
    expect(first.aborted).to.equal(true);
    parent.append(el);
    expect(el.signal.aborted).to.equal(false);
    expect(el.signal).not.to.equal(first);
  });

  it('an api-key on this localhost test page: no warning, and never the key itself', async () => {
    const logged: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => logged.push(args.join(' '));
    try {
      const el = await fixture<RunProbe>(html`<test-run-probe api-key="very-secret-key-123"></test-run-probe>`);
      void el.config;
    } finally {
      console.warn = original;
    }
    expect(location.hostname, 'the test runner serves this page from localhost').to.be.oneOf([
      'localhost',
      '127.0.0.1',
    ]);
    expect(logged.join('\n')).not.to.contain('very-secret-key-123');
    expect(logged).to.have.length(0);
  });

  it('tells local pages (where a sandbox key is fine) from public ones', () => {
    const local = [
      'http://localhost:8000/demo/',
      'https://localhost/',
      'http://127.0.0.1:5173/',
      'http://[::1]:3000/',
      'http://app.localhost/x',
      'file:///home/me/page.html',
    ];
    const remote = [
      'https://example.com/',
      'https://jobs.example.nl/apply',
      'http://localhost.example.com/',
      'http://mylocalhost/',
      'http://10.0.0.5/',
    ];
    expect(
      local.filter((u) => !isLocalPage(new URL(u))),
      'taken for public',
    ).to.deep.equal([]);
    expect(
      remote.filter((u) => isLocalPage(new URL(u))),
      'taken for local',
    ).to.deep.equal([]);
  });

  // Runs after the localhost test above: the warning is once per page, and this one uses it up.
  it('warns once about an api-key on a page that is not localhost, without printing it', async () => {
    const key = 'very-secret-key-456';
    const logged: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    try {
      warnAboutApiKey(new URL('http://localhost:8000/'));
      expect(logged, 'nothing on localhost').to.have.length(0);
      warnAboutApiKey(new URL('https://jobs.example.com/apply'));
      warnAboutApiKey(new URL('https://other.example.org/'));
      // the element path on the way: its key never reaches the console
      const el = await fixture<RunProbe>(html`<test-run-probe api-key=${key}></test-run-probe>`);
      void el.config;
    } finally {
      console.warn = original;
    }
    expect(logged, 'once per page').to.have.length(1);
    expect(logged[0]).to.contain('api-key');
    expect(logged[0]).to.contain('tokenProvider');
    expect(logged.join('\n')).not.to.contain(key);
  });
});

describe('ResourceController', () => {
  it('shows the run, follows an id change, and requests nothing after the element is removed', async () => {
    const sb = await newSandbox();
    const [a, b] = sb.seed.runs.running;
    const el = await fixture<RunProbe>(
      html`<test-run-probe base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${a}></test-run-probe>`,
    );
    await waitUntil(() => el.run.data?.id === a, 'first run');
    expect(el.shadowRoot!.textContent).to.contain('running');
    el.runId = b;
    await waitUntil(() => el.run.data?.id === b, 'second run');
    await expect(el).to.be.accessible();
    el.remove();
    await sleep(100);
    const count = (await sb.requests()).length;
    await sleep(500);
    expect((await sb.requests()).length).to.equal(count);
    const lastA = (await sb.requests()).filter((r) => r.path.endsWith(a) || r.query.includes(a));
    expect(lastA.length).to.be.greaterThan(0);
  });

  it('many elements for the same runs share one request per tick', async () => {
    const sb = await newSandbox();
    const ids = sb.seed.runs.running.slice(0, 5);
    const root = await fixture<HTMLElement>(html`<div>
      ${Array.from({ length: 30 }, (_, i) => html`<test-run-probe base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${ids[i % 5]} poll-interval="60000"></test-run-probe>`)}
    </div>`);
    const probes = [...root.querySelectorAll<RunProbe>('test-run-probe')];
    await waitUntil(() => probes.every((p) => p.run.data), 'all shown');
    const log = await sb.requests();
    expect(log).to.have.length(1);
    expect(new URLSearchParams(log[0].query).get('filter[id]')!.split(',').sort()).to.deep.equal([...ids].sort());
    root.remove();
  });
});
