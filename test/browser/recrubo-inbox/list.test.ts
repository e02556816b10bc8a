import { expect, html } from '@open-wc/testing';
import '../../../src/elements/recrubo-inbox/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import { api, mount, pretendVisible, rowIds, rows, root, text, unmountAll, until, type InboxEl } from './helpers.js';

describe('<recrubo-inbox> list', function () {
  this.timeout(60000);
  before(pretendVisible);
  afterEach(unmountAll);

  it('shows the open conversations from the API, newest activity first, with names and unread counts; axe', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const el = await mount<InboxEl>(html`<recrubo-inbox base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`);
    await until(() => rows(el).length > 0, 'rows');
    const doc = await api(sb, 'GET', 'conversations?filter[status]=open&sort=-updatedAt');
    const ids = doc.data.map((c: { id: string }) => c.id);
    // Windowed: the rows near the view are in the DOM, in the API's order.
    expect(rowIds(el)).to.deep.equal(ids.slice(0, rowIds(el).length));
    expect(rows(el).length).to.be.within(5, ids.length);
    expect(rows(el)[0]!.getAttribute('aria-setsize')).to.equal(String(ids.length));
    const long = rows(el).find((r) => r.dataset.id === sb.seed.inbox.byThread.long)!;
    expect(text(long)).to.contain('Sanne de Vries');
    expect(text(long.querySelector('[part~="unread"]'))).to.contain('2 unread messages');
    await expect(el).to.be.accessible();
    expect(root(el).querySelector('[role="tab"][aria-selected="true"]')!.textContent!.trim()).to.equal('Open');
  });
});
