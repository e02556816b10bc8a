// "Suggest requirements": the vacancy text goes to POST /vacancy-analyses, and its hard skills, soft skills and
// certifications come back as suggestions that the recruiter adds as a knockout or preferred requirement with one
// action. A reactive controller plus its template, so the form renders it with one line and keeps its own state:
// the form owns the requirement lists; this only appends to them (never replaces what was typed).
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Api } from '../../api/index.js';
import { isAbortError, type RecruboApiError } from '../../api/errors.js';
import { RepeatKey } from '../../api/idempotency.js';
import {
  analyzeVacancy,
  suggestionsOf,
  type RequirementSuggestion,
  type SuggestionKind,
} from '../../api/vacancy-analyses.js';
import { defineStrings, errorKey, type KeyOf } from '../../shared/i18n.js';
import type { RequirementListName } from './form-model.js';

export const suggestionStrings = defineStrings(
  {
    'suggest.heading': 'Suggestions from the vacancy text',
    'suggest.button': 'Suggest requirements',
    'suggest.again': 'Suggest again',
    'suggest.busy': 'Reading the vacancy text…',
    'suggest.needText': 'Type or paste the vacancy text first: the suggestions come from it.',
    'suggest.count.one': '{count} suggestion from the vacancy text.',
    'suggest.count.other': '{count} suggestions from the vacancy text.',
    'suggest.none': 'No skills or certifications found in this text.',
    'suggest.failed': 'Could not get suggestions.',
    'suggest.stale': 'The vacancy text changed since these suggestions.',
    'suggest.kind.hardSkill': 'Hard skills',
    'suggest.kind.softSkill': 'Soft skills',
    'suggest.kind.certification': 'Certifications',
    'suggest.required': 'required in the text',
    'suggest.addKnockout': 'Knockout',
    'suggest.addPreferred': 'Preferred',
    'suggest.addKnockout.label': 'Add “{name}” as a knockout requirement',
    'suggest.addPreferred.label': 'Add “{name}” as a preferred requirement',
    'suggest.added.knockoutRequirements': 'Added as a knockout requirement',
    'suggest.added.preferredRequirements': 'Added as a preferred requirement',
    'suggest.announce.knockoutRequirements': 'Added “{name}” as a knockout requirement.',
    'suggest.announce.preferredRequirements': 'Added “{name}” as a preferred requirement.',
    'suggest.why': 'Why?',
    'suggest.why.label': 'Why “{name}”?',
    'suggest.rating': 'Rating {rating} of 5',
  },
  {
    'suggest.heading': 'Suggesties uit de vacaturetekst',
    'suggest.button': 'Eisen voorstellen',
    'suggest.again': 'Opnieuw voorstellen',
    'suggest.busy': 'De vacaturetekst wordt gelezen…',
    'suggest.needText': 'Typ of plak eerst de vacaturetekst: de suggesties komen daaruit.',
    'suggest.count.one': '{count} suggestie uit de vacaturetekst.',
    'suggest.count.other': '{count} suggesties uit de vacaturetekst.',
    'suggest.none': 'Geen vaardigheden of certificaten gevonden in deze tekst.',
    'suggest.failed': 'Er konden geen suggesties worden opgehaald.',
    'suggest.stale': 'De vacaturetekst is veranderd sinds deze suggesties.',
    'suggest.kind.hardSkill': 'Vakvaardigheden',
    'suggest.kind.softSkill': 'Persoonlijke vaardigheden',
    'suggest.kind.certification': 'Certificaten',
    'suggest.required': 'vereist in de tekst',
    'suggest.addKnockout': 'Knock-out',
    'suggest.addPreferred': 'Gewenst',
    'suggest.addKnockout.label': '“{name}” toevoegen als knock-outeis',
    'suggest.addPreferred.label': '“{name}” toevoegen als gewenste eis',
    'suggest.added.knockoutRequirements': 'Toegevoegd als knock-outeis',
    'suggest.added.preferredRequirements': 'Toegevoegd als gewenste eis',
    'suggest.announce.knockoutRequirements': '“{name}” toegevoegd als knock-outeis.',
    'suggest.announce.preferredRequirements': '“{name}” toegevoegd als gewenste eis.',
    'suggest.why': 'Waarom?',
    'suggest.why.label': 'Waarom “{name}”?',
    'suggest.rating': 'Score {rating} van 5',
  },
);

