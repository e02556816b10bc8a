import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/recrubo-apply/define.js';
import { normalizePhone } from '../../../src/elements/recrubo-apply/define.js';
import {
  $,
  clearSessions,
  consentBox,
  done,
  fillAndSubmit,
  mountApply,
  newApplyEndpoint,
  phoneInput,
  posts,
  shadow,
  submitButton,
  text,
  type Apply,
} from './helpers.js';

const focusedIn = (el: Apply) => shadow(el).activeElement;

describe('<recrubo-apply>', () => {
  beforeEach(clearSessions);

  it('keyboard only, in Dutch: 06 12345678, consent, submit → Open WhatsApp, then progress; one thread, one run', async () => {
    const { sb, url } = await newApplyEndpoint();
    const el = await mountApply(
      html`<recrubo-apply lang="nl" vacancy="barista" apply-url=${url} business-name="Koffie &amp; Co" privacy-url="/privacy"></recrubo-apply>`,
    );
    expect(text(el)).to.include('Mobiel nummer (WhatsApp)');
    expect(text(el)).to.include(
      'Ik ga ermee akkoord dat Koffie & Co mij over deze sollicitatie via WhatsApp benadert.',
    );
    expect($(el, '.code')!.textContent).to.equal('+31');
    expect(phoneInput(el).getAttribute('autocomplete')).to.equal('tel');
    await expect(el).to.be.accessible();

    phoneInput(el).focus();
    await sendKeys({ type: '06 12345678' });
    await sendKeys({ press: 'Tab' });
    expect(focusedIn(el) === consentBox(el)).to.equal(true);
    await sendKeys({ press: ' ' });
    await waitUntil(() => consentBox(el).checked, 'space ticks the consent');
    await sendKeys({ press: 'Tab' }); // the privacy link
    await sendKeys({ press: 'Tab' }); // the button (the honeypot is not in the tab order)
    expect(focusedIn(el) === submitButton(el)).to.equal(true);
    await sendKeys({ press: 'Enter' });

    await done(el);
    const link = $<HTMLAnchorElement>(el, 'a[part=whatsapp]')!;
    expect(link.textContent).to.include('Open WhatsApp');
    const wa = new URL(link.href);
    expect(wa.origin + wa.pathname).to.equal('https://wa.me/31201234567');
    expect(wa.searchParams.get('text')).to.equal('Hoi! Ik wil graag solliciteren op Barista.');
    expect(focusedIn(el)?.tagName).to.equal('H2', 'the focus moves to what to do next');
    await expect(el).to.be.accessible();

    await waitUntil(
      () =>
        $(el, 'li[aria-current=step]')?.textContent?.includes('in gesprek') ||
        $(el, 'li[aria-current=step]')?.textContent?.includes('Klaar'),
      'progress from the ticket',
      { timeout: 12000 },
    );
    await expect(el).to.be.accessible();
    expect(await posts(sb, '/message-threads')).to.equal(1);
    expect(await posts(sb, '/flow-runs')).to.equal(1);
    expect(await posts(sb, '/messages')).to.equal(0, 'candidate-first sends nothing');
    // No key anywhere in what the element holds or shows.
    expect(el.outerHTML + shadow(el).innerHTML + JSON.stringify(sessionStorage)).not.to.include('sandbox-key');
  });

  it('a double click, a reload and a second submit make one run', async () => {
    const { sb, url } = await newApplyEndpoint();
    const el = await mountApply(html`<recrubo-apply vacancy="barista" apply-url=${url}></recrubo-apply>`);
    await fillAndSubmit(el, '+31 6 12345678');
    submitButton(el)?.click(); // the second click of a double click
    await done(el);
    expect(await posts(sb, '/flow-runs')).to.equal(1);
    const ticket = JSON.parse(Object.entries(sessionStorage).find(([k]) => k.startsWith('recrubo-apply:'))![1]).ticket;

    // Reload: a new element on the same page session resumes without a POST.
    el.remove();
    const again = await mountApply(html`<recrubo-apply vacancy="barista" apply-url=${url}></recrubo-apply>`);
    await done(again);
    expect((await sb.requests()).filter((r) => r.method === 'POST').length).to.equal(2, 'still one thread and one run');

    // "Apply with another number" is offered only when finished; a new form with the same number and the old
    // ticket in the session answers with the same application.
    const third = await mountApply(html`<recrubo-apply vacancy="barista" apply-url=${url}></recrubo-apply>`);
    await done(third);
    expect(
      JSON.parse(Object.entries(sessionStorage).find(([k]) => k.startsWith('recrubo-apply:'))![1]).ticket,
    ).to.equal(ticket);
    expect(await posts(sb, '/flow-runs')).to.equal(1);
  });

  it('two tabs submitting at the same moment: one thread, one run', async () => {
    const { sb, url } = await newApplyEndpoint();
    const a = await mountApply(html`<recrubo-apply vacancy="barista" apply-url=${url}></recrubo-apply>`);
    const b = await mountApply(html`<recrubo-apply vacancy="barista" apply-url=${url}></recrubo-apply>`);
    await Promise.all([fillAndSubmit(a, '06 12345678'), fillAndSubmit(b, '+31612345678')]);
    await Promise.all([done(a), done(b)]);
    expect(await posts(sb, '/message-threads')).to.equal(1);
    expect(await posts(sb, '/flow-runs')).to.equal(1);
  });

  it('an invalid number is shown next to the field, and what was typed stays', async () => {
    const { sb, url } = await newApplyEndpoint();
    const el = await mountApply(html`<recrubo-apply vacancy="barista" apply-url=${url} ask-name></recrubo-apply>`);
    const name = $<HTMLInputElement>(el, 'input[autocomplete=given-name]')!;
    name.value = 'Sanne';
    name.dispatchEvent(new Event('input'));
    await fillAndSubmit(el, '06 1234 567'); // one digit short: refused by the server's phone library
    await waitUntil(() => phoneInput(el).getAttribute('aria-invalid') === 'true', 'the field is marked');
    const error = $(el, `#${phoneInput(el).getAttribute('aria-describedby')!.split(' ').pop()}`)!;
    expect(error.textContent).to.include('Enter a valid mobile number');
    expect(phoneInput(el).value).to.equal('06 1234 567');
    expect(name.value).to.equal('Sanne');
    expect(consentBox(el).checked).to.equal(true);
    expect(focusedIn(el) === phoneInput(el)).to.equal(true);
    await expect(el).to.be.accessible();
    expect(await posts(sb, '/flow-runs')).to.equal(0);
  });

  it('a link in the first name is refused next to the name field (issue 26), and what was typed stays', async () => {
    const { sb, url } = await newApplyEndpoint();
    const el = await mountApply(html`<recrubo-apply vacancy="barista" apply-url=${url} ask-name></recrubo-apply>`);
    const name = $<HTMLInputElement>(el, 'input[autocomplete=given-name]')!;
    name.value = 'Sanne www.evil.example';
    name.dispatchEvent(new Event('input'));
    await fillAndSubmit(el, '06 12345678');
    await waitUntil(() => name.getAttribute('aria-invalid') === 'true', 'the name field is marked');
    const error = $(el, `#${name.getAttribute('aria-describedby')}`)!;
    expect(error.textContent).to.include('Enter only your first name');
    expect(name.value).to.equal('Sanne www.evil.example');
    expect(phoneInput(el).value).to.equal('06 12345678');
    expect(focusedIn(el) === name).to.equal(true);
    await expect(el).to.be.accessible();
    expect((await sb.requests()).length).to.equal(0);
  });

  it('no consent: the message is next to the checkbox and nothing is sent', async () => {
    const { sb, url } = await newApplyEndpoint();
    const el = await mountApply(html`<recrubo-apply vacancy="barista" apply-url=${url}></recrubo-apply>`);
    await fillAndSubmit(el, '06 12345678', false);
    expect(consentBox(el).getAttribute('aria-invalid')).to.equal('true');
    expect(text(el)).to.include('Tick the box');
    expect(phoneInput(el).value).to.equal('06 12345678');
    await expect(el).to.be.accessible();
    expect((await sb.requests()).length).to.equal(0);
  });

  it('too many attempts: "try again in …" from Retry-After, the form kept', async () => {
    const { url } = await newApplyEndpoint({ rateLimit: { client: { limit: 1, windowMs: 600_000 } } });
    const first = await mountApply(html`<recrubo-apply lang="nl" vacancy="barista" apply-url=${url}></recrubo-apply>`);
    await fillAndSubmit(first, '06 12345678');
    await done(first);
    clearSessions();
    const el = await mountApply(html`<recrubo-apply lang="nl" vacancy="barista" apply-url=${url}></recrubo-apply>`);
    const errors: unknown[] = [];
    el.addEventListener('recrubo-error', (e) => errors.push(e.detail.error));
    await fillAndSubmit(el, '06 87654321');
    await waitUntil(() => $(el, '[part=error]')?.textContent, 'the limit is shown');
    expect($(el, '[part=error]')!.textContent).to.equal('Te veel pogingen. Probeer het over 10 minuten opnieuw.');
    expect(phoneInput(el).value).to.equal('06 87654321');
    expect(errors.length).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('the server unreachable: said so, the form kept, recrubo-error fired', async () => {
    const el = await mountApply(
      html`<recrubo-apply vacancy="barista" apply-url="http://127.0.0.1:9/apply"></recrubo-apply>`,
    );
    let error: any;
    el.addEventListener('recrubo-error', (e) => (error = e.detail.error));
    await fillAndSubmit(el, '06 12345678');
    await waitUntil(() => $(el, '[part=error]')?.textContent, 'the failure is shown', { timeout: 10000 });
    expect($(el, '[part=error]')!.textContent).to.include('could not reach the server');
    expect(error.kind).to.equal('network');
    expect(phoneInput(el).value).to.equal('06 12345678');
    expect(submitButton(el).textContent!.trim()).to.equal('Apply via WhatsApp');
  });

  it('on a page of another origin: refused, and the page says so', async () => {
    const foreign = (window as any).__RECRUBO_TEST__.foreignApplyUrl as string;
    const el = await mountApply(html`<recrubo-apply vacancy="barista-amsterdam" apply-url=${foreign}></recrubo-apply>`);
    await fillAndSubmit(el, '06 12345678');
    await waitUntil(() => $(el, '[part=error]')?.textContent, 'the refusal is shown', { timeout: 10000 });
    expect($(el, '[part=error]')!.textContent).to.include('This page may not send applications (403)');
  });

  it('invite mode: "check your WhatsApp", the template sent once, no WhatsApp link', async () => {
    const { sb, url } = await newApplyEndpoint({ mode: 'invite' });
    const el = await mountApply(html`<recrubo-apply lang="nl" vacancy="barista" apply-url=${url}></recrubo-apply>`);
    await fillAndSubmit(el, '06 12345678');
    await done(el);
    expect(text(el)).to.include('Kijk in je WhatsApp');
    expect($(el, 'a[part=whatsapp]')).to.equal(null);
    expect($(el, 'li[aria-current=step]')?.textContent).to.satisfy((t: string) =>
      /Bericht verstuurd|in gesprek|Klaar/.test(t),
    );
    await expect(el).to.be.accessible();
    expect(await posts(sb, '/flow-runs')).to.equal(1);
  });

  it('recrubo-apply-submit can cancel; recrubo-apply-started tells the ticket; works inside a shadow root', async () => {
    const { sb, url } = await newApplyEndpoint();
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const el = document.createElement('recrubo-apply') as Apply;
    el.setAttribute('vacancy', 'barista');
    el.setAttribute('apply-url', url);
    root.append(el);
    await el.updateComplete;
    let cancel = true;
    const events: string[] = [];
    host.addEventListener('recrubo-apply-submit', (e) => {
      events.push(`submit:${e.detail.vacancy}:${e.composed && e.bubbles}`);
      if (cancel) e.preventDefault();
    });
    host.addEventListener('recrubo-apply-started', (e) =>
      events.push(`started:${e.detail.status}:${/^[\w-]{32}$/.test(e.detail.ticket)}`),
    );
    await fillAndSubmit(el, '06 12345678');
    expect((await sb.requests()).length).to.equal(0, 'cancelled: nothing sent');
    cancel = false;
    submitButton(el).click();
    await done(el);
    expect(events).to.deep.equal(['submit:barista:true', 'submit:barista:true', 'started:sent:true']);
    host.remove();
  });

  it('the QR code on wide screens encodes the link', async () => {
    const { url } = await newApplyEndpoint();
    const el = await mountApply(html`<recrubo-apply vacancy="barista" apply-url=${url}></recrubo-apply>`);
    await fillAndSubmit(el, '06 12345678');
    await done(el);
    const svg = $(el, 'figure[part=qr] svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.querySelector('path')!.getAttribute('d')!.length).to.be.greaterThan(500);
  });
});

describe('the page’s phone normaliser', () => {
  it('never doubles or loses the code', () => {
    const cases: [string, string][] = [
      ['06 12345678', '+31612345678'],
      ['0612345678', '+31612345678'],
      ['+31 6 12345678', '+31612345678'],
      ['0031 6 12345678', '+31612345678'],
      ['31612345678', '+31612345678'],
      ['+31+31612345678', '+31612345678'],
      ['+31 (0)6-1234 5678', '+31612345678'],
      ['6 12345678', '+31612345678'],
      ['+32 470 12 34 56', '+32470123456'],
    ];
    for (const [input, e164] of cases) expect(normalizePhone(input, 'NL'), input).to.equal(e164);
    expect(normalizePhone('0470 12 34 56', 'BE')).to.equal('+32470123456');
  });
});
