import { expect, html } from '@open-wc/testing';
import '../../../src/elements/recrubo-inbox/define.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  api,
  conversationEl,
  mount,
  pretendVisible,
  requestsOf,
  text,
  unmountAll,
  until,
  type InboxEl,
} from './helpers.js';

const sender = (el: InboxEl) =>
  (conversationEl(el)?.shadowRoot?.querySelector('recrubo-template-sender') as HTMLElement | null)?.shadowRoot ?? null;

describe('<recrubo-inbox> templates outside the 24-hour window (§15a)', function () {
  this.timeout(60000);
  before(pretendVisible);
  afterEach(unmountAll);

  it('approved templates only, a field per parameter (first name prefilled), the preview, one POST as documented', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const id = sb.seed.inbox.byThread.stale;
    const el = await mount<InboxEl>(
      html`<recrubo-inbox conversation-id=${id} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`,
    );
    await until(() => !!sender(el)?.querySelector('select'), 'the template form (the window is closed)', 30000);
    const select = sender(el)!.querySelector<HTMLSelectElement>('select')!;
    const offered = [...select.options].map((o) => o.value).filter(Boolean);
    expect(offered).to.include(sb.seed.templates.twoParameters);
    expect(offered).to.not.include(sb.seed.templates.pending);
    expect(offered).to.not.include(sb.seed.templates.rejected);
    expect(offered.length).to.equal(sb.seed.approvedTemplates.length);
    select.value = sb.seed.templates.twoParameters;
    select.dispatchEvent(new Event('change'));
    await until(() => sender(el)!.querySelectorAll('input').length === 2, 'two parameter fields');
    const [first, second] = [...sender(el)!.querySelectorAll<HTMLInputElement>('input')];
    expect(first!.value).to.equal('Daan');
    await expect(el).to.be.accessible();
    // An empty parameter is not sent: it is named next to its field.
    sender(el)!.querySelector<HTMLButtonElement>('[part~="template-send"]')!.click();
    await until(() => second!.getAttribute('aria-invalid') === 'true', 'the empty parameter');
    expect((await requestsOf(sb, 'POST', /\/messages$/)).length).to.equal(0);
    second!.value = 'Warehouse worker';
    second!.dispatchEvent(new Event('input'));
    await until(
      () =>
        text(sender(el)!.querySelector('[part~="template-preview"]')) ===
        'Hi Daan, you applied for Warehouse worker. Reply to this message to continue your application.',
      'the preview',
    );
    const sent: CustomEvent[] = [];
    el.addEventListener('recrubo-message-sent', (e) => sent.push(e));
    sender(el)!.querySelector<HTMLButtonElement>('[part~="template-send"]')!.click();
    await until(() => sent.length === 1, 'sent');
    const posts = await requestsOf(sb, 'POST', /\/messages$/);
    expect(posts.length).to.equal(1);
    const messages = (
      await api(
        sb,
        'GET',
        `messages?filter[messageThreadId]=${sb.seed.conversations.stale}&sort=-createdAt&page[size]=1`,
      )
    ).data;
    expect(messages[0].attributes.payload).to.deep.equal({
      type: 'template',
      template: {
        id: sb.seed.templates.twoParameters,
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Daan' },
              { type: 'text', text: 'Warehouse worker' },
            ],
          },
        ],
      },
    });
    expect(sent[0]!.detail.message.id).to.equal(messages[0].id);
  });

  it('inside the window free text stays the default; "Send a template" opens on request; hide-templates hides it', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const id = sb.seed.inbox.byThread.long;
    const el = await mount<InboxEl>(
      html`<recrubo-inbox conversation-id=${id} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-inbox>`,
    );
    await until(() => !!sender(el)?.querySelector('[part~="template-open"]'), 'the button');
    expect(conversationEl(el)!.shadowRoot!.querySelector('textarea')).to.not.equal(null);
    sender(el)!.querySelector<HTMLButtonElement>('[part~="template-open"]')!.click();
    await until(() => !!sender(el)!.querySelector('select'), 'the form on request');
    el.hideTemplates = true;
    await until(() => sender(el) === null, 'hidden');
  });
});