export type SuggestionKey = KeyOf<typeof suggestionStrings>;

type Host = ReactiveControllerHost &
  HTMLElement & {
    readonly api: Api;
    t(key: string, params?: Record<string, string | number>): string;
  };

export interface SuggestionsBinding {
  /** The vacancy text as typed now. */
  vacancyText(): string;
  /** The requirement texts in the form now, per list. */
  values(list: RequirementListName): string[];
  /** Appends a requirement with this text to the list. */
  add(list: RequirementListName, value: string): void;
  /** `?sync=true` (the sandbox). */
  sync(): boolean;
  /** Where the focus goes when there is no text to analyse. */
  focusVacancyText(): void;
  /** Element ids must be unique per form instance. */
  uid(name: string): string;
}

const KINDS: SuggestionKind[] = ['hardSkill', 'softSkill', 'certification'];
const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

export class RequirementSuggestions implements ReactiveController {
  private state: 'idle' | 'busy' | 'done' | 'error' = 'idle';
  private items: RequirementSuggestion[] = [];
  private error?: RecruboApiError;
  private analysedText = '';
  private message = '';
  private announcement = '';
  private controller?: AbortController;
  /** The analysis POST's key, kept for a repeat of the same text after no answer. */
  private readonly repeat = new RepeatKey();

  constructor(
    private readonly host: Host,
    private readonly bind: SuggestionsBinding,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.controller?.abort();
    if (this.state === 'busy') this.state = 'idle';
  }

  /** Forget the suggestions (a new form). */
  clear(): void {
    this.controller?.abort();
    this.state = 'idle';
    this.items = [];
    this.message = '';
    this.announcement = '';
    this.host.requestUpdate();
  }

  private async suggest(): Promise<void> {
    if (this.state === 'busy') return; // one POST per click, however many clicks
    const text = this.bind.vacancyText().trim();
    if (!text) {
      this.message = this.host.t('suggest.needText');
      this.host.requestUpdate();
      this.bind.focusVacancyText();
      return;
    }
    this.message = '';
    this.state = 'busy';
    this.announcement = this.host.t('suggest.busy');
    this.host.requestUpdate();
    // Aborted by clear() and when the form leaves the page (hostDisconnected).
    const controller = (this.controller = new AbortController());
    try {
      const analysis = await analyzeVacancy(this.host.api, text, {
        sync: this.bind.sync(),
        signal: controller.signal,
        interval: 1000,
        idempotencyKey: this.repeat.for(text),
      });
      this.repeat.settle();
      if (controller !== this.controller) return;
      this.items = suggestionsOf(analysis);
      this.analysedText = text;
      this.state = 'done';
      const n = this.items.length;
      this.announcement = n
        ? this.host.t(n === 1 ? 'suggest.count.one' : 'suggest.count.other', { count: n })
        : this.host.t('suggest.none');
    } catch (err) {
      this.repeat.settle(err);
      if (controller !== this.controller || isAbortError(err)) return;
      this.error = err as RecruboApiError;
      this.state = 'error';
      this.announcement = '';
      this.host.dispatchEvent(
        new CustomEvent('recrubo-error', { detail: { error: err }, bubbles: true, composed: true }),
      );
    } finally {
      this.host.requestUpdate();
    }
  }

  private addedTo(s: RequirementSuggestion): RequirementListName | undefined {
    const key = norm(s.requirement);
    return (['knockoutRequirements', 'preferredRequirements'] as const).find((list) =>
      this.bind.values(list).some((v) => norm(v) === key),
    );
  }

  private add(s: RequirementSuggestion, list: RequirementListName, index: number): void {
    if (this.addedTo(s)) return;
    this.bind.add(list, s.requirement);
    this.announcement = this.host.t(`suggest.announce.${list}`, { name: s.requirement });
    this.host.requestUpdate();
    // The pressed button is replaced by the mark: the focus goes there, so the next suggestion is one Tab away.
    void this.host.updateComplete.then(() =>
      this.host.shadowRoot?.getElementById(this.bind.uid(`suggestion-${index}-added`))?.focus({ preventScroll: true }),
    );
  }

