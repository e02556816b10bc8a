// Issue 27.4: what the sandox's bot and analysis say is part of the product. A Dutch flow asks in Dutch, knockouts
// are questions, a simulated appointment is a future slot with the schedule's name (written in the chat as a date in
// the flow's language), phone numbers are international, and the analysis finds what the demo's vacancy text asks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
import { DOCS_FLOW_ID } from '../../../sandbox/seed.ts';
import { FLOW_GENERATION_APPOINTMENT_EXAMPLE } from './examples.ts';
import { call, start } from './helpers.ts';

/** The generate-flow demo's vacancy text (demo/generate-flow.html), as a newcomer first tries the analysis. */
const DEMO_VACANCY = `We are looking for a reliable delivery driver for our Amsterdam depot.
You deliver parcels to homes and businesses with one of our electric vans, plan your own route with our app and are the friendly face of our company.

What you bring:
- a Dutch driving licence B
- good communication skills; you speak Dutch or English
- you live in or near Amsterdam

What we offer: a permanent contract after six months, a modern electric van and a travel allowance.`;

describe('the sandbox’s texts', () => {
  let s: RunningSandbox;
  before(async () => {
    s = await start({ speed: 1000 });
  });
  after(() => s.close());
  const api = (path: string, init?: Parameters<typeof call>[2]) => call(s.url, '/public/v2' + path, init);

  async function questionsOf(flowId: string): Promise<string[]> {
    const res = await api(`/nodes?filter[flowId]=${flowId}&include=nodeActions&sort=index&page[size]=100`);
    assert.equal(res.status, 200);
    return (res.body.included as { type: string; attributes: { actionType: string; value: { text?: string } } }[])
      .filter((r) => r.type === 'nodeActions' && r.attributes.actionType === 'ask')
      .map((r) => String(r.attributes.value.text));
  }

  it('a Dutch flow asks for its fields in Dutch and its requirements as questions', async () => {
    const gen = await api('/flow-generations?sync=true', { method: 'POST', body: FLOW_GENERATION_APPOINTMENT_EXAMPLE });
    assert.equal(gen.status, 201);
    const questions = await questionsOf(gen.body.data.attributes.flowId);
    for (const q of ['Wat is je voornaam?', 'Wat is je e-mailadres?', 'Wat is je telefoonnummer?', 'Wat is je adres?'])
      assert.ok(questions.includes(q), `"${q}" in ${JSON.stringify(questions)}`);
    assert.ok(questions.includes('Wat is je LinkedIn-profiel?'), JSON.stringify(questions));
    assert.ok(questions.includes('Heb je rijbewijs B?'), JSON.stringify(questions));
    assert.ok(questions.includes('Ben je communicatief?'), JSON.stringify(questions));
    assert.ok(questions.includes('Woon je in Amsterdam?'), JSON.stringify(questions));
    for (const q of questions) {
      assert.doesNotMatch(q, /first name|phone number|email|Has drivers/i, q);
      assert.match(q, /\?$|afspraak/, `"${q}" is asked, not stated`);
    }
  });

  it('an English flow asks in English, requirements as questions too', async () => {
    const res = await api('/flows?page[size]=100');
    const flow = (res.body.data as { id: string; attributes: { name: string } }[]).find(
      (f) => f.attributes.name === 'Customer service agent',
    )!;
    const questions = await questionsOf(flow.id);
    assert.ok(questions.includes('What is your first name?'), JSON.stringify(questions));
    assert.ok(questions.includes('Do you speak English fluently?'), JSON.stringify(questions));
  });

  it('seeded runs: an appointment is a future slot with its schedule’s name; numbers are international', async () => {
    const t = s.sandbox.tenant();
    const now = t.now();
    const runs = (await api('/flow-runs?page[size]=100')).body.data as {
      id: string;
      attributes: { flowId: string; createdAt: string; state: Record<string, unknown> };
    }[];
    const withAppointment = runs.filter((r) => r.attributes.state.appointment);
    assert.ok(withAppointment.length > 0, 'some seeded runs booked an appointment');
    const names = new Set(
      ((await api('/schedules?page[size]=100')).body.data as { attributes: { name: string } }[]).map(
        (x) => x.attributes.name,
      ),
    );
    for (const run of withAppointment) {
      const appointment = run.attributes.state.appointment as Record<string, unknown>;
      assert.ok(names.has(String(appointment.schedule)), `a schedule's name: ${JSON.stringify(appointment)}`);
      const at = Date.parse(String(appointment.dateTime));
      assert.ok(at > Date.parse(run.attributes.createdAt), `after the run started: ${appointment.dateTime}`);
      assert.ok(at > now - 60 * 60_000 * 24 * 30, 'not years ago');
    }
    for (const run of runs) {
      const phone = run.attributes.state.phone;
      if (phone !== undefined) assert.match(String(phone), /^\+\d{10,15}$/, `international: ${phone}`);
    }
  });

  it('the chat shows an appointment as a date in the flow’s language, never an ISO timestamp', async () => {
    const thread = (await api('/message-threads?page[size]=1')).body.data[0].id as string;
    const run = await api('/flow-runs', {
      method: 'POST',
      body: {
        data: {
          type: 'flowRuns',
          attributes: { flowId: DOCS_FLOW_ID, messageThreadId: thread, state: {}, initialMessage: {} },
        },
      },
    });
    assert.equal(run.status, 201, JSON.stringify(run.body));
    const id = run.body.data.id as string;
    let state: Record<string, unknown> = {};
    for (let i = 0; i < 200 && !state.appointment; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = (await api(`/flow-runs/${id}`)).body.data.attributes.state;
    }
    const appointment = state.appointment as { dateTime: string };
    assert.ok(appointment, 'the run booked an appointment');
    const messages = (await api(`/messages?filter[messageThreadId]=${thread}&page[size]=100`)).body.data as {
      attributes: { payload: { text?: { value?: string } } };
    }[];
    const texts = messages.map((m) => m.attributes.payload.text?.value ?? '');
    assert.ok(!texts.some((x) => /\d{4}-\d\d-\d\dT/.test(x)), `no ISO timestamp in ${JSON.stringify(texts)}`);
    const day = new Intl.DateTimeFormat('nl-NL', {
      day: 'numeric',
      month: 'long',
      timeZone: 'Europe/Amsterdam',
    }).format(Date.parse(appointment.dateTime));
    assert.ok(
      texts.some((x) => x.includes(day) && x.includes('10:30')),
      `"${day} … 10:30" in ${JSON.stringify(texts)}`,
    );
  });

  it('the analysis of the demo’s vacancy text finds the driving licence and "Dutch or English", not "Dutch" alone', async () => {
    const res = await api('/vacancy-analyses?sync=true', {
      method: 'POST',
      body: { data: { type: 'vacancyAnalyses', attributes: { inputText: DEMO_VACANCY } } },
    });
    assert.equal(res.status, 201);
    const hard = (res.body.data.attributes.analyzeResult.hardSkills as { writtenAsRequirement: string }[]).map(
      (h) => h.writtenAsRequirement,
    );
    assert.ok(hard.includes("Has a driver's license B"), JSON.stringify(hard));
    assert.ok(hard.includes('Speaks Dutch or English'), JSON.stringify(hard));
    assert.ok(!hard.some((h) => /^Speaks (Dutch|English)( fluently)?$/.test(h)), JSON.stringify(hard));
  });
});
