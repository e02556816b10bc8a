import { expect, waitUntil } from '@open-wc/testing';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import {
  $,
  $$,
  actionsOf,
  field,
  inputOf,
  mount,
  patchAction,
  patches,
  settled,
  textOf,
  typeInto,
} from './fixtures.js';

const path = (p: { path: string }) => p.path.replace(/^.*\/public\/v2/, '');

describe('<recrubo-flow-editor>: saving keeps every edit', function () {
  this.timeout(60000);
  let sb: TestSandbox;
  beforeEach(async () => {
    sb = await newSandbox({ speed: 1000 });
  });

  it('an option label WhatsApp would refuse is flagged while typing and not saved until it is fixed', async () => {
    const flowId = sb.seed.flowWithAppointment;
    const el = await mount(sb, flowId);
    const list = (await actionsOf(sb, flowId)).find((a) => a.subType === 'list')!;
    const option = field(el, `nodeActions:${list.id}`, 'options/0');
    await typeInto(el, option, 'Yes, I have had one for years');
    await option.updateComplete;
    expect(option.messages.join(' ')).to.contain('Too long for a WhatsApp button: 29 of 20 characters.');
    expect(inputOf(option).getAttribute('aria-invalid')).to.equal('true');
    await sb.clearRequests();
    expect(await el.save()).to.equal(false);
    expect(await patches(sb)).to.deep.equal([], 'nothing sent while a field is over the limit');
    expect(textOf($(el, '[part~="notice"]'))).to.contain('Fix 1 problem before saving.');
    // The save sent the keyboard to the problem.
    await waitUntil(() => option.shadowRoot!.activeElement === inputOf(option), 'focus on the flagged field');
    await typeInto(el, option, 'Yes, for years');
    expect(option.messages).to.deep.equal([]);
    expect(await el.save()).to.equal(true);
    expect((await patches(sb)).map((p) => [path(p), p.status])).to.deep.equal([[`/node-actions/${list.id}`, 200]]);
    expect((await actionsOf(sb, flowId)).find((a) => a.id === list.id)!.value.options[0]).to.equal('Yes, for years');
  });

  it('a server failure keeps every edit; the retry sends only what failed (counted at the sandbox)', async () => {
    const flowId = sb.seed.flowWithoutGeneration;
    const el = await mount(sb, flowId);
    const actions = await actionsOf(sb, flowId);
    const [a, b] = [actions[0]!, actions[1]!];
    await typeInto(el, field(el, `nodeActions:${a.id}`), 'First text, edited');
    await typeInto(el, field(el, `nodeActions:${b.id}`), 'Second text, edited');
    // The first PATCH of this tenant fails with a 500; the GET before it and the PATCH after it do not.
    await sb.setFaults({ errorRate: 1, count: 1, methods: ['PATCH'] });
    await sb.clearRequests();
    const errors: CustomEvent[] = [];
    el.addEventListener('recrubo-error', (e) => errors.push(e as CustomEvent));
    expect(await el.save()).to.equal(false);
    const first = await patches(sb);
    expect(first.map((p) => [path(p), p.status])).to.deep.equal([
      [`/node-actions/${a.id}`, 500],
      [`/node-actions/${b.id}`, 200],
    ]);
    expect(errors.length).to.equal(1);
    expect(errors[0]!.detail.error.status).to.equal(500);
    // Every edit is still there; the one that failed says so; the page still counts as having unsaved edits.
    expect(field(el, `nodeActions:${a.id}`).value).to.equal('First text, edited');
    expect(field(el, `nodeActions:${b.id}`).value).to.equal('Second text, edited');
    expect(el.dirty).to.equal(true);
    expect(textOf($(el, '[part~="notice"]'))).to.contain('1 change was not saved. Your edits are kept.');
    expect(textOf($(el, `[data-resource="nodeActions:${a.id}"] [part~="resource-error"]`))).to.contain('Not saved');
    await sb.clearRequests();
    ($(el, '[part~="notice"] [part~="retry"]') as HTMLButtonElement).click();
    await waitUntil(() => !el.dirty, 'the retry saved', { timeout: 15000 });
    await settled(el);
    expect((await patches(sb)).map((p) => [path(p), p.status])).to.deep.equal([[`/node-actions/${a.id}`, 200]]);
    expect((await actionsOf(sb, flowId)).slice(0, 2).map((x) => x.value.text)).to.deep.equal([
      'First text, edited',
      'Second text, edited',
    ]);
    expect($(el, '[part~="notice"]')).to.equal(null);
  });

  it('a text changed on the server meanwhile: both shown, nothing overwritten, the recruiter chooses', async () => {
    const flowId = sb.seed.flowWithoutGeneration;
    const el = await mount(sb, flowId);
    const [a] = await actionsOf(sb, flowId);
    await typeInto(el, field(el, `nodeActions:${a!.id}`), 'Mine: welcome!');
    // A colleague saves the same message first.
    expect((await patchAction(sb, a!.id, { ...a!.value, text: 'Theirs: hello there' })).status).to.equal(200);
    await sb.clearRequests();
    expect(await el.save()).to.equal(false);
    expect(await patches(sb)).to.deep.equal([], 'the conflicting text is not sent');
    expect((await actionsOf(sb, flowId))[0]!.value.text).to.equal('Theirs: hello there');
    const conflict = $(el, '[part~="conflict"]')!;
    const versions = $$(conflict, '.version').map(textOf);
    expect(versions).to.deep.equal(['Mine: welcome!', 'Theirs: hello there']);
    expect(field(el, `nodeActions:${a!.id}`).value).to.equal('Mine: welcome!');
    expect(el.dirty).to.equal(true);
    await expect(el).to.be.accessible();
    // "Keep mine": the next save writes it over theirs, knowingly.
    ($$(conflict, 'button')[0] as HTMLButtonElement).click();
    await el.updateComplete;
    expect($(el, '[part~="conflict"]')).to.equal(null);
    const mine = field(el, `nodeActions:${a!.id}`);
    await waitUntil(() => mine.shadowRoot!.activeElement === inputOf(mine), 'the keyboard back on the text');
    expect(await el.save()).to.equal(true);
    expect((await patches(sb)).length).to.equal(1);
    expect((await actionsOf(sb, flowId))[0]!.value.text).to.equal('Mine: welcome!');
  });

  it('"use theirs" takes the server text into the editor (and undo brings mine back)', async () => {
    const flowId = sb.seed.flowWithoutGeneration;
    const el = await mount(sb, flowId);
    const [a] = await actionsOf(sb, flowId);
    await typeInto(el, field(el, `nodeActions:${a!.id}`), 'Mine again');
    await patchAction(sb, a!.id, { ...a!.value, text: 'Theirs again' });
    expect(await el.save()).to.equal(false);
    ($$($(el, '[part~="conflict"]')!, 'button')[1] as HTMLButtonElement).click();
    await el.updateComplete;
    expect(field(el, `nodeActions:${a!.id}`).value).to.equal('Theirs again');
    expect(el.dirty).to.equal(false);
    ($(el, '[part~="undo"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(field(el, `nodeActions:${a!.id}`).value).to.equal('Mine again');
  });
});