  render(): TemplateResult {
    const t = (k: string, p?: Record<string, string | number>) => this.host.t(k, p);
    const busy = this.state === 'busy';
    const stale = this.state === 'done' && norm(this.bind.vacancyText()) !== norm(this.analysedText);
    return html`<section part="suggestions" class="suggestions" aria-labelledby=${this.bind.uid('suggest-heading')}>
      <h4 id=${this.bind.uid('suggest-heading')} class="suggest-heading">${t('suggest.heading')}</h4>
      <div class="suggest-row">
        <button
          type="button"
          part="button suggest"
          aria-disabled=${busy ? 'true' : 'false'}
          aria-busy=${busy ? 'true' : 'false'}
          aria-describedby=${this.message ? this.bind.uid('suggest-message') : nothing}
          @click=${() => void this.suggest()}
        >
          ${t(this.state === 'done' ? 'suggest.again' : 'suggest.button')}
        </button>
        <span class="suggest-status" role="status" aria-live="polite">${this.announcement}</span>
      </div>
      ${this.message ? html`<p class="hint" id=${this.bind.uid('suggest-message')}>${this.message}</p>` : nothing}
      ${
        this.state === 'error' && this.error
          ? html`<p class="error" role="alert">${t('suggest.failed')} ${t(errorKey(this.error), { status: this.error.status ?? '' })}</p>`
          : nothing
      }
      ${stale ? html`<p class="hint">${t('suggest.stale')}</p>` : nothing}
      ${this.state === 'done' ? KINDS.map((kind) => this.renderKind(kind)) : nothing}
    </section>`;
  }

  private renderKind(kind: SuggestionKind): TemplateResult | typeof nothing {
    const entries = this.items.map((s, i) => [s, i] as const).filter(([s]) => s.kind === kind);
    if (!entries.length) return nothing;
    const id = this.bind.uid(`suggest-${kind}`);
    return html`<h5 class="suggest-kind" id=${id}>${this.host.t(`suggest.kind.${kind}`)}</h5>
      <ul part="suggestion-list" class="suggestion-list" aria-labelledby=${id}>
        ${entries.map(([s, i]) => this.renderItem(s, i))}
      </ul>`;
  }

  private renderItem(s: RequirementSuggestion, index: number): TemplateResult {
    const t = (k: string, p?: Record<string, string | number>) => this.host.t(k, p);
    const added = this.addedTo(s);
    return html`<li part="suggestion" class="suggestion ${added ? 'added' : ''}" data-kind=${s.kind}>
      <span class="suggestion-text"><bdi>${s.requirement}</bdi></span>
      ${s.required ? html`<span class="suggestion-meta">(${t('suggest.required')})</span>` : nothing}
      ${s.rating !== null ? html`<span class="suggestion-meta">${t('suggest.rating', { rating: s.rating })}</span>` : nothing}
      <span class="suggestion-actions">
        ${
          added
            ? html`<span part="suggestion-added" class="suggestion-added" id=${this.bind.uid(`suggestion-${index}-added`)} tabindex="-1"
              ><span aria-hidden="true">✓</span> ${t(`suggest.added.${added}`)}</span
            >`
            : html`<button type="button" part="button suggestion-add" aria-label=${t('suggest.addKnockout.label', { name: s.requirement })}
                @click=${() => this.add(s, 'knockoutRequirements', index)}>+ ${t('suggest.addKnockout')}</button>
              <button type="button" part="button suggestion-add" aria-label=${t('suggest.addPreferred.label', { name: s.requirement })}
                @click=${() => this.add(s, 'preferredRequirements', index)}>+ ${t('suggest.addPreferred')}</button>`
        }
      </span>
      ${
        s.reasoning
          ? html`<details class="suggestion-why">
            <summary aria-label=${t('suggest.why.label', { name: s.requirement })}>${t('suggest.why')}</summary>
            <p dir="auto">${s.reasoning}</p>
          </details>`
          : nothing
      }
    </li>`;
  }
}
