// Helpers of the <recrubo-inbox> tests: mounting, reading the rows and panes, the sandbox's API directly.
import { waitUntil } from '@open-wc/testing';
import type { RecruboInboxElement } from '../../../src/elements/recrubo-inbox/define.js';
import type { TestSandbox } from '../helpers/sandbox.js';

export type InboxEl = RecruboInboxElement;

export const text = (node: ParentNode | null | undefined) =>
  (node?.textContent ?? '').replace(/[\s\u200b]+/g, ' ').trim();
export const root = (el: InboxEl) => el.shadowRoot!;
export const listEl = (el: InboxEl) =>
  root(el).querySelector('recrubo-inbox-list') as HTMLElement & {
    shadowRoot: ShadowRoot;
    updateComplete: Promise<boolean>;
  };
export const viewport = (el: InboxEl) => listEl(el).shadowRoot.querySelector<HTMLElement>('[role="listbox"]')!;
/** Rendered rows in list order (the window: not every row is in the DOM). */
export const rows = (el: InboxEl) =>
  [...listEl(el).shadowRoot.querySelectorAll<HTMLElement>('[role="option"]')].sort(
    (a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')),
  );
export const rowIds = (el: InboxEl) => rows(el).map((r) => r.dataset.id!);
export const rowOf = (el: InboxEl, id: string) =>
  listEl(el).shadowRoot.querySelector<HTMLElement>(`[role="option"][data-id="${id}"]`);
export const conversationEl = (el: InboxEl) => root(el).querySelector('recrubo-conversation') as HTMLElement | null;
export const candidateEl = (el: InboxEl) =>
  root(el).querySelector('recrubo-inbox-candidate') as (HTMLElement & { shadowRoot: ShadowRoot }) | null;

export async function until(fn: () => boolean, message: string, timeout = 20000): Promise<void> {
  await waitUntil(fn, message, { timeout, interval: 25 });
}

export { mount, pretendVisible, unmountAll } from '../helpers/mount.js';

/** A JSON:API request to the tenant, with its key. */
export async function api(sb: TestSandbox, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${sb.baseUrl}/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${sb.apiKey}`,
      accept: 'application/vnd.api+json',
      ...(body ? { 'content-type': 'application/vnd.api+json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return res.status === 204 ? null : res.json();
}

/** The API requests of the tenant, matching method and path (regexp on `/public/v2/...`). */
export async function requestsOf(sb: TestSandbox, method: string, path: RegExp) {
  return (await sb.requests()).filter((r) => r.method === method && path.test(r.path));
}
/** The open conversation's header (name, number, Close / Reopen, back). */
export const headerRoot = (el: InboxEl): ShadowRoot =>
  (root(el).querySelector('recrubo-inbox-header') as HTMLElement | null)?.shadowRoot ??
  (document.createDocumentFragment() as unknown as ShadowRoot);
