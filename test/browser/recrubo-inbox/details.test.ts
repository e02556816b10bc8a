import { expect, html } from '@open-wc/testing';
import '../../../src/elements/recrubo-inbox/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  api,
  headerRoot,
  candidateEl,
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

const panel = (el: InboxEl) => candidateEl(el)!.shadowRoot;

describe('<recrubo-inbox> candidate details, settings, XSS', function () {
  this.timeout(60000);
  before(pretendVisible);
  afterEach(unmountAll);

  it('candidate details: name, email, phone, status, created and the run badges of the thread; axe', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const thread = sb.seed.messageThreads[0]!;
    const conv = (await api(sb, 'GET', `conversations?filter[messageThreadId]=${thread}`)).data[0];
    const el = await mount<InboxEl>(
      html`<recrubo-inbox candidate-details conversation-id=${conv.id} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`,
    );
    await until(() => !!candidateEl(el) && !!panel(el).querySelector('dl'), 'the details');
    const cand = (await api(sb, 'GET', `candidates/${conv.attributes.candidateId}?include=candidateStatus`)).data;
    const dl = text(panel(el).querySelector('dl'));
    expect(dl).to.contain(cand.attributes.firstName).and.contain(cand.attributes.email);
    expect(dl).to.contain(`+31 6 ${cand.attributes.phone.slice(3)}`);
    const statusName = (await api(sb, 'GET', `candidates/${cand.id}?include=candidateStatus`)).included[0].attributes
      .name;
    expect(dl).to.contain(statusName);
    const runs = (await api(sb, 'GET', `flow-runs?filter[messageThreadId]=${thread}`)).data;
    await until(
      () => panel(el).querySelectorAll('recrubo-flow-run-status').length === Math.min(10, runs.length),
      'badges',
    );
    expect(runs.length).to.be.greaterThan(0);
    const detailRequests = await requestsOf(sb, 'GET', /\/candidates\//);
    expect(detailRequests.at(-1)!.query).to.equal('include=candidateStatus');
    await expect(el).to.be.accessible();
  });

  it('candidate-details-edit: a 422 next to its field keeps what was typed; saving shows the new value; open-external fires', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const id = sb.seed.inbox.byThread.long;
    const el = await mount<InboxEl>(
      html`<recrubo-inbox candidate-details candidate-details-edit open-external conversation-id=${id} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`,
    );
    await until(() => !!candidateEl(el) && !!panel(el).querySelector('[part~="edit"]'), 'edit button');
    const opened: CustomEvent[] = [];
    el.addEventListener('recrubo-candidate-open', (e) => opened.push(e));
    panel(el).querySelector<HTMLButtonElement>('[part~="open-external"]')!.click();
    const conv = (await api(sb, 'GET', `conversations/${id}`)).data.attributes;
    expect(opened.map((e) => e.detail)).to.deep.equal([
      { candidateId: conv.candidateId, messageThreadId: sb.seed.conversations.long },
    ]);
    panel(el).querySelector<HTMLButtonElement>('[part~="edit"]')!.click();
    await until(() => !!panel(el).querySelector('form'), 'the form');
    const email = panel(el).querySelector<HTMLInputElement>('input[name="email"]')!;
    email.value = 'not-an-email';
    email.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    panel(el).querySelector<HTMLButtonElement>('[part~="save"]')!.click();
    await until(() => email.getAttribute('aria-invalid') === 'true', 'the 422 on the field');
    expect(text(panel(el).querySelector('#e-email'))).to.equal('Parameter email is not an email address');
    expect(email.value).to.equal('not-an-email');
    await expect(el).to.be.accessible();
    email.value = 'sanne@example.org';
    email.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    panel(el).querySelector<HTMLButtonElement>('[part~="save"]')!.click();
    await until(() => text(panel(el).querySelector('dl')).includes('sanne@example.org'), 'saved');
    expect((await api(sb, 'GET', `candidates/${conv.candidateId}`)).data.attributes.email).to.equal(
      'sanne@example.org',
    );
  });

  it("settings: Recrubo's Inbox settings object maps to the attributes; an unknown key warns once", async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const el = await mount<InboxEl>(
        html`<recrubo-inbox base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`,
      );
      el.settings = {
        conversationId: sb.seed.inbox.byThread.long,
        showCandidateDetails: true,
        showCandidateDetailsEdit: true,
        showCandidateOpenExternal: true,
        showConversationSearch: false,
        showConversationFilter: false,
        showSendMessage: false,
        showPauseChatbot: true,
        showAddTemplateButton: false,
        showCandidateNotesAdd: true,
        showTopBar: true,
        showSomethingElse: true,
      };
      await el.updateComplete;
      expect([el.candidateDetails, el.candidateDetailsEdit, el.openExternal, el.pauseControl]).to.deep.equal([
        true,
        true,
        true,
        true,
      ]);
      expect([el.hideSearch, el.hideFilter, el.hideComposer, el.hideTemplates, el.hideList]).to.deep.equal([
        true,
        true,
        true,
        true,
        false,
      ]);
      expect(el.conversationId).to.equal(sb.seed.inbox.byThread.long);
      expect(root(el).querySelector('[part~="search"]')).to.equal(null);
      expect(root(el).querySelector('[part~="tabs"]')).to.equal(null);
      await until(() => !!candidateEl(el), 'details shown');
      el.settings = { ...el.settings, showTabPanel: false };
      await el.updateComplete;
      expect(root(el).querySelector('[part~="list-pane"]')).to.equal(null);
      expect(warnings.filter((w) => w.includes('showSomethingElse'))).to.have.length(1);
      expect(warnings.filter((w) => w.includes('showTopBar') || w.includes('showCandidateNotesAdd'))).to.have.length(0);
    } finally {
      console.warn = warn;
    }
  });

  it('markup in a candidate name and a message is shown as text, never run', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const id = sb.seed.inbox.byThread.xss;
    const el = await mount<InboxEl>(
      html`<recrubo-inbox candidate-details conversation-id=${id} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`,
    );
    await until(() => !!rowOf(el, id), 'the row');
    expect(text(rowOf(el, id)!.querySelector('[part~="row-name"]'))).to.equal(
      '<img src=x onerror=alert(4)> <b>Bold</b>',
    );
    await until(() => text(headerRoot(el).querySelector('#conv-title')).startsWith('<img'), 'the header');
    await until(() => !!candidateEl(el)?.shadowRoot.querySelector('dl'), 'details');
    const conv = root(el).querySelector('recrubo-conversation')!;
    await until(() => (conv.shadowRoot?.querySelectorAll('li.message').length ?? 0) > 2, 'messages');
    for (const r of [root(el), headerRoot(el), candidateEl(el)!.shadowRoot, conv.shadowRoot!])
      expect(r.querySelectorAll('img, script, svg, b').length).to.equal(0);
    expect(rows(el).length).to.be.greaterThan(0);
  });
});
