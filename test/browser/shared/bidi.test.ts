// Issue #12.7: an API string with a bidi control (U+202E RIGHT-TO-LEFT OVERRIDE) must not reorder the element's own
// text around it. Each element family gets such a string from the real sandbox (or its data property) and must
// render it inside an isolate (<bdi> or an element with dir="auto"), with its own label text outside that isolate.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-schedule-picker/define.js';
import '../../../src/elements/recrubo-generate-flow/define.js';
import '../../../src/elements/recrubo-flow-preview/define.js';
import '../../../src/elements/recrubo-start-run/define.js';
import '../../../src/elements/recrubo-conversation/define.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { FLOW_GENERATION_EXAMPLE_BODY, attributesOf } from '../recrubo-generate-flow/fixtures.js';

/** Hebrew-free and invisible-free apart from the override, so a reversed rendering would be plain to see. */
const RLO = (s: string) => `\u202E${s}`;

const isolated = (node: Node | null): boolean => {
  for (let n = node instanceof Element ? node : node?.parentElement; n; n = n.parentElement) {
    if (n.localName === 'bdi' || n.getAttribute('dir') === 'auto') return true;
  }
  return false;
};

/** Every text of `root` that holds `text`, asserted to be inside an isolate. */
function expectIsolated(root: ParentNode, text: string): Element {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const hits: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent!.includes(text)) hits.push(n as Text);
  expect(hits.length, `"${text}" is rendered`).to.be.greaterThan(0);
  for (const hit of hits) {
    // A translated string isolates its API values itself, in FSI…PDI (fill() in src/shared/i18n.ts).
    const own = hit.textContent!;
    const at = own.indexOf(text);
    const inFsi = own.lastIndexOf('\u2068', at) >= 0 && own.indexOf('\u2069', at) > at;
    expect(isolated(hit) || inFsi, `"${text}" in <${hit.parentElement!.localName}> is isolated`).to.equal(true);
  }
  return hits[0]!.parentElement!;
}

/** The element's own text next to the API string is outside the isolate (the override cannot reach it). */
function expectOutside(root: ParentNode, selector: string, label: string) {
  const el = root.querySelector(selector);
  expect(el, selector).to.not.equal(null);
  expect(el!.textContent).to.contain(label);
  expect(isolated(el), `${selector} itself is not inside an isolate`).to.equal(false);
}

const shadow = (el: Element) => el.shadowRoot!;
const headers = (sb: TestSandbox) => ({
  Authorization: `Bearer ${sb.apiKey}`,
  'Content-Type': 'application/vnd.api+json',
});

async function generateFlow(sb: TestSandbox, flowName: string, requirement: string) {
  const attributes = attributesOf(FLOW_GENERATION_EXAMPLE_BODY) as unknown as { parameters: Record<string, unknown> };
  attributes.parameters.flowName = flowName;
  attributes.parameters.knockoutRequirements = [{ value: requirement, sessionField: 'rlo' }];
  const res = await fetch(`${sb.baseUrl}/flow-generations`, {
    method: 'POST',
    headers: headers(sb),
    body: JSON.stringify({ data: { type: 'flowGenerations', attributes } }),
  });
  const id = (await res.json()).data.id as string;
  let flowId: string | undefined;
  await waitUntil(
    async () => {
      const g = await (await fetch(`${sb.baseUrl}/flow-generations/${id}`, { headers: headers(sb) })).json();
      flowId = g.data.attributes.flowId ?? undefined;
      return g.data.attributes.status === 'finished' && !!flowId;
    },
    'generation finished',
    { timeout: 20000, interval: 100 },
  );
  return { id, flowId: flowId! };
}

