import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { $, $$, actionsOf, field, inputOf, mount, patchAction, patches, textOf, typeInto } from './fixtures.js';

const isWebKit = /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Chromium|Firefox/.test(navigator.userAgent);
/** WebDriver's key codes: a modifier stays down until NULL releases them all. */
const WEBDRIVER_KEYS: Record<string, string> = { Control: '\uE009', Shift: '\uE008', NULL: '\uE000' };

/** Keys held down around one key press (sendKeys' `press` takes one key; WebKit's driver takes only `type`). */
async function chord(modifiers: string[], key: string): Promise<void> {
  if (isWebKit) {
    await sendKeys({ type: `${modifiers.map((m) => WEBDRIVER_KEYS[m]).join('')}${key}${WEBDRIVER_KEYS.NULL}` });
    return;
  }
  for (const m of modifiers) await sendKeys({ down: m });
  await sendKeys({ press: key });
  for (const m of [...modifiers].reverse()) await sendKeys({ up: m });
}

describe('<recrubo-flow-editor>: typing, undo, placeholders, keyboard, accessibility', function () {
  this.timeout(60000);
  let sb: TestSandbox;
  beforeEach(async () => {
    sb = await newSandbox({ speed: 1000 });
  });

  it('undo and redo (buttons and Ctrl+Z / Ctrl+Shift+Z), one step per field typed in, with recrubo-flow-change', async () => {
    const flowId = sb.seed.flowWithoutGeneration;
    const el = await mount(sb, flowId);
    const [a, b] = await actionsOf(sb, flowId);
    const changes: boolean[] = [];
    el.addEventListener('recrubo-flow-change', (e) => changes.push(e.detail.dirty));
    const fa = field(el, `nodeActions:${a!.id}`);
    const fb = field(el, `nodeActions:${b!.id}`);
    await typeInto(el, fa, 'H');
    await typeInto(el, fa, 'Hi');
    await typeInto(el, fb, 'Second');
    expect(changes).to.deep.equal([true, true, true]);
    inputOf(fb).focus();
    await chord(['Control'], 'z');
    await el.updateComplete;
    expect(fb.value).to.equal(b!.value.text);
    expect(fa.value).to.equal('Hi');
    await chord(['Control'], 'z');
    await el.updateComplete;
    expect(fa.value).to.equal(a!.value.text, 'both keystrokes of one field are one step');
    expect(el.dirty).to.equal(false);
    expect(changes.at(-1)).to.equal(false);
    await chord(['Control', 'Shift'], 'Z');
    await el.updateComplete;
    expect(fa.value).to.equal('Hi');
    ($(el, '[part~="redo"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(fb.value).to.equal('Second');
    expect(($(el, '[part~="redo"]') as HTMLButtonElement).disabled).to.equal(true);
    // The preview follows undo too.
    ($(el, '[part~="undo"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(textOf($(el, '[part~="preview"]'))).to.contain(b!.value.text);
  });

  it('placeholders: a known one is highlighted, an unknown one flagged before saving', async () => {
    const flowId = sb.seed.flowWithAppointment;
    const el = await mount(sb, flowId);
    const [start] = await actionsOf(sb, flowId);
    const f = field(el, `nodeActions:${start!.id}`);
    await typeInto(el, f, 'Hi {{session.first_name}}!');
    await f.updateComplete;
    expect($$(f, '[part~="placeholders"] li').map(textOf)).to.deep.equal(['{{session.first_name}}']);
    expect(f.messages).to.deep.equal([]);
    await typeInto(el, f, 'Hi {{session.first_name}}, {{session.favourite_colour}}?');
    await f.updateComplete;
    expect($$(f, '[part~="placeholders"] li.unknown').map(textOf)).to.deep.equal(['{{session.favourite_colour}}']);
    expect(f.messages.join(' ')).to.contain('{{session.favourite_colour}} is not something this chatbot knows');
    await sb.clearRequests();
    expect(await el.save()).to.equal(false);
    expect(await patches(sb)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('keyboard only: Tab to a text, type, Ctrl+S saves', async () => {
    const flowId = sb.seed.flowWithoutGeneration;
    const el = await mount(sb, flowId);
    const save = $(el, '[part~="save"]') as HTMLButtonElement;
    // Nothing to save yet: Save says so (aria-disabled, so it keeps its place in the Tab order).
    expect(save.getAttribute('aria-disabled')).to.equal('true');
    expect(textOf($(el, '[part~="status"]'))).to.contain('No unsaved changes');
    save.focus();
    // From Save: the settings' name, reminder message, then the minutes, then the first step's message.
    for (let i = 0; i < 5; i++) await sendKeys({ press: 'Tab' });
    const [start] = await actionsOf(sb, flowId);
    const f = field(el, `nodeActions:${start!.id}`);
    expect(f.shadowRoot!.activeElement).to.equal(inputOf(f));
    // One word: WebKit's driver drops some spaces of a typed text (a plain <textarea> too).
    await chord(['Control'], 'a');
    await sendKeys({ type: 'Keyboard-typed.' });
    await el.updateComplete;
    expect(el.dirty).to.equal(true);
    await chord(['Control'], 's');
    await waitUntil(() => !el.dirty, 'saved by Ctrl+S', { timeout: 15000 });
    expect((await actionsOf(sb, flowId))[0]!.value.text).to.equal('Keyboard-typed.');
    // After the save: the status says it was saved (not merely "no unsaved changes"), and Save rests.
    await el.updateComplete;
    expect(textOf($(el, '[part~="status"]'))).to.contain('All changes saved.');
    expect(save.getAttribute('aria-disabled')).to.equal('true');
    // The next edit brings back "Unsaved changes" and an active Save.
    await chord(['Control'], 'a');
    await sendKeys({ type: 'Again.' });
    await el.updateComplete;
    expect(textOf($(el, '[part~="status"]'))).to.contain('Unsaved changes');
    expect(save.getAttribute('aria-disabled')).to.equal('false');
  });

  it('markup in a flow text is shown as text, in the field and in the preview', async () => {
    const flowId = sb.seed.flowWithoutGeneration;
    const [start] = await actionsOf(sb, flowId);
    const xss = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>Hi';
    await patchAction(sb, start!.id, { ...start!.value, text: xss });
    const el = await mount(sb, flowId);
    expect(field(el, `nodeActions:${start!.id}`).value).to.equal(xss);
    expect(inputOf(field(el, `nodeActions:${start!.id}`)).value).to.equal(xss);
    expect(textOf($(el, '[part~="preview"]'))).to.contain(xss);
    expect($$(el, '[part~="preview"] img, [part~="preview"] script').length).to.equal(0);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
  });

  it('accessible in every state: loading, loaded, flagged, failed, not found; and in Dutch', async () => {
    const flowId = sb.seed.flowWithAppointment;
    await sb.setFaults({ latencyMs: 400, count: 1 });
    const { fixture, html } = await import('@open-wc/testing');
    const loading = await fixture(
      html`<recrubo-flow-editor base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${flowId}></recrubo-flow-editor>`,
    );
    expect($(loading, '[part~="skeleton"]')).to.not.equal(null);
    await expect(loading).to.be.accessible();
    const el = await mount(sb, flowId);
    await expect(el).to.be.accessible();
    const list = (await actionsOf(sb, flowId)).find((a) => a.subType === 'list')!;
    await typeInto(el, field(el, `nodeActions:${list.id}`, 'options/1'), 'No, not at all, never ever');
    await el.save();
    await expect(el).to.be.accessible();
    await typeInto(el, field(el, `nodeActions:${list.id}`, 'options/1'), 'No');
    await sb.setFaults({ errorRate: 1, methods: ['PATCH'] });
    expect(await el.save()).to.equal(false);
    expect($(el, '[part~="notice"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
    await sb.setFaults({});
    const missing = await mount(sb, 'no-such-flow');
    expect(textOf($(missing, '[part~="error"]'))).to.contain('not found');
    await expect(missing).to.be.accessible();
    const nl = await mount(sb, flowId, { lang: 'nl' });
    expect(textOf($(nl, '[part~="save"]'))).to.equal('Opslaan');
    await expect(nl).to.be.accessible();
  });
});
