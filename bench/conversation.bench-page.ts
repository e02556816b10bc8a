// The page side of conversation.bench.mjs: a <recrubo-conversation> with 2,000 messages given as a property (the
// windowed default and, for comparison, every message in the DOM), and 20 live elements over 5 threads.
import '../src/elements/recrubo-conversation/define.js';
import type { Message } from '../src/api/index.js';
import type { RecruboConversationElement } from '../src/elements/recrubo-conversation/define.js';

function messages(count: number): Message[] {
  const end = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(end - (count - i) * 90_000).toISOString();
    return {
      id: `m${i}`,
      sendBy: i % 2 ? 'Candidate' : 'Recrubo',
      origin: i % 2 ? 'inbound' : 'outbound',
      messageThreadId: 't',
      payload: {
        type: 'text',
        text: { value: `Message ${i}: ${'a fairly ordinary sentence of a chat '.repeat(1 + (i % 4))}` },
      },
      deliveryStatus: 'read',
      errorMessages: [],
      createdAt: at,
      updatedAt: at,
    };
  });
}

const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
let mounted: HTMLElement[] = [];

declare global {
  interface Window {
    benchRender(s: { count: number; all: boolean }): Promise<{ ms: number; inDom: number }>;
    benchLive(s: {
      baseUrl: string;
      apiKey: string;
      threadIds: string[];
      elements: number;
      interval: number;
    }): Promise<number>;
    benchUnmount(): void;
  }
}

window.benchRender = async ({ count, all }) => {
  const list = messages(count);
  await frame();
  const t0 = performance.now();
  const el = document.createElement('recrubo-conversation') as RecruboConversationElement;
  el.messages = list;
  // `windowSize` is the element's private state: the bench compares the window with every message rendered.
  if (all) (el as unknown as { windowSize: number }).windowSize = count;
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  el.shadowRoot!.querySelector('.log')!.getBoundingClientRect(); // layout included
  await frame();
  return { ms: performance.now() - t0, inDom: el.shadowRoot!.querySelectorAll('li.message').length };
};

window.benchLive = async ({ baseUrl, apiKey, threadIds, elements, interval }) => {
  const t0 = performance.now();
  const els: RecruboConversationElement[] = [];
  for (let i = 0; i < elements; i++) {
    const el = document.createElement('recrubo-conversation') as RecruboConversationElement;
    el.setAttribute('base-url', baseUrl);
    el.setAttribute('api-key', apiKey);
    el.setAttribute('poll-interval', String(interval));
    el.setAttribute('message-thread-id', threadIds[i % threadIds.length]!);
    document.body.append(el);
    els.push(el);
  }
  mounted.push(...els);
  const shown = () => els.every((el) => el.shadowRoot?.querySelector('li.message, .note'));
  while (!shown()) await new Promise((r) => setTimeout(r, 20));
  return performance.now() - t0;
};

window.benchUnmount = () => {
  for (const el of mounted) el.remove();
  mounted = [];
};
