import { fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { RecruboApplyElement } from '../../../src/elements/recrubo-apply/define.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';

export type Apply = RecruboApplyElement;

/** A private sandbox tenant with its own apply endpoint (mounted by web-test-runner.config.mjs). */
export async function newApplyEndpoint(
  config: { mode?: 'invite'; rateLimit?: Record<string, unknown> } = {},
  speed = 2000,
) {
  const sb = await newSandbox({ speed });
  const res = await fetch(`/__apply/${sb.tenant}/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  if (res.status !== 204) throw new Error(`apply config: ${res.status}`);
  return { sb, url: `${location.origin}/__apply/${sb.tenant}/apply` };
}

export const shadow = (el: Apply) => el.shadowRoot!;
export const $ = <T extends Element = HTMLElement>(el: Apply, selector: string) =>
  shadow(el).querySelector<T>(selector);
export const phoneInput = (el: Apply) => $<HTMLInputElement>(el, 'input[type=tel]')!;
export const consentBox = (el: Apply) => $<HTMLInputElement>(el, 'input[type=checkbox]')!;
export const submitButton = (el: Apply) => $<HTMLButtonElement>(el, 'button[type=submit]')!;
export const text = (el: Apply) => shadow(el).textContent!.replace(/\s+/g, ' ');

export async function mountApply(template: TemplateResult): Promise<Apply> {
  const el = await fixture<Apply>(template);
  await el.updateComplete;
  return el;
}

/** What a user types: value set and an input event, as the browser would on typing (for non-keyboard tests). */
export async function typeInto(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

export async function fillAndSubmit(el: Apply, phone: string, consent = true) {
  await typeInto(phoneInput(el), phone);
  if (consent !== consentBox(el).checked) consentBox(el).click();
  submitButton(el).click();
  await el.updateComplete;
}

export const done = (el: Apply) =>
  waitUntil(() => $(el, '[part=done]'), 'the done panel did not appear', { timeout: 10000 });

export async function posts(sb: TestSandbox, path: string): Promise<number> {
  return (await sb.requests()).filter((r) => r.method === 'POST' && r.path.endsWith(path)).length;
}

export function clearSessions() {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('recrubo-apply:')) sessionStorage.removeItem(key);
}
