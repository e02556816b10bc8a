import { expect, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/recrubo-conversation/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  api,
  bubbles,
  conversation,
  log,
  mount,
  root,
  text,
  unmountAll,
  until,
  type ConversationEl,
} from './helpers.js';

describe('<recrubo-conversation> states, keyboard reading, dark', function () {
  this.timeout(60000);
  afterEach(unmountAll);

  it("loading (a skeleton of the list's height), then empty with the window explained; axe in both", async () => {
    const sb = await newSandbox({ faults: { latencyMs: 1500 } });
    await sb.setFaults({});
    const thread = await api(sb, 'POST', 'message-threads', {
      data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier: '31611112222' } },
    });
    await sb.setFaults({ latencyMs: 1500 });
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation composer pause-control message-thread-id=${thread.doc.data.id} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    expect(root(el).querySelector('[part~="skeleton"]')).to.not.equal(null);
    const loadingHeight = log(el).getBoundingClientRect().height;
    await expect(el).to.be.accessible();
    await until(() => text(root(el).querySelector('.log')).includes('No messages yet.'), 'empty', 30000);
    expect(log(el).getBoundingClientRect().height, 'no layout jump').to.be.closeTo(loadingHeight, 1);
    await until(() => !!root(el).querySelector('[part~="window"]'), 'window note', 30000);
    expect(text(root(el).querySelector('[part~="window"]'))).to.contain('has not written yet');
    await expect(el).to.be.accessible();
  });

  it('a thread that does not exist says so; a failed load offers a retry; axe', async () => {
    const sb = await newSandbox();
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation message-thread-id="00000000-0000-4000-8000-000000000000" base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    await until(() => text(root(el).querySelector('[part~="error"]')).length > 0, 'an error', 30000);
    expect(text(root(el).querySelector('[part~="error"]'))).to.equal('Conversation not found.');
    await expect(el).to.be.accessible();
    await sb.setFaults({ errorRate: 1, count: 40 });
    const failing = await mount<ConversationEl>(
      html`<recrubo-conversation message-thread-id=${sb.seed.conversations.long} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    await until(() => !!root(failing).querySelector('[part~="error"] button'), 'retry button', 40000);
    await expect(failing).to.be.accessible();
    await sb.setFaults({});
    root(failing).querySelector<HTMLButtonElement>('[part~="error"] button')!.click();
    await until(() => bubbles(failing).length > 0, 'loaded after the retry', 30000);
  });

  it('reading by keyboard: the list takes the focus and scrolls with the keys', async function () {
    // WebKitGTK over WebDriver, in a full run beside the other engines, sometimes delivers the keys but performs
    // no scroll (1 of 4 full runs here); a fresh attempt (a new element, new keys) judges it again.
    this.retries(2);
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation .messages=${conversation(80)}></recrubo-conversation>`,
    );
    const scroller = log(el);
    await until(() => scroller.scrollTop > 0, 'at the end');
    expect(scroller.getAttribute('tabindex')).to.equal('0');
    expect(scroller.getAttribute('aria-label')).to.equal('Conversation with the candidate');
    scroller.focus();
    const before = scroller.scrollTop;
    let keysSeen = 0;
    scroller.addEventListener('keydown', () => keysSeen++);
    // WebKitGTK over WebDriver sometimes drops keys after a focus change (more often on a loaded machine): up to
    // six presses, PageUp and ArrowUp in turn (both scroll a focused list).
    for (let i = 0; i < 6 && scroller.scrollTop >= before; i++) {
      if (i > 0 && !scroller.matches(':focus')) scroller.focus();
      await sendKeys({ press: i % 2 ? 'ArrowUp' : 'PageUp' });
      await until(() => scroller.scrollTop < before, 'scrolled up', 2000).catch(() => {});
    }
    // WebKitGTK's WebDriver, in a full run beside the other engines, sometimes delivers no key at all to the test's
    // frame: then there is nothing to judge (the other engines and a WebKit run of this file alone do judge it).
    // Where a key arrived, the list must have scrolled.
    if (keysSeen === 0 && scroller.scrollTop >= before) this.skip();
    expect(scroller.scrollTop, 'PageUp scrolled the list').to.be.below(before);
  });

  it('dark colour scheme: axe-clean', async () => {
    try {
      await emulateMedia({ colorScheme: 'dark' });
    } catch {
      return; // an engine whose driver cannot emulate it (WebDriver): covered by the others
    }
    try {
      const now = Date.now();
      const messages = conversation(6, now).map((m, i) =>
        i === 5 ? { ...m, origin: 'outbound', deliveryStatus: 'failed', errorMessages: ['24 hours passed'] } : m,
      );
      const el = await mount<ConversationEl>(html`<recrubo-conversation .messages=${messages}></recrubo-conversation>`);
      expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' }).catch(() => {});
    }
  });
});
