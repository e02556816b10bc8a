import { expect, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { newSandbox } from '../helpers/sandbox.js';
import { normalizePhone } from '../../../src/elements/recrubo-start-run/phone.js';
import {
  alertText,
  chooseTemplate,
  count,
  fieldErrors,
  mount,
  phoneInput,
  preview,
  q,
  submitButton,
  templateNames,
  type,
  untilDone,
  untilForm,
  unmountAll,
  valueInputs,
  type StartRun,
} from './helpers.js';

describe('<recrubo-start-run> form', function () {
  this.timeout(60000);
  afterEach(unmountAll);

  it('reads local numbers in default-country and international ones as written', () => {
    expect(normalizePhone('06 12 34 56 78')).to.deep.equal({
      ok: true,
      e164: '+31612345678',
      identifier: '31612345678',
    });
    expect(normalizePhone('+31 (0)6-1234 5678')).to.include({ ok: true, identifier: '31612345678' });
    expect(normalizePhone('0031612345678')).to.include({ ok: true, identifier: '31612345678' });
    expect(normalizePhone('0470 12 34 56', 'BE')).to.include({ ok: true, identifier: '32470123456' });
    expect(normalizePhone('07700 900123', 'GB')).to.include({ ok: true, identifier: '447700900123' });
    expect(normalizePhone('(415) 555-2671', 'US')).to.include({ ok: true, identifier: '14155552671' });
    expect(normalizePhone('+27 82 123 4567')).to.include({ ok: true, identifier: '27821234567' });
    expect(normalizePhone('')).to.deep.equal({ ok: false, problem: 'empty' });
    expect(normalizePhone('06-12ab5678')).to.deep.equal({ ok: false, problem: 'characters' });
    expect(normalizePhone('06 1234')).to.deep.equal({ ok: false, problem: 'length' });
    expect(normalizePhone('+31 6 1234')).to.deep.equal({ ok: false, problem: 'length' });
    expect(normalizePhone('+0612345678')).to.deep.equal({ ok: false, problem: 'length' });
    expect(normalizePhone('612345678', 'XX')).to.deep.equal({ ok: false, problem: 'country' });
  });

  it('an unknown phone format is refused next to the field before anything is sent', async () => {
    const sb = await newSandbox({ speed: 200 });
    const el = await mount<StartRun>(
      html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration} template-id=${sb.seed.templates.example} candidate-name="Emma"></recrubo-start-run>`,
    );
    await untilForm(el);
    await sb.clearRequests();
    for (const bad of ['', '06-12ab5678', '06 1234', '+999']) {
      await type(el, phoneInput(el), bad);
      submitButton(el).click();
      await el.updateComplete;
      expect(fieldErrors(el).length, `refused: "${bad}"`).to.equal(1);
      expect(phoneInput(el)!.getAttribute('aria-invalid')).to.equal('true');
      expect(phoneInput(el)!.getAttribute('aria-describedby')).to.contain(
        el.shadowRoot!.querySelector('[part~="field-error"]')!.id,
      );
      expect(el.shadowRoot!.activeElement === phoneInput(el), 'focus goes to the field').to.equal(true);
    }
    await expect(el).to.be.accessible();
    expect((await sb.requests()).length, 'nothing was sent').to.equal(0);
    // The typed value survives, and fixing it clears the message.
    expect(phoneInput(el)!.value).to.equal('+999');
    await type(el, phoneInput(el), '0612345678');
    expect(fieldErrors(el).length).to.equal(0);
  });

  it('every value is required; the preview follows typing and shows markup as text', async () => {
    const sb = await newSandbox({ speed: 200 });
    const el = await mount<StartRun>(
      html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration} phone="0612345678"></recrubo-start-run>`,
    );
    await untilForm(el);
    expect(preview(el)).to.equal('Choose a template to see the message.');
    submitButton(el).click();
    await el.updateComplete;
    expect(fieldErrors(el)).to.deep.equal(['Choose a template.']);
    // The focus is on the first template; its error is next to it (above the choices, not after the last one) and
    // described by the radio.
    const radio = el.shadowRoot!.activeElement as HTMLInputElement;
    expect(radio.type).to.equal('radio');
    const error = el.shadowRoot!.getElementById(radio.getAttribute('aria-describedby')!)!;
    expect(error.textContent).to.equal('Choose a template.');
    expect(
      error.compareDocumentPosition(radio) & Node.DOCUMENT_POSITION_FOLLOWING,
      'error before the radios',
    ).to.not.equal(0);
    await chooseTemplate(el, sb.seed.templates.twoParameters);
    expect(preview(el)).to.equal(
      'Hi {{1}}, you applied for {{2}}. Reply to this message to continue your application.',
    );
    const [first, second] = valueInputs(el);
    await type(el, first!, '<img src=x onerror=alert(1)>');
    expect(q(el, '[data-preview] img'), 'no element from typed text').to.equal(null);
    expect(preview(el)).to.contain('Hi <img src=x onerror=alert(1)>, you applied for {{2}}');
    submitButton(el).click();
    await el.updateComplete;
    expect(fieldErrors(el)).to.deep.equal(['Fill in value 2.']);
    expect(el.shadowRoot!.activeElement === second, 'focus on the empty value').to.equal(true);
    expect((await sb.requests()).filter((r) => r.method === 'POST').length).to.equal(0);
    // The examples Meta keeps are the hints.
    expect(el.shadowRoot!.textContent).to.contain('e.g. Driver');
  });

  it('candidate-name fills {{1}} until the recruiter types there', async () => {
    const sb = await newSandbox({ speed: 200 });
    const el = await mount<StartRun>(
      html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration} template-id=${sb.seed.templates.example} candidate-name="Sem"></recrubo-start-run>`,
    );
    await untilForm(el);
    expect(valueInputs(el)[0]!.value).to.equal('Sem');
    el.candidateName = 'Ayla';
    await el.updateComplete;
    expect(valueInputs(el)[0]!.value).to.equal('Ayla');
    await type(el, valueInputs(el)[0]!, 'Ayla B.');
    el.candidateName = 'Someone else';
    await el.updateComplete;
    expect(valueInputs(el)[0]!.value).to.equal('Ayla B.');
  });

  it('speaks Dutch: labels, template language and the success text', async () => {
    const sb = await newSandbox({ speed: 200 });
    const el = await mount<StartRun>(
      html`<recrubo-start-run lang="nl" base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration} template-id=${sb.seed.templates.welcomeNl} candidate-name="Lotte" phone="06 24 68 10 12"></recrubo-start-run>`,
    );
    await untilForm(el);
    expect(submitButton(el).textContent!.trim()).to.equal('Uitnodiging versturen');
    expect(el.shadowRoot!.textContent).to.contain('Taal: Nederlands');
    expect(el.shadowRoot!.textContent).to.contain('Nederland');
    submitButton(el).click();
    await untilDone(el);
    expect(el.shadowRoot!.textContent).to.contain('Uitnodiging verstuurd');
    expect(el.shadowRoot!.textContent).to.contain('+31624681012');
  });

  it('no flow-id, a flow that does not exist, and a server that is down, say so (with a retry for the latter)', async () => {
    const sb = await newSandbox({ speed: 200 });
    const none = await mount<StartRun>(
      html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey}></recrubo-start-run>`,
    );
    await untilForm(none);
    expect(alertText(none)).to.contain('No flow-id is set');
    const missing = await mount<StartRun>(
      html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id="00000000-0000-4000-8000-000000000000"></recrubo-start-run>`,
    );
    await untilForm(missing);
    expect(alertText(missing)).to.contain('does not exist');
    await expect(missing).to.be.accessible();

    await sb.setFaults({ htmlErrorRate: 1 });
    const down = await mount<StartRun>(
      html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithoutGeneration}></recrubo-start-run>`,
    );
    await untilForm(down);
    expect(alertText(down)).to.contain('could not load');
    await sb.setFaults({});
    q<HTMLButtonElement>(down, '[part~="error"] button')!.click();
    await waitUntil(() => q(down, 'form'), 'the retry loads the form', { timeout: 15000 });
    expect(templateNames(down).length).to.be.greaterThan(3);
  });

  it('is accessible in every state, light and dark: loading, form, errors, sending, failed, done', async () => {
    const sb = await newSandbox({ speed: 200, faults: { latencyMs: 300 } });
    // Dark: only Chromium's driver (CDP) can emulate `prefers-color-scheme` here; the other two drivers refuse it.
    const chromium = /Chrome\//.test(navigator.userAgent);
    for (const scheme of chromium ? (['light', 'dark'] as const) : (['light'] as const)) {
      if (chromium) await emulateMedia({ colorScheme: scheme });
      expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(scheme === 'dark');
      try {
        const el = await mount<StartRun>(
          html`<recrubo-start-run base-url=${sb.baseUrl} api-key=${sb.apiKey} flow-id=${sb.seed.flowWithCustomSchedule} candidate-name="Finn"></recrubo-start-run>`,
        );
        expect(q(el, '[part~="skeleton"]'), 'loading').to.not.equal(null);
        await expect(el).to.be.accessible();
        await untilForm(el);
        await waitUntil(
          () => el.shadowRoot!.querySelector('recrubo-schedule-picker')?.shadowRoot?.querySelector('[role="option"]'),
          'picker options',
          { timeout: 15000 },
        );
        await expect(el).to.be.accessible();
        submitButton(el).click();
        await el.updateComplete;
        expect(fieldErrors(el).length).to.be.greaterThan(1);
        await expect(el).to.be.accessible();
        await chooseTemplate(el, sb.seed.templates.twoParameters);
        await type(el, valueInputs(el)[1]!, 'Nurse');
        await type(el, phoneInput(el), '0687654321');
        const p = el.shadowRoot!.querySelector<HTMLElement & { values: string[] }>('recrubo-schedule-picker')!;
        p.values = ['2'];
        p.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
        await el.updateComplete;
        await sb.setFaults({ latencyMs: 300, errorRate: 1 });
        submitButton(el).click();
        await el.updateComplete;
        expect(submitButton(el).getAttribute('aria-disabled'), 'sending').to.equal('true');
        await expect(el).to.be.accessible();
        await waitUntil(() => alertText(el), 'failure shown', { timeout: 15000 });
        await expect(el).to.be.accessible();
        await sb.setFaults({ latencyMs: 50 });
        submitButton(el).click();
        await untilDone(el);
        await waitUntil(
          () => el.shadowRoot!.querySelector('recrubo-flow-run-status')?.shadowRoot?.textContent?.trim(),
          'badge shown',
          { timeout: 15000 },
        );
        await expect(el).to.be.accessible();
        expect(count(await sb.requests(), 'POST', 'message-threads', 201)).to.be.greaterThan(0);
        unmountAll();
        await sb.setFaults({ latencyMs: 300 });
      } finally {
        if (chromium) await emulateMedia({ colorScheme: 'light' });
      }
    }
  });
});
