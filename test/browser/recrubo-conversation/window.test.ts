import { expect, html } from '@open-wc/testing';
import '../../../src/elements/recrubo-conversation/define.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { api, mount, msg, root, text, unmountAll, until, type ConversationEl } from './helpers.js';

const HOUR = 3_600_000;

/** A seeded WhatsApp thread (the seed has SMS threads too). */
async function whatsappThread(sb: TestSandbox): Promise<string> {
  for (const id of sb.seed.messageThreads) {
    if ((await api(sb, 'GET', `message-threads/${id}`)).doc.data.attributes.channel === 'whatsapp') return id;
  }
  throw new Error('no whatsapp thread in the seed');
}

describe("<recrubo-conversation> composer and WhatsApp's 24-hour window", function () {
  this.timeout(60000);
  afterEach(unmountAll);

  async function withLastInbound(sb: TestSandbox, threadId: string, hoursAgo: number | null, lang = 'en') {
    const now = Date.now();
    const messages = [msg(now - 30 * HOUR, 0, 'outbound', 'Hi! Shall we start?')];
    if (hoursAgo !== null) messages.push(msg(now - hoursAgo * HOUR, 0, 'inbound', 'Yes'));
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation lang=${lang} composer message-thread-id=${threadId} base-url=${sb.baseUrl} api-key=${sb.apiKey} .messages=${messages}></recrubo-conversation>`,
    );
    await until(
      () => !!root(el).querySelector('[part~="composer"] [part~="window"]'),
      'the window note (thread loaded)',
    );
    return el;
  }

  it('open: the time left; the reply box is there', async () => {
    const sb = await newSandbox();
    const el = await withLastInbound(sb, await whatsappThread(sb), 2);
    expect(text(root(el).querySelector('[part~="window"]'))).to.match(/^WhatsApp window open for (21|22) hr more\.$/);
    expect(root(el).querySelector('textarea')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('its last hours: a warning, and still a reply box', async () => {
    const sb = await newSandbox();
    const el = await withLastInbound(sb, await whatsappThread(sb), 22.5);
    const note = root(el).querySelector('[part~="window"]')!;
    expect(note.classList.contains('closing')).to.equal(true);
    expect(text(note)).to.match(
      /^The WhatsApp window closes in 1 hr (29|30) min: after that only template messages reach the candidate\.$/,
    );
    expect(root(el).querySelector('textarea')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('closed: no box to type into nothing, but why (in Dutch too)', async () => {
    const sb = await newSandbox();
    const thread = await whatsappThread(sb);
    const el = await withLastInbound(sb, thread, 25);
    expect(root(el).querySelector('textarea')).to.equal(null);
    expect(text(root(el).querySelector('[part~="window"]'))).to.contain(
      'WhatsApp delivers a free text only within 24 hours',
    );
    await expect(el).to.be.accessible();
    const nl = await withLastInbound(sb, thread, 25, 'nl');
    expect(text(root(nl).querySelector('[part~="window"]'))).to.contain('alleen binnen 24 uur');
    const never = await withLastInbound(sb, thread, null);
    expect(text(root(never).querySelector('[part~="window"]'))).to.contain('has not written yet');
    expect(root(never).querySelector('textarea')).to.equal(null);
  });

  it('an SMS thread has no window', async () => {
    const sb = await newSandbox();
    let sms: string | undefined;
    for (const id of sb.seed.messageThreads)
      if ((await api(sb, 'GET', `message-threads/${id}`)).doc.data.attributes.channel !== 'whatsapp') sms = id;
    const now = Date.now();
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation composer message-thread-id=${sms!} base-url=${sb.baseUrl} api-key=${sb.apiKey} .messages=${[msg(now - 40 * HOUR, 0, 'inbound', 'old')]}></recrubo-conversation>`,
    );
    await until(() => !!root(el).querySelector('textarea'), 'reply box');
    await new Promise((r) => setTimeout(r, 200));
    expect(root(el).querySelector('[part~="window"]')).to.equal(null);
  });
});
