// `<recrubo-inbox-candidate>` (internal, rendered by the inbox): who the candidate of the open conversation is
// (`GET /candidates/{id}?include=candidateStatus`), their runs on this thread with live `<recrubo-flow-run-status>`
// badges and, when `editable`, a form that PATCHes the candidate (a 422 next to its field; what was typed stays).
// Properties in (the api, ids, config for the badges), events out (`recrubo-candidate-open`, `inbox-saved`).
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { isRecruboApiError, type RecruboApiError } from '../../api/errors.js';
import type { Api } from '../../api/index.js';
import { inboxFor, type Candidate, type CandidateInput, type CandidateStatus } from '../../api/inbox.js';
import type { FlowRun } from '../../api/types.js';
import { announce } from '../../shared/announcer.js';
import { baseStyles } from '../../shared/base.styles.js';
import { ElementTask, TaskStatus } from '../../shared/element-task.js';
import { formControlStyles } from '../../shared/form-control.styles.js';
import { formStyles } from '../../shared/form.styles.js';
import { formatDateTime } from '../../shared/format.js';
import { errorKey } from '../../shared/i18n.js';
import { formatIdentifier } from './phone.js';
import { inboxT, type InboxKey } from './strings.js';

const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'postalCode'] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, InboxKey> = {
  firstName: 'details.firstName',
  lastName: 'details.lastName',
  email: 'details.email',
  phone: 'details.phone',
  postalCode: 'details.postalCode',
};

interface Loaded {
  candidate?: Candidate;
  runs: FlowRun[];
  statuses: CandidateStatus[];
}

