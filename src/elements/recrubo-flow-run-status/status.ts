// What each run status looks like (tone + a shape of its own, so colour is never the only cue); the actions are in
// actions.ts, with the card. Unknown statuses from the server get the neutral look and their raw value as the label.
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { RUN_TERMINAL_STATUSES } from '../../api/types.js';
import type { RunOutcome } from './outcome.js';

export type Tone = 'neutral' | 'info' | 'progress' | 'success' | 'warning' | 'danger' | 'muted';

export const KNOWN_STATUSES = [
  'created',
  'queued',
  'running',
  'finished',
  'timeout',
  'exception',
  'cancelled',
] as const;

const frame = (body: SVGTemplateResult) =>
  svg`<svg viewBox="0 0 16 16" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

// Created once per page; every badge reuses the same template objects.
const ICONS: Record<string, SVGTemplateResult> = {
  created: frame(svg`<circle cx="8" cy="8" r="5.5" stroke-dasharray="2.5 2"/>`),
  queued: frame(svg`<circle cx="8" cy="8" r="6"/><path d="M8 4.8V8l2.2 1.6"/>`),
  running: frame(svg`<circle cx="8" cy="8" r="6.2"/><path d="M6.6 5.4v5.2L10.6 8z" fill="currentColor"/>`),
  finished: frame(svg`<circle cx="8" cy="8" r="6.2"/><path d="M5.2 8.3l1.9 1.9 3.7-4"/>`),
  timeout: frame(
    svg`<path d="M4.5 2h7M4.5 14h7M5.2 2.2c0 3.2 5.6 3.6 5.6 5.8S5.2 10.6 5.2 13.8M10.8 2.2c0 1.5-1.2 2.3-2.8 3.2"/>`,
  ),
  exception: frame(svg`<path d="M8 1.8L14.6 13.6H1.4z"/><path d="M8 6.4v3.2M8 11.7v.1"/>`),
  cancelled: frame(svg`<circle cx="8" cy="8" r="6.2"/><path d="M3.7 12.3l8.6-8.6"/>`),
  unknown: frame(
    svg`<rect x="2.5" y="2.5" width="11" height="11" rx="2"/><path d="M6.4 6.3a1.7 1.7 0 1 1 2.3 1.6c-.5.2-.7.6-.7 1.1M8 11.3v.1"/>`,
  ),
  error: frame(svg`<circle cx="8" cy="8" r="6.2"/><path d="M8 4.8v3.6M8 11v.1"/>`),
  declined: frame(svg`<circle cx="8" cy="8" r="6.2"/><path d="M5.6 8h4.8"/>`),
  paused: frame(svg`<circle cx="8" cy="8" r="6.2"/><path d="M6.3 5.4v5.2M9.7 5.4v5.2"/>`),
  notFound: frame(svg`<circle cx="7" cy="7" r="4.5"/><path d="M10.4 10.4L14 14M5.4 5.4l3.2 3.2M8.6 5.4L5.4 8.6"/>`),
};

const TONES: Record<string, Tone> = {
  created: 'info',
  queued: 'info',
  running: 'progress',
  finished: 'success',
  timeout: 'warning',
  exception: 'danger',
  cancelled: 'muted',
};

export function isKnownStatus(status: string): status is (typeof KNOWN_STATUSES)[number] {
  return (KNOWN_STATUSES as readonly string[]).includes(status);
}

export function toneOf(status: string): Tone {
  return TONES[status] ?? 'neutral';
}

export function iconOf(status: string): SVGTemplateResult {
  return ICONS[status] ?? ICONS.unknown!;
}

export const errorIcon = ICONS.error!;

/** A finished run's outcome has a shape and tone of its own: declined is never the green of "passed". */
export const outcomeIcon = (o: RunOutcome): SVGTemplateResult =>
  o.outcome === 'declined' ? ICONS.declined! : ICONS.finished!;
export const outcomeTone = (o: RunOutcome): Tone => (o.outcome === 'declined' ? 'warning' : 'success');

/**
 * Runs whose personal data was erased on this page (the API leaves only an empty `state`, which would read as
 * "no answers yet"); shared by every element of the page.
 */
export const erasedRuns = new Set<string>();
export const notFoundIcon = ICONS.notFound!;
/** The chatbot is paused on the run's thread (bot-paused.ts). */
export const pausedIcon = ICONS.paused!;

export function isTerminalStatus(status: string | undefined): boolean {
  return status !== undefined && (RUN_TERMINAL_STATUSES as readonly string[]).includes(status);
}

/** An API string, isolated for bidi. */
export const apiText = (text: string): TemplateResult => html`<bdi>${text}</bdi>`;
