import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/recrubo-inbox/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  headerRoot,
  listEl,
  mount,
  pretendVisible,
  root,
  rowIds,
  rows,
  text,
  unmountAll,
  until,
  viewport,
  type InboxEl,
} from './helpers.js';

const shown = (node: Element | null) => !!node && getComputedStyle(node).display !== 'none';
const listPane = (el: InboxEl) => root(el).querySelector('[part~="list-pane"]');
const convPane = (el: InboxEl) => root(el).querySelector('[part~="conversation-pane"]');
const activeRow = (el: InboxEl) => viewport(el).getAttribute('aria-activedescendant')?.replace(/^row-/, '');

describe('<recrubo-inbox> narrow layout and keyboard only', function () {
  this.timeout(60000);
  before(pretendVisible);
  afterEach(unmountAll);

  it('below 600 px of its own width: one pane at a time, back and Escape return to the list; axe in each', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const el = await mount<InboxEl>(
      html`<recrubo-inbox candidate-details base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`,
      '390px',
    );
    await until(() => rows(el).length > 0, 'rows');
    expect(el.getBoundingClientRect().width).to.be.at.most(390);
    expect(shown(listPane(el))).to.equal(true);
    expect(shown(convPane(el))).to.equal(false);
    await expect(el).to.be.accessible();
    rows(el)[0]!.click();
    await until(() => shown(convPane(el)) && !shown(listPane(el)), 'the conversation alone');
    await until(() => headerRoot(el).activeElement?.getAttribute('part') === 'back', 'focus on back');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => shown(listPane(el)) && !shown(convPane(el)), 'back to the list by Escape');
    expect(listEl(el).shadowRoot.activeElement).to.equal(viewport(el));
    rows(el)[1]!.click();
    await until(() => shown(convPane(el)), 'the conversation again');
    (headerRoot(el).querySelector('[part~="back"]') as HTMLButtonElement).click();
    await until(() => shown(listPane(el)), 'back by the button');
    // Wide again: both panes, no back button.
    el.parentElement!.style.width = '1000px';
    await until(() => shown(listPane(el)) && shown(convPane(el)), 'both panes when wide');
    await until(() => !shown(headerRoot(el).querySelector('[part~="back"]')), 'no back button when wide');
  });

  it('keyboard only: the list is one tab stop; arrows, Home/End, type-ahead; Enter opens; axe', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const el = await mount<InboxEl>(html`<recrubo-inbox base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`);
    await until(() => rows(el).length > 3, 'rows');
    root(el).querySelector<HTMLInputElement>('[part~="search"] input')!.focus();
    await sendKeys({ press: 'Tab' }); // the selected tab
    expect(root(el).activeElement?.getAttribute('role')).to.equal('tab');
    await sendKeys({ press: 'ArrowRight' });
    await until(() => root(el).activeElement?.getAttribute('data-tab') === 'closed', 'the closed tab by arrow');
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => root(el).activeElement?.getAttribute('data-tab') === 'open', 'back to open');
    await until(() => rows(el).length > 3, 'open rows again');
    await sendKeys({ press: 'Tab' }); // the list: one tab stop
    expect(root(el).activeElement?.tagName.toLowerCase()).to.equal('recrubo-inbox-list');
    const ids = rowIds(el);
    await until(() => activeRow(el) === ids[0], 'focus makes the first row active');
    await sendKeys({ press: 'ArrowDown' });
    expect(activeRow(el)).to.equal(ids[1]);
    await sendKeys({ press: 'End' });
    await listEl(el).updateComplete;
    const total = Number(rows(el)[0]!.getAttribute('aria-setsize'));
    await until(
      () => rows(el).some((r) => r.dataset.id === activeRow(el) && r.getAttribute('aria-posinset') === String(total)),
      'the last row',
    );
    await sendKeys({ press: 'Home' });
    expect(activeRow(el)).to.equal(ids[0]);
    // Type-ahead: the first letters of a row further down. (A name without a doubled letter: WebKit's driver drops
    // the second of two equal keys typed in a row.)
    const names = rows(el).map((r) => ({ id: r.dataset.id!, name: text(r.querySelector('[part~="row-name"]')) }));
    const target = names
      .slice(3)
      .find(
        ({ name }) =>
          /^[a-z]{4}/i.test(name) &&
          !/(.)\1/i.test(name.slice(0, 5)) &&
          names.filter((n) => n.name.toLowerCase().startsWith(name.slice(0, 5).toLowerCase())).length === 1,
      )!;
    await sendKeys({ type: target.name.slice(0, 5).toLowerCase() });
    await until(() => activeRow(el) === target.id, 'type-ahead');
    await sendKeys({ press: 'Enter' });
    await until(() => text(headerRoot(el).querySelector('#conv-title')) === target.name, 'opened by Enter');
    await expect(el).to.be.accessible();
    // Another Tab leaves the list (one tab stop): into the open conversation's header.
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.tagName.toLowerCase()).to.not.equal('recrubo-inbox-list');
  });

  it('keyboard only: Tab into the list and Enter opens the first row; in Unread the opened row stays', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const el = await mount<InboxEl>(
      html`<recrubo-inbox poll-interval="150" base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`,
    );
    await until(() => rows(el).length > 0, 'rows');
    root(el).querySelector<HTMLInputElement>('[part~="search"] input')!.focus();
    await sendKeys({ press: 'Tab' }); // the selected tab (Open)
    await sendKeys({ press: 'End' }); // Unread
    await until(() => root(el).activeElement?.getAttribute('data-tab') === 'unread', 'the unread tab');
    await until(() => rows(el).length > 1, 'unread rows');
    const ids = rowIds(el);
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.tagName.toLowerCase()).to.equal('recrubo-inbox-list');
    await until(() => activeRow(el) === ids[0], 'the first row active on focus');
    await sendKeys({ press: 'Enter' });
    await until(() => !!root(el).querySelector('recrubo-conversation'), 'opened by Enter');
    const patched = async () =>
      (await sb.requests()).filter((r) => r.method === 'PATCH' && r.path.endsWith(`/conversations/${ids[0]}`)).length;
    for (let i = 0; i < 400 && (await patched()) === 0; i++) await listEl(el).updateComplete;
    await until(() => !rows(el)[0]?.querySelector('[part~="unread"]') || rowIds(el)[0] !== ids[0], 'marked read');
    // Some polls of the unread tab later (the conversation is no longer unread on the server): the row stays.
    const polls = async () =>
      (await sb.requests()).filter((r) => r.method === 'GET' && /\/conversations$/.test(r.path)).length;
    const before = await polls();
    let now = before;
    for (let i = 0; i < 2000 && now < before + 3; i++) now = await polls();
    expect(now).to.be.at.least(before + 3);
    await listEl(el).updateComplete;
    expect(rowIds(el)[0], 'in its place').to.equal(ids[0]);
    expect(
      rows(el)
        .find((r) => r.dataset.id === ids[0])!
        .getAttribute('aria-selected'),
    ).to.equal('true');
    // A tab change lets it go.
    root(el).querySelector<HTMLButtonElement>('[data-tab="open"]')!.click();
    root(el).querySelector<HTMLButtonElement>('[data-tab="unread"]')!.click();
    await until(() => rows(el).length > 0 && !rowIds(el).includes(ids[0]), 'gone after the tab changed');
  });

  it('narrow: Enter on "Candidate details" moves the focus to its heading; Escape and back return it to the button', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const el = await mount<InboxEl>(
      html`<recrubo-inbox candidate-details base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`,
      '390px',
    );
    await until(() => rows(el).length > 0, 'rows');
    rows(el)[0]!.click();
    await until(() => shown(convPane(el)) && !shown(listPane(el)), 'the conversation alone');
    const detailsButton = () => headerRoot(el).querySelector<HTMLButtonElement>('[data-details]')!;
    const heading = () => {
      const cand = root(el).querySelector('recrubo-inbox-candidate') as HTMLElement & { shadowRoot: ShadowRoot };
      return cand?.shadowRoot.activeElement?.tagName.toLowerCase() === 'h2';
    };
    await until(() => !!detailsButton(), 'the details button');
    detailsButton().focus();
    await sendKeys({ press: 'Enter' });
    await until(() => shown(root(el).querySelector('[part~="details-pane"]')) && heading(), 'focus on the heading');
    expect(document.activeElement).to.equal(el);
    await sendKeys({ press: 'Escape' });
    await until(() => shown(convPane(el)) && headerRoot(el).activeElement === detailsButton(), 'back on the button');
    await sendKeys({ press: 'Enter' });
    await until(() => heading(), 'the heading again');
    root(el).querySelector<HTMLButtonElement>('[part~="details-pane"] .back')!.focus(); // the pane's back button
    expect(root(el).activeElement?.classList.contains('back')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await until(() => shown(convPane(el)) && headerRoot(el).activeElement === detailsButton(), 'back by the button');
  });
});
