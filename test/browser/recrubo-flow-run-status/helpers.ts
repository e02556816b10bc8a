// Small helpers shared by the <recrubo-flow-run-status> tests: reading what the user sees, and the sandbox side.
import { waitUntil } from '@open-wc/testing';
import { render, type ReactiveElement, type TemplateResult } from 'lit';
import type { RecruboFlowRunStatusElement } from '../../../src/elements/recrubo-flow-run-status/define.js';
import type { SandboxRequest, TestSandbox } from '../helpers/sandbox.js';

export type RunStatusEl = RecruboFlowRunStatusElement;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const text = (node: ParentNode | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The status label the user sees in the badge ('' while loading). */
export const labelOf = (el: RunStatusEl) => text(el.shadowRoot!.querySelector('[part~="label"]'));

export const badgeOf = (el: RunStatusEl) => el.shadowRoot!.querySelector<HTMLElement>('[part~="badge"]');

export const untilLabel = (el: RunStatusEl, label: string, timeout = 20000) =>
  waitUntil(() => labelOf(el) === label, `label "${label}" (now "${labelOf(el)}")`, { timeout });

export const untilShown = (els: RunStatusEl[], timeout = 20000) =>
  waitUntil(() => els.every((el) => labelOf(el) !== ''), 'every element shows a status', { timeout });

export const idsOf = (r: SandboxRequest) => new URLSearchParams(r.query).get('filter[id]')?.split(',') ?? [];

/** Every run id a logged request asked for (a batch, or a single GET). */
export const runIdsAsked = (log: SandboxRequest[]) =>
  log.flatMap((r) => {
    if (r.path.endsWith('/flow-runs')) return idsOf(r);
    const m = /\/flow-runs\/([^/]+)$/.exec(r.path);
    return m ? [decodeURIComponent(m[1])] : [];
  });

const headers = (sb: TestSandbox) => ({
  Authorization: `Bearer ${sb.apiKey}`,
  Accept: 'application/vnd.api+json',
  'Content-Type': 'application/vnd.api+json',
});

/** A new run, created the way an ATS would (a plain POST), queued at first. */
export async function createRun(sb: TestSandbox, state: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(`${sb.baseUrl}/flow-runs`, {
    method: 'POST',
    headers: headers(sb),
    body: JSON.stringify({
      data: {
        type: 'flowRuns',
        attributes: { flowId: sb.seed.flows[0], messageThreadId: sb.seed.messageThreads[0], state, initialMessage: {} },
      },
    }),
  });
  if (res.status !== 201) throw new Error(`POST flow-runs: ${res.status} ${await res.text()}`);
  return (await res.json()).data.id;
}

/** The run as the server has it now (plain GET). */
export async function serverRun(
  sb: TestSandbox,
  id: string,
): Promise<{ id: string; status: string; state: Record<string, unknown>; flowId: string; cost: number }> {
  const res = await fetch(`${sb.baseUrl}/flow-runs/${id}`, { headers: headers(sb) });
  const doc = await res.json();
  return { id: doc.data.id, ...doc.data.attributes };
}

export async function serverJson(sb: TestSandbox, path: string): Promise<any> {
  const res = await fetch(`${sb.baseUrl}/${path}`, { headers: headers(sb) });
  return res.json();
}

/**
 * Like open-wc's `fixture`, without its wait for an animation frame: test files run side by side, and a page in a
 * background tab gets no frames (nor, in Chromium, a dialog's `close` event). Waits for Lit updates only.
 */
const mounted: HTMLElement[] = [];
export async function mount<T extends Element>(template: TemplateResult): Promise<T> {
  const host = document.createElement('div');
  document.body.append(host);
  mounted.push(host);
  render(template, host);
  const el = host.firstElementChild as T;
  await Promise.all([el, ...el.querySelectorAll('*')].map((e) => (e as Partial<ReactiveElement>).updateComplete));
  return el;
}

export function unmountAll(): void {
  for (const host of mounted.splice(0)) host.remove();
}

/**
 * The store rightly pauses polling while the page is hidden. The test runner keeps the test files that run side by
 * side in background tabs (Chromium reports them hidden), so tests about polling pretend to be in front.
 * Returns a function that makes the page hidden (true) or visible (false) again, with a `visibilitychange`.
 */
export function pretendVisible(): (hidden: boolean) => void {
  let hidden = false;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
  return (value: boolean) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

export function stopPretending(): void {
  delete (document as { hidden?: boolean }).hidden;
  delete (document as { visibilityState?: string }).visibilityState;
}
