// A requirement list (knockout or preferred): an ordered, editable list of `{ value, sessionField }` rows with
// add, move up/down and remove, each announced politely, the focus kept on the moved row or its neighbour, and
// the answer key suggested from the text unless someone chose one (and following the text as it is edited), and a
// character counter near the limit.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { live } from 'lit/directives/live.js';
import { REQUIREMENT_MAX_LENGTH, suggestSessionField } from '../../shared/vacancy-flow-rules.js';
import { newItem, type ListItem, type RequirementListName } from './form-model.js';
import type { FormContext } from './form-context.js';

export function addItem(ctx: FormContext, list: RequirementListName): void {
  const item = newItem();
  ctx.edit((s) => s[list].push(item));
  ctx.clearFieldError(list);
  void ctx.focusLater(`#${ctx.itemId(list, item.key, 'value')}`);
}

export function removeItem(ctx: FormContext, list: RequirementListName, key: number): void {
  const items = ctx.state[list];
  const index = items.findIndex((i) => i.key === key);
  if (index < 0) return;
  const name = ctx.itemName(items[index]!, index);
  const neighbour = items[index + 1] ?? items[index - 1];
  ctx.edit((s) => s[list].splice(index, 1));
  ctx.clearFieldError(list);
  ctx.announce(ctx.t('list.removed', { name }));
  void ctx.focusLater(neighbour ? `#${ctx.itemId(list, neighbour.key, 'value')}` : `#${ctx.uid('add-' + list)}`);
}

export function moveItem(
  ctx: FormContext,
  list: RequirementListName,
  key: number,
  delta: -1 | 1,
  button: 'up' | 'down',
): void {
  const items = ctx.state[list];
  const from = items.findIndex((i) => i.key === key);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= items.length) return;
  ctx.edit((s) => {
    const [moved] = s[list].splice(from, 1);
    s[list].splice(to, 0, moved!);
  });
  ctx.clearFieldError(list);
  ctx.announce(ctx.t('list.moved', { name: ctx.itemName(items[from]!, to), n: to + 1, count: items.length }));
  // The row's DOM node moves with it; moving a focused node drops focus in most engines, so put it back. At the top
  // (bottom) the pressed button is disabled now, so the focus goes to the other move button of the row.
  const atEdge = button === 'up' ? to === 0 : to === items.length - 1;
  const next = atEdge && items.length > 1 ? (button === 'up' ? 'down' : 'up') : button;
  void ctx.focusLater(`#${ctx.itemId(list, key, next)}`);
}

function updateItem(ctx: FormContext, list: RequirementListName, key: number, patch: Partial<ListItem>): void {
  ctx.edit((s) => {
    const item = s[list].find((i) => i.key === key);
    if (item) Object.assign(item, patch);
  });
}

/**
 * The text changed: an answer key nobody chose (empty, or the earlier suggestion) follows it, so an edited
 * requirement never keeps the key of its old text; a key someone typed stays.
 */
function editValue(ctx: FormContext, list: RequirementListName, key: number, value: string): void {
  const item = ctx.state[list].find((i) => i.key === key);
  const follow = item && !item.sessionFieldChosen;
  updateItem(
    ctx,
    list,
    key,
    follow ? { value, sessionField: value.trim() ? suggestSessionField(value) : '' } : { value },
  );
}

/** The counter is shown from three quarters of the limit on (the limit: our own, Recrubo documents none). */
const COUNTER_FROM = Math.floor(REQUIREMENT_MAX_LENGTH * 0.75);

export function renderRequirementList(ctx: FormContext, list: RequirementListName): TemplateResult {
  const items = ctx.state[list];
  const listError = ctx.errorId(list);
  return html`
    <fieldset part="section" class="section">
      <legend part="label">${ctx.t(`${list}.legend`)}</legend>
      <p part="hint" class="hint" id=${ctx.uid(list + '-hint')}>${ctx.t(`${list}.hint`)}</p>
      ${
        items.length
          ? html`<p class="visually-hidden" id=${ctx.uid(list + '-session-hint')}>${ctx.t('list.sessionField.hint')}</p>
            <div class="list-head" aria-hidden="true">
              <span></span><span>${ctx.t('list.value')}</span><span>${ctx.t('list.sessionField')}</span><span></span>
            </div>
            <ol part="list" class="list">
              ${repeat(
                items,
                (item) => item.key,
                (item, index) => renderItem(ctx, list, item, index, items.length),
              )}
            </ol>`
          : html`<p class="empty">${ctx.t('list.empty')}</p>`
      }
      ${ctx.renderError(list)}
      <button
        type="button"
        part="button"
        class="add"
        id=${ctx.uid('add-' + list)}
        aria-describedby=${ctx.describedBy(listError)}
        @click=${() => addItem(ctx, list)}
      >
        <span aria-hidden="true">+</span> ${ctx.t(`${list}.add`)}
      </button>
    </fieldset>
  `;
}

