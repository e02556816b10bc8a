// The collected answers, readably, whatever the API sends: every string isolated for bidi (<bdi>, so a U+202E in an
// answer cannot reverse the text around it), long text clipped with its whole value one click away, values deeper
// than three levels listed by path instead of dumped as JSON, and a budget of shown rows, the rest behind a
// disclosure. Hostile data (issue #12.6/7: a 400-character word, a 1 MB answer, deep nesting, combining marks, RTL
// overrides) keeps the card within its width and at a sane height. Text is always text (Lit escapes it).
import { html, type TemplateResult } from 'lit';
import { formatDateTime, formatNumber } from '../../shared/format.js';
import { asDateTime } from './format.js';
import { keyLabel } from './key-labels.js';
import { apiText } from './status.js';
import type { CardKey } from './card-strings.js';

export interface ValueContext {
  lang: string;
  t: (key: CardKey, params?: Record<string, string | number>) => string;
  /** Rows still to show before the rest goes behind a disclosure; shared by the whole answers list. */
  budget: number;
}

/** Nested objects and lists are drawn as such up to here; deeper values are listed by their path. */
export const MAX_VALUE_DEPTH = 3;
/** Characters of a text shown before it is clipped. */
export const CLIP_CHARS = 120;
/** Rows (answers, entries, list items, paths) shown in all before "show N more". */
export const ROW_BUDGET = 24;
/** Leaves listed for one deep value, and how deep they are looked for. */
const MAX_LEAVES = 200;
const MAX_WALK_DEPTH = 64;

function clipAt(text: string, max: number): string {
  let cut = text.slice(0, max);
  // Not in the middle of a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut;
}

/** Text, clipped past CLIP_CHARS with a disclosure that holds the whole value in a scrollable box. */
export function renderText(ctx: ValueContext, text: string): TemplateResult {
  if (text.length <= CLIP_CHARS) return apiText(text);
  return html`<bdi class="clipped">${clipAt(text, CLIP_CHARS)}</bdi>…
    <details class="full" part="full-value">
      <summary>${ctx.t('value.showAll', { count: formatNumber(ctx.lang, text.length) })}</summary>
      <div class="full-text" tabindex="0" role="region" aria-label=${ctx.t('value.fullValue')}><bdi>${text}</bdi></div>
    </details>`;
}

export function renderValue(ctx: ValueContext, value: unknown, depth: number): unknown {
  if (value === null || value === undefined || value === '') return ctx.t('value.empty');
  if (typeof value === 'boolean') return ctx.t(value ? 'value.yes' : 'value.no');
  if (typeof value === 'number') return formatNumber(ctx.lang, value);
  if (typeof value === 'string') {
    const at = asDateTime(value);
    return at === undefined
      ? renderText(ctx, value)
      : html`<time datetime=${value}>${formatDateTime(ctx.lang, at)}</time>`;
  }
  if (typeof value !== 'object') return apiText(String(value));
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i + 1), v])
    : Object.entries(value);
  if (entries.length === 0) return ctx.t('value.empty');
  if (depth >= MAX_VALUE_DEPTH) return renderPaths(ctx, value);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object') && value.length <= 10) {
    return value.map((v, i) => (i ? [', ', renderValue(ctx, v, depth + 1)] : renderValue(ctx, v, depth + 1)));
  }
  const rows = (list: [string, unknown][]) =>
    Array.isArray(value)
      ? html`<ul class="values">${list.map(([, v]) => html`<li>${renderValue(ctx, v, depth + 1)}</li>`)}</ul>`
      : html`<dl class="nested">${list.map(([k, v]) => html`<div><dt>${apiText(keyLabel(ctx.t, k))}</dt><dd>${renderValue(ctx, v, depth + 1)}</dd></div>`)}</dl>`;
  return withBudget(ctx, entries, rows);
}

/** Shows as many entries as the budget allows; the rest behind "show N more" (rendered only when opened). */
export function withBudget<T>(ctx: ValueContext, entries: T[], rows: (list: T[]) => unknown): unknown {
  const shown = Math.max(1, Math.min(entries.length, ctx.budget));
  ctx.budget -= shown;
  if (shown === entries.length) return rows(entries);
  const rest = entries.slice(shown);
  return html`${rows(entries.slice(0, shown))}
    <details class="more" part="more-values">
      <summary>${ctx.t('value.more', { count: formatNumber(ctx.lang, rest.length) })}</summary>
      ${rows(rest)}
    </details>`;
}

/** A value nested too deep to draw as boxes in boxes: its leaves, each with its path, behind a disclosure. */
function renderPaths(ctx: ValueContext, value: unknown): TemplateResult {
  const leaves: [string, unknown][] = [];
  let truncated = false;
  const walk = (v: unknown, path: string[], depth: number) => {
    if (leaves.length >= MAX_LEAVES) return void (truncated = true);
    if (v !== null && typeof v === 'object' && depth < MAX_WALK_DEPTH) {
      const children = Array.isArray(v) ? v.map((x, i) => [String(i + 1), x] as const) : Object.entries(v);
      if (children.length === 0) leaves.push([path.join(' › '), null]);
      for (const [k, x] of children) walk(x, [...path, Array.isArray(v) ? k : keyLabel(ctx.t, k)], depth + 1);
    } else if (v !== null && typeof v === 'object') {
      truncated = true;
    } else leaves.push([path.join(' › '), v]);
  };
  walk(value, [], 0);
  return html`<details class="deep" part="deep-value">
    <summary>${ctx.t('value.nested', { count: formatNumber(ctx.lang, leaves.length) })}</summary>
    <ul class="paths">
      ${leaves.map(([path, v]) => html`<li><bdi class="path">${path}</bdi>: ${renderValue({ ...ctx, budget: ROW_BUDGET }, v, MAX_VALUE_DEPTH)}</li>`)}
      ${truncated ? html`<li class="muted">${ctx.t('value.truncated')}</li>` : ''}
    </ul>
  </details>`;
}
