// <recrubo-apply>: a candidate on a career site leaves a mobile number and gets the vacancy's chatbot on WhatsApp.
// It talks only to the integrator's apply endpoint (createRecruboApply), never to Recrubo, and holds no key.
//
// Built on LitElement with the shared config, i18n and theme, but not on RecruboElement: that base brings the
// whole api layer (ky, the store), which a career-site page with only this element does not need (spec §9, the
// 20 KB target). Flow: attributes → config → src/api/apply.ts → state → render → events.
import { LitElement, html, nothing, svg, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { submitApplication, type ApplyAnswer } from '../../api/apply.js';
import { isAbortError, RecruboApiError } from '../../api/errors.js';
import { RepeatKey } from '../../api/idempotency.js';
import { normalizeLang, resolveConfig, type RecruboConfig } from '../../shared/config.js';
import { attachContextRoot, recruboConfigContext } from '../../shared/config-context.js';
import type { RecruboEventMap } from '../../shared/events.js';
import { translate, type KeyOf } from '../../shared/i18n.js';
import { relativeTimeFormat } from '../../shared/format.js';
import { ancestorLang, documentLang } from '../../shared/lang.js';
import { baseStyles } from '../../shared/base.styles.js';
import { VERSION } from '../../shared/version.js';
import { CALLING_CODES, EXAMPLES, mayBeMobile, normalizePhone } from './phone.js';
import { qrPath } from './qr.js';
import { ApplicationProgress, TERMINAL } from './application-progress.js';
import { doneStage } from './done-stage.js';
import { applyStyles } from './recrubo-apply.styles.js';
import { applyStrings } from './strings.js';

type Field = 'name' | 'phone' | 'consent';
type ApplyKey = KeyOf<typeof applyStrings>;
type Phase = 'form' | 'sending' | 'done';

const STEPS = ['sent', 'started', 'completed'] as const;

let uidCount = 0;

/**
 * "Apply via WhatsApp": a phone field (local forms accepted), optional first name, a consent checkbox naming the
 * business, then the WhatsApp link (and a QR code on wide screens) or "check your WhatsApp", with live progress.
 *
 * @summary A candidate applies via WhatsApp from a career site, with no key in the page.
 *
 * @fires recrubo-apply-submit - Before the POST (cancelable: `preventDefault()` stops it). Detail: `{ vacancy }`.
 * @fires recrubo-apply-started - The endpoint accepted the application. Detail: `{ ticket, vacancy, status }`.
 * @fires recrubo-error - A submit or status request failed for good. Detail: `{ error }` (a RecruboApiError).
 *
 * @csspart form - the form
 * @csspart phone - the phone field with its country code
 * @csspart submit - the submit button
 * @csspart done - the panel after a successful submit
 * @csspart whatsapp - the "Open WhatsApp" link
 * @csspart qr - the QR code (wide screens only)
 * @csspart progress - the progress steps
 * @csspart error - a form-wide error message
 *
 * @cssprop --recrubo-color-whatsapp - the "Open WhatsApp" button (default a WhatsApp green with AA contrast)
 * @cssprop --recrubo-color-on-whatsapp - its text
 */
export class RecruboApplyElement extends LitElement {
  static version = VERSION;
  static override styles = [baseStyles, applyStyles];

  static override properties: PropertyDeclarations = {
    applyUrl: { attribute: 'apply-url' },
    vacancy: {},
    defaultCountry: { attribute: 'default-country' },
    askName: { attribute: 'ask-name', type: Boolean },
    businessName: { attribute: 'business-name' },
    privacyUrl: { attribute: 'privacy-url' },
    baseUrl: { attribute: 'base-url' },
    fetch: { attribute: false },
    phase: { state: true },
    fieldError: { state: true },
    formError: { state: true },
  };

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /** `POST` here; `GET {apply-url}/{ticket}` for the status. Default `{base-url}/apply`. */
  declare applyUrl: string | undefined;
  /** The public vacancy key the server maps to a flow (required). */
  declare vacancy: string | undefined;
  /** ISO code of the country of local numbers (`06…`); its calling code is shown. Default `NL`. */
  declare defaultCountry: string;
  /** Ask for the first name (optional for the candidate). */
  declare askName: boolean;
  /** Named in the consent text: who will message the candidate. */
  declare businessName: string | undefined;
  /** The consent text links here. */
  declare privacyUrl: string | undefined;
  declare baseUrl: string | undefined;
  /** A fetch to call the endpoint with (tests, a custom client). */
  declare fetch: typeof fetch | undefined;

  declare private phase: Phase;
  declare private fieldError: { field: Field; key: ApplyKey } | undefined;
  declare private formError: string | undefined;

  private phoneValue = '';
  private nameValue = '';
  private consentValue = false;
  private honeypot = '';
  private readonly repeat = new RepeatKey(); // the click's Idempotency-Key, re-sent after no answer
  private provided?: RecruboConfig;
  private controller?: AbortController;
  /** The application once made: its answer, kept in the tab's session memory, and the status polling. */
  private readonly progress = new ApplicationProgress(this);
  private langObserver?: MutationObserver;
  private readonly uid = `recrubo-apply-${++uidCount}`;

  constructor() {
    super();
    this.applyUrl = undefined;
    this.vacancy = undefined;
    this.defaultCountry = 'NL';
    this.askName = false;
    this.businessName = undefined;
    this.privacyUrl = undefined;
    this.baseUrl = undefined;
    this.fetch = undefined;
    this.phase = 'form';
    this.fieldError = undefined;
    this.formError = undefined;
    new ContextConsumer(this, {
      context: recruboConfigContext,
      subscribe: true,
      callback: (value) => {
        this.provided = value;
        this.requestUpdate();
      },
    });
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.requestUpdate();
  }

  override connectedCallback(): void {
    attachContextRoot(this.ownerDocument);
    super.connectedCallback();
    this.controller = new AbortController();
    if (typeof MutationObserver !== 'undefined' && this.ownerDocument?.documentElement) {
      this.langObserver = new MutationObserver(() => this.requestUpdate());
      this.langObserver.observe(this.ownerDocument.documentElement, { attributes: true, attributeFilter: ['lang'] });
    }
    // A reload of the page: carry on with the application this tab already made, without a second POST.
    const { progress } = this;
    if (this.phase === 'form') progress.answer = progress.saved();
    if (progress.answer) this.phase = 'done';
    progress.follow(0);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller?.abort();
    this.langObserver?.disconnect();
  }

  private get lang_(): string {
    const own = normalizeLang(this.getAttribute('lang')) ?? ancestorLang(this);
    return resolveConfig({ lang: own, baseUrl: this.baseUrl }, this.provided, documentLang(this)).lang;
  }

  /** The endpoint: `apply-url`, else `{base-url}/apply` (base-url from the attribute, <recrubo-config> or configure()). */
  get endpoint(): string {
    if (this.applyUrl) return this.applyUrl;
    const { baseUrl } = resolveConfig({ baseUrl: this.baseUrl }, this.provided);
    return `${baseUrl.replace(/\/+$/, '')}/apply`;
  }

  private t(key: ApplyKey, params?: Record<string, string | number>): string {
    return translate(this.lang_, applyStrings, key, params);
  }

  private emit<K extends keyof RecruboEventMap>(
    type: K,
    detail: RecruboEventMap[K]['detail'],
    cancelable = false,
  ): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  private get country(): string {
    return (this.defaultCountry || 'NL').toUpperCase();
  }

  private get example(): string {
    return EXAMPLES[this.country] ?? `+${CALLING_CODES[this.country] ?? ''}…`;
  }

  // --- submit -----------------------------------------------------------------------------------------------------

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.phase === 'sending') return; // a double click that beats the disabled look
    this.formError = undefined;
    const phone = normalizePhone(this.phoneValue, this.country);
    if (!this.phoneValue.trim()) return this.showFieldError('phone', 'apply.error.phoneEmpty');
    if (phone.replace(/\D/g, '').length < 8) return this.showFieldError('phone', 'apply.error.phone');
    // A landline (`020 1234567`): refused here as the server would, before anything is sent.
    if (!mayBeMobile(phone)) return this.showFieldError('phone', 'apply.error.notMobile');
    if (!this.consentValue) return this.showFieldError('consent', 'apply.error.consent');
    this.fieldError = undefined;
    const vacancy = this.vacancy ?? '';
    if (!this.emit('recrubo-apply-submit', { vacancy }, true)) return;
    this.phase = 'sending';
    const previous = this.progress.saved();
    // `vacancy: vacancy` written out: the manifest analyzer takes shorthand properties here for module variables.
    const request = {
      vacancy: vacancy,
      phone: phone,
      country: this.country,
      consent: true as const,
      lang: this.lang_,
      ...(this.askName && this.nameValue.trim() ? { firstName: this.nameValue.trim() } : {}),
      ...(previous ? { ticket: previous.ticket } : {}),
      ...(this.honeypot ? { website: this.honeypot } : {}),
    };
    try {
      const answer = await submitApplication(this.endpoint, request, {
        signal: this.controller?.signal,
        idempotencyKey: this.repeat.for(request),
        fetch: this.fetch,
      });
      this.repeat.settle();
      this.progress.set(answer);
      this.phase = 'done';
      this.emit('recrubo-apply-started', { ticket: answer.ticket, vacancy, status: answer.status });
      await this.updateComplete;
      // Keyboard and screen-reader users land on what to do next.
      this.heading();
      this.progress.follow();
    } catch (error) {
      this.phase = 'form';
      this.repeat.settle(error);
      if (isAbortError(error)) return;
      this.showError(error as RecruboApiError);
    }
  }

  private showFieldError(field: Field, key: ApplyKey): void {
    this.fieldError = { field, key };
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`#${this.uid}-${field}`) as HTMLElement | null)?.focus(),
    );
  }

  /** Maps the endpoint's refusal to a message next to its field, or above the button; what was typed stays. */
  private showError(error: RecruboApiError): void {
    const pointer = error.pointer;
    const code = error.code;
    if (error.status === 422 && pointer === '/phone') {
      const key =
        code === 'country_not_allowed'
          ? 'apply.error.country'
          : /whatsapp/i.test(error.detail ?? '')
            ? 'apply.error.notMobile'
            : 'apply.error.phone';
      return this.showFieldError('phone', key);
    }
    if (error.status === 422 && pointer === '/consent') return this.showFieldError('consent', 'apply.error.consent');
    if (error.status === 422 && pointer === '/firstName') return this.showFieldError('name', 'apply.error.name');
    this.emit('recrubo-error', { error });
    if (error.status === 422 && pointer === '/vacancy') this.formError = this.t('apply.error.vacancy');
    else if (error.status === 429) this.formError = this.retryMessage(error.retryAfter);
    else if (
      error.kind === 'network' ||
      error.kind === 'timeout' ||
      error.status === 502 ||
      error.status === 503 ||
      error.status === 504
    ) {
      this.formError = this.t('apply.error.network');
    } else if (error.status && error.status < 500)
      this.formError = this.t('apply.error.refused', { status: error.status });
    else this.formError = this.t('apply.error.server', { status: error.status ?? error.kind });
  }

  /** "Try again in 5 minutes" from Retry-After, in the page's language. */
  private retryMessage(ms: number | undefined): string {
    if (ms === undefined) return this.t('apply.error.rateLimitedSoon');
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    const rtf = relativeTimeFormat(this.lang_, { numeric: 'auto' });
    const when =
      seconds < 90
        ? rtf.format(seconds, 'second')
        : seconds < 90 * 60
          ? rtf.format(Math.ceil(seconds / 60), 'minute')
          : rtf.format(Math.ceil(seconds / 3600), 'hour');
    return this.t('apply.error.rateLimited', { when });
  }

  private startOver(): void {
    this.progress.set(undefined);
    this.phase = 'form';
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`#${this.uid}-phone`) as HTMLElement | null)?.focus(),
    );
  }

  // --- render -----------------------------------------------------------------------------------------------------

  override render(): TemplateResult {
    const answer = this.progress.answer;
    return this.phase === 'done' && answer ? this.renderDone(answer) : this.renderForm();
  }

  private renderForm(): TemplateResult {
    const id = this.uid;
    const code = CALLING_CODES[this.country];
    const err = this.fieldError;
    const phoneError = err?.field === 'phone' ? this.t(err.key, { example: this.example }) : '';
    const consentError = err?.field === 'consent' ? this.t(err.key) : '';
    const nameError = err?.field === 'name' ? this.t(err.key) : '';
    const sending = this.phase === 'sending';
    const business = this.businessName?.trim();
    return html`
      <form part="form" novalidate @submit=${this.onSubmit} aria-busy=${sending ? 'true' : 'false'}>
        ${
          this.askName
            ? html`<div class="field">
              <label for="${id}-name">${this.t('apply.firstName')} <span class="optional">${this.t('apply.optional')}</span></label>
              <input
                id="${id}-name"
                type="text"
                autocomplete="given-name"
                maxlength="50"
                aria-describedby="${id}-name-error"
                aria-invalid=${nameError ? 'true' : 'false'}
                .value=${this.nameValue}
                @input=${(e: Event) => (this.nameValue = (e.target as HTMLInputElement).value)}
              />
              <p class="error" id="${id}-name-error">${nameError}</p>
            </div>`
            : nothing
        }
        <div class="field">
          <label for="${id}-phone">${this.t('apply.phone')}</label>
          <div class="phone" part="phone">
            ${code ? html`<span class="code" id="${id}-code" title=${this.t('apply.countryCode', { code: `+${code}` })}>+${code}</span>` : nothing}
            <input
              id="${id}-phone"
              type="tel"
              inputmode="tel"
              autocomplete="tel"
              maxlength="40"
              aria-describedby="${code ? `${id}-code-text ` : ''}${id}-phone-hint ${id}-phone-error"
              aria-invalid=${phoneError ? 'true' : 'false'}
              .value=${this.phoneValue}
              @input=${(e: Event) => (this.phoneValue = (e.target as HTMLInputElement).value)}
            />
          </div>
          ${code ? html`<span class="visually-hidden" id="${id}-code-text">${this.t('apply.countryCode', { code: `+${code}` })}</span>` : nothing}
          <p class="hint" id="${id}-phone-hint">${this.t('apply.phoneHint', { example: this.example })}</p>
          <p class="error" id="${id}-phone-error">${phoneError}</p>
        </div>
        <div class="consent">
          <input
            id="${id}-consent"
            type="checkbox"
            aria-describedby="${id}-consent-error"
            aria-invalid=${consentError ? 'true' : 'false'}
            .checked=${this.consentValue}
            @change=${(e: Event) => (this.consentValue = (e.target as HTMLInputElement).checked)}
          />
          <label for="${id}-consent">${business ? this.t('apply.consent', { business }) : this.t('apply.consentNoName')}</label>
          ${
            this.privacyUrl
              ? html`<a class="privacy" href=${this.privacyUrl} target="_blank" rel="noopener noreferrer"
                >${this.t('apply.privacy')}<span class="visually-hidden"> ${this.t('apply.newWindow')}</span></a
              >`
              : nothing
          }
          <p class="error" id="${id}-consent-error">${consentError}</p>
        </div>
        <div class="hp" aria-hidden="true">
          <label for="${id}-website">${this.t('apply.honeypot')}</label>
          <input
            id="${id}-website"
            name="website"
            type="text"
            tabindex="-1"
            autocomplete="off"
            .value=${this.honeypot}
            @input=${(e: Event) => (this.honeypot = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div role="alert" part="error" class=${this.formError ? 'banner' : ''}>${this.formError ?? ''}</div>
        <button part="submit" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
          ${sending ? this.t('apply.sending') : this.t('apply.submit')}
        </button>
      </form>
    `;
  }

  private heading(): void {
    (this.renderRoot.querySelector('h2') as HTMLElement | null)?.focus();
  }

  private renderDone(answer: ApplyAnswer): TemplateResult {
    const invite = !answer.waLink;
    const status = answer.status;
    const at = STEPS.indexOf(status as (typeof STEPS)[number]);
    const stage = doneStage(status, invite); // heading, lead, link and QR follow the ticket (done-stage.ts)
    const link = stage.link ? answer.waLink : undefined;
    // The link that had the focus goes (the application is over): the focus goes to the heading, not the page body.
    if (!link && this.renderRoot.querySelector('a:focus')) void this.updateComplete.then(() => this.heading());
    return html`
      <section class="done" part="done" aria-labelledby="${this.uid}-done" data-status=${status}>
        <h2 id="${this.uid}-done" tabindex="-1">${this.t(stage.title)}</h2>
        ${stage.lead ? html`<p>${this.t(stage.lead)}</p>` : nothing}
        ${
          link
            ? html`<div class="cta">
              <a class="whatsapp" part="whatsapp" href=${link} target="_blank" rel="noopener noreferrer"
                >${this.t('apply.openWhatsapp')}<span class="visually-hidden"> ${this.t('apply.newWindow')}</span></a
              >
              ${stage.qr ? this.renderQr(link) : nothing}
            </div>`
            : nothing
        }
        <ol part="progress" aria-label=${this.t('apply.progress')}>
          ${STEPS.map((step, i) => {
            const label = step === 'sent' && invite ? this.t('apply.step.sentInvite') : this.t(`apply.step.${step}`);
            return html`<li class=${at > i ? 'past' : ''} aria-current=${at === i ? 'step' : 'false'}>${label}</li>`;
          })}
        </ol>
        <p role="status">
          ${
            status === 'ended'
              ? html`<span class="visually-hidden">${this.t('apply.status.ended')}</span>`
              : at < 0
                ? this.t('apply.status.unknown', { status })
                : html`<span class="visually-hidden">${status === 'sent' && invite ? this.t('apply.step.sentInvite') : this.t(`apply.step.${STEPS[at]!}`)}</span>`
          }
        </p>
        ${TERMINAL.has(status) ? html`<button type="button" class="link" @click=${this.startOver}>${this.t('apply.again')}</button>` : nothing}
      </section>
    `;
  }

  private qrCache?: { link: string; size: number; path: string };

  private renderQr(link: string): TemplateResult {
    if (this.qrCache?.link !== link) this.qrCache = { link, ...qrPath(link) };
    const { size, path } = this.qrCache;
    return html`<figure part="qr">
      <svg role="img" aria-label=${this.t('apply.qr')} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
        ${svg`<path fill="#000" d=${path}></path>`}
      </svg>
      <figcaption>${this.t('apply.qrCaption')}</figcaption>
    </figure>`;
  }
}
