// Pure helpers of the conversation: Intl formatters (cached per language), day grouping, what a message says
// (text, a template filled with its parameters) and WhatsApp's 24-hour window.
import type { Message, MessageTemplate } from '../../api/index.js';

import { dateTimeFormat, formatUnit, plural } from '../../shared/format.js';

const DAY_WITH_YEAR: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const DAY: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
const dayFormat = (lang: string, withYear: boolean) => dateTimeFormat(lang, withYear ? DAY_WITH_YEAR : DAY);
export const pluralOf = (lang: string, n: number): 'one' | 'other' => (plural(lang, n) === 'one' ? 'one' : 'other');

export const DAY_MS = 86_400_000;
/** WhatsApp's customer-service window: a free text goes out only this long after the candidate's last message. */
export const WINDOW_MS = 24 * 3_600_000;
/** In the window's last hours the composer warns. */
export const WINDOW_WARNING_MS = 3 * 3_600_000;

export function timeOf(message: { createdAt?: string }): number {
  const t = Date.parse(message.createdAt ?? '');
  return Number.isNaN(t) ? 0 : t;
}

/** A local calendar day, as a key (`2026-12-01`). */
export function dayKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** "Today", "Yesterday", or the weekday and date in the UI language. */
export function dayLabel(lang: string, at: number, now: number, words: { today: string; yesterday: string }): string {
  if (dayKey(at) === dayKey(now)) return words.today;
  if (dayKey(at) === dayKey(now - DAY_MS)) return words.yesterday;
  return dayFormat(lang, new Date(at).getFullYear() !== new Date(now).getFullYear()).format(at);
}

/** "20 h", "2 h 10 min", "25 min": what is left of a window, rounded down to the minute. */
export function durationText(lang: string, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return formatUnit(lang, rest, 'minute');
  if (hours >= 10 || rest === 0) return formatUnit(lang, hours, 'hour');
  return `${formatUnit(lang, hours, 'hour')} ${formatUnit(lang, rest, 'minute')}`;
}

/** The text of a text message, or undefined for other payloads. */
export function textOf(message: Message): string | undefined {
  const p = message.payload as { type?: string; text?: { value?: unknown } } | undefined;
  if (p?.type === 'text' && typeof p.text?.value === 'string') return p.text.value;
  return undefined;
}

export function templateIdOf(message: Message): string | undefined {
  const p = message.payload as { type?: string; template?: { id?: unknown } } | undefined;
  return p?.type === 'template' && typeof p.template?.id === 'string' ? p.template.id : undefined;
}

/** The template's BODY with `{{1}}`-style parameters filled from the message (left as written when missing). */
export function renderTemplate(template: MessageTemplate, message: Message): string {
  const body =
    template.components?.find((c) => String(c.type).toUpperCase() === 'BODY')?.text ?? template.preview ?? '';
  const p = message.payload as { template?: { components?: { type?: string; parameters?: { text?: unknown }[] }[] } };
  const params = p.template?.components?.find((c) => String(c.type).toLowerCase() === 'body')?.parameters ?? [];
  return body.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => {
    const value = params[Number(n) - 1]?.text;
    return typeof value === 'string' ? value : whole;
  });
}

/** `errorMessages` entries as text: the API does not document their shape, so strings and common fields. */
export function failureReason(message: Message): string | undefined {
  const entries = Array.isArray(message.errorMessages) ? message.errorMessages : [];
  const texts = entries
    .map((e) => {
      if (typeof e === 'string') return e;
      if (e && typeof e === 'object') {
        const o = e as Record<string, unknown>;
        for (const key of ['detail', 'message', 'title', 'error', 'code'])
          if (typeof o[key] === 'string' && o[key]) return o[key] as string;
        return JSON.stringify(e);
      }
      return e === undefined || e === null ? '' : String(e);
    })
    .filter(Boolean);
  return texts.length ? texts.join('; ') : undefined;
}

export type WindowState =
  | { kind: 'none' }
  | { kind: 'open' | 'closing'; left: number }
  | { kind: 'closed'; lastInbound: number }
  | { kind: 'never' };

/** WhatsApp's 24-hour rule, from the candidate's last message. Other channels have no window. */
export function windowState(channel: string | undefined, messages: readonly Message[], now: number): WindowState {
  if (!channel || channel.toLowerCase() !== 'whatsapp') return { kind: 'none' };
  let last = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.origin === 'inbound') {
      last = Math.max(last, timeOf(m));
      break;
    }
  }
  if (!last) return { kind: 'never' };
  const left = last + WINDOW_MS - now;
  if (left <= 0) return { kind: 'closed', lastInbound: last };
  return { kind: left <= WINDOW_WARNING_MS ? 'closing' : 'open', left };
}
