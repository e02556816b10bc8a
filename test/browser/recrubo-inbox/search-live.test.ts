import { expect, html } from '@open-wc/testing';
import '../../../src/elements/recrubo-inbox/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  api,
  listEl,
  mount,
  pretendVisible,
  requestsOf,
  root,
  rowIds,
  rowOf,
  rows,
  text,
  unmountAll,
  until,
  viewport,
  type InboxEl,
} from './helpers.js';

/** The id of the first row whose top edge is in the list's view. */
function firstVisible(el: InboxEl): string | undefined {
  const vp = viewport(el).getBoundingClientRect();
  return rows(el).find((r) => r.getBoundingClientRect().top >= vp.top - 1)?.dataset.id;
}

describe('<recrubo-inbox> search and live rows', function () {
  this.timeout(60000);
  before(pretendVisible);
  afterEach(unmountAll);

  it('a number in a local form ("06 …") finds its thread; other text filters the loaded rows by name and says so', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const el = await mount<InboxEl>(html`<recrubo-inbox base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`);
    await until(() => rows(el).length > 0, 'rows');
    const id = sb.seed.inbox.byThread.stale;
    const conv = (await api(sb, 'GET', `conversations/${id}`)).data.attributes;
    const phone: string = (await api(sb, 'GET', `candidates/${conv.candidateId}`)).data.attributes.phone;
    const local = `06 ${phone.slice(3, 7)} ${phone.slice(7)}`;
    const input = root(el).querySelector<HTMLInputElement>('[part~="search"] input')!;
    input.value = local;
    input.dispatchEvent(new Event('input'));
    await until(() => rowIds(el).length === 1 && rowIds(el)[0] === id, 'the one conversation');
    expect(text(root(el).querySelector('[part~="search-note"]'))).to.equal(
      `The conversation with +31 6 ${phone.slice(3)}.`,
    );
    const lookups = await requestsOf(sb, 'GET', /\/message-threads$/);
    expect(lookups.at(-1)!.query).to.contain(`filter%5Bidentifier%5D=${phone}`);
    await expect(el).to.be.accessible();
    input.value = 'daan jansen';
    input.dispatchEvent(new Event('input'));
    await until(() => rowIds(el).length === 1 && rowIds(el)[0] === id, 'by name');
    expect(text(root(el).querySelector('[part~="search-note"]'))).to.match(
      /^1 of the \d+ loaded conversations match “daan jansen” by name\.$/,
    );
    input.value = '+31 6 00000000';
    input.dispatchEvent(new Event('input'));
    await until(
      () => text(root(el).querySelector('[part~="search-note"]')) === 'No conversation with +31 6 00000000.',
      'none',
    );
    expect(rowIds(el)).to.deep.equal([]);
  });

  it('unread tab: only conversations with unread messages', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const el = await mount<InboxEl>(html`<recrubo-inbox base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`);
    await until(() => rows(el).length > 0, 'rows');
    root(el).querySelector<HTMLButtonElement>('[data-tab="unread"]')!.click();
    const doc = await api(sb, 'GET', 'conversations?filter[unreadMessages]=true&filter[status]=open&sort=-updatedAt');
    const ids = doc.data.map((c: { id: string }) => c.id);
    await until(() => JSON.stringify(rowIds(el)) === JSON.stringify(ids), 'the unread rows');
    for (const r of rows(el)) expect(r.querySelector('[part~="unread"]'), r.dataset.id).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a new inbound message raises its row count and moves it to the top without moving the view or the focus', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    await sb.seedConversations(60);
    const el = await mount<InboxEl>(
      html`<recrubo-inbox poll-interval="150" base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`,
    );
    await until(() => rows(el).length > 5, 'rows');
    // Keyboard place: the list focused, the 13th row active; the view scrolled so row 10 is at the top.
    viewport(el).focus();
    viewport(el).scrollTop = 10 * 64;
    viewport(el).dispatchEvent(new Event('scroll'));
    await listEl(el).updateComplete;
    const before = firstVisible(el)!;
    const all = (await api(sb, 'GET', 'conversations?filter[status]=open&sort=-updatedAt&page[size]=25')).data;
    const target = all[20];
    const count = target.attributes.unreadMessagesCount;
    const active = viewport(el).getAttribute('aria-activedescendant');
    await sb.inbound(target.attributes.messageThreadId, 'Hallo, ik heb een vraag');
    await until(() => rowIds(el).indexOf(target.id) === -1 || rowIds(el)[0] === target.id, 'moved');
    await until(() => firstVisible(el) === before && !rowOf(el, target.id), 'the view keeps its rows');
    expect(firstVisible(el)).to.equal(before);
    expect(viewport(el).getAttribute('aria-activedescendant')).to.equal(active);
    expect(listEl(el).shadowRoot.activeElement).to.equal(viewport(el));
    await until(() => text(document.getElementById('recrubo-announcer')).includes('New message from'), 'announced');
    viewport(el).scrollTop = 0;
    viewport(el).dispatchEvent(new Event('scroll'));
    await until(() => rowIds(el)[0] === target.id, 'at the top');
    expect(text(rowOf(el, target.id)!.querySelector('[part~="unread"]'))).to.contain(`${count + 1} unread`);
  });
});

describe('<recrubo-inbox> number search result rows', function () {
  this.timeout(60000);
  before(pretendVisible);
  afterEach(unmountAll);

  it('a conversation found by number, not among the loaded rows, shows its candidate name and number', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    await sb.seedConversations(60);
    const el = await mount<InboxEl>(html`<recrubo-inbox base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`);
    await until(() => rows(el).length > 0, 'rows');
    const id = sb.seed.inbox.byThread.stale;
    const conv = (await api(sb, 'GET', `conversations/${id}`)).data.attributes;
    const cand = (await api(sb, 'GET', `candidates/${conv.candidateId}`)).data.attributes;
    const phone: string = cand.phone;
    expect(rowOf(el, id), 'not on the first page').to.equal(null);
    const input = root(el).querySelector<HTMLInputElement>('[part~="search"] input')!;
    input.value = `06 ${phone.slice(3, 7)} ${phone.slice(7)}`;
    input.dispatchEvent(new Event('input'));
    await until(() => rowIds(el).length === 1 && rowIds(el)[0] === id, 'the one conversation');
    const row = rowOf(el, id)!;
    expect(text(row.querySelector('[part~="row-name"]'))).to.equal(`${cand.firstName} ${cand.lastName}`);
    expect(text(row.querySelector('[part~="row-secondary"]'))).to.equal(`+31 6 ${phone.slice(3)}`);
    const batched = (await requestsOf(sb, 'GET', /\/candidates$/)).map((r) => decodeURIComponent(r.query));
    expect(batched.some((q) => q.includes('filter[id]') && q.includes(conv.candidateId))).to.equal(true);
  });
});
