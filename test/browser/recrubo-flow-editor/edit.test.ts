import { expect, waitUntil } from '@open-wc/testing';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { $, actionsOf, field, headers, mount, patches, recordingFetch, settled, textOf, typeInto } from './fixtures.js';

describe('<recrubo-flow-editor>: an edit reaches the server and the candidate', function () {
  this.timeout(60000);
  let sb: TestSandbox;
  beforeEach(async () => {
    sb = await newSandbox({ speed: 1000 });
  });

  it('one PATCH per changed resource, the body as sent, and a run started afterwards says the new text', async () => {
    const flowId = sb.seed.flowWithoutGeneration;
    const { fetch, sent } = recordingFetch();
    const el = await mount(sb, flowId, { fetch });
    const [start] = await actionsOf(sb, flowId);
    const edited = 'Hello! Welcome at the <b>Nurse</b> vacancy & thanks for your interest.';
    await typeInto(el, field(el, `nodeActions:${start!.id}`), edited);
    expect(el.dirty).to.equal(true);
    // The chat preview follows the typing.
    expect(textOf($(el, '[part~="preview"]'))).to.contain(edited);
    await sb.clearRequests();
    const saved = new Promise<CustomEvent>((r) =>
      el.addEventListener('recrubo-flow-saved', r as never, { once: true }),
    );
    expect(await el.save()).to.equal(true);
    const event = await saved;
    expect(event.detail).to.deep.equal({ flowId, changed: [{ type: 'nodeActions', id: start!.id }] });
    expect(el.dirty).to.equal(false);
    const patched = await patches(sb);
    expect(patched.map((p) => [p.path.replace(/^.*\/public\/v2/, ''), p.status])).to.deep.equal([
      [`/node-actions/${start!.id}`, 200],
    ]);
    const body = sent.find((s) => s.method === 'PATCH')!.body;
    expect(body).to.deep.equal({
      data: { type: 'nodeActions', id: start!.id, attributes: { value: { ...start!.value, text: edited } } },
    });
    expect((await actionsOf(sb, flowId))[0]!.value.text).to.equal(edited);

    // A run created now sends the edited text to the candidate.
    const thread = sb.seed.messageThreads[0];
    const run = await fetch(`${sb.baseUrl}/flow-runs`, {
      method: 'POST',
      headers: headers(sb),
      body: JSON.stringify({
        data: { type: 'flowRuns', attributes: { flowId, messageThreadId: thread, state: {}, initialMessage: {} } },
      }),
    });
    expect(run.status).to.equal(201);
    await waitUntil(
      async () => {
        const res = await fetch(`${sb.baseUrl}/messages?filter[messageThreadId]=${thread}&page[size]=100`, {
          headers: headers(sb),
        });
        const doc = await res.json();
        return doc.data.some(
          (m: any) =>
            m.attributes.origin === 'outbound' && JSON.stringify(m.attributes.payload).includes('Welcome at the'),
        );
      },
      'the run sent the edited text',
      { timeout: 15000 },
    );
  });

  it('the flow settings: one PATCH with only what changed', async () => {
    const flowId = sb.seed.flowWithAppointment;
    const { fetch, sent } = recordingFetch();
    const el = await mount(sb, flowId, { fetch });
    await typeInto(el, field(el, `flows:${flowId}`, 'name'), 'Driver (Amsterdam)');
    await typeInto(el, field(el, `flows:${flowId}`, 'reminderInterval'), '90');
    await sb.clearRequests();
    expect(await el.save()).to.equal(true);
    await settled(el);
    expect((await patches(sb)).length).to.equal(1);
    expect(sent.find((s) => s.method === 'PATCH')!.body).to.deep.equal({
      data: { type: 'flows', id: flowId, attributes: { name: 'Driver (Amsterdam)', reminderInterval: 90 } },
    });
  });
});

describe('<recrubo-flow-editor>: the appointment messages and leaving the page', function () {
  this.timeout(60000);

  it("an appointment message is editable; empty means Recrubo's own text (the key is left out)", async () => {
    const sb = await newSandbox({ speed: 1000 });
    const flowId = sb.seed.flowWithAppointment;
    const { fetch, sent } = recordingFetch();
    const el = await mount(sb, flowId, { fetch });
    const appointment = (await actionsOf(sb, flowId)).find((a) => a.subType === 'appointment')!;
    const askDay = field(el, `nodeActions:${appointment.id}`, 'askDayEN');
    expect(askDay.value).to.equal(appointment.value.askDayEN ?? '');
    await typeInto(el, askDay, 'Which day suits you, {{session.first_name}}?');
    expect(await el.save()).to.equal(true);
    const body = sent.find((s) => s.method === 'PATCH')!.body as any;
    expect(body.data.attributes.value).to.deep.equal({
      ...appointment.value,
      askDayEN: 'Which day suits you, {{session.first_name}}?',
    });
    await typeInto(el, askDay, '');
    expect(await el.save()).to.equal(true);
    const saved = (await actionsOf(sb, flowId)).find((a) => a.id === appointment.id)!;
    expect('askDayEN' in saved.value).to.equal(false);
  });

  it('asks before the page is left with unsaved edits (beforeunload), not without', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const flowId = sb.seed.flowWithoutGeneration;
    const el = await mount(sb, flowId);
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).to.equal(false);
    const [start] = await actionsOf(sb, flowId);
    await typeInto(el, field(el, `nodeActions:${start!.id}`), 'Unsaved');
    expect(leave()).to.equal(true);
    expect(await el.save()).to.equal(true);
    expect(leave()).to.equal(false);
    el.remove();
  });
});
