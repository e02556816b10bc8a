// Helpers of the <recrubo-conversation> tests: fixture messages in Recrubo's documented shapes, reading the DOM.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Message } from '../../../src/api/index.js';
import type { RecruboConversationElement } from '../../../src/elements/recrubo-conversation/define.js';
import type { TestSandbox } from '../helpers/sandbox.js';

export type ConversationEl = RecruboConversationElement;

export const text = (node: ParentNode | null | undefined) =>
  (node?.textContent ?? '').replace(/[\s\u200b]+/g, ' ').trim();
export const root = (el: ConversationEl) => el.shadowRoot!;
export const log = (el: ConversationEl) => root(el).querySelector<HTMLElement>('.log')!;
export const bubbles = (el: ConversationEl) => [...root(el).querySelectorAll<HTMLElement>('li.message')];
export const bubbleTexts = (el: ConversationEl) => bubbles(el).map((b) => text(b.querySelector('[part~="text"]')));

/** The Sending-messages guide's text payload and the Message resource's template payload, as documented. */
export const DOCS_TEXT_PAYLOAD = { type: 'text', text: { value: 'Hi, how are you!' } };
export const DOCS_TEMPLATE_PAYLOAD = {
  type: 'template',
  template: {
    id: '7f9a9715-5e7c-4328-ab47-bb9e595438c9',
    components: [{ type: 'body', parameters: [{ type: 'text', text: 'John' }] }],
  },
};

let n = 0;
/** A message `minutes` after `start`, inbound or outbound. */
export function msg(
  start: number,
  minutes: number,
  origin: 'inbound' | 'outbound',
  value: string,
  extra: Partial<Message> = {},
): Message {
  const at = new Date(start + minutes * 60_000).toISOString();
  return {
    id: `m-${(n++).toString().padStart(6, '0')}`,
    sendBy: origin === 'inbound' ? 'Candidate' : 'Recrubo',
    origin,
    messageThreadId: 'thread-fixture',
    payload: { type: 'text', text: { value } },
    deliveryStatus: origin === 'inbound' ? 'delivered' : 'read',
    errorMessages: [],
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

/** `count` messages a minute apart, alternating, ending now. */
export function conversation(count: number, end = Date.now()): Message[] {
  const start = end - count * 60_000;
  return Array.from({ length: count }, (_, i) => msg(start, i, i % 2 ? 'inbound' : 'outbound', `Message number ${i}`));
}

export { mount, pretendVisible, stopPretending, unmountAll } from '../helpers/mount.js';

export const headers = (sb: TestSandbox) => ({
  Authorization: `Bearer ${sb.apiKey}`,
  Accept: 'application/vnd.api+json',
  'Content-Type': 'application/vnd.api+json',
});

export async function api(
  sb: TestSandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; doc: any }> {
  const res = await fetch(`${sb.baseUrl}/${path}`, {
    method,
    headers: headers(sb),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const t = await res.text();
  return { status: res.status, doc: t ? JSON.parse(t) : undefined };
}

/** A run that opens with the docs' template, on `threadId` or on a new WhatsApp thread, as an ATS creates them. */
export async function newRun(sb: TestSandbox, threadId?: string): Promise<{ threadId: string; runId: string }> {
  if (!threadId) {
    const thread = await api(sb, 'POST', 'message-threads', {
      data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier: '31612345678' } },
    });
    expect(thread.status, JSON.stringify(thread.doc)).to.equal(201);
    threadId = thread.doc.data.id as string;
  }
  const run = await api(sb, 'POST', 'flow-runs', {
    data: {
      type: 'flowRuns',
      attributes: {
        flowId: sb.seed.flows[0],
        messageThreadId: threadId,
        state: {},
        initialMessage: DOCS_TEMPLATE_PAYLOAD,
      },
    },
  });
  expect(run.status, JSON.stringify(run.doc)).to.equal(201);
  return { threadId, runId: run.doc.data.id as string };
}

export const until = (fn: () => boolean, what: string, timeout = 20000) =>
  waitUntil(fn, what, { timeout, interval: 25 });

/** Where the message with this id sits, in px from the top of the list's visible area. */
export function offsetOf(el: ConversationEl, id: string): number {
  const b = bubbles(el).find((x) => x.dataset.messageId === id)!;
  return b.getBoundingClientRect().top - log(el).getBoundingClientRect().top;
}

/** One `sendKeys` per character: within one `type`, WebKitWebDriver drops some keys (a space, a repeated letter). */
export async function typeText(text: string): Promise<void> {
  for (const char of text) await sendKeys({ type: char });
}

/** WebKitGTK's MiniBrowser over WebDriver: `sendKeys` knows `press` and `type` only (no held modifiers). */
export const isWebKit =
  /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Chromium|HeadlessChrome/.test(navigator.userAgent);
