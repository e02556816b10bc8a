// "Send a template" in the conversation: which parameter gets the first name, what each field is for, the preview
// as the candidate reads it, and where the keyboard is after the send.
import { expect, html } from '@open-wc/testing';
import '../../../src/elements/recrubo-conversation/define.js';
import { nameParameters } from '../../../src/elements/recrubo-conversation/template-sender.js';
import { newSandbox } from '../helpers/sandbox.js';
import { mount, pretendVisible, stopPretending, text, unmountAll, until, type ConversationEl } from './helpers.js';

const senderEl = (el: ConversationEl) => el.shadowRoot!.querySelector<HTMLElement>('recrubo-template-sender');
const sender = (el: ConversationEl) => senderEl(el)?.shadowRoot ?? null;
const choose = async (el: ConversationEl, id: string, fields: number) => {
  const select = sender(el)!.querySelector<HTMLSelectElement>('select')!;
  select.value = id;
  select.dispatchEvent(new Event('change'));
  await until(() => sender(el)!.querySelectorAll('input').length === fields, `${fields} parameter field(s)`);
  return [...sender(el)!.querySelectorAll<HTMLInputElement>('input')];
};
const labelOf = (el: ConversationEl, input: HTMLInputElement) =>
  text(sender(el)!.querySelector(`label[for="${input.id}"]`));
/** Where the keyboard is, through the shadow roots. */
const deepActive = () => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};

describe('<recrubo-conversation> send a template', function () {
  this.timeout(60000);
  beforeEach(pretendVisible);
  afterEach(() => {
    unmountAll();
    stopPretending();
  });

  it('a name only after a greeting, never by position, and not where the example is a time', () => {
    expect([...nameParameters('Reminder: your interview is tomorrow at {{1}}.', ['10:30'])]).to.deep.equal([]);
    expect([...nameParameters('Hi {{1}}, you applied for {{2}}.', ['John', 'Driver'])]).to.deep.equal([1]);
    expect([...nameParameters('Hoi {{1}}, je hebt gesolliciteerd op {{2}}.', ['John', 'Chauffeur'])]).to.deep.equal([
      1,
    ]);
    expect([...nameParameters('Beste {{2}}, we zien je om {{1}}.', ['10:00', 'Jan'])]).to.deep.equal([2]);
    expect([...nameParameters('Hi {{1}}', ['10:30'])]).to.deep.equal([]);
  });

  it("outside the window: the reminder's time is not prefilled with the name, each field says what it holds, the preview has no stray indent, and after the send the keyboard stays in the sender", async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation composer templates candidate-name="Sanne" message-thread-id=${sb.seed.conversations.stale} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    await until(() => !!sender(el)?.querySelector('select'), 'the template form (the window is closed)', 30000);
    // A template with a name: the name goes after "Hi", the vacancy stays for the recruiter to fill.
    const [name, vacancy] = await choose(el, sb.seed.templates.twoParameters, 2);
    expect(name!.value).to.equal('Sanne');
    expect(vacancy!.value).to.equal('');
    expect(labelOf(el, name!)).to.equal('Parameter 1, for example "John"');
    expect(labelOf(el, vacancy!)).to.equal('Parameter 2, for example "Driver"');
    // The reminder: parameter 1 is a time, not the candidate's first name.
    const [time] = await choose(el, sb.seed.templates.reminder, 1);
    expect(time!.value).to.equal('');
    expect(labelOf(el, time!)).to.equal('Parameter 1, for example "10:30"');
    time!.value = '10:00';
    time!.dispatchEvent(new Event('input'));
    const preview = () => sender(el)!.querySelector('[part~="template-preview"]')!.textContent;
    await until(
      () => preview() === 'Reminder: your interview is tomorrow at 10:00.',
      `the preview (now "${preview()}")`,
    );
    await expect(el).to.be.accessible();
    const button = sender(el)!.querySelector<HTMLButtonElement>('[part~="template-send"]')!;
    button.focus();
    let sent = 0;
    el.addEventListener('recrubo-message-sent', () => sent++);
    button.click();
    await until(() => sent === 1, 'sent');
    await until(() => deepActive() !== null && deepActive() !== document.body, 'the keyboard is not on the page body');
    expect(deepActive()!.getAttribute('part')).to.equal('template-select');
    expect(el.shadowRoot!.activeElement).to.equal(senderEl(el));
  });

  it('inside the window: after the send the keyboard is on "Send a template" again', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const el = await mount<ConversationEl>(
      html`<recrubo-conversation composer templates message-thread-id=${sb.seed.conversations.long} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>`,
    );
    await until(() => !!sender(el)?.querySelector('[part~="template-open"]'), 'the button', 30000);
    sender(el)!.querySelector<HTMLButtonElement>('[part~="template-open"]')!.click();
    await until(() => !!sender(el)!.querySelector('select'), 'the form on request');
    await choose(el, sb.seed.templates.noParameters, 0);
    const button = sender(el)!.querySelector<HTMLButtonElement>('[part~="template-send"]')!;
    button.focus();
    let sent = 0;
    el.addEventListener('recrubo-message-sent', () => sent++);
    button.click();
    await until(() => sent === 1, 'sent');
    await until(() => deepActive()?.getAttribute('part') === 'template-open', 'the keyboard on "Send a template"');
  });
});
