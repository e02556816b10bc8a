// One editable text of the flow editor: a labelled input or textarea, its character count against WhatsApp's limit,
// the placeholders it uses (each highlighted, an unknown one flagged) and what is wrong with it. Properties in, one
// `field-input` event out; the editor owns the value (its draft), this part owns only the DOM.
import { css, html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { baseStyles } from '../../shared/base.styles.js';
import { placeholdersIn } from '../../shared/whatsapp-limits.js';

export interface FieldInputDetail {
  value: string;
}

/**
 * @internal A field of `<recrubo-flow-editor>`; not for use on its own.
 * @tag recrubo-flow-editor-field
 */
export class RecruboFlowEditorFieldElement extends LitElement {
  static override properties = {
    label: { type: String },
    value: { type: String },
    kind: { type: String },
    counter: { type: String },
    over: { type: Boolean },
    messages: { attribute: false },
    unknown: { attribute: false },
    placeholderLabel: { attribute: false },
  };

  /** The visible label. */
  declare label: string;
  /** The text as the draft has it. */
  declare value: string;
  /** `line` (one line), `text` (a textarea) or `number`. */
  declare kind: 'line' | 'text' | 'number';
  /** e.g. `18 / 20`, shown beside the label; empty for none. */
  declare counter: string;
  /** The count is past the limit. */
  declare over: boolean;
  /** What is wrong with the text, in the UI language (an empty list: nothing). */
  declare messages: string[];
  /** Placeholder names that the flow does not know (flagged among the highlighted ones). */
  declare unknown: string[];
  /** The heading of the placeholder list, in the UI language. */
  declare placeholderLabel: string;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      label {
        display: flex;
        justify-content: space-between;
        gap: var(--_space);
        font-weight: 600;
        font-size: 0.9em;
      }
      .counter {
        font-weight: 400;
        color: var(--_muted);
        font-variant-numeric: tabular-nums;
      }
      .counter.over {
        color: var(--_danger);
        font-weight: 600;
      }
      input,
      textarea {
        display: block;
        box-sizing: border-box;
        width: 100%;
        margin-top: 0.25em;
        font: inherit;
        color: var(--_text);
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.4em 0.55em;
      }
      textarea {
        resize: vertical;
        min-height: 3.6em;
        field-sizing: content;
      }
      input:focus-visible,
      textarea:focus-visible {
        outline: none;
        box-shadow: var(--_focus);
      }
      [aria-invalid='true'] {
        border-color: var(--_danger);
      }
      .placeholders {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3em;
        margin: 0.3em 0 0;
        padding: 0;
        list-style: none;
        font-size: 0.85em;
      }
      .placeholders code {
        padding: 0 0.35em;
        border-radius: var(--_radius);
        background: color-mix(in srgb, var(--_info) 15%, var(--_surface));
      }
      .placeholders .unknown code {
        background: color-mix(in srgb, var(--_danger) 15%, var(--_surface));
        text-decoration: wavy underline var(--_danger);
      }
      .messages {
        margin: 0.3em 0 0;
        padding: 0;
        list-style: none;
        color: var(--_danger);
        font-size: 0.875em;
      }
    `,
  ];

  constructor() {
    super();
    this.label = '';
    this.value = '';
    this.kind = 'line';
    this.counter = '';
    this.over = false;
    this.messages = [];
    this.unknown = [];
    this.placeholderLabel = '';
  }

  /** Focuses the input (the editor sends the keyboard to a field with a problem). */
  override focus(): void {
    (this.renderRoot.querySelector('input, textarea') as HTMLElement | null)?.focus();
  }

  private onInput(e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    this.dispatchEvent(
      new CustomEvent<FieldInputDetail>('field-input', { detail: { value }, bubbles: true, composed: true }),
    );
  }

  override render() {
    const invalid = this.messages.length > 0 || this.over;
    const described = this.messages.length ? 'messages' : nothing;
    const found = placeholdersIn(this.value);
    const names = [...new Set(found.map((p) => p.name))];
    const input =
      this.kind === 'text'
        ? html`<textarea
            id="input"
            part="input"
            rows="2"
            .value=${live(this.value)}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${described}
            @input=${this.onInput}
          ></textarea>`
        : html`<input
            id="input"
            part="input"
            type=${this.kind === 'number' ? 'number' : 'text'}
            inputmode=${this.kind === 'number' ? 'numeric' : nothing}
            min="0"
            .value=${live(this.value)}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${described}
            @input=${this.onInput}
          />`;
    return html`
      <label for="input"
        ><span>${this.label}</span>${
          this.counter ? html`<span class="counter ${this.over ? 'over' : ''}">${this.counter}</span>` : nothing
        }</label
      >
      ${input}
      ${
        names.length
          ? html`<ul class="placeholders" part="placeholders" aria-label=${this.placeholderLabel}>
            ${names.map(
              (n) =>
                html`<li class=${this.unknown.includes(n) ? 'unknown' : ''}>
                  <code>{{${n}}}</code>
                </li>`,
            )}
          </ul>`
          : nothing
      }
      ${
        this.messages.length
          ? html`<ul class="messages" id="messages" part="field-error">
            ${this.messages.map((m) => html`<li>${m}</li>`)}
          </ul>`
          : nothing
      }
    `;
  }
}