export class InboxCandidate extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      :host {
        padding: calc(var(--_space) * 1.5);
        overflow-y: auto;
      }
      h2 {
        outline: none;
        font-size: 1.05em;
        margin: 0 0 var(--_space);
      }
      h3 {
        font-size: 0.95em;
        margin: calc(var(--_space) * 2) 0 var(--_space);
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: calc(var(--_space) / 2) var(--_space);
        margin: 0;
      }
      dt {
        color: var(--_muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: calc(var(--_space) / 2);
      }
      .actions {
        margin-top: calc(var(--_space) * 1.5);
      }
    `,
    formControlStyles,
  ];

  static override properties = {
    api: { attribute: false },
    lang: {},
    candidateId: { attribute: false },
    messageThreadId: { attribute: false },
    editable: { attribute: false },
    openExternal: { attribute: false },
    badgeConfig: { attribute: false },
    editing: { state: true },
    draft: { state: true },
  };

  /** The Api of the inbox (its client and store). */
  declare api: Api | undefined;
  /** UI language. */
  declare lang: string;
  declare candidateId: string | undefined;
  declare messageThreadId: string | undefined;
  /** `candidate-details-edit`: the recruiter may edit the candidate. */
  declare editable: boolean;
  /** `open-external`: a button that asks the host page to open its own candidate page. */
  declare openExternal: boolean;
  /** Config given to the run badges (`baseUrl`, `apiKey`, `tokenProvider`, `fetch`), as the inbox has it. */
  declare badgeConfig: Record<string, unknown>;
  declare private editing: boolean;
  declare private draft: CandidateInput;

  private readonly load = new ElementTask(this, {
    args: () => [this.api, this.candidateId, this.messageThreadId, this.editable] as const,
    task: async ([api, candidateId, threadId, editable], { signal }): Promise<Loaded> => {
      if (!api) return { runs: [], statuses: [] };
      const inbox = inboxFor(api);
      const [candidate, runs, statuses] = await Promise.all([
        candidateId ? inbox.candidate(candidateId, { signal }) : Promise.resolve(undefined),
        threadId
          ? api.flowRuns.list(
              { filter: { messageThreadId: threadId }, sort: '-createdAt', page: { size: 10 } },
              { signal },
            )
          : Promise.resolve({ items: [] as FlowRun[] }),
        // Statuses are only needed to edit; a server without the list keeps the status read-only.
        editable ? inbox.candidateStatuses({ signal }).catch(() => [] as CandidateStatus[]) : Promise.resolve([]),
      ]);
      return { candidate, runs: runs.items, statuses };
    },
  });

  private readonly save = new ElementTask(this, {
    autoRun: false,
    args: () => [this.draft] as const,
    task: async ([draft], { signal }) => {
      const id = this.candidateId;
      if (!this.api || !id) throw new Error('no candidate');
      const saved = await inboxFor(this.api).updateCandidate(id, draft, { signal });
      this.editing = false;
      announce(this.t('details.saved'));
      this.load.run();
      this.dispatchEvent(new CustomEvent('inbox-saved', { detail: { candidate: saved } }));
      return saved;
    },
  });

  constructor() {
    super();
    this.api = undefined;
    this.lang = 'en';
    this.candidateId = undefined;
    this.messageThreadId = undefined;
    this.editable = false;
    this.openExternal = false;
    this.badgeConfig = {};
    this.editing = false;
    this.draft = {};
  }

  private t(key: Parameters<typeof inboxT>[1], params?: Record<string, string | number>) {
    return inboxT(this.lang, key, params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('candidateId')) this.editing = false;
  }

  private startEdit(c: Candidate) {
    this.draft = Object.fromEntries([
      ...FIELDS.map((f) => [f, c[f] ?? '']),
      ['candidateStatusId', c.candidateStatusId ?? ''],
    ]) as CandidateInput;
    this.editing = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input')?.focus());
  }

  private onInput = (event: Event) => {
    const input = event.target as HTMLInputElement | HTMLSelectElement;
    this.draft = { ...this.draft, [input.name]: input.value };
  };

  private onSubmit = (event: Event) => {
    event.preventDefault();
    void this.save.run().then(() => {
      if (this.save.status === TaskStatus.ERROR)
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], .form-error')?.focus(),
        );
    });
  };

  private cancelEdit = () => {
    this.editing = false;
  };

  private openPage = () => {
    this.dispatchEvent(
      new CustomEvent('recrubo-candidate-open', {
        detail: { candidateId: this.candidateId, messageThreadId: this.messageThreadId },
        bubbles: true,
        composed: true,
      }),
    );
  };

  private errorText(error: unknown): string {
    const e = error as RecruboApiError;
    return (
      e?.detail ?? this.t(errorKey({ kind: e?.kind ?? 'network', status: e?.status }), { status: e?.status ?? '' })
    );
  }

  /** Focuses the heading (the details pane was opened from the narrow layout's "Candidate details"). */
  override focus(options?: FocusOptions): void {
    // Just made (the pane opened with it): the heading exists after its first render.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus(options));
  }

  override render() {
    return html`<section part="details" aria-labelledby="details-title">
      <h2 id="details-title" tabindex="-1">${this.t('details.title')}</h2>
      ${this.load.render({
        initial: () => nothing,
        pending: () => html`<p aria-busy="true">${this.t('common.loading')}</p>`,
        error: (e) => html`<div role="alert">
          <p class="error">${this.t('details.loadFailed')} ${this.errorText(e)}</p>
          <button type="button" @click=${() => this.load.run()}>${this.t('common.retry')}</button>
        </div>`,
        complete: (data) => this.renderLoaded(data),
      })}
    </section>`;
  }

  private renderLoaded({ candidate, runs, statuses }: Loaded) {
    const lang = this.lang;
    const empty = this.t('details.empty');
    const runList = html`<h3>${this.t('details.runs')}</h3>
      ${
        runs.length
          ? html`<ul>
            ${runs.map(
              (r) =>
                html`<li>
                  <recrubo-flow-run-status
                    part="run"
                    run-id=${r.id}
                    lang=${lang}
                    .baseUrl=${this.badgeConfig.baseUrl}
                    .apiKey=${this.badgeConfig.apiKey}
                    .tokenProvider=${this.badgeConfig.tokenProvider}
                    .fetch=${this.badgeConfig.fetch}
                  ></recrubo-flow-run-status>
                </li>`,
            )}
          </ul>`
          : html`<p>${this.t('details.noRuns')}</p>`
      }`;
    if (!candidate) return html`<p>${this.t('details.none')}</p>${runList}`;
    if (this.editing) return html`${this.renderForm(statuses)}${runList}`;
    const value = (v: string | null | undefined) => (v ? html`<bdi>${v}</bdi>` : empty);
    return html`<dl>
        <dt>${this.t('details.firstName')}</dt>
        <dd>${value(candidate.firstName)}</dd>
        <dt>${this.t('details.lastName')}</dt>
        <dd>${value(candidate.lastName)}</dd>
        <dt>${this.t('details.email')}</dt>
        <dd>${value(candidate.email)}</dd>
        <dt>${this.t('details.phone')}</dt>
        <dd>${candidate.phone ? formatIdentifier(candidate.phone) : empty}</dd>
        <dt>${this.t('details.postalCode')}</dt>
        <dd>${value(candidate.postalCode)}</dd>
        <dt>${this.t('details.status')}</dt>
        <dd>${value(candidate.candidateStatus?.name)}</dd>
        <dt>${this.t('details.created')}</dt>
        <dd>${candidate.createdAt ? formatDateTime(lang, candidate.createdAt) : empty}</dd>
      </dl>
      ${
        this.editable || this.openExternal
          ? html`<div class="actions">
            ${
              this.editable
                ? html`<button type="button" part="edit" @click=${() => this.startEdit(candidate)}>
                  ${this.t('details.edit')}
                </button>`
                : nothing
            }
            ${
              this.openExternal
                ? html`<button type="button" part="open-external" @click=${this.openPage}>
                  ${this.t('details.openExternal')}
                </button>`
                : nothing
            }
          </div>`
          : nothing
      }
      ${runList}`;
  }

  private renderForm(statuses: CandidateStatus[]) {
    const error = this.save.status === TaskStatus.ERROR ? (this.save.error as RecruboApiError) : undefined;
    const fieldErrors = error && isRecruboApiError(error) ? error.fieldErrors : {};
    const shownOnFields = new Set(Object.keys(fieldErrors));
    const busy = this.save.status === TaskStatus.PENDING;
    const field = (name: Field | 'candidateStatusId') => fieldErrors[name]?.join(' ');
    return html`<form part="edit-form" @submit=${this.onSubmit} @input=${this.onInput} @change=${this.onInput} novalidate>
      ${FIELDS.map((name) => {
        const err = field(name);
        return html`<div class="field">
          <label for="f-${name}">${this.t(LABELS[name])}</label>
          <input
            id="f-${name}"
            name=${name}
            type=${name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text'}
            autocomplete="off"
            .value=${String(this.draft[name] ?? '')}
            aria-invalid=${err ? 'true' : 'false'}
            aria-describedby=${err ? `e-${name}` : nothing}
          />
          ${err ? html`<p class="error" id="e-${name}">${err}</p>` : nothing}
        </div>`;
      })}
      ${
        statuses.length
          ? html`<div class="field">
            <label for="f-status">${this.t('details.status')}</label>
            <select id="f-status" name="candidateStatusId" .value=${String(this.draft.candidateStatusId ?? '')}>
              ${statuses.map(
                (s) =>
                  html`<option value=${s.id} ?selected=${s.id === this.draft.candidateStatusId}>${s.name}</option>`,
              )}
            </select>
          </div>`
          : nothing
      }
      ${
        error && !shownOnFields.size
          ? html`<p class="error form-error" role="alert" tabindex="-1">
            ${this.t('details.saveFailed', { reason: this.errorText(error) })}
          </p>`
          : nothing
      }
      <div class="actions">
        <button type="submit" class="primary" part="save" ?disabled=${busy}>
          ${busy ? this.t('details.saving') : this.t('details.save')}
        </button>
        <button type="button" @click=${this.cancelEdit}>${this.t('common.cancel')}</button>
      </div>
    </form>`;
  }
}
