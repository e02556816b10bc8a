import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../../src/elements/recrubo-flow-preview/define.js';
import type { RecruboFlowPreviewElement } from '../../../src/elements/recrubo-flow-preview/define.js';
import type { VacancyFlowParameters } from '../../../src/shared/vacancy-flow-rules.js';
import { announce } from '../../../src/shared/announcer.js';
import { newSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { requirementQuestion } from '../../../sandbox/flow-builder.ts';
import { $, $$, SEED_EXAMPLES, attributesOf, generateFlow, inOrder, loaded, nodesOf, textOf } from './fixtures.js';

async function mount(sb: TestSandbox, flowId: string, view: 'chat' | 'steps' = 'chat', lang = 'en') {
  const el = await fixture<RecruboFlowPreviewElement>(
    html`<recrubo-flow-preview base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${flowId} view=${view} lang=${lang}></recrubo-flow-preview>`,
  );
  await loaded(el);
  return el;
}

/** What the page's one announcer says now. */
const announced = () => document.getElementById('recrubo-announcer')?.textContent?.trim() ?? '';

/** The bot messages of the chat view, as text, in the order shown. */
const chatMessages = (el: RecruboFlowPreviewElement) => $$(el, '.messages > [part~="message"] .text').map(textOf);

/** The sandbox asks a requirement as a question in the flow's language ("Has drivers license B" → "Heb je rijbewijs B?"). */
const asked = (params: VacancyFlowParameters, value: string) =>
  requirementQuestion(params.language === 'en' ? 'en' : 'nl', value);

describe('<recrubo-flow-preview> of a flow generated from each seed example', function () {
  this.timeout(60000);

  for (const example of SEED_EXAMPLES) {
    describe(example.name, () => {
      let sb: TestSandbox;
      let flowId: string;
      let params: VacancyFlowParameters;
      before(async () => {
        sb = await newSandbox({ speed: 1000 });
        const attributes = attributesOf(example.body);
        params = attributes.parameters as VacancyFlowParameters;
        flowId = await generateFlow(sb, attributes);
      });

      it('chat view: every message of the flow in node order, every requirement, every personal-field question and the appointment step', async () => {
        const el = await mount(sb, flowId);
        const nodes = await nodesOf(sb, flowId);
        const talk = nodes.filter((n) => !n.isEndFlow);
        // Exactly the bot's messages, in node order, as text.
        expect(chatMessages(el)).to.deep.equal(talk.map((n) => n.text));

        const chat = textOf($(el, '[part~="chat"]'));
        const knockouts = params.knockoutRequirements.map((r) => asked(params, r.value));
        const preferred = (params.preferredRequirements ?? []).map((r) => asked(params, r.value));
        expect(inOrder(chat, [...knockouts, ...preferred]), 'requirements in order').to.not.include(-1);
        // Every personal field is asked, in the order of the parameters, and says where its answer goes.
        const fields = [...params.requiredFields, ...(params.optionalFields ?? [])];
        const questions = fields.map((f) => nodes.find((n) => n.variableName === f.sessionField));
        expect(questions.every(Boolean), 'a question per personal field').to.equal(true);
        expect(
          inOrder(
            chat,
            questions.map((q) => q!.text),
          ),
          'questions in order',
        ).to.not.include(-1);
        const saved = $$(el, '[part~="answer"] [part~="session-field"]').map(textOf);
        expect(
          inOrder(
            saved.join(' '),
            fields.map((f) => f.sessionField!),
          ),
        ).to.not.include(-1);
        // The phone number is a contact ask, shown as one.
        const phone = $$(el, '[part~="message"][data-kind="contact"]');
        expect(phone.length).to.equal(fields.filter((f) => f.value === 'phoneNumber').length);
        if (phone.length) expect(textOf(phone[0])).to.include('share a contact');

        const appointment = $$(el, '[part~="message"][data-kind="appointment"]');
        const hasAppointment = (params.extraOptions ?? []).some((o) => o.value === 'appointment');
        expect(appointment.length).to.equal(hasAppointment ? 1 : 0);
        if (hasAppointment) {
          expect(textOf(appointment[0])).to.include('picks a day and a time');
          expect(textOf(appointment[0])).to.include('1, 2, and 3');
          // After every requirement.
          expect(chat.indexOf('picks a day and a time')).to.be.greaterThan(
            chat.indexOf(preferred.at(-1) ?? knockouts.at(-1)!),
          );
        }
        await expect(el).to.be.accessible();
      });

      it('chat view: each knockout question has its "no" branch to the declined ending; preferred ones do not; both endings are shown', async () => {
        const el = await mount(sb, flowId);
        const bubbles = $$(el, '.messages > [part~="message"]');
        const bubbleOf = (text: string) => bubbles.find((b) => textOf(b.querySelector('.text')) === text);
        for (const r of params.knockoutRequirements) {
          const bubble = bubbleOf(asked(params, r.value))!;
          expect(bubble, r.value).to.exist;
          expect($$(bubble, '[part~="quick-reply"]').map(textOf)).to.deep.equal(['Ja', 'Nee']);
          expect(textOf(bubble.querySelector('[part~="branch"]'))).to.include(
            'Answering “no” ends the chat with the declined ending',
          );
        }
        for (const r of params.preferredRequirements ?? []) {
          const bubble = bubbleOf(asked(params, r.value))!;
          expect($$(bubble, '[part~="quick-reply"]').length).to.equal(2);
          expect(bubble.querySelector('[part~="branch"]'), `${r.value} is no knockout`).to.equal(null);
        }
        const endings = $$(el, '[part~="ending"]');
        expect(endings.map((e) => textOf(e.querySelector('[part~="marker"]')))).to.deep.equal([
          'Ending: accepted',
          'Ending: declined',
        ]);
        expect(textOf(endings[1])).to.include('Helaas past deze vacature nu niet bij je');

        // The branch's button takes the focus to the declined ending.
        const first = bubbleOf(asked(params, params.knockoutRequirements[0]!.value))!;
        first.querySelector<HTMLButtonElement>('[part~="branch"] button')!.click();
        expect(el.shadowRoot!.activeElement === endings[1], 'focus on the declined ending').to.equal(true);
      });

      it('steps view: numbered steps as nested lists, start and end marked, session fields, and the branches', async () => {
        const el = await mount(sb, flowId, 'steps');
        const nodes = await nodesOf(sb, flowId);
        const steps = $$(el, 'ol[part~="steps"] > li[part~="step"]');
        expect(steps.length).to.equal(nodes.length);
        expect(steps.map((s) => textOf(s.querySelector('.name')))).to.deep.equal(nodes.map((n) => n.name));
        expect(textOf(steps[0]!.querySelector('[part~="marker"]'))).to.equal('Start');
        const declinedAt = nodes.findIndex((n) => n.endFlowType === 'declined');
        const acceptedAt = nodes.findIndex((n) => n.endFlowType === 'accepted');
        expect(textOf(steps[declinedAt]!.querySelector('[part~="marker"]'))).to.equal('End: declined');
        expect(textOf(steps[acceptedAt]!.querySelector('[part~="marker"]'))).to.equal('End: accepted');
        expect(textOf(steps[declinedAt]!.querySelector('[part~="branches"]'))).to.equal('the conversation ends here');

        nodes.forEach((n, i) => {
          if (n.variableName)
            expect(textOf(steps[i]!.querySelector('[part~="session-field"]')), n.name).to.equal(n.variableName);
        });
        const knockouts = new Set(params.knockoutRequirements.map((r) => r.value));
        nodes.forEach((n, i) => {
          const branches = $$(steps[i]!, '[part~="branches"] > li').map(textOf);
          if (knockouts.has(n.name)) {
            expect(branches[0], n.name).to.equal(`If the answer is “no”: go to step ${declinedAt + 1}: Declined`);
            expect(branches[1]).to.match(/^Then: go to step \d+: /);
          } else if (!n.isEndFlow) {
            expect(branches.length, n.name).to.equal(1);
            expect(branches[0]).to.match(/^Then: go to step \d+: /);
          }
        });
        await expect(el).to.be.accessible();
      });
    });
  }
});

describe('<recrubo-flow-preview> states', function () {
  this.timeout(60000);

  it('a flow that does not exist: "not found", a recrubo-error with the 404, axe-clean', async () => {
    const sb = await newSandbox();
    const errors: number[] = [];
    const el = document.createElement('recrubo-flow-preview');
    el.addEventListener('recrubo-error', (e) => errors.push(e.detail.error.status!));
    el.setAttribute('base-url', sb.baseUrl);
    el.setAttribute('api-key', sb.apiKey);
    el.setAttribute('flow-id', '00000000-0000-4000-8000-000000000000');
    await fixture(el);
    await loaded(el);
    expect(textOf($(el, '[part~="error"]'))).to.equal('This chatbot was not found. It may have been deleted.');
    expect($(el, '[part~="retry"]')).to.equal(null);
    expect(errors).to.deep.equal([404]);
    await expect(el).to.be.accessible();
  });

  it('loading: a skeleton in the shape of the view, busy and announced; then the flow', async () => {
    const sb = await newSandbox({ speed: 1000 });
    // What earlier tests left in the announcer's queue is spoken first (with a marker we wait for).
    announce('(start)');
    await waitUntil(() => announced().includes('(start)'), 'flushed');
    await sb.setFaults({ latencyMs: 1500, count: 1 });
    const el = await fixture<RecruboFlowPreviewElement>(
      html`<recrubo-flow-preview base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithAppointment}></recrubo-flow-preview>`,
    );
    expect($(el, '[part~="skeleton"].chat')).to.exist;
    expect($(el, '[part~="base"]')!.getAttribute('aria-busy')).to.equal('true');
    // Announced through the page's one announcer (the element keeps no live region of its own).
    expect(el.shadowRoot!.querySelector('[aria-live], [role="status"]')).to.equal(null);
    await waitUntil(() => announced() === 'Loading the chatbot preview…', 'loading announced');
    await expect(el).to.be.accessible();
    await loaded(el);
    expect($(el, '[part~="base"]')!.getAttribute('aria-busy')).to.equal('false');
    await waitUntil(() => /^Preview loaded: \d+ steps\.$/.test(announced()), 'loaded announced');
    expect($$(el, '[part~="message"]').length).to.be.greaterThan(5);
  });

  it('a failed load says so with a retry that works; the focus goes to the preview', async () => {
    const sb = await newSandbox({ speed: 1000 });
    // Every attempt (the first and the api layer's retries) gets an HTML error page, as from a broken proxy.
    await sb.setFaults({ htmlErrorRate: 1 });
    let errors = 0;
    const el = document.createElement('recrubo-flow-preview');
    el.addEventListener('recrubo-error', () => errors++);
    el.setAttribute('base-url', sb.baseUrl);
    el.setAttribute('api-key', sb.apiKey);
    el.setAttribute('flow-id', sb.seed.flowWithoutGeneration);
    await fixture(el);
    await loaded(el, 30000);
    expect(textOf($(el, '[part~="error"]'))).to.include('Could not load the chatbot preview.');
    expect(errors).to.equal(1);
    await expect(el).to.be.accessible();

    await sb.setFaults({});
    const retry = $<HTMLButtonElement>(el, '[part~="retry"]')!;
    retry.focus();
    retry.click();
    await waitUntil(() => el.steps !== undefined, 'loaded after the retry', { timeout: 15000 });
    await el.updateComplete;
    expect($(el, '[part~="error"]')).to.equal(null);
    expect(chatMessages(el)[0]).to.include('Hi! Great that you are interested in the Nurse (hand-made) vacancy');
    expect(el.shadowRoot!.activeElement === $(el, '[part~="chat"]'), 'focus on the conversation').to.equal(true);
  });

  it('no flow-id: says so; a flow-id set later loads it; a new one replaces it', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const el = await fixture<RecruboFlowPreviewElement>(
      html`<recrubo-flow-preview base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-flow-preview>`,
    );
    expect(textOf($(el, '[part~="empty"]'))).to.equal('No chatbot chosen yet.');
    await expect(el).to.be.accessible();
    el.flowId = sb.seed.flowWithCustomSchedule;
    await loaded(el);
    expect(textOf($(el, '[part~="message"][data-kind="appointment"]'))).to.include(
      'Schedules are chosen for each candidate when the chatbot starts',
    );
    el.flowId = sb.seed.flowWithoutGeneration;
    await el.updateComplete;
    await loaded(el);
    expect(chatMessages(el)[0]).to.include('Nurse (hand-made)');
    expect($(el, '[part~="message"][data-kind="appointment"]')).to.equal(null);
  });

  it('in Dutch: labels, markers and branches', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const el = await mount(sb, sb.seed.flowWithAppointment, 'steps', 'nl');
    expect(textOf($(el, '[part~="views"]'))).to.equal('Gesprek Stappen');
    expect(textOf($(el, '[part~="marker"]'))).to.equal('Start');
    const markers = $$(el, '[part~="marker"]').map(textOf);
    expect(markers).to.include('Einde: afgewezen');
    expect(textOf($(el, '[part~="steps"]'))).to.include('Als het antwoord “no” is: naar stap');
    expect(textOf($(el, '[part~="steps"]'))).to.include('Opgeslagen als');
    await expect(el).to.be.accessible();
  });

  it('the view switch changes between the conversation and the steps, and reflects `view`', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const el = await mount(sb, sb.seed.flowWithAppointment);
    const [chat, steps] = $$<HTMLButtonElement>(el, '[part~="view-button"]');
    expect(chat!.getAttribute('aria-pressed')).to.equal('true');
    steps!.click();
    await el.updateComplete;
    expect(el.getAttribute('view')).to.equal('steps');
    expect(steps!.getAttribute('aria-pressed')).to.equal('true');
    expect($(el, '[part~="steps"]')).to.exist;
    expect($(el, '[part~="chat"]')).to.equal(null);
  });
});

