// `<recrubo-template-sender>` (internal, rendered by the conversation with `templates`): "Send a template", the one
// message that reaches a WhatsApp candidate outside the 24-hour window (spec §15a). Approved templates only, those
// of the thread's language first; a field per body parameter, labelled with the template's example (a parameter
// that stands for a name, after a greeting, prefilled with the candidate's first name where known); the message
// previewed as it will arrive; then one `POST /messages` per click with the
// documented template payload and an Idempotency-Key (the same key for a retry of the same message after no answer).
// Properties in (api, thread, language, first name, whether the window is open), an event out: `template-sent`.
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { isAbortError, type RecruboApiError } from '../../api/errors.js';
import { RepeatKey } from '../../api/idempotency.js';
import {
  isApprovedTemplate,
  messagesFor,
  templateBodyText,
  templateParameterCount,
  templateParameterExamples,
  templateParts,
  templatePayload,
  type Api,
  type MessageTemplate,
} from '../../api/index.js';
import { baseStyles } from '../../shared/base.styles.js';
import { ElementTask, TaskStatus } from '../../shared/element-task.js';
import { formControlStyles } from '../../shared/form-control.styles.js';
import { formStyles } from '../../shared/form.styles.js';
import { errorKey, mergeStrings, sharedStrings, translate, type Params, type SharedKey } from '../../shared/i18n.js';
import { conversationStrings, type ConversationKey } from './strings.js';

const strings = mergeStrings(sharedStrings, conversationStrings);

/** A greeting right before a parameter ("Hoi {{1}}", "Dear {{1}},"): that parameter is the candidate's name. */
const GREETING = /(?:^|[\s,.!?])(?:hoi|hallo|hey|hi|hello|dear|beste)[\s,]*$/i;

/**
 * Which body parameters stand for the candidate's name: those right after a greeting, unless the template's own
 * example for it is plainly not a name (digits or a time: "10:30"). A parameter is never a name by position alone.
 */
export function nameParameters(text: string, examples: readonly string[]): Set<number> {
  const names = new Set<number>();
  let before = '';
  for (const part of templateParts(text)) {
    if ('text' in part) {
      before += part.text;
      continue;
    }
    const example = examples[part.parameter - 1] ?? '';
    if (GREETING.test(before) && !/[\d:@/]/.test(example)) names.add(part.parameter);
    before = '';
  }
  return names;
}

/** Approved templates, those in `language` first (then by name); a pending or rejected one is never offered. */
export function offeredTemplates(all: readonly MessageTemplate[], language: string): MessageTemplate[] {
  const lang = language.toLowerCase().split(/[-_]/)[0] ?? '';
  const same = (t: MessageTemplate) => (t.language ?? '').toLowerCase().split(/[-_]/)[0] === lang;
  return all
    .filter(isApprovedTemplate)
    .sort((a, b) => Number(same(b)) - Number(same(a)) || a.name.localeCompare(b.name));
}

