import { html, nothing, type TemplateResult } from 'lit';
import { isNotFoundError, type RecruboApiError } from '../../api/errors.js';
import { announce } from '../../shared/announcer.js';
import { baseStyles } from '../../shared/base.styles.js';
import { ElementTask, TaskStatus } from '../../shared/element-task.js';
import { toPreviewModel, type PreviewModel } from '../../shared/flow-model.js';
import { formatNumber, listFormat } from '../../shared/format.js';
import { loadFlowGraph } from '../../shared/load-flow.js';
import { RecruboElement } from '../../shared/recrubo-element.js';
import { charCount, WHATSAPP_LIMITS, FLOW_SETTING_LIMITS, replyShape } from '../../shared/whatsapp-limits.js';
import { chatPreviewStyles, renderChatPreview } from './chat-view.js';
import { RecruboFlowEditorFieldElement, type FieldInputDetail } from './editor-field.js';
import { FlowDraft, keyOf, parseKey, type FieldRef, type ResourceKey } from './flow-draft.js';
import { flowEditorStyles } from './recrubo-flow-editor.styles.js';
import { SaveController } from './save-controller.js';
import { flowEditorStrings, type FlowEditorKey } from './strings.js';

const APPOINTMENT_FIELD = /^(askDay|askSlot|noSlot|confirmSlotMessage|denyConfirmMessage)(EN|NL)$/;

/**
 * The editing half of BotStudio: every text the chatbot sends (messages, questions, option labels, the appointment
 * step's messages) and the flow's settings, editable in place, with WhatsApp's limits and unknown placeholders
 * flagged while typing, a chat preview that follows every keystroke, and a save that sends one PATCH per changed
 * resource, keeps every edit when something fails, retries only what failed and never overwrites a text someone
 * else changed meanwhile without asking. The flow's structure (which questions, in which order) is not editable
 * here: that is a new generation.
 *
 * @summary Edit what the chatbot says: texts, option labels, appointment messages and settings.
 * @tag recrubo-flow-editor
 *
 * @attr {string} flow-id - The Flow to edit (required).
 * @attr {string} base-url - API root including `/public/v2` (see the shared configuration).
 * @attr {string} api-key - Sandbox / local development only.
 * @attr {string} lang - UI language, `en` or `nl`.
 *
 * @fires {CustomEvent<{ flowId: string, dirty: boolean }>} recrubo-flow-change - The draft changed (an edit, undo, redo, a conflict resolved, a save).
 * @fires {CustomEvent<{ flowId: string, changed: { type: string, id: string }[] }>} recrubo-flow-saved - A save wrote these resources (one PATCH each).
 * @fires {CustomEvent<{ error: RecruboApiError }>} recrubo-error - Loading failed, or a save's request failed for good (the edits are kept).
 *
 * @csspart base - The whole editor.
 * @csspart toolbar - Undo, redo, the state and Save.
 * @csspart save - The Save button.
 * @csspart undo - The Undo button.
 * @csspart redo - The Redo button.
 * @csspart status - The saving state ("Unsaved changes", "Saving 1 of 3…").
 * @csspart notice - Problems, failures and conflicts above the fields.
 * @csspart retry - The buttons that load or save again.
 * @csspart settings - The flow's settings.
 * @csspart steps - The list of steps.
 * @csspart step - One step with its texts.
 * @csspart conflict - Both versions of a text changed on the server, with the choice.
 * @csspart resource-error - Why a resource was not saved.
 * @csspart preview - The live chat preview.
 * @csspart preview-message - One bot message in the preview.
 * @csspart skeleton - Placeholders while loading.
 * @csspart empty - No flow chosen.
 * @csspart error - A failed load or a flow not found.
 *
 * @cssprop --recrubo-flow-editor-chat-background - Background of the preview conversation.
 * @cssprop --recrubo-flow-editor-bubble - Background of the bot's messages in the preview.
 * @cssprop --recrubo-flow-editor-preview-max-height - Height after which the preview scrolls (default 40em).
 * @cssprop --recrubo-color-primary - Save button, focus ring.
 * @cssprop --recrubo-color-danger - Problems and failures.
 * @cssprop --recrubo-color-warning - Conflicts and flagged bubbles.
 * @cssprop --recrubo-color-text - Text colour.
 * @cssprop --recrubo-color-muted - Secondary text.
 * @cssprop --recrubo-color-surface - Background.
 * @cssprop --recrubo-color-border - Borders.
 * @cssprop --recrubo-radius - Corner radius.
 * @cssprop --recrubo-spacing - Base spacing.
 */
