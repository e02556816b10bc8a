import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/recrubo-flow-run-status/define.js';
import { humanizeKey } from '../../../src/elements/recrubo-flow-run-status/format.js';
import { newSandbox } from '../helpers/sandbox.js';
import {
  createRun,
  serverJson,
  serverRun,
  text,
  untilLabel,
  untilShown,
  type RunStatusEl,
  mount,
  unmountAll,
} from './helpers.js';

const XSS = '<img src=x onerror=alert(1)>';
const cardLoaded = (el: RunStatusEl) =>
  waitUntil(() => !!el.run && !el.shadowRoot!.querySelector('.title .skeleton'), 'card loaded with its flow', {
    timeout: 10000,
  });
/** A <dl> as { term: description } (direct groups only). */
const pairs = (dl: Element | null) =>
  Object.fromEntries(
    [...(dl?.querySelectorAll(':scope > div') ?? [])].map((d) => [
      text(d.querySelector('dt')),
      text(d.querySelector('dd')),
    ]),
  );
const answers = (el: RunStatusEl) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('dl.answers > div')].map((d) => ({
    key: d.dataset.key!,
    label: text(d.querySelector('dt')),
    value: text(d.querySelector('dd')),
  }));

describe('<recrubo-flow-run-status> card', function () {
  this.timeout(60000);
  afterEach(unmountAll);

  it('shows the flow name, cost, times and the answers labelled by the flow’s questions', async () => {
    const sb = await newSandbox();
    const id = sb.seed.runs.finished[0];
    const run = await serverRun(sb, id);
    const flow = (await serverJson(sb, `flows/${run.flowId}`)).data;
    const nodesDoc = await serverJson(sb, `nodes?filter[flowId]=${run.flowId}&include=nodeActions&page[size]=100`);
    const nodeNameByKey = new Map<string, string>();
    for (const node of nodesDoc.data) {
      for (const ref of node.relationships.nodeActions.data) {
        const action = nodesDoc.included.find((i: any) => i.type === 'nodeActions' && i.id === ref.id);
        if (action?.attributes.variableName) nodeNameByKey.set(action.attributes.variableName, node.attributes.name);
      }
    }
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${id}></recrubo-flow-run-status>`,
    );
    await cardLoaded(el);
    const root = el.shadowRoot!;
    expect(text(root.querySelector('[part~="title"]'))).to.equal(flow.attributes.name);
    expect(root.querySelector('article')!.getAttribute('aria-labelledby')).to.equal('title');
    const meta = pairs(root.querySelector('[part~="meta"]'));
    expect(meta.Cost).to.equal(`${new Intl.NumberFormat('en').format(run.cost)} credits`);
    expect(meta.Started).to.equal(
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
        Date.parse((run as any).createdAt),
      ),
    );
    expect(meta.Run).to.equal(id);
    const shown = answers(el);
    expect(shown.map((a) => a.key).sort()).to.deep.equal(Object.keys(run.state).sort());
    let fromFlow = 0;
    for (const a of shown) {
      const expected = nodeNameByKey.get(a.key) ?? humanizeKey(a.key);
      expect(a.label, a.key).to.equal(expected);
      if (nodeNameByKey.has(a.key)) fromFlow++;
      const raw = run.state[a.key];
      if (typeof raw === 'string' && !/^\d{4}-\d\d-\d\dT/.test(raw)) expect(a.value).to.equal(raw);
    }
    expect(fromFlow, 'labels come from the flow').to.be.at.least(1);
    await expect(el).to.be.accessible();
  });

  it('shows markup in an answer as text (XSS seed)', async () => {
    const sb = await newSandbox();
    let alerted = false;
    const original = window.alert;
    window.alert = () => void (alerted = true);
    try {
      const el = await mount<RunStatusEl>(
        html`<recrubo-flow-run-status variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.xss}></recrubo-flow-run-status>`,
      );
      await cardLoaded(el);
      await new Promise((r) => setTimeout(r, 100));
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      const values = answers(el).map((a) => a.value);
      expect(values.filter((v) => v === XSS).length).to.be.at.least(2);
      expect(alerted).to.equal(false);
      await expect(el).to.be.accessible();
    } finally {
      window.alert = original;
    }
  });

  it('renders objects, arrays, dates and long values readably, in Dutch too', async () => {
    const sb = await newSandbox({ speed: 0.001 });
    const long = 'x'.repeat(400);
    const id = await createRun(sb, {
      skills: ['forklift', 'first aid'],
      appointment: { scheduleId: '2', dateTime: '2025-10-03T10:30:00+02:00' },
      over18: true,
      years_experience: 1234.5,
      motivation: long,
      'ats_field:connexys:work_permit': 'yes',
    });
    const el = await mount<RunStatusEl>(
      html`<div style="width: 360px"><recrubo-flow-run-status lang="nl" variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${id}></recrubo-flow-run-status></div>`,
    );
    const card = el.querySelector<RunStatusEl>('recrubo-flow-run-status')!;
    await cardLoaded(card);
    const byKey = Object.fromEntries(answers(card).map((a) => [a.key, a]));
    expect(byKey.skills.value).to.equal('forklift, first aid');
    const appointment = card.shadowRoot!.querySelector('[data-key="appointment"] dl.nested')!;
    expect(pairs(appointment).Agenda, 'our own labels speak Dutch').to.equal('2');
    const time = appointment.querySelector('time')!;
    expect(text(time)).to.equal(
      new Intl.DateTimeFormat('nl', { dateStyle: 'medium', timeStyle: 'short' }).format(
        Date.parse('2025-10-03T10:30:00+02:00'),
      ),
    );
    expect(byKey.over18.value).to.equal('Ja');
    expect(byKey.years_experience.value).to.equal(new Intl.NumberFormat('nl').format(1234.5));
    expect(byKey['ats_field:connexys:work_permit'].label).to.equal('Werkvergunning');
    expect(byKey.years_experience.label).to.equal('Jaren ervaring');
    expect(byKey.motivation.label).to.equal('Motivatie');
    expect(pairs(card.shadowRoot!.querySelector('[part~="meta"]')).Kosten).to.equal('0 credits');
    expect(text(card.shadowRoot!.querySelector('#answers-title'))).to.equal('Antwoorden');
    // the long value wraps inside the card instead of widening it
    expect(card.getBoundingClientRect().width).to.be.at.most(361);
    const dd = card.shadowRoot!.querySelector<HTMLElement>('[data-key="motivation"] dd')!;
    expect(dd.scrollWidth).to.be.at.most(dd.clientWidth + 1);
    await expect(card).to.be.accessible();
  });

  it('follows a run-id change to a run of another flow (title and labels of the new flow)', async () => {
    const sb = await newSandbox();
    const list = await serverJson(sb, 'flow-runs?page[size]=100&filter[status]=finished');
    const a = list.data[0];
    const b = list.data.find((r: any) => r.attributes.flowId !== a.attributes.flowId);
    const flowB = (await serverJson(sb, `flows/${b.attributes.flowId}`)).data.attributes.name;
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${a.id}></recrubo-flow-run-status>`,
    );
    await cardLoaded(el);
    el.runId = b.id;
    await waitUntil(
      () => el.run?.id === b.id && text(el.shadowRoot!.querySelector('[part~="title"]')) === flowB,
      "title of the new run's flow",
      { timeout: 15000 },
    );
    expect(
      answers(el)
        .map((a) => a.key)
        .sort(),
    ).to.deep.equal(Object.keys(b.attributes.state).sort());
  });

  it('loads a flow once for many cards of runs on that flow', async () => {
    const sb = await newSandbox();
    const list = await serverJson(sb, 'flow-runs?page[size]=100');
    const flowId = list.data[0].attributes.flowId;
    const ids: string[] = list.data.filter((r: any) => r.attributes.flowId === flowId).map((r: any) => r.id);
    expect(ids.length).to.be.at.least(5);
    const wrapper = await mount<HTMLElement>(html`<div>
      ${ids.map((id) => html`<recrubo-flow-run-status variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${id}></recrubo-flow-run-status>`)}
    </div>`);
    const els = [...wrapper.querySelectorAll<RunStatusEl>('recrubo-flow-run-status')];
    await untilShown(els);
    for (const el of els) await cardLoaded(el);
    // a card mounted later reuses the loaded flow
    const late = document.createElement('recrubo-flow-run-status');
    Object.assign(late, { baseUrl: sb.baseUrl, apiKey: sb.apiKey, variant: 'card', static: true, runId: ids[0] });
    wrapper.append(late);
    await cardLoaded(late);
    const flowRequests = (await sb.requests()).filter((r) => r.path.includes('/flows/'));
    expect(flowRequests).to.have.length(1);
    expect(flowRequests[0].path).to.contain(flowId);
  });

  it('is accessible while loading and shows a skeleton card', async () => {
    const sb = await newSandbox({ faults: { latencyMs: 500 } });
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.running[0]}></recrubo-flow-run-status>`,
    );
    expect(el.shadowRoot!.querySelector('article[aria-busy="true"] .skeleton')).to.exist;
    await expect(el).to.be.accessible();
    await untilLabel(el, 'Running');
  });

  it('the loading card is as tall as the loaded card with one answer (nothing jumps)', async () => {
    const sb = await newSandbox({ faults: { latencyMs: 400 } });
    const ids = [...sb.seed.runs.queued, ...sb.seed.runs.running, ...sb.seed.runs.finished];
    const states = await Promise.all(
      ids.map(async (id) => [id, Object.keys((await serverRun(sb, id)).state ?? {}).length] as const),
    );
    const id = states.find(([, n]) => n === 1)?.[0];
    expect(id, 'a seeded run with one answer').to.be.a('string');
    const el = await mount<RunStatusEl>(
      html`<div style="width: 480px"><recrubo-flow-run-status variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${id}></recrubo-flow-run-status></div>`,
    );
    const card = el.querySelector<RunStatusEl>('recrubo-flow-run-status')!;
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('article[aria-busy="true"]')).to.exist;
    const loading = card.getBoundingClientRect().height;
    await cardLoaded(card);
    const loaded = card.getBoundingClientRect().height;
    expect(Math.abs(loaded - loading), `loading ${loading}px, loaded ${loaded}px`).to.be.at.most(4);
  });

  it("a failed load: one retry button, and after it the focus is on the card's title", async () => {
    const sb = await newSandbox({ faults: { errorRate: 1 } });
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id=${sb.seed.runs.finished[0]}></recrubo-flow-run-status>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="error"]'), 'the failure', { timeout: 20000 });
    const buttons = [...el.shadowRoot!.querySelectorAll('button')];
    expect(buttons.map((b) => text(b))).to.deep.equal(['Try again']);
    await expect(el).to.be.accessible();
    await sb.setFaults({});
    buttons[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await cardLoaded(el);
    await el.updateComplete;
    const active = el.shadowRoot!.activeElement;
    expect(
      active === el.shadowRoot!.querySelector('[part~="title"]'),
      `focus on the title, not ${active?.outerHTML.slice(0, 60)}`,
    ).to.equal(true);
  });

  it('a retry whose answer is "not found" leaves the focus on the card, not the page', async () => {
    const sb = await newSandbox({ faults: { errorRate: 1 } });
    const el = await mount<RunStatusEl>(
      html`<recrubo-flow-run-status variant="card" static base-url=${sb.baseUrl} api-key=${sb.apiKey} run-id="00000000-0000-4000-8000-000000000404"></recrubo-flow-run-status>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('button'), 'the failure with its retry', { timeout: 20000 });
    await sb.setFaults({});
    el.shadowRoot!.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await untilLabel(el, 'Run not found');
    await el.updateComplete;
    const active = el.shadowRoot!.activeElement;
    expect(
      !!active && el.shadowRoot!.contains(active),
      `focus in the card, not ${String(document.activeElement?.localName)}`,
    ).to.equal(true);
  });
});
