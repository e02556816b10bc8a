// Helpers of the flow editor's tests: mount against a test's own tenant, read the editor's fields, act on the
// sandbox straight through its API (a colleague editing the same flow, a candidate's run), and a fetch that keeps
// the bodies the editor sent (the element's own `fetch` property: the real request still goes to the sandbox).
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-flow-editor/define.js';
import type { RecruboFlowEditorElement } from '../../../src/elements/recrubo-flow-editor/define.js';
import type { TestSandbox } from '../helpers/sandbox.js';
import { $, $$, textOf } from '../helpers/dom.js';

export { $, $$, textOf };

export const headers = (sb: TestSandbox) => ({
  authorization: `Bearer ${sb.apiKey}`,
  'content-type': 'application/vnd.api+json',
  accept: 'application/vnd.api+json',
});

export interface Sent {
  method: string;
  url: string;
  body: unknown;
}

/** A fetch that records what the element sends, then sends it. */
export function recordingFetch(): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const record: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    const text = req.method === 'GET' ? '' : await req.clone().text();
    sent.push({ method: req.method, url: req.url, body: text ? JSON.parse(text) : undefined });
    return fetch(req);
  };
  return { fetch: record, sent };
}

export async function mount(sb: TestSandbox, flowId: string, opts: { lang?: string; fetch?: typeof fetch } = {}) {
  const el = await fixture<RecruboFlowEditorElement>(
    html`<recrubo-flow-editor
      base-url=${sb.baseUrl}
      api-key=${sb.apiKey}
      flow-id=${flowId}
      lang=${opts.lang ?? 'en'}
      .fetch=${opts.fetch}
    ></recrubo-flow-editor>`,
  );
  await loaded(el);
  return el;
}

export async function loaded(el: RecruboFlowEditorElement, timeout = 15000): Promise<void> {
  await waitUntil(() => $(el, '[part~="toolbar"]') || $(el, '[part~="error"]'), 'the editor loaded', { timeout });
  await el.updateComplete;
}

/** The field elements, in the order shown. */
export const fields = (el: RecruboFlowEditorElement) => $$(el, 'recrubo-flow-editor-field');

/** The field of a resource (`flows:<id>` / `nodeActions:<id>`) and a field name (`text`, `options/0`, `name`). */
export function field(
  el: RecruboFlowEditorElement,
  key: string,
  name = 'text',
): HTMLElement & { value: string; messages: string[]; unknown: string[]; updateComplete: Promise<boolean> } {
  const f = $(el, `[data-field="${key}|${name}"]`);
  if (!f) throw new Error(`no field ${key}|${name}`);
  return f as never;
}

/** The input inside a field. */
export const inputOf = (f: Element) =>
  f.shadowRoot!.querySelector('input, textarea') as HTMLInputElement | HTMLTextAreaElement;

/** Types into a field the way the browser reports it: the value, then an input event. */
export async function typeInto(el: RecruboFlowEditorElement, f: Element, value: string): Promise<void> {
  const input = inputOf(f);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  await (f as unknown as { updateComplete: Promise<unknown> }).updateComplete;
}

export interface ApiAction {
  id: string;
  nodeId: string;
  subType: string;
  actionType: string;
  value: Record<string, any>;
  updatedAt: string;
}

/** The flow's node actions in node order, straight from the API. */
export async function actionsOf(sb: TestSandbox, flowId: string): Promise<ApiAction[]> {
  const res = await fetch(`${sb.baseUrl}/flows/${flowId}?include=nodes.nodeActions`, { headers: headers(sb) });
  const doc = await res.json();
  const nodes = doc.included
    .filter((r: any) => r.type === 'nodes')
    .sort((a: any, b: any) => a.attributes.index - b.attributes.index);
  return nodes.map((n: any) => {
    const a = doc.included.find((r: any) => r.type === 'nodeActions' && r.attributes.nodeId === n.id);
    return { id: a.id, ...a.attributes };
  });
}

/** A PATCH straight to the API (someone else, or the test setting up a text). */
export async function patchAction(sb: TestSandbox, id: string, value: unknown): Promise<Response> {
  return fetch(`${sb.baseUrl}/node-actions/${id}`, {
    method: 'PATCH',
    headers: headers(sb),
    body: JSON.stringify({ data: { type: 'nodeActions', id, attributes: { value } } }),
  });
}

export const patches = async (sb: TestSandbox) => (await sb.requests()).filter((r) => r.method === 'PATCH');

/** Waits until the editor is neither saving nor holding a save under way. */
export async function settled(el: RecruboFlowEditorElement): Promise<void> {
  await waitUntil(() => !textOf($(el, '[part~="status"]')).startsWith('Saving'), 'the save finished', {
    timeout: 15000,
  });
  await el.updateComplete;
}
