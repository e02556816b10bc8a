// "Suggest requirements": the vacancy text goes to POST /vacancy-analyses, and its hard skills, soft skills and
// certifications come back as suggestions that the recruiter adds as a knockout or preferred requirement with one
// action. A reactive controller plus its template, so the form renders it with one line and keeps its own state:
// the form owns the requirement lists; this only appends to them (never replaces what was typed).
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Api } from '../../api/index.js';
import type { RecruboApiError } from '../../api/errors.js';
import { RepeatKey } from '../../api/idempotency.js';
import {
  analyzeVacancy,
  suggestionsOf,
  type RequirementSuggestion,
  type SuggestionKind,
} from '../../api/vacancy-analyses.js';
import { announce } from '../../shared/announcer.js';
import { ElementTask, TaskStatus } from '../../shared/element-task.js';
import type { RecruboEventMap } from '../../shared/events.js';
import { defineStrings, errorKey, type KeyOf } from '../../shared/i18n.js';
import { suggestSessionField } from '../../shared/vacancy-flow-rules.js';
import type { FormContext } from './form-context.js';
import { newItem, type RequirementListName } from './form-model.js';

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

/** The generator element, as the suggestions use it. */
type Host = ReactiveControllerHost &
  HTMLElement & {
    readonly api: Api;
    /** `?sync=true` (the sandbox). */
    readonly sync: boolean;
    t(key: string, params?: Record<string, string | number>): string;
    emit<K extends keyof RecruboEventMap>(type: K, detail: RecruboEventMap[K]['detail']): boolean;
  };

const KINDS: SuggestionKind[] = ['hardSkill', 'softSkill', 'certification'];
const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The "Suggest requirements" block: the element's host and its form (state, edits, ids, focus), no callbacks. */
export class RequirementSuggestions {
  private analysedText = '';
  private message = '';
  /** The status beside the button (also spoken, through the page's announcer). */
  private status = '';
  /** The analysis POST's key, kept for a repeat of the same text after no answer. */
  private readonly repeat = new RepeatKey();
  /** The analysis: one action per click, stopped when the form leaves the page. */
  private readonly analysis: ElementTask<readonly [Api, string, boolean], RequirementSuggestion[]>;

  constructor(
    private readonly host: Host,
    private readonly form: FormContext,
  ) {
    this.analysis = new ElementTask(host, {
      autoRun: false,
      task: async ([api, text, sync], { signal }) => {
        try {
          const analysis = await analyzeVacancy(api, text, {
            sync,
            signal,
            interval: 1000,
            idempotencyKey: this.repeat.for(text),
          });
          this.repeat.settle();
          this.analysedText = text;
          return suggestionsOf(analysis);
        } catch (err) {
          this.repeat.settle(err);
          throw err;
        }
      },
      onComplete: (items) => {
        const n = items.length;
        this.say(
          n
            ? this.host.t(n === 1 ? 'suggest.count.one' : 'suggest.count.other', { count: n })
            : this.host.t('suggest.none'),
        );
      },
      onError: (error) => {
        this.status = '';
        this.host.emit('recrubo-error', { error: error as RecruboApiError });
      },
    });
  }

  /** The vacancy text as typed now (none while an existing vacancy is chosen instead). */
  private get vacancyText(): string {
    const s = this.form.state;
    return s.vacancySource === 'text' ? s.vacancyText : '';
  }

  private get busy(): boolean {
    return this.analysis.status === TaskStatus.PENDING;
  }

  private say(text: string): void {
    this.status = text;
    announce(text, this.host.ownerDocument);
  }

  private suggest(): void {
    if (this.busy) return; // one POST per click, however many clicks
    const text = this.vacancyText.trim();
    if (!text) {
      this.message = this.host.t('suggest.needText');
      this.host.requestUpdate();
      const s = this.form.state;
      void this.form.focusLater(`#${this.form.uid(s.vacancySource === 'text' ? 'vacancy-text' : 'vacancy-id')}`);
      return;
    }
    this.message = '';
    this.say(this.host.t('suggest.busy'));
    void this.analysis.run([this.host.api, text, this.host.sync]);
  }

  private addedTo(s: RequirementSuggestion): RequirementListName | undefined {
    const key = norm(s.requirement);
    return (['knockoutRequirements', 'preferredRequirements'] as const).find((list) =>
      this.form.state[list].some((item) => norm(item.value) === key),
    );
  }

  private add(s: RequirementSuggestion, list: RequirementListName, index: number): void {
    if (this.addedTo(s)) return;
    // Appended with a suggested (not chosen) session field: nothing the recruiter typed is replaced.
    const item = { ...newItem(s.requirement), sessionField: suggestSessionField(s.requirement) };
    this.form.edit((state) => state[list].push(item));
    this.form.clearFieldError(list);
    this.say(this.host.t(`suggest.announce.${list}`, { name: s.requirement }));
    // The pressed button is replaced by the mark: the focus goes there, so the next suggestion is one Tab away.
    void this.host.updateComplete.then(() =>
      this.host.shadowRoot?.getElementById(this.form.uid(`suggestion-${index}-added`))?.focus({ preventScroll: true }),
    );
  }

  render(): TemplateResult {
    const t = (k: string, p?: Record<string, string | number>) => this.host.t(k, p);
    const busy = this.busy;
    const done = this.analysis.status === TaskStatus.COMPLETE;
    const error = this.analysis.status === TaskStatus.ERROR ? (this.analysis.error as RecruboApiError) : undefined;
    const stale = done && norm(this.vacancyText) !== norm(this.analysedText);
    return html`<section part="suggestions" class="suggestions" aria-labelledby=${this.form.uid('suggest-heading')}>
      <h4 id=${this.form.uid('suggest-heading')} class="suggest-heading">${t('suggest.heading')}</h4>
      <div class="suggest-row">
        <button
          type="button"
          part="button suggest"
          aria-disabled=${busy ? 'true' : 'false'}
          aria-busy=${busy ? 'true' : 'false'}
          aria-describedby=${this.message ? this.form.uid('suggest-message') : nothing}
          @click=${() => void this.suggest()}
        >
          ${t(done ? 'suggest.again' : 'suggest.button')}
        </button>
        <span class="suggest-status">${busy || done ? this.status : ''}</span>
      </div>
      ${this.message ? html`<p class="hint" id=${this.form.uid('suggest-message')}>${this.message}</p>` : nothing}
      ${
        error
          ? html`<p class="error" role="alert">${t('suggest.failed')} ${t(errorKey(error), { status: error.status ?? '' })}</p>`
          : nothing
      }
      ${stale ? html`<p class="hint">${t('suggest.stale')}</p>` : nothing}
      ${done ? KINDS.map((kind) => this.renderKind(kind)) : nothing}
    </section>`;
  }

  private renderKind(kind: SuggestionKind): TemplateResult | typeof nothing {
    const entries = (this.analysis.value ?? []).map((s, i) => [s, i] as const).filter(([s]) => s.kind === kind);
    if (!entries.length) return nothing;
    const id = this.form.uid(`suggest-${kind}`);
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
            ? html`<span part="suggestion-added" class="suggestion-added" id=${this.form.uid(`suggestion-${index}-added`)} tabindex="-1"
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
