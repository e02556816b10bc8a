// The React wrappers (recrubo-elements/react, from dist/react/index.js) rendered by react-dom 19 in a real browser
// against the sandbox; plus React 19's own custom-element support that src/react/jsx.ts types.
// React is CommonJS, so scripts/vendor-react.mjs prebundles React, react-dom and the built wrappers into
// ./vendor/react-bundle.js first (npm test runs it after the build).
import { expect, waitUntil } from '@open-wc/testing';
import type { RunStatusChangeDetail } from '../../../src/shared/events.js';
import { newSandbox } from '../helpers/sandbox.js';
import { importUrl, runLabel, untilRunLabel } from './helpers.js';

const VENDOR_URL = new URL('./vendor/react-bundle.js', import.meta.url).href;

interface Vendor {
  React: { createElement: (...args: any[]) => unknown };
  createRoot: (el: Element) => { render(node: unknown): void; unmount(): void };
  flushSync: (fn: () => void) => void;
  wrappers: Record<string, any>;
}

describe('React wrappers', () => {
  let vendor: Vendor;
  let container: HTMLElement;
  let root: ReturnType<Vendor['createRoot']> | undefined;

  before(async () => {
    const res = await fetch(VENDOR_URL, { method: 'HEAD', cache: 'no-store' });
    if (!res.ok)
      throw new Error(
        'test/browser/packaging/vendor/react-bundle.js is missing: run `npm run build && node scripts/vendor-react.mjs` (npm test does).',
      );
    vendor = (await importUrl(VENDOR_URL)) as unknown as Vendor;
  });

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    if (root) vendor.flushSync(() => root!.unmount());
    root = undefined;
    container.remove();
  });

  it('<RecruboFlowRunStatus> renders the element, passes props, and delivers recrubo-run-status-change to onRecruboRunStatusChange', async function () {
    this.timeout(30000);
    const { React, createRoot, flushSync, wrappers } = vendor;
    expect(wrappers.RecruboFlowRunStatus, 'the wrapper is exported').to.be.an('object');
    const sb = await newSandbox();
    const runId = sb.seed.runs.finished[0];
    const events: RunStatusChangeDetail[] = [];
    const errors: unknown[] = [];
    root = createRoot(container);
    flushSync(() =>
      root!.render(
        React.createElement(wrappers.RecruboFlowRunStatus, {
          runId,
          baseUrl: sb.baseUrl,
          apiKey: sb.apiKey,
          static: true,
          variant: 'card',
          onRecruboRunStatusChange: (e: CustomEvent<RunStatusChangeDetail>) => events.push(e.detail),
          onRecruboError: (e: CustomEvent) => errors.push(e.detail),
        }),
      ),
    );
    const el = container.querySelector('recrubo-flow-run-status')!;
    expect(el, 'the custom element is in the DOM').to.exist;
    expect(customElements.get('recrubo-flow-run-status'), 'importing the wrapper registered the element').to.be.a(
      'function',
    );
    expect(el.getAttribute('api-key'), 'the key is set as a property, not reflected').to.equal(null);
    await waitUntil(() => events.length > 0, 'the status event reached the React prop', { timeout: 15000 });
    expect(events[0]).to.include({ runId, status: 'finished', previousStatus: null, terminal: true });
    expect(errors).to.deep.equal([]);
    await untilRunLabel(el, 'Finished · accepted');
    await expect(el).to.be.accessible();
    const log = await sb.requests();
    expect(log.some((r) => r.method === 'GET' && r.path.includes('/flow-runs'))).to.equal(true);
  });

  it('a new prop value from React reaches the element (run-id changes → the new run is shown)', async function () {
    this.timeout(30000);
    const { React, createRoot, flushSync, wrappers } = vendor;
    const sb = await newSandbox();
    const seen: string[] = [];
    const render = (runId: string) =>
      flushSync(() =>
        root!.render(
          React.createElement(wrappers.RecruboFlowRunStatus, {
            runId,
            baseUrl: sb.baseUrl,
            apiKey: sb.apiKey,
            static: true,
            onRecruboRunStatusChange: (e: CustomEvent<RunStatusChangeDetail>) => seen.push(e.detail.status),
          }),
        ),
      );
    root = createRoot(container);
    render(sb.seed.runs.finished[0]);
    const el = container.querySelector('recrubo-flow-run-status')!;
    await untilRunLabel(el, 'Finished · accepted');
    render(sb.seed.runs.cancelled[0]);
    await untilRunLabel(el, 'Cancelled');
    await waitUntil(() => seen.includes('cancelled'), 'the event for the new run');
    expect(container.querySelectorAll('recrubo-flow-run-status').length, 'the same element, updated').to.equal(1);
  });

  it('React 19 without the wrapper: <recrubo-flow-run-status run-id … onrecrubo-run-status-change> (what react/jsx types)', async function () {
    this.timeout(30000);
    const { React, createRoot, flushSync } = vendor;
    const sb = await newSandbox();
    const runId = sb.seed.runs.timeout[0];
    const events: RunStatusChangeDetail[] = [];
    root = createRoot(container);
    flushSync(() =>
      root!.render(
        React.createElement('recrubo-flow-run-status', {
          'run-id': runId,
          baseUrl: sb.baseUrl,
          apiKey: sb.apiKey,
          static: true,
          'onrecrubo-run-status-change': (e: CustomEvent<RunStatusChangeDetail>) => events.push(e.detail),
        }),
      ),
    );
    const el = container.querySelector('recrubo-flow-run-status')!;
    await waitUntil(() => events.length > 0, 'the event reached the listener React added', { timeout: 15000 });
    expect(events[0]).to.include({ runId, status: 'timeout' });
    expect(runLabel(el)).to.equal('Timed out');
    expect(el.hasAttribute('api-key'), 'React 19 set apiKey as a property').to.equal(false);
  });
});
