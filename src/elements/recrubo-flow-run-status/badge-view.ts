// The badge line: status badge + time since the last change, a sign when the shown status is no longer being
// refreshed, or the skeleton / failure of the same size. The badge's accessible name says it all at once, with the
// element's `label` in front ("Jan de Vries: Finished · declined, not refreshed since 12:03").
import { html, nothing, type TemplateResult } from 'lit';
import type { SharedKey } from '../../shared/i18n.js';
import { formatDateTime, formatTime, relativeTime } from '../../shared/format.js';
import {
  apiText,
  errorIcon,
  iconOf,
  isKnownStatus,
  notFoundIcon,
  outcomeIcon,
  outcomeTone,
  pausedIcon,
  toneOf,
} from './status.js';
import type { RunOutcome } from './outcome.js';
import type { RunStatusKey } from './strings.js';

export interface BadgeContext {
  lang: string;
  t: (key: RunStatusKey | SharedKey, params?: Record<string, string | number>) => string;
  /** The element's `label` (whose run this is), or empty. */
  label: string;
}

export interface LineState {
  status: string;
  updatedAt?: string;
  outcome?: RunOutcome;
  /** Set while refreshing fails: when the shown status was last fetched (epoch ms; 0 = never this session). */
  staleSince?: number;
  /** The chatbot is paused on the (unended) run's thread: shown instead of the status (bot-paused.ts). */
  botPaused?: boolean;
}

/** "Finished", "Finished · declined", or an unknown status as the server sent it. */
export function statusText(ctx: BadgeContext, status: string, outcome?: RunOutcome): string {
  const base = isKnownStatus(status) ? ctx.t(`status.${status}`) : status || ctx.t('status.unknown');
  return outcome ? `${base} · ${ctx.t(`outcome.${outcome.outcome}`)}` : base;
}

/** The status with the element's label in front, for the badge's name and the announcements. */
export function labelled(ctx: BadgeContext, text: string): string {
  return ctx.label ? ctx.t('badge.name', { label: ctx.label, status: text }) : text;
}

function staleText(ctx: BadgeContext, since: number): string {
  return since ? ctx.t('stale.since', { time: formatTime(ctx.lang, since) }) : ctx.t('stale.never');
}

export function renderBadge(ctx: BadgeContext, state: LineState): TemplateResult {
  const { status, outcome } = state;
  const paused = !!state.botPaused && !outcome;
  const shown = paused ? ctx.t('botPaused') : statusText(ctx, status, outcome);
  const stale = state.staleSince !== undefined ? `, ${staleText(ctx, state.staleSince)}` : '';
  return html`<span
    class="badge"
    part="badge"
    role="img"
    aria-label=${labelled(ctx, shown) + stale}
    tabindex="-1"
    data-status=${status}
    data-tone=${paused ? 'warning' : outcome ? outcomeTone(outcome) : toneOf(status)}
    data-outcome=${outcome?.outcome ?? nothing}
    data-bot-paused=${paused ? 'true' : nothing}
    ><span class="icon ${status === 'running' && !paused ? 'pulse' : ''}" part="icon"
      >${paused ? pausedIcon : outcome ? outcomeIcon(outcome) : iconOf(status)}</span
    ><span class="label" part="label">${isKnownStatus(status) || paused ? shown : apiText(shown)}</span></span
  >`;
}

function renderTime(lang: string, iso: string | undefined) {
  if (!iso) return nothing;
  return html`<time class="time" part="time" datetime=${iso} title=${formatDateTime(lang, iso)}>${relativeTime(lang, iso)}</time>`;
}

/** The visible sign (icon and text) beside a badge whose status could not be refreshed; the badge's name has it too. */
function renderStale(ctx: BadgeContext, since: number | undefined) {
  if (since === undefined) return nothing;
  return html`<span class="stale" part="stale" aria-hidden="true"
    ><span class="icon" part="stale-icon">${errorIcon}</span><span class="stale-text">${staleText(ctx, since)}</span></span
  >`;
}

export function renderLine(ctx: BadgeContext, state: LineState): TemplateResult {
  return html`<span class="line"
    >${renderBadge(ctx, state)}${renderTime(ctx.lang, state.updatedAt)}${renderStale(ctx, state.staleSince)}</span
  >`;
}

export function renderNotFound(ctx: BadgeContext): TemplateResult {
  const text = ctx.t('notFound');
  return html`<span class="line"
    ><span class="badge" part="badge" role="img" aria-label=${labelled(ctx, text)} tabindex="-1" data-status="not-found" data-tone="neutral"
      ><span class="icon" part="icon">${notFoundIcon}</span><span class="label" part="label">${text}</span></span
    ></span
  >`;
}

/** A load that failed (or is still retrying past its budget): "Could not load", with a retry button if wanted. */
export function renderFailed(ctx: BadgeContext, message: string, retry: (() => void) | undefined): TemplateResult {
  const text = ctx.t('loadFailed');
  return html`<span class="line"
    ><span class="badge" part="badge error" role="img" aria-label=${labelled(ctx, text)} data-status="error" data-tone="danger" title=${message}
      ><span class="icon" part="icon">${errorIcon}</span><span class="label" part="label">${text}</span></span
    >${
      retry
        ? html`<button type="button" class="retry" aria-label=${ctx.t('retry.label')} title=${ctx.t('common.retry')} @click=${retry}>↻</button>`
        : nothing
    }</span
  >`;
}

export function renderSkeleton(ctx: BadgeContext): TemplateResult {
  return html`<span class="line" part="skeleton" aria-hidden="true"
      ><span class="skeleton badge-skeleton"></span><span class="skeleton time-skeleton"></span></span
    ><span class="visually-hidden">${ctx.t('loading')}</span>`;
}
