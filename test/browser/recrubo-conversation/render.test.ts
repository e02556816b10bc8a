import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-conversation/define.js';
import { announce } from '../../../src/shared/announcer.js';
import { WINDOW_SIZE } from '../../../src/elements/recrubo-conversation/recrubo-conversation.component.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  DOCS_TEMPLATE_PAYLOAD,
  DOCS_TEXT_PAYLOAD,
  bubbleTexts,
  bubbles,
  conversation,
  log,
  mount,
  msg,
  offsetOf,
  root,
  text,
  unmountAll,
  until,
  type ConversationEl,
} from './helpers.js';

const HOUR = 3_600_000;

describe('<recrubo-conversation> rendering (messages given as a property)', function () {
  this.timeout(60000);
  afterEach(unmountAll);

  it('shows inbound and outbound bubbles with sender, Intl time, delivery status and day separators', async () => {
    const now = Date.now();
    const yesterday = now - 26 * HOUR;
    const messages = [
      msg(yesterday, 0, 'outbound', 'ignored', {
        payload: DOCS_TEXT_PAYLOAD,
        sendBy: 'Recrubo',
        deliveryStatus: 'read',
      }),
      msg(yesterday, 5, 'inbound', 'Hello, I am interested'),
      msg(now, -10, 'outbound', 'Do you have a driving licence?', { deliveryStatus: 'delivered' }),
      msg(now, -1, 'outbound', 'Are you there?', {
        deliveryStatus: 'failed',
        errorMessages: [
          'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        ],
      }),
    ];
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation lang="en" .messages=${messages}></recrubo-conversation>`,
    );
    const b = bubbles(el);
    expect(b).to.have.length(4);
    expect(bubbleTexts(el)[0]).to.equal('Hi, how are you!');
    expect(b[0].getAttribute('part')).to.contain('message-outbound');
    expect(b[1].getAttribute('part')).to.contain('message-inbound');
    expect(text(b[0].querySelector('[part~="sender"]'))).to.equal('Recrubo');
    expect(text(b[1].querySelector('[part~="sender"]'))).to.equal('Candidate');
    const expectedTime = new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(
      Date.parse(messages[2].createdAt!),
    );
    expect(text(b[2].querySelector('time'))).to.equal(expectedTime);
    expect(text(b[0].querySelector('[part~="status"]'))).to.equal('Read');
    expect(text(b[2].querySelector('[part~="status"]'))).to.equal('Delivered');
    expect(b[1].querySelector('[part~="status"]'), 'no delivery status on inbound messages').to.equal(null);
    expect(text(b[3])).to.contain('Not delivered: Message failed to send because more than 24 hours');
    const days = [...root(el).querySelectorAll('[part~="day"]')].map((d) => text(d));
    expect(days).to.have.length(2);
    expect(days[1]).to.equal('Today');
    await expect(el).to.be.accessible();
  });

  it('speaks Dutch with lang="nl" (strings and Intl)', async () => {
    const now = Date.now();
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation lang="nl" .messages=${[msg(now, -3, 'outbound', 'Hoi', { deliveryStatus: 'sent' })]}></recrubo-conversation>`,
    );
    expect(text(root(el).querySelector('[part~="status"]'))).to.equal('Verzonden');
    expect(text(root(el).querySelector('[part~="day"]'))).to.equal('Vandaag');
    expect(text(root(el).querySelector('[part~="sender"]'))).to.equal('Recrubo');
  });

  it('shows a message that contains HTML as text', async () => {
    const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>bold</b>';
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation .messages=${[msg(Date.now(), -1, 'inbound', evil, { sendBy: '<i>x</i>' })]}></recrubo-conversation>`,
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(bubbleTexts(el)[0]).to.equal(evil);
    expect(root(el).querySelector('img, script, b')).to.equal(null);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
  });

  it('renders a template message from its template text and parameters (the docs example)', async () => {
    const sb = await newSandbox();
    const tpl = await (
      await fetch(`${sb.baseUrl}/message-templates/${DOCS_TEMPLATE_PAYLOAD.template.id}`, {
        headers: { Authorization: `Bearer ${sb.apiKey}` },
      })
    ).json();
    const body: string = tpl.data.attributes.components.find(
      (c: { type: string }) => c.type.toUpperCase() === 'BODY',
    ).text;
    expect(body).to.contain('{{1}}');
    const messages = [msg(Date.now(), -5, 'outbound', '', { payload: DOCS_TEMPLATE_PAYLOAD })];
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation base-url=${sb.baseUrl} api-key=${sb.apiKey} .messages=${messages}></recrubo-conversation>`,
    );
    await until(
      () => bubbleTexts(el)[0] === body.replace('{{1}}', 'John'),
      `template text (now "${bubbleTexts(el)[0]}")`,
    );
    expect(text(bubbles(el)[0])).to.contain('Template');
    await expect(el).to.be.accessible();
  });

  it('a delivery status shown is never replaced by an older one (deliveries arrive out of order)', async () => {
    const { mergeMessage } = await import('../../../src/api/messages.js');
    const read = msg(Date.now(), 0, 'outbound', 'x', { deliveryStatus: 'read' });
    expect(mergeMessage(read, { ...read, deliveryStatus: 'sent' }).deliveryStatus).to.equal('read');
    expect(mergeMessage(read, { ...read, deliveryStatus: 'delivered' }).deliveryStatus).to.equal('read');
    const sent = { ...read, deliveryStatus: 'sent' };
    expect(mergeMessage(sent, { ...sent, deliveryStatus: 'delivered' }).deliveryStatus).to.equal('delivered');
    expect(mergeMessage(sent, { ...sent, deliveryStatus: 'failed' }).deliveryStatus).to.equal('failed');
    expect(
      mergeMessage({ ...sent, deliveryStatus: 'failed' }, { ...sent, deliveryStatus: 'accepted' }).deliveryStatus,
    ).to.equal('failed');
    // unknown news is shown as such
    expect(mergeMessage(sent, { ...sent, deliveryStatus: 'warped' }).deliveryStatus).to.equal('warped');
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation .messages=${[{ ...sent, deliveryStatus: 'warped' }]}></recrubo-conversation>`,
    );
    expect(text(root(el).querySelector('[part~="status"]'))).to.equal('Status: warped');
  });

  it('2,000 messages: only the last window is in the DOM, at the bottom; "Show earlier" adds more without moving the reader', async () => {
    const all = conversation(2000);
    const el = await mount<ConversationEl>(html`<recrubo-conversation .messages=${all}></recrubo-conversation>`);
    await el.updateComplete;
    expect(bubbles(el)).to.have.length(WINDOW_SIZE);
    const scroller = log(el);
    await until(() => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2, 'scrolled to the end');
    expect(bubbleTexts(el).at(-1)).to.equal('Message number 1999');
    // to the top: the button to load earlier ones
    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    const first = bubbles(el)[0].dataset.messageId!;
    const before = offsetOf(el, first);
    const earlier = root(el).querySelector<HTMLButtonElement>('[part~="earlier"]')!;
    expect(text(earlier)).to.equal(`Show earlier messages (${2000 - WINDOW_SIZE})`);
    earlier.click();
    await el.updateComplete;
    expect(bubbles(el)).to.have.length(2 * WINDOW_SIZE);
    expect(Math.abs(offsetOf(el, first) - before), 'the message the reader saw stays where it was').to.be.below(2);
    await expect(el).to.be.accessible();
  });

  it('new messages follow at the bottom, but keep a reader who scrolled up in place, with a "new messages" pill', async () => {
    const start = Date.now() - 3 * HOUR;
    let messages = conversation(60, start + 60 * 60_000);
    const el = await mount<ConversationEl>(html`<recrubo-conversation .messages=${messages}></recrubo-conversation>`);
    const scroller = log(el);
    await until(() => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2, 'at the end');
    // at the bottom: follows
    messages = [...messages, msg(start, 120, 'inbound', 'a new answer')];
    el.messages = messages;
    await el.updateComplete;
    expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).to.be.below(2);
    // reading: stays
    scroller.scrollTop = 200;
    scroller.dispatchEvent(new Event('scroll'));
    await el.updateComplete;
    const seen = bubbles(el).find((b) => b.getBoundingClientRect().bottom > scroller.getBoundingClientRect().top)!
      .dataset.messageId!;
    const before = offsetOf(el, seen);
    const top = scroller.scrollTop;
    messages = [
      ...messages,
      msg(start, 121, 'inbound', 'one'),
      msg(start, 122, 'outbound', 'two'),
      msg(start, 123, 'inbound', 'three'),
    ];
    el.messages = messages;
    await el.updateComplete;
    expect(Math.abs(offsetOf(el, seen) - before)).to.be.below(2);
    expect(scroller.scrollTop).to.be.closeTo(top, 2);
    const pill = root(el).querySelector<HTMLButtonElement>('[part~="new-messages"]');
    expect(text(pill)).to.contain('3 new messages');
    await expect(el).to.be.accessible();
    pill!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).to.be.below(2);
    expect(root(el).querySelector('[part~="new-messages"]')).to.equal(null);
  });

  it('announces new inbound messages politely in the page\'s one announcer (no live region or role="log" of its own)', async () => {
    // What earlier tests left in the announcer's queue is spoken first (with a marker we wait for).
    announce('(start)');
    await waitUntil(() => document.getElementById('recrubo-announcer')?.textContent?.includes('(start)'), 'flushed');
    document.getElementById('recrubo-announcer')!.textContent = '';
    let messages = conversation(4);
    const el = await mount<ConversationEl>(html`<recrubo-conversation .messages=${messages}></recrubo-conversation>`);
    expect(root(el).querySelectorAll('[aria-live]')).to.have.length(0);
    expect(root(el).querySelector('[role="log"]')).to.equal(null);
    messages = [...messages, msg(Date.now(), 1, 'inbound', 'Yes, I have one')];
    el.messages = messages;
    await el.updateComplete;
    const region = () => document.getElementById('recrubo-announcer');
    await waitUntil(() => text(region()), 'announced');
    expect(region()!.getAttribute('aria-live')).to.equal('polite');
    // Only the new message: the history shown at first is not announced.
    expect(text(region())).to.equal('New message from the candidate: Yes, I have one');
  });
});
