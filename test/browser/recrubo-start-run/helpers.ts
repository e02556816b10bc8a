// Shared by the <recrubo-start-run> test files: mount against a private sandbox tenant, read the form the way a
// user sees it, and watch the requests the element really sends (a pass-through `fetch`: the request still goes to
// the sandbox over HTTP, the test only reads its body and headers).
import { waitUntil } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import '../../../src/elements/recrubo-start-run/define.js';
import type { RecruboStartRunElement } from '../../../src/elements/recrubo-start-run/define.js';
import type { SandboxFaults, SandboxRequest, TestSandbox } from '../helpers/sandbox.js';

export type StartRun = RecruboStartRunElement;

const mounted: HTMLElement[] = [];
export async function mount<T extends Element = StartRun>(template: TemplateResult): Promise<T> {
  const host = document.createElement('div');
  document.body.append(host);
  mounted.push(host);
  render(template, host);
  const el = host.querySelector('recrubo-start-run') as unknown as T;
  await (el as unknown as StartRun).updateComplete;
  return el;
}
export function unmountAll(): void {
  for (const host of mounted.splice(0)) host.remove();
}

export const root = (el: StartRun) => el.shadowRoot!;
export const q = <T extends Element = HTMLElement>(el: StartRun, sel: string) => root(el).querySelector<T>(sel);
export const qa = <T extends Element = HTMLElement>(el: StartRun, sel: string) => [
  ...root(el).querySelectorAll<T>(sel),
];
export const phoneInput = (el: StartRun) => q<HTMLInputElement>(el, 'input[type="tel"]');
export const valueInputs = (el: StartRun) => qa<HTMLInputElement>(el, 'input[type="text"]');
export const templateRadios = (el: StartRun) => qa<HTMLInputElement>(el, 'input[type="radio"]');
export const templateNames = (el: StartRun) => qa(el, '.template-name').map((n) => n.textContent!.trim());
export const submitButton = (el: StartRun) => q<HTMLButtonElement>(el, '[part~="submit"]')!;
export const preview = (el: StartRun) => q(el, '[data-preview]')!.textContent!.replace(/\s+/g, ' ').trim();
export const fieldErrors = (el: StartRun) => qa(el, '[part~="field-error"]').map((e) => e.textContent!.trim());
export const alertText = (el: StartRun) => q(el, '[part~="error"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const picker = (el: StartRun) =>
  q<HTMLElement & { values: string[]; updateComplete: Promise<unknown> }>(el, 'recrubo-schedule-picker');

export async function untilForm(el: StartRun): Promise<void> {
  await waitUntil(() => q(el, 'form') || q(el, '[part~="error"]'), 'the form did not load', { timeout: 15000 });
  await el.updateComplete;
}

export async function untilDone(el: StartRun): Promise<void> {
  await waitUntil(() => q(el, '[part~="done"]'), `no success panel; error: ${alertText(el)}`, { timeout: 15000 });
}

/** Types into an input as a user would: value, then an `input` event. */
export async function type(el: StartRun, input: HTMLInputElement | null, text: string): Promise<void> {
  if (!input) throw new Error('no such input');
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export async function chooseTemplate(el: StartRun, templateId: string): Promise<void> {
  const radio = templateRadios(el).find((r) => r.value === templateId);
  if (!radio) throw new Error(`template ${templateId} is not offered`);
  radio.click();
  await el.updateComplete;
}

/** Picks the first `n` schedules in the embedded picker by clicking them, as a user would; returns their ids. */
export async function chooseSchedules(el: StartRun, n: number): Promise<string[]> {
  const p = picker(el);
  if (!p) throw new Error('no schedule picker');
  await waitUntil(
    () => (p.shadowRoot?.querySelectorAll('[role="option"]').length ?? 0) >= n,
    'the picker has too few options',
    { timeout: 10000 },
  );
  const options = [...p.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].slice(0, n);
  for (const option of options) {
    option.click();
    await p.updateComplete;
  }
  await el.updateComplete;
  return [...p.values];
}

export interface Sent {
  method: string;
  path: string;
  body?: any;
  headers: Headers;
}

/**
 * A `fetch` for the element that hands every request to the real one (so it reaches the sandbox) and records what
 * was sent. `before` runs before a request goes out, e.g. to switch a sandbox fault on for exactly that request;
 * `after` once it is over (the browser may itself re-send a request whose connection dropped).
 */
export function recordingFetch(
  before?: (req: Sent) => Promise<void> | void,
  after?: (req: Sent) => Promise<void> | void,
): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const text = request.method === 'GET' ? '' : await request.clone().text();
    const entry: Sent = {
      method: request.method,
      path: new URL(request.url).pathname.replace(/^.*\/public\/v2/, ''),
      body: text ? JSON.parse(text) : undefined,
      headers: request.headers,
    };
    sent.push(entry);
    await before?.(entry);
    try {
      return await fetch(request);
    } finally {
      await after?.(entry);
    }
  };
  return { fetch: wrapped, sent };
}

/**
 * A recording fetch under which the first `method path` request (path below /public/v2) meets `faults` at the
 * sandbox: switched on right before it goes out, off once it is over (a re-send by the browser itself, inside that
 * same fetch, meets them too), so that the element's own retry afterwards goes through.
 */
export function faultOnFirst(sb: TestSandbox, method: string, path: string, faults: SandboxFaults) {
  let phase: 'before' | 'faulty' | 'over' = 'before';
  return recordingFetch(
    async (req) => {
      if (phase !== 'before' || req.method !== method || req.path !== path) return;
      phase = 'faulty';
      await sb.setFaults(faults);
    },
    async () => {
      if (phase !== 'faulty') return;
      phase = 'over';
      await sb.setFaults({});
    },
  );
}

export const count = (requests: SandboxRequest[], method: string, path: string, status?: number) =>
  requests.filter(
    (r) => r.method === method && r.path === `/public/v2/${path}` && (status === undefined || r.status === status),
  ).length;

export async function serverGet(sb: TestSandbox, path: string): Promise<any> {
  const res = await fetch(`${sb.baseUrl}/${path}`, {
    headers: { Authorization: `Bearer ${sb.apiKey}`, Accept: 'application/vnd.api+json' },
  });
  return res.json();
}