export class RecruboFlowEditorElement extends RecruboElement<FlowEditorKey> {
  static override styles = [baseStyles, flowEditorStyles, chatPreviewStyles];
  static override strings = flowEditorStrings;
  static override dependencies = { 'recrubo-flow-editor-field': RecruboFlowEditorFieldElement };

  static override properties = {
    flowId: { attribute: 'flow-id' },
  };

  /** The Flow to edit. */
  declare flowId: string | undefined;

  private draft?: FlowDraft;
  /** The last save wrote everything and nothing was edited since: the status says "All changes saved." */
  private justSaved = false;
  private readonly saver = new SaveController(this);
  private readonly loader = new ElementTask(this, {
    args: () => [this.flowId?.trim(), this.config.baseUrl, this.config.apiKey] as const,
    task: async ([id], { signal }) => {
      if (!id) return undefined;
      const { flow, nodes } = await loadFlowGraph(this.api, id, signal);
      // A reload of the same flow (the element came back) keeps unsaved edits; another flow starts afresh.
      if (!this.draft || this.draft.flowId !== id || !this.draft.dirty) {
        this.draft = new FlowDraft(flow, nodes);
        this.saver.clear();
      }
      announce(this.t('loaded'), this.ownerDocument);
      return this.draft;
    },
    onError: (error) => this.reportError(error),
  });

  constructor() {
    super();
    this.flowId = undefined;
    this.addEventListener('keydown', this.onKeyDown);
  }

  /** There are edits not saved yet (read-only). */
  get dirty(): boolean {
    return this.draft?.dirty ?? false;
  }

  /**
   * Saves every changed text and setting (one PATCH each). Resolves `true` when everything is saved; `false` when a
   * problem stops the save, something failed (retry with `save()` again: only what failed is sent) or a conflict
   * waits for a choice.
   */
  async save(): Promise<boolean> {
    const draft = this.draft;
    if (!draft || this.saver.progress) return false;
    const blocking = draft.blocking();
    if (blocking.length) {
      const n = blocking.length;
      announce(this.t(n === 1 ? 'problems.one' : 'problems.other', { count: this.number(n) }), this.ownerDocument);
      this.requestUpdate();
      await this.updateComplete;
      this.fieldFor(blocking[0] as FieldRef)?.focus();
      return false;
    }
    if (!draft.dirty) return true;
    try {
      await this.saver.task.run([draft]);
    } catch {
      /* shown by the task's error state */
    }
    const outcome = this.saver.task.value;
    this.justSaved =
      this.saver.task.status !== TaskStatus.ERROR && !!outcome && !outcome.failed && !outcome.conflicts && !draft.dirty;
    this.changed();
    if (this.saver.task.status === TaskStatus.ERROR || !outcome) return false;
    if (outcome.failed) {
      const n = outcome.failed;
      announce(this.t(n === 1 ? 'failed.one' : 'failed.other', { count: this.number(n) }), this.ownerDocument);
    } else if (outcome.conflicts) {
      const n = outcome.conflicts;
      announce(this.t(n === 1 ? 'conflict.one' : 'conflict.other', { count: this.number(n) }), this.ownerDocument);
    } else if (!draft.dirty) announce(this.t('saved'), this.ownerDocument);
    return !draft.dirty;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ownerDocument.defaultView?.addEventListener('beforeunload', this.onBeforeUnload);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.defaultView?.removeEventListener('beforeunload', this.onBeforeUnload);
  }

  private onBeforeUnload = (e: BeforeUnloadEvent): void => {
    if (!this.dirty) return;
    e.preventDefault();
    e.returnValue = this.t('leave'); // older engines want a value; browsers show their own text
  };

