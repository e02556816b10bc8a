import { expect, html } from '@open-wc/testing';
import '../../../src/elements/recrubo-inbox/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  api,
  headerRoot,
  mount,
  pretendVisible,
  requestsOf,
  root,
  rowOf,
  rows,
  text,
  unmountAll,
  until,
  type InboxEl,
} from './helpers.js';

describe('<recrubo-inbox> open, read, close and reopen', function () {
  this.timeout(60000);
  before(pretendVisible);
  afterEach(unmountAll);

  it('opening a conversation with unread messages marks it read with one PATCH (counted at the sandbox)', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const el = await mount<InboxEl>(
      html`<recrubo-inbox poll-interval="150" base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`,
    );
    const id = sb.seed.inbox.byThread.long;
    await until(() => !!rowOf(el, id), 'the row');
    const selected: CustomEvent[] = [];
    el.addEventListener('recrubo-conversation-select', (e) => selected.push(e));
    await sb.clearRequests();
    rowOf(el, id)!.click();
    await until(() => !!root(el).querySelector('recrubo-conversation'), 'the conversation');
    expect(selected.length).to.equal(1);
    expect(selected[0]!.detail).to.deep.equal({
      conversationId: id,
      messageThreadId: sb.seed.conversations.long,
      candidateId: (await api(sb, 'GET', `conversations/${id}`)).data.attributes.candidateId,
    });
    await until(() => !rowOf(el, id)!.querySelector('[part~="unread"]'), 'the count is gone');
    // Several polls after the PATCH: still exactly one.
    const polls = async () => (await requestsOf(sb, 'GET', /\/conversations$/)).length;
    const before = await polls();
    let seen = before;
    await until(() => {
      void polls().then((n) => (seen = n));
      return seen >= before + 3;
    }, 'three more polls');
    const patches = await requestsOf(sb, 'PATCH', /\/conversations\//);
    expect(patches.length).to.equal(1);
    const after = (await api(sb, 'GET', `conversations/${id}`)).data.attributes;
    expect(after.unreadMessagesCount).to.equal(0);
    expect(after.unreadMessages).to.equal(false);
    expect(text(headerRoot(el).querySelector('#conv-title'))).to.equal('Sanne de Vries');
    await expect(el).to.be.accessible();
  });

  it('close and reopen from the header: one PATCH each, the row leaves the open tab and is in the closed one', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const id = sb.seed.inbox.byThread.stale;
    const el = await mount<InboxEl>(
      html`<recrubo-inbox conversation-id=${id} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`,
    );
    await until(() => !!rowOf(el, id), 'the row');
    const close = () => headerRoot(el).querySelector<HTMLButtonElement>('[part~="close"]')!;
    await until(() => text(close()) === 'Close conversation', 'the close button');
    close().click();
    await until(() => text(close()) === 'Reopen conversation', 'reopen offered');
    expect(rowOf(el, id)).to.equal(null);
    expect((await api(sb, 'GET', `conversations/${id}`)).data.attributes.status).to.equal('closed');
    root(el).querySelector<HTMLButtonElement>('[data-tab="closed"]')!.click();
    await until(() => !!rowOf(el, id), 'in the closed tab');
    await expect(el).to.be.accessible();
    close().click();
    await until(() => text(close()) === 'Close conversation', 'close offered again');
    expect((await api(sb, 'GET', `conversations/${id}`)).data.attributes.status).to.equal('open');
    // The stale conversation had one unread message: read (on opening), close, reopen.
    expect((await requestsOf(sb, 'PATCH', /\/conversations\//)).map((r) => r.status)).to.deep.equal([200, 200, 200]);
    expect(rows(el).some((r) => r.dataset.id === id)).to.equal(false);
  });

  it('a conversation opens with its newest message in view, also after the template form opens (within 2 px)', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const el = await mount<InboxEl>(
      html`<recrubo-inbox candidate-details pause-control base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`,
    );
    const id = sb.seed.inbox.byThread.long;
    await until(() => !!rowOf(el, id), 'the row');
    rowOf(el, id)!.click();
    const conv = () => root(el).querySelector('recrubo-conversation')?.shadowRoot ?? document.createDocumentFragment();
    const log = () => conv().querySelector<HTMLElement>('[part~="log"]')!;
    const sender = () => conv().querySelector('recrubo-template-sender')?.shadowRoot ?? null;
    const gap = () => log().scrollHeight - log().scrollTop - log().clientHeight;
    await until(
      () => !!conv()?.querySelector('[data-message-id]') && !!sender()?.querySelector('[part~="template-open"]'),
      'the messages and the composer',
    );
    expect(log().scrollHeight).to.be.greaterThan(log().clientHeight + 100);
    await until(() => gap() <= 2, `the log at its end (gap ${gap()})`, 3000).catch(() => {
      throw new Error(`the log is ${gap()} px short of its end`);
    });
    sender()!.querySelector<HTMLButtonElement>('[part~="template-open"]')!.click();
    await until(() => !!sender()!.querySelector('select'), 'the template form');
    await until(() => gap() <= 2, 'the end after the form opened', 3000).catch(() => {
      throw new Error(`after the form opened the log is ${gap()} px short of its end`);
    });
  });
});