function renderItem(
  ctx: FormContext,
  list: RequirementListName,
  item: ListItem,
  index: number,
  count: number,
): TemplateResult {
  const error = ctx.errorId(list, index);
  const name = ctx.itemName(item, index);
  const suggestion = item.value.trim() ? suggestSessionField(item.value) : '';
  const length = item.value.trim().length;
  const first = index === 0;
  const last = index === count - 1;
  return html`
    <li part="list-item" class="item" data-key=${item.key}>
      <span class="num" aria-hidden="true">${index + 1}</span>
      <span class="cell">
        <label class="visually-hidden" for=${ctx.itemId(list, item.key, 'value')}>${ctx.t('list.value.label', { n: index + 1 })}</label>
        <input
          id=${ctx.itemId(list, item.key, 'value')}
          part="input"
          type="text"
          autocomplete="off"
          .value=${live(item.value)}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${ctx.describedBy(error, length >= COUNTER_FROM ? ctx.itemId(list, item.key, 'count') : undefined)}
          @input=${(e: Event) => {
            editValue(ctx, list, item.key, (e.target as HTMLInputElement).value);
            if (error) ctx.clearFieldError(list);
          }}
        />
        ${
          length >= COUNTER_FROM
            ? html`<span class="count ${length > REQUIREMENT_MAX_LENGTH ? 'over' : ''}" id=${ctx.itemId(list, item.key, 'count')}
              >${ctx.t('list.value.count', { count: length, max: REQUIREMENT_MAX_LENGTH })}</span
            >`
            : nothing
        }
      </span>
      <span class="cell">
        <label class="visually-hidden" for=${ctx.itemId(list, item.key, 'session')}>${ctx.t('list.sessionField.label', { n: index + 1 })}</label>
        <input
          id=${ctx.itemId(list, item.key, 'session')}
          part="input"
          class="mono"
          type="text"
          autocomplete="off"
          spellcheck="false"
          placeholder=${suggestion}
          .value=${live(item.sessionField)}
          aria-describedby=${ctx.uid(list + '-session-hint')}
          @input=${(e: Event) => {
            const sessionField = (e.target as HTMLInputElement).value;
            // Emptied: nobody's choice any more, the suggestion comes back (as the placeholder shows).
            updateItem(ctx, list, item.key, { sessionField, sessionFieldChosen: sessionField !== '' });
          }}
        />
      </span>
      <span class="row-actions">
        <button
          type="button"
          part="button"
          class="icon"
          id=${ctx.itemId(list, item.key, 'up')}
          aria-label=${ctx.t('list.moveUp', { name })}
          ?disabled=${first}
          @click=${() => moveItem(ctx, list, item.key, -1, 'up')}
        >
          <span aria-hidden="true">↑</span>
        </button>
        <button
          type="button"
          part="button"
          class="icon"
          id=${ctx.itemId(list, item.key, 'down')}
          aria-label=${ctx.t('list.moveDown', { name })}
          ?disabled=${last}
          @click=${() => moveItem(ctx, list, item.key, 1, 'down')}
        >
          <span aria-hidden="true">↓</span>
        </button>
        <button
          type="button"
          part="button"
          class="icon danger"
          id=${ctx.itemId(list, item.key, 'remove')}
          aria-label=${ctx.t('list.remove', { name })}
          @click=${() => removeItem(ctx, list, item.key)}
        >
          <span aria-hidden="true">×</span>
        </button>
      </span>
      ${error ? html`<span class="item-error">${ctx.renderError(list, index)}</span>` : nothing}
    </li>
  `;
}
