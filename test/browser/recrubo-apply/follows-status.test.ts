// Issue 27.1 and 27.7: the done panel follows the ticket's status (a finished application is thanked, not told to
// start), and the page's own phone check refuses a landline as the server does, before anything is sent.
import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/recrubo-apply/define.js';
import { $, clearSessions, done, fillAndSubmit, mountApply, newApplyEndpoint, phoneInput } from './helpers.js';

describe('<recrubo-apply> follows the ticket', () => {
  beforeEach(clearSessions);

  it('sent: a call to send the message with the link and QR; completed: a thank-you, nothing to click', async () => {
    const { url } = await newApplyEndpoint({}, 4000);
    const el = await mountApply(html`<recrubo-apply lang="nl" vacancy="barista" apply-url=${url}></recrubo-apply>`);
    await fillAndSubmit(el, '06 12345678');
    await done(el);
    expect($(el, 'h2')!.textContent).to.include('Bijna klaar: stuur ons een bericht via WhatsApp');
    expect($(el, 'a[part=whatsapp]')).to.not.equal(null);
    expect($(el, '[part=qr]')).to.not.equal(null);

    await waitUntil(() => $(el, '[part=done]')?.dataset.status === 'completed', 'the ticket completes', {
      timeout: 30000,
      interval: 100,
    });
    await el.updateComplete;
    expect($(el, 'h2')!.textContent).to.equal('Bedankt voor je sollicitatie!');
    expect($(el, 'h2')!.textContent).not.to.include('stuur ons een bericht');
    expect($(el, 'a[part=whatsapp]'), 'no WhatsApp button once done').to.equal(null);
    expect($(el, '[part=qr]'), 'no QR code once done').to.equal(null);
    expect($(el, 'li[aria-current=step]')!.textContent).to.include('Klaar');
    await expect(el).to.be.accessible();
  });

  it('the focused "Open WhatsApp" link goes at the thank-you: the focus goes to the heading, not the page body', async () => {
    const { url } = await newApplyEndpoint({}, 4000);
    const el = await mountApply(html`<recrubo-apply lang="en" vacancy="barista" apply-url=${url}></recrubo-apply>`);
    await fillAndSubmit(el, '06 12345678');
    await done(el);
    $(el, 'a[part=whatsapp]')!.focus();
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'a[part=whatsapp]'));
    await waitUntil(() => $(el, '[part=done]')?.dataset.status === 'completed', 'the ticket completes', {
      timeout: 30000,
      interval: 100,
    });
    await waitUntil(() => el.shadowRoot!.activeElement === $(el, 'h2'), 'focus on the thank-you heading');
    expect(document.activeElement).to.equal(el);
    expect($(el, 'h2')!.textContent).to.equal('Thank you for applying!');
  });

  it('a landline (020 1234567) is refused next to the field by the page, as the server would: nothing is sent', async () => {
    const { sb, url } = await newApplyEndpoint();
    const el = await mountApply(html`<recrubo-apply vacancy="barista" apply-url=${url}></recrubo-apply>`);
    await fillAndSubmit(el, '020 1234567');
    await waitUntil(() => phoneInput(el).getAttribute('aria-invalid') === 'true', 'the field is marked');
    const error = $(el, `#${phoneInput(el).getAttribute('aria-describedby')!.split(' ').pop()}`)!;
    expect(error.textContent).to.include('Enter a mobile number with WhatsApp');
    expect(phoneInput(el).value).to.equal('020 1234567');
    expect((await sb.requests()).length).to.equal(0);
  });
});