  private onKeyDown = (e: KeyboardEvent): void => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === 's') {
      e.preventDefault();
      void this.save();
    } else if (key === 'z' || key === 'y') {
      e.preventDefault();
      if (key === 'y' || e.shiftKey) this.redo();
      else this.undo();
    }
  };

  private undo(): void {
    if (this.draft?.undo()) this.changed();
  }

  private redo(): void {
    if (this.draft?.redo()) this.changed();
  }

  /** After any change of the draft: re-render and tell the page. */
  private changed(): void {
    if (this.draft?.dirty) this.justSaved = false;
    this.requestUpdate();
    if (this.draft) this.emit('recrubo-flow-change', { flowId: this.draft.flowId, dirty: this.draft.dirty });
  }

  private onFieldInput(ref: FieldRef, e: CustomEvent<FieldInputDetail>): void {
    if (!this.draft) return;
    const raw = e.detail.value;
    const isNumber = ref.field === 'reminderInterval' || ref.field === 'sessionTimeout';
    const next = isNumber ? (raw.trim() === '' ? null : Number(raw)) : raw;
    this.draft.set(ref, next);
    this.changed();
  }

  private fieldFor(ref: FieldRef): RecruboFlowEditorFieldElement | null {
    return this.renderRoot.querySelector(`[data-field="${CSS.escape(`${ref.key}|${ref.field}`)}"]`);
  }

  private number(n: number): string {
    return formatNumber(this.config.lang, n);
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const name = this.draft ? String(this.draft.attrs(keyOf('flows', this.draft.flowId)).name ?? '') : '';
    return html`<section part="base" class="base" aria-label=${this.t('label', { name })}>
      ${
        !this.flowId?.trim()
          ? html`<p part="empty" class="empty">${this.t('noFlow')}</p>`
          : this.loader.render({
              initial: () => this.renderSkeleton(),
              pending: () => (this.draft ? this.renderEditor(this.draft) : this.renderSkeleton()),
              complete: () => (this.draft ? this.renderEditor(this.draft) : this.renderSkeleton()),
              error: (error) => this.renderLoadError(error as RecruboApiError),
            })
      }
    </section>`;
  }

  private renderSkeleton(): TemplateResult {
    return html`<div part="skeleton" class="skeleton-list" aria-busy="true">
      ${[18, 12, 15, 10].map((w) => html`<span class="skeleton" style="width: ${w}em; height: 2.2em"></span>`)}
      <span class="visually-hidden">${this.t('loading')}</span>
    </div>`;
  }

  private renderLoadError(error: RecruboApiError): TemplateResult {
    const missing = isNotFoundError(error);
    return html`<div part="error" class="error" role="alert">
      <p>${missing ? this.t('notFound') : `${this.t('loadFailed')} ${this.errorMessage(error)}`}</p>
      ${missing ? nothing : html`<button type="button" part="retry" @click=${() => void this.loader.run()}>${this.t('retry')}</button>`}
    </div>`;
  }

  private renderEditor(draft: FlowDraft): TemplateResult {
    const { flow, nodes } = draft.edited();
    const model = toPreviewModel(flow, nodes, this.config.lang);
    return html`${this.renderToolbar(draft)} ${this.renderNotices(draft)}
      <div class="layout">
        <div class="fields">
          <section part="settings" class="card" aria-labelledby="settings-heading">
            <h3 id="settings-heading">${this.t('settings')}</h3>
            ${this.renderResource(draft, keyOf('flows', draft.flowId))}
          </section>
          ${this.renderSteps(draft, model)}
        </div>
        ${renderChatPreview(this, model)}
      </div>`;
  }

  private renderToolbar(draft: FlowDraft): TemplateResult {
    const progress = this.saver.progress;
    const status = progress
      ? this.t('saving', { done: this.number(progress.done), total: this.number(progress.total) })
      : draft.dirty
        ? this.t('unsaved')
        : this.t(this.justSaved ? 'saved' : 'clean');
    return html`<div part="toolbar" class="toolbar">
      <button type="button" part="undo" ?disabled=${!draft.canUndo} aria-keyshortcuts="Control+Z Meta+Z" @click=${() => this.undo()}>
        ${this.t('undo')}
      </button>
      <button type="button" part="redo" ?disabled=${!draft.canRedo} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z" @click=${() => this.redo()}>
        ${this.t('redo')}
      </button>
      <span part="status" class="status ${draft.dirty ? 'dirty' : ''}">${progress ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${status}</span>
      <button
        type="button"
        part="save"
        class="primary"
        aria-keyshortcuts="Control+S Meta+S"
        aria-disabled=${progress || !draft.dirty ? 'true' : 'false'}
        @click=${() => void this.save()}
      >
        ${this.t('save')}
      </button>
    </div>`;
  }

  private renderNotices(draft: FlowDraft): TemplateResult | typeof nothing {
    const notes: TemplateResult[] = [];
    const failed = this.saver.failures.size;
    const saveError =
      this.saver.task.status === TaskStatus.ERROR ? (this.saver.task.error as RecruboApiError) : undefined;
    if (saveError) notes.push(html`<p>${this.t('issue.failed', { message: this.errorMessage(saveError) })}</p>`);
    if (failed)
      notes.push(html`<p>${this.t(failed === 1 ? 'failed.one' : 'failed.other', { count: this.number(failed) })}</p>`);
    if (saveError || failed)
      notes.push(
        html`<button type="button" part="retry" @click=${() => void this.save()}>${this.t('retryFailed')}</button>`,
      );
    const conflicts = this.saver.conflicts.size;
    if (conflicts)
      notes.push(
        html`<p>${this.t(conflicts === 1 ? 'conflict.one' : 'conflict.other', { count: this.number(conflicts) })}</p>`,
      );
    const blocking = draft.blocking().length;
    if (blocking && draft.dirty)
      notes.push(
        html`<p>${this.t(blocking === 1 ? 'problems.one' : 'problems.other', { count: this.number(blocking) })}</p>`,
      );
    return notes.length ? html`<div part="notice" class="notice">${notes}</div>` : nothing;
  }

  private renderSteps(draft: FlowDraft, model: PreviewModel): TemplateResult {
    return html`<section class="card" aria-labelledby="steps-heading">
      <h3 id="steps-heading">${this.t('steps')}</h3>
      <ol part="steps" class="steps">
        ${model.steps.map(
          (step) => html`<li part="step" class="step" data-step=${step.number}>
            <h4>
              ${this.t('step', { number: this.number(step.number), name: step.name })}
              ${step.start ? html`<span class="marker">${this.t('step.start')}</span>` : nothing}
              ${step.end ? html`<span class="marker end">${this.t('step.end')}</span>` : nothing}
            </h4>
            ${step.messages.map((m) => this.renderResource(draft, keyOf('nodeActions', m.id)))}
          </li>`,
        )}
      </ol>
    </section>`;
  }

  /** The fields of one resource, with its conflict and its failure if it has one. */
  private renderResource(draft: FlowDraft, key: ResourceKey): TemplateResult {
    const problems = draft.problems(key);
    const failure = this.saver.failures.get(key);
    const fields = draft.fields(key);
    const serverMessages = this.serverMessages(draft, key, fields, failure);
    const conflict = this.saver.conflicts.get(key);
    return html`<div class="resource" data-resource=${key}>
      ${conflict ? this.renderConflict(draft, key, fields, conflict.attrs) : nothing}
      ${
        failure && failure.status !== 422
          ? html`<p part="resource-error" class="resource-error">${this.t('issue.failed', { message: this.errorMessage(failure) })}</p>`
          : nothing
      }
      ${fields.map((field) => {
        const ref = { key, field };
        const value = draft.get(ref);
        const problem = problems.get(field);
        const messages: string[] = [];
        if (problem?.issue)
          messages.push(
            this.t(`issue.${problem.issue.code}` as const, {
              actual: this.number(problem.issue.actual ?? 0),
              limit: this.number(problem.issue.limit ?? 0),
            }),
          );
        if (problem?.unknown)
          messages.push(
            this.t('issue.unknown', {
              placeholders: listFormat(this.config.lang, { type: 'conjunction' }).format(
                problem.unknown.map((n) => `{{${n}}}`),
              ),
            }),
          );
        messages.push(...(serverMessages.get(field) ?? []));
        const text = value === null || value === undefined ? '' : String(value);
        const limit = this.limitOf(draft, ref);
        const count = charCount(text);
        const showCount =
          limit !== undefined && (field.startsWith('options/') || field === 'name' || count >= limit * 0.8);
        return html`<recrubo-flow-editor-field
          data-field=${`${key}|${field}`}
          .label=${this.labelOf(draft, ref)}
          .value=${text}
          .kind=${this.kindOf(ref)}
          .counter=${showCount ? this.t('counter', { count: this.number(count), limit: this.number(limit) }) : ''}
          .over=${limit !== undefined && count > limit}
          .messages=${messages}
          .unknown=${problem?.unknown ?? []}
          .placeholderLabel=${this.t('placeholders')}
          @field-input=${(e: CustomEvent<FieldInputDetail>) => this.onFieldInput(ref, e)}
          @focusout=${() => draft.seal()}
        ></recrubo-flow-editor-field>`;
      })}
    </div>`;
  }

  private renderConflict(
    draft: FlowDraft,
    key: ResourceKey,
    fields: string[],
    theirs: Readonly<Record<string, unknown>>,
  ): TemplateResult {
    const theirsDraft = (field: string): string => {
      if (parseKey(key).type === 'flows') return String(theirs[field] ?? '');
      const v = theirs.value as Record<string, unknown> | undefined;
      if (field.startsWith('options/')) return String(((v?.options as unknown[]) ?? [])[Number(field.slice(8))] ?? '');
      return String(v?.[field] ?? '');
    };
    const differing = fields.filter((f) => String(draft.get({ key, field: f }) ?? '') !== theirsDraft(f));
    return html`<div part="conflict" class="conflict" role="group" aria-label=${this.t('conflict.title')}>
      <p class="conflict-title">${this.t('conflict.title')}</p>
      ${differing.map(
        (f) => html`<div class="versions">
          <div><p class="version-label">${this.t('conflict.mine')} · ${this.labelOf(draft, { key, field: f })}</p><p class="version" dir="auto">${String(draft.get({ key, field: f }) ?? '')}</p></div>
          <div><p class="version-label">${this.t('conflict.theirs')}</p><p class="version" dir="auto">${theirsDraft(f)}</p></div>
        </div>`,
      )}
      <div class="actions">
        <button type="button" @click=${() => this.resolve(draft, key, 'mine')}>${this.t('conflict.keepMine')}</button>
        <button type="button" @click=${() => this.resolve(draft, key, 'theirs')}>${this.t('conflict.takeTheirs')}</button>
      </div>
    </div>`;
  }

  /** The recruiter's choice in a conflict; the keyboard goes to the text it was about (the buttons are gone). */
  private async resolve(draft: FlowDraft, key: ResourceKey, keep: 'mine' | 'theirs'): Promise<void> {
    if (keep === 'mine') this.saver.keepMine(draft, key);
    else this.saver.takeTheirs(draft, key);
    this.changed();
    await this.updateComplete;
    const first = draft.fields(key)[0];
    if (first) this.fieldFor({ key, field: first })?.focus();
  }

  /** A 422's entries by field: the flow's attribute from the pointer; a value's problem on the field that has one. */
  private serverMessages(
    draft: FlowDraft,
    key: ResourceKey,
    fields: string[],
    failure?: RecruboApiError,
  ): Map<string, string[]> {
    const out = new Map<string, string[]>();
    if (!failure || failure.status !== 422) return out;
    const local = [...draft.problems(key).keys()];
    for (const entry of failure.errors.length ? failure.errors : [{ pointer: undefined, detail: failure.detail }]) {
      const attr = entry.pointer?.split('/').pop();
      const field = attr && fields.includes(attr) ? attr : (local[0] ?? fields[0]);
      if (!field) continue;
      out.set(field, [...(out.get(field) ?? []), this.t('issue.server', { detail: entry.detail ?? '' })]);
    }
    return out;
  }

  private kindOf(ref: FieldRef): 'line' | 'text' | 'number' {
    if (ref.field === 'reminderInterval' || ref.field === 'sessionTimeout') return 'number';
    return ref.field === 'name' || ref.field.startsWith('options/') ? 'line' : 'text';
  }

  private limitOf(draft: FlowDraft, ref: FieldRef): number | undefined {
    if (ref.field === 'name') return FLOW_SETTING_LIMITS.name;
    if (ref.field === 'reminderInterval' || ref.field === 'sessionTimeout') return undefined;
    const { type, id } = parseKey(ref.key);
    if (type === 'flows') return WHATSAPP_LIMITS.textBody;
    const value = draft.attrs(ref.key).value as { options?: unknown[] } | undefined;
    const options = Array.isArray(value?.options) ? value.options.length : 0;
    if (ref.field.startsWith('options/'))
      return replyShape(options) === 'buttons' ? WHATSAPP_LIMITS.replyButtonTitle : WHATSAPP_LIMITS.listRowTitle;
    return ref.field === 'text' && draft.action(id)?.subType === 'list' && options
      ? WHATSAPP_LIMITS.interactiveBody
      : WHATSAPP_LIMITS.textBody;
  }

  private labelOf(draft: FlowDraft, ref: FieldRef): string {
    const { type, id } = parseKey(ref.key);
    if (type === 'flows') return this.t(`setting.${ref.field}` as FlowEditorKey);
    if (ref.field.startsWith('options/'))
      return this.t('field.option', { number: this.number(Number(ref.field.slice(8)) + 1) });
    const m = APPOINTMENT_FIELD.exec(ref.field);
    if (m) return this.t(`field.${m[1]}` as FlowEditorKey, { lang: m[2] as string });
    return this.t(draft.action(id)?.actionType === 'ask' ? 'field.ask' : 'field.text');
  }
}