describe('<recrubo-flow-preview> WhatsApp limits and texts', function () {
  this.timeout(60000);

  it('flags a question longer than WhatsApp allows on that step, in both views; API text is shown as text', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const long = `Do you agree with the following? ${'All the terms of this job. '.repeat(40)}`.trim();
    const markup = '<img src=x onerror="window.__xss=1">Has a <b>licence</b>';
    const attributes = attributesOf(SEED_EXAMPLES[0]!.body);
    const params = attributes.parameters as VacancyFlowParameters;
    params.knockoutRequirements = [
      { value: long, sessionField: 'terms' },
      { value: markup, sessionField: 'licence' },
    ];
    const flowId = await generateFlow(sb, attributes);
    const el = await mount(sb, flowId);

    expect(textOf($(el, '[part~="limit-summary"]'))).to.equal(
      '⚠ WhatsApp will refuse or cut 1 thing in this chatbot; see the marked steps.',
    );
    const flagged = $$(el, '[part~="message"]').filter((m) => m.querySelector('[part~="limits"]'));
    expect(flagged.length).to.equal(1);
    expect(textOf(flagged[0]!.querySelector('.text'))).to.equal(long);
    expect(textOf(flagged[0]!.querySelector('[part~="limits"]'))).to.equal(
      `⚠ A message with reply options may have at most 1,024 characters; this one has ${[...long].length.toLocaleString('en')}.`,
    );
    // The markup is text: no element made of it, nothing ran.
    const bubble = $$(el, '[part~="message"] .text').find((t) => t.textContent === asked(params, markup));
    expect(bubble, 'shown as typed').to.exist;
    expect(bubble!.querySelector('img, b')).to.equal(null);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
    await expect(el).to.be.accessible();

    el.view = 'steps';
    await el.updateComplete;
    const step = $$(el, '[part~="step"]').find((s) => s.querySelector('[part~="limits"]'))!;
    expect(textOf(step.querySelector('.name'))).to.equal(long);
    expect(step.classList.contains('flagged')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('dark mode: both views axe-clean, the bubbles dark', async function () {
    // Only Chromium's driver (CDP) can emulate `prefers-color-scheme`; the other two drivers refuse it.
    if (!/Chrome\//.test(navigator.userAgent)) this.skip();
    const sb = await newSandbox({ speed: 1000 });
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const el = await mount(sb, sb.seed.flowWithAppointment);
      expect(getComputedStyle($(el, '[part~="message"]')!).backgroundColor).to.equal('rgb(28, 32, 37)');
      await expect(el).to.be.accessible();
      el.view = 'steps';
      await el.updateComplete;
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('themes through --recrubo-* custom properties', async () => {
    const sb = await newSandbox({ speed: 1000 });
    const wrapper =
      await fixture<HTMLDivElement>(html`<div style="--recrubo-flow-preview-bubble: rgb(1, 2, 3); --recrubo-color-primary: rgb(4, 5, 6)">
      <recrubo-flow-preview base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithAppointment}></recrubo-flow-preview>
    </div>`);
    const el = wrapper.querySelector('recrubo-flow-preview')!;
    await loaded(el);
    expect(getComputedStyle($(el, '[part~="message"]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle($(el, '[part~="view-button"][aria-pressed="true"]')!).backgroundColor).to.equal(
      'rgb(4, 5, 6)',
    );
  });
});