export class TemplateSender extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      :host {
        display: block;
        padding: var(--_space) calc(var(--_space) * 1.5);
        border-top: 1px solid var(--_border);
      }
      .preview {
        margin: 0;
        padding: var(--_space);
        border-radius: var(--_radius);
        background: color-mix(in srgb, var(--_primary) 10%, var(--_surface));
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .preview-label,
      .hint {
        color: var(--_muted);
        font-size: 0.85em;
        margin: 0;
      }
    `,
    formControlStyles,
  ];

  static override properties = {
    api: { attribute: false },
    lang: {},
    threadId: { attribute: false },
    language: { attribute: false },
    firstName: { attribute: false },
    senderName: { attribute: false },
    windowOpen: { attribute: false },
    expanded: { state: true },
    chosen: { state: true },
    values: { state: true },
    missing: { state: true },
  };

  declare api: Api | undefined;
  /** UI language. */
  declare lang: string;
  declare threadId: string | undefined;
  /** The thread's language (its templates are offered first). */
  declare language: string;
  /** The candidate's first name, prefilled in a parameter that stands for a name (after a greeting). */
  declare firstName: string | undefined;
  /** `sendBy` of the message. */
  declare senderName: string;
  /** Inside WhatsApp's window free text is the default: the templates open on request. */
  declare windowOpen: boolean;
  declare private expanded: boolean;
  declare private chosen: string;
  declare private values: string[];
  declare private missing: number[];
  private readonly repeat = new RepeatKey();

  private readonly load = new ElementTask(this, {
    args: () => [this.api, this.windowOpen ? this.expanded : true] as const,
    task: async ([api, wanted], { signal }) => (api && wanted ? api.messageTemplates.listAll({ signal }) : undefined),
  });

  private readonly send = new ElementTask(this, {
    autoRun: false,
    args: () => [this.chosen, this.values] as const,
    task: async ([id, values], { signal }) => {
      if (!this.api || !this.threadId) return undefined;
      const payload = templatePayload(id, values);
      const body = { messageThreadId: this.threadId, sendBy: this.senderName, payload };
      const key = this.repeat.for(body);
      try {
        const message = await messagesFor(this.api.client).send(body, { idempotencyKey: key, signal });
        this.repeat.settle();
        this.values = [];
        this.chosen = '';
        this.expanded = false;
        this.dispatchEvent(new CustomEvent('template-sent', { detail: { message } }));
        void this.keepFocus();
        return message;
      } catch (err) {
        this.repeat.settle(err);
        throw err;
      }
    },
  });

  constructor() {
    super();
    this.api = undefined;
    this.lang = 'en';
    this.threadId = undefined;
    this.language = 'en';
    this.firstName = undefined;
    this.senderName = '';
    this.windowOpen = false;
    this.expanded = false;
    this.chosen = '';
    this.values = [];
    this.missing = [];
  }

  private t(key: ConversationKey | SharedKey, params?: Params) {
    return translate(this.lang, strings, key, params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('threadId')) {
      this.chosen = '';
      this.values = [];
      this.expanded = false;
    }
  }

  private template(): MessageTemplate | undefined {
    return (this.load.value ?? []).find((t) => t.id === this.chosen);
  }

  private choose = (event: Event) => {
    this.chosen = (event.target as HTMLSelectElement).value;
    const tpl = this.template();
    const text = tpl ? templateBodyText(tpl) : '';
    const count = tpl ? templateParameterCount(text) : 0;
    const names = tpl ? nameParameters(text, templateParameterExamples(tpl)) : new Set<number>();
    this.values = Array.from({ length: count }, (_, i) => (names.has(i + 1) && this.firstName ? this.firstName : ''));
    this.missing = [];
  };

  /**
   * After a send the form closes (inside the window) or empties (outside it), and the focused button goes with it:
   * the keyboard stays here, on "Send a template" or on the template list, instead of falling to the page body.
   */
  private async keepFocus() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="template-open"], [part~="template-select"]')?.focus();
  }

  private onParam = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const i = Number(input.dataset.index);
    this.values = this.values.map((v, k) => (k === i ? input.value : v));
    this.missing = this.missing.filter((k) => k !== i);
  };

  private onSubmit = (event: Event) => {
    event.preventDefault();
    if (!this.chosen || this.send.status === TaskStatus.PENDING) return;
    this.missing = this.values.map((v, i) => (v.trim() ? -1 : i)).filter((i) => i >= 0);
    if (this.missing.length) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    void this.send.run();
  };

  /** The body with the typed values (as text, never markup); no white-space around it (the preview is pre-wrap). */
  private preview(text: string) {
    return templateParts(text).map((p) =>
      'text' in p ? p.text : this.values[p.parameter - 1] || `{{${p.parameter}}}`,
    );
  }

  private errorText(error: unknown): string {
    const e = error as RecruboApiError;
    return (
      e?.detail ??
      translate(this.lang, strings, errorKey({ kind: e?.kind ?? 'network', status: e?.status }), {
        status: e?.status ?? '',
      })
    );
  }

  override render() {
    if (this.windowOpen && !this.expanded)
      return html`<button type="button" part="template-open" @click=${() => (this.expanded = true)}>
        ${this.t('template.send')}
      </button>`;
    return html`<form part="template-form" @submit=${this.onSubmit} novalidate aria-label=${this.t('template.send')}>
      ${this.load.render({
        pending: () => html`<p class="hint" aria-busy="true">${this.t('template.loadingList')}</p>`,
        error: (e) =>
          html`<div role="alert">
            <p class="error">${this.t('template.listFailed', { reason: this.errorText(e) })}</p>
            <button type="button" @click=${() => this.load.run()}>${this.t('common.retry')}</button>
          </div>`,
        complete: (all) => this.renderForm(offeredTemplates(all ?? [], this.language)),
      })}
    </form>`;
  }

  private renderForm(offered: MessageTemplate[]) {
    if (offered.length === 0) return html`<p class="hint">${this.t('template.none')}</p>`;
    const tpl = this.template();
    const text = tpl ? templateBodyText(tpl) : '';
    const examples = tpl ? templateParameterExamples(tpl) : [];
    const failed =
      this.send.status === TaskStatus.ERROR && !isAbortError(this.send.error) ? this.send.error : undefined;
    const busy = this.send.status === TaskStatus.PENDING;
    return html`<div class="field">
        <label for="tpl">${this.t('template.choose')}</label>
        <select id="tpl" part="template-select" .value=${this.chosen} @change=${this.choose}>
          <option value="" ?selected=${!this.chosen}>${this.t('template.pick')}</option>
          ${offered.map(
            (t) => html`<option value=${t.id} ?selected=${t.id === this.chosen}>${t.name} (${t.language})</option>`,
          )}
        </select>
      </div>
      ${this.values.map((v, i) => {
        const invalid = this.missing.includes(i);
        return html`<div class="field">
          <label for="p${i}"
            >${
              examples[i]
                ? this.t('template.parameterExample', { n: i + 1, example: examples[i] })
                : this.t('template.parameter', { n: i + 1 })
            }</label
          >
          <input
            id="p${i}"
            part="template-parameter"
            data-index=${i}
            .value=${v}
            placeholder=${examples[i] ?? ''}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${invalid ? `m${i}` : nothing}
            @input=${this.onParam}
          />
          ${invalid ? html`<p class="error" id="m${i}">${this.t('template.required')}</p>` : nothing}
        </div>`;
      })}
      ${
        tpl
          ? html`<p class="preview-label" id="preview-label">${this.t('template.preview')}</p>
            <p class="preview" part="template-preview" aria-labelledby="preview-label" dir="auto"
              >${this.preview(text)}</p
            >`
          : nothing
      }
      ${
        failed
          ? html`<p class="error" role="alert">${this.t('template.failed', { reason: this.errorText(failed) })}</p>`
          : nothing
      }
      <div class="actions">
        <button type="submit" class="primary" part="template-send" ?disabled=${!tpl || busy}>
          ${busy ? this.t('status.pending') : this.t('template.sendNow')}
        </button>
        ${
          this.windowOpen
            ? html`<button type="button" @click=${() => (this.expanded = false)}>${this.t('common.cancel')}</button>`
            : nothing
        }
      </div>`;
  }
}
