import { answerText as sandboxAnswerText } from '../../../sandbox/conversation.ts';
import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/recrubo-conversation/define.js';
import type { MessageSentDetail } from '../../../src/shared/events.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import {
  isWebKit,
  typeText,
  api,
  bubbleTexts,
  bubbles,
  log,
  mount,
  newRun,
  offsetOf,
  pretendVisible,
  root,
  stopPretending,
  text,
  unmountAll,
  until,
  type ConversationEl,
} from './helpers.js';

// What the sandbox's candidate writes for an answer (an appointment as a date in the flow's language, a yes/no as
// the option's label: the docs' flow is Dutch).
const answerText = (v: unknown) => sandboxAnswerText(v === 'yes' ? 'Ja' : v === 'no' ? 'Nee' : v, 'nl');
const serverMessages = async (sb: TestSandbox, threadId: string) =>
  (await api(sb, 'GET', `messages?filter[messageThreadId]=${threadId}&page[size]=100`)).doc.data as {
    id: string;
    attributes: { payload: { text?: { value: string } } };
  }[];
const postsOf = async (sb: TestSandbox) =>
  (await sb.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));

describe('<recrubo-conversation> live against the sandbox', function () {
  this.timeout(120000);
  beforeEach(pretendVisible);
  afterEach(() => {
    unmountAll();
    stopPretending();
  });

  it("a run walked to finished: the bot's invitation and questions, and answers that equal the run's state", async () => {
    const sb = await newSandbox({ speed: 10 });
    const { runId } = await newRun(sb);
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation run-id=${runId} poll-interval="100" base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    let run = (await api(sb, 'GET', `flow-runs/${runId}`)).doc.data.attributes;
    for (let i = 0; i < 600 && run.status !== 'finished'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await api(sb, 'GET', `flow-runs/${runId}`)).doc.data.attributes;
    }
    expect(run.status).to.equal('finished');
    const expected = Object.values(run.state as Record<string, unknown>).map(answerText);
    const inbound = () =>
      bubbles(el)
        .filter((b) => b.classList.contains('in'))
        .map((b) => text(b.querySelector('[part~="text"]')));
    await until(
      () => JSON.stringify(inbound()) === JSON.stringify(expected),
      `answers ${JSON.stringify(expected)} (shown ${JSON.stringify(inbound())})`,
    );
    // The invitation: the docs' template, rendered from its text with "John".
    await until(
      () => bubbleTexts(el)[0]?.includes('John') && !bubbleTexts(el)[0].includes('{{1}}'),
      `template text (now "${bubbleTexts(el)[0]}")`,
    );
    expect(bubbles(el).filter((b) => b.classList.contains('out')).length).to.be.above(1);
    await expect(el).to.be.accessible();
  });

  it('sends with Enter: one POST, shown at once as sending, then its server status, once, even when the poll is retried', async () => {
    const sb = await newSandbox({ speed: 10 });
    const threadId = sb.seed.conversations.long; // the candidate wrote 2 h ago: the window is open
    const sent: MessageSentDetail[] = [];
    const wrap =
      await mount<HTMLElement>(html`<div @recrubo-message-sent=${(e: CustomEvent<MessageSentDetail>) => sent.push(e.detail)}>
      <recrubo-conversation composer sender-name="Sanne" message-thread-id=${threadId} poll-interval="100" base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>
      <recrubo-conversation message-thread-id=${threadId} poll-interval="100" base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>
    </div>`);
    const [el, other] = [...wrap.querySelectorAll<ConversationEl>('recrubo-conversation')];
    await until(() => !!root(el).querySelector('textarea'), 'reply box');
    await until(() => bubbles(el).length > 0 && bubbles(other).length > 0, 'history');
    const area = root(el).querySelector('textarea')!;
    area.focus();
    await typeText('Line one');
    if (isWebKit) {
      // No held Shift over WebDriver: the keydown itself, and the new line it would type.
      const ev = new KeyboardEvent('keydown', {
        key: 'Enter',
        shiftKey: true,
        bubbles: true,
        composed: true,
        cancelable: true,
      });
      area.dispatchEvent(ev);
      expect(ev.defaultPrevented, 'Shift+Enter is left to the text area').to.equal(false);
      area.setRangeText('\n', area.value.length, area.value.length, 'end');
      area.dispatchEvent(new Event('input'));
    } else {
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
    }
    await typeText('line two');
    expect(area.value).to.equal('Line one\nline two');
    expect(await postsOf(sb)).to.have.length(0);
    await sendKeys({ press: 'Enter' });
    expect(area.value, 'the box is free for the next message').to.equal('');
    const mine = () =>
      bubbles(el).filter((b) => text(b.querySelector('[part~="text"]')) === 'Line one\nline two'.replace(/\s+/g, ' '));
    await until(() => mine().length === 1, 'shown at once');
    await until(() => sent.length === 1, 'recrubo-message-sent');
    expect(sent[0].message.deliveryStatus).to.equal('accepted');
    expect(sent[0].message.sendBy).to.equal('Sanne');
    // Then the next poll answers fail twice (the client retries them): the message stays once.
    await sb.setFaults({ errorRate: 1, count: 2 });
    await until(() => mine()[0]?.dataset.status === 'read', `read (now ${mine()[0]?.dataset.status})`);
    const inOther = () => bubbles(other).filter((b) => b.dataset.messageId === sent[0].message.id);
    await until(
      () => inOther().length === 1 && inOther()[0].dataset.status === 'read',
      'the other element shows it too',
    );
    await new Promise((r) => setTimeout(r, 400)); // a few more polls: still once
    expect(mine()).to.have.length(1);
    expect(inOther()).to.have.length(1);
    expect(await postsOf(sb)).to.have.length(1);
    const onServer = (await serverMessages(sb, threadId)).filter(
      (m) => m.attributes.payload.text?.value === 'Line one\nline two',
    );
    expect(onServer).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('one poll per tick for the thread, however many elements show it', async () => {
    const sb = await newSandbox({ speed: 1 });
    const threadId = sb.seed.conversations.long;
    const wrap = await mount<HTMLElement>(html`<div>
      ${[0, 1, 2, 3, 4].map(() => html`<recrubo-conversation message-thread-id=${threadId} poll-interval="200" base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`)}
    </div>`);
    const els = [...wrap.querySelectorAll<ConversationEl>('recrubo-conversation')];
    await until(() => els.every((e) => bubbles(e).length > 0), 'all shown');
    await new Promise((r) => setTimeout(r, 300));
    await sb.clearRequests();
    await new Promise((r) => setTimeout(r, 1000)); // five ticks (this test counts per time)
    const gets = (await sb.requests()).filter((r) => r.method === 'GET' && r.path.endsWith('/messages'));
    expect(gets.length).to.be.within(3, 7);
  });

  it('a send that fails keeps the text and sends the same message again on "Send again"', async () => {
    const sb = await newSandbox({ speed: 10 });
    const threadId = sb.seed.conversations.long;
    // No poll between the fault and the POST: the fault must hit the POST.
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation composer message-thread-id=${threadId} poll-interval="600000" base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    await until(() => !!root(el).querySelector('textarea') && bubbles(el).length > 0, 'reply box and history');
    const area = root(el).querySelector('textarea')!;
    area.focus();
    await typeText('Are you still there?');
    // The POST gets a 500. (Not a dropped connection: browsers themselves re-send a request whose reused
    // keep-alive connection closed without an answer, which is what the Idempotency-Key is for.)
    await sb.setFaults({ errorRate: 1, count: 1 });
    root(el).querySelector<HTMLButtonElement>('[part~="send"]')!.click();
    const failed = () => root(el).querySelector<HTMLElement>('li.pending[data-status="failed"]');
    await until(() => !!failed(), 'shown as not sent');
    const posts = await postsOf(sb);
    expect(
      posts.map((r) => r.status),
      'one POST, not retried by itself',
    ).to.deep.equal([500]);
    expect(text(failed()!.querySelector('[part~="text"]'))).to.equal('Are you still there?');
    expect(text(failed())).to.contain('Not sent');
    await expect(el).to.be.accessible();
    const again = [...failed()!.querySelectorAll('button')].find((b) => text(b) === 'Send again')!;
    again.focus();
    await sendKeys({ press: 'Enter' });
    await until(
      () =>
        !failed() &&
        bubbles(el).some(
          (b) => !b.classList.contains('pending') && text(b.querySelector('[part~="text"]')) === 'Are you still there?',
        ),
      'sent after the retry',
    );
    const onServer = (await serverMessages(sb, threadId)).filter(
      (m) => m.attributes.payload.text?.value === 'Are you still there?',
    );
    expect(onServer).to.have.length(1);
  });

  it('the answer to a send is lost after the server sent it: the retry (same Idempotency-Key) sends nothing twice', async () => {
    const sb = await newSandbox({ speed: 10 });
    const threadId = sb.seed.conversations.long;
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation composer message-thread-id=${threadId} poll-interval="600000" base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    await until(() => !!root(el).querySelector('textarea') && bubbles(el).length > 0, 'reply box and history');
    root(el).querySelector('textarea')!.focus();
    await typeText('Shall we call tomorrow?');
    await sb.setFaults({ dropAfterRate: 1, count: 1 }); // the message is created, then the connection closes unanswered
    await sendKeys({ press: 'Enter' });
    const failed = () => root(el).querySelector<HTMLElement>('li.pending[data-status="failed"]');
    const shown = () =>
      bubbles(el).filter(
        (b) =>
          !b.classList.contains('pending') && text(b.querySelector('[part~="text"]')) === 'Shall we call tomorrow?',
      );
    await until(() => !!failed() || shown().length > 0, 'failed, or re-sent by the browser itself');
    if (failed()) {
      [...failed()!.querySelectorAll('button')].find((b) => text(b) === 'Send again')!.click();
      await until(() => !failed() && shown().length === 1, 'sent after the retry');
    }
    const onServer = (await serverMessages(sb, threadId)).filter(
      (m) => m.attributes.payload.text?.value === 'Shall we call tomorrow?',
    );
    expect(onServer, 'one message, however the answer was lost').to.have.length(1);
    expect(shown()).to.have.length(1);
  });

  it('Enter while an input method composes does not send', async () => {
    const sb = await newSandbox({ speed: 10 });
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation composer message-thread-id=${sb.seed.conversations.long} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    await until(() => !!root(el).querySelector('textarea'), 'reply box');
    const area = root(el).querySelector('textarea')!;
    area.value = 'こんにちは';
    area.dispatchEvent(new Event('input'));
    area.dispatchEvent(new CompositionEvent('compositionstart'));
    area.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }),
    );
    // Safari: the committing Enter comes with isComposing false but keyCode 229.
    area.dispatchEvent(
      new KeyboardEvent('keydown', {
        key: 'Enter',
        keyCode: 229,
        bubbles: true,
        cancelable: true,
      } as KeyboardEventInit),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await postsOf(sb)).to.have.length(0);
    expect(area.value).to.equal('こんにちは');
    area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await until(() => area.value === '', 'sent after the composition');
    await until(() => bubbles(el).some((b) => text(b.querySelector('[part~="text"]')) === 'こんにちは'), 'shown');
  });

  it("outside the 24-hour window: the sandbox's failed free text shows its reason, and the composer explains", async () => {
    const sb = await newSandbox({ speed: 10 });
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation composer message-thread-id=${sb.seed.conversations.stale} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    await until(() => !!root(el).querySelector('[part~="composer"] [part~="window"]'), 'window note');
    expect(root(el).querySelector('textarea')).to.equal(null);
    expect(text(root(el).querySelector('[part~="window"]'))).to.contain(
      'WhatsApp delivers a free text only within 24 hours',
    );
    const failed = bubbles(el).filter((b) => b.dataset.status === 'failed');
    expect(failed.length).to.be.above(0);
    expect(text(failed[0].querySelector('[part~="error"]'))).to.match(/^Not delivered: .+/);
    await expect(el).to.be.accessible();
  });

  it('markup in texts and sender names of the XSS thread is shown as text', async () => {
    const sb = await newSandbox();
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation message-thread-id=${sb.seed.conversations.xss} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    await until(() => bubbles(el).length > 0, 'shown');
    expect(bubbleTexts(el).some((t) => t.includes('<'))).to.equal(true);
    expect(root(el).querySelector('.messages img, .messages script, .messages iframe, .messages svg')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a reader who scrolled up stays in place while a run writes new messages, and gets the pill', async () => {
    const sb = await newSandbox({ speed: 10 });
    const threadId = sb.seed.conversations.long;
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation message-thread-id=${threadId} poll-interval="100" base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    await until(() => bubbles(el).length > 20, 'history');
    const scroller = log(el);
    await until(() => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2, 'at the end');
    scroller.scrollTop = Math.max(0, scroller.scrollHeight / 3);
    scroller.dispatchEvent(new Event('scroll'));
    await new Promise((r) => setTimeout(r, 100));
    const seen = bubbles(el).find((b) => b.getBoundingClientRect().bottom > scroller.getBoundingClientRect().top)!
      .dataset.messageId!;
    const before = offsetOf(el, seen);
    const count = bubbles(el).length;
    await newRun(sb, threadId); // the bot writes again on this thread
    await until(() => bubbles(el).length > count + 1, 'new messages arrived');
    expect(Math.abs(offsetOf(el, seen) - before)).to.be.below(2);
    await until(() => !!root(el).querySelector('[part~="new-messages"]'), 'pill');
    await expect(el).to.be.accessible();
    // keyboard: the pill takes the reader to the end
    root(el).querySelector<HTMLButtonElement>('[part~="new-messages"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2, 'at the end again');
  });
});