describe('bidi: API strings are isolated', function () {
  this.timeout(60000);
  let sb: TestSandbox;
  before(async () => {
    sb = await newSandbox({ speed: 1000 });
  });

  it('<recrubo-schedule-picker>: option names and chips', async () => {
    const el = await fixture<HTMLElement & { values: string[]; updateComplete: Promise<unknown> }>(html`
      <recrubo-schedule-picker
        label="Schedules"
        multiple
        .schedules=${[
          { id: 's1', name: RLO('Morning intake') },
          { id: 's2', name: 'Evening' },
        ]}
        .values=${['s1']}
      ></recrubo-schedule-picker>
    `);
    await el.updateComplete;
    const root = shadow(el);
    expectIsolated(root.querySelector('[part~="option-name"]')!, 'Morning intake');
    expectIsolated(root.querySelector('[part~="chips"]')!, 'Morning intake');
    expectOutside(root, '[part~="label"]', 'Schedules');
  });

  it('<recrubo-generate-flow> and <recrubo-flow-preview>: flow name, bot texts, node names', async () => {
    const { id, flowId } = await generateFlow(sb, RLO('Driver'), RLO('Has a licence'));

    const gen = document.createElement('recrubo-generate-flow');
    gen.setAttribute('base-url', sb.baseUrl);
    gen.setAttribute('api-key', sb.apiKey);
    gen.setAttribute('poll-interval', '100');
    gen.setAttribute('generation-id', id);
    await fixture(gen);
    await waitUntil(() => shadow(gen).querySelector('[part~="result"] dd')?.textContent?.includes('Driver'), 'result', {
      timeout: 20000,
    });
    const result = shadow(gen).querySelector('[part~="result"]')!;
    expectIsolated(result, 'Driver');
    expectOutside(result, 'dt', 'Flow');

    const preview = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(html`
      <recrubo-flow-preview flow-id=${flowId} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-flow-preview>
    `);
    await waitUntil(() => shadow(preview).querySelector('[part~="chat"]'), 'chat view', { timeout: 20000 });
    expectIsolated(shadow(preview).querySelector('[part~="chat"]')!, 'Has a licence');
    shadow(preview).querySelector<HTMLButtonElement>('[part~="view-button"]:nth-of-type(2)')!.click();
    await waitUntil(() => shadow(preview).querySelector('[part~="steps"]'), 'steps view');
    const steps = shadow(preview).querySelector('[part~="steps"]')!;
    expectIsolated(steps, 'Has a licence'); // the node's name and its bot text
    const names = [...steps.querySelectorAll('.step-head .name bdi')].map((b) => b.textContent);
    expect(names).to.include(RLO('Has a licence'));
  });

  it('<recrubo-start-run>: template name and body, and the preview', async () => {
    // The sandbox seeds its templates; the test passes the real answer through and puts an override into the
    // first template's name and body text (the request still goes to the sandbox over HTTP).
    const rewrite: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!/\/message-templates(\?|$)/.test(url) || !res.ok) return res;
      const doc = await res.json();
      const first = doc.data[0];
      first.attributes.name = RLO('welcome_template');
      for (const c of first.attributes.components ?? [])
        if (c.type === 'BODY' && typeof c.text === 'string') c.text = RLO('Hello there ') + c.text;
      return new Response(JSON.stringify(doc), { status: res.status, headers: res.headers });
    };
    const el = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(html`
      <recrubo-start-run flow-id=${sb.seed.flows[0]} base-url=${sb.baseUrl} api-key=${sb.apiKey} .fetch=${rewrite}></recrubo-start-run>
    `);
    await waitUntil(() => shadow(el).querySelector('.template-name'), 'templates', { timeout: 20000 });
    const root = shadow(el);
    expectIsolated(root.querySelector('[part~="templates"]')!, 'welcome_template');
    expectIsolated(root.querySelector('[part~="templates"]')!, 'Hello there');
    root.querySelector<HTMLInputElement>('input[type="radio"]')!.click();
    await el.updateComplete;
    expectIsolated(root.querySelector('[part~="preview"]')!, 'Hello there');
    expectOutside(
      root,
      '[part~="preview"] figcaption',
      root.querySelector('[part~="preview"] figcaption')!.textContent!.trim(),
    );
  });

  it('<recrubo-conversation>: message text and sender name', async () => {
    const threadId = sb.seed.messageThreads[0]!;
    const res = await fetch(`${sb.baseUrl}/messages`, {
      method: 'POST',
      headers: headers(sb),
      body: JSON.stringify({
        data: {
          type: 'messages',
          attributes: {
            messageThreadId: threadId,
            sendBy: RLO('Recruiter Ann'),
            payload: { type: 'text', text: { value: RLO('See you tomorrow') } },
          },
        },
      }),
    });
    expect(res.status).to.equal(201);
    const el = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(html`
      <recrubo-conversation message-thread-id=${threadId} base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-conversation>
    `);
    await waitUntil(() => shadow(el).textContent?.includes('See you tomorrow'), 'message shown', { timeout: 20000 });
    const bubble = [...shadow(el).querySelectorAll('[part~="message"]')].find((b) =>
      b.textContent!.includes('See you tomorrow'),
    )!;
    expectIsolated(bubble, 'See you tomorrow');
    expectIsolated(bubble, 'Recruiter Ann');
    expect(isolated(bubble.querySelector('[part~="meta"] time'))).to.equal(false);
  });
});
