// Intl formatters, cached by locale and options: 500 badges on a page must not build 500 formatters, and an
// element must not build one per render. Every element formats numbers, dates, times, durations and lists here.
import { now as clockNow } from './clock.js';
const MAX_CACHED = 200;
const cache = new Map<string, unknown>();

function cached<T>(kind: string, lang: string, options: object | undefined, make: () => T): T {
  const key = `${kind}\u0000${lang}\u0000${options ? JSON.stringify(options) : ''}`;
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    // Options come from code, locales are 'en'/'nl': the cap only guards against a caller that varies them freely.
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
  }
  return value;
}

export const numberFormat = (lang: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat =>
  cached('number', lang, options, () => new Intl.NumberFormat(lang, options));
export const dateTimeFormat = (
  lang: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): Intl.DateTimeFormat => cached('datetime', lang, options, () => new Intl.DateTimeFormat(lang, options));
export const relativeTimeFormat = (
  lang: string,
  options: Intl.RelativeTimeFormatOptions = { numeric: 'auto', style: 'short' },
): Intl.RelativeTimeFormat => cached('relative', lang, options, () => new Intl.RelativeTimeFormat(lang, options));
export const listFormat = (
  lang: string,
  options: Intl.ListFormatOptions = { type: 'conjunction', style: 'long' },
): Intl.ListFormat => cached('list', lang, options, () => new Intl.ListFormat(lang, options));
export const pluralRules = (lang: string, options?: Intl.PluralRulesOptions): Intl.PluralRules =>
  cached('plural', lang, options, () => new Intl.PluralRules(lang, options));

/** `1234.5` → "1,234.5" / "1.234,5". */
export const formatNumber = (lang: string, n: number): string => numberFormat(lang).format(n);
/** The CLDR plural category of `n` (`'one'`, `'other'`, …). */
export const plural = (lang: string, n: number): Intl.LDMLPluralRule => pluralRules(lang).select(n);
/** "a, b and c" / "a, b en c". */
export const formatList = (lang: string, items: readonly string[]): string => listFormat(lang).format(items);

/** "30 min", "5 sec": a quantity of one unit through Intl. */
export function formatUnit(lang: string, value: number, unit: 'second' | 'minute' | 'hour' | 'day'): string {
  return numberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/** An elapsed time as a counter shows it: "42 sec", "3 min 5 sec". */
export function formatElapsed(lang: string, ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return seconds < 60
    ? formatUnit(lang, seconds, 'second')
    : `${formatUnit(lang, Math.floor(seconds / 60), 'minute')} ${formatUnit(lang, seconds % 60, 'second')}`;
}

const toTime = (value: string | number | Date | undefined): number => {
  if (value === undefined) return NaN;
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
};

/** Date and time ("1 Dec 2026, 14:05"); '' for a missing or unreadable value. */
export function formatDateTime(lang: string, value: string | number | Date | undefined): string {
  const at = toTime(value);
  return Number.isNaN(at) ? '' : dateTimeFormat(lang).format(at);
}

/** The date alone ("1 Dec 2026"). */
export function formatDate(lang: string, value: string | number | Date | undefined): string {
  const at = toTime(value);
  return Number.isNaN(at) ? '' : dateTimeFormat(lang, { dateStyle: 'medium' }).format(at);
}

/** The time alone ("14:05"). */
export function formatTime(lang: string, value: string | number | Date | undefined): string {
  const at = toTime(value);
  return Number.isNaN(at) ? '' : dateTimeFormat(lang, { timeStyle: 'short' }).format(at);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  // unit, seconds per unit, use it below this many seconds
  ['second', 1, 45],
  ['minute', 60, 45 * 60],
  ['hour', 3600, 22 * 3600],
  ['day', 86400, 26 * 86400],
  ['month', 30 * 86400, 320 * 86400],
  ['year', 365 * 86400, Infinity],
];

/** "now", "3 min. ago", "2 days ago"…: minute precision (a page-wide clock refreshes it once a minute). */
export function relativeTime(lang: string, value: string | number | Date | undefined, now = clockNow()): string {
  const at = toTime(value);
  if (Number.isNaN(at)) return '';
  // A server clock slightly ahead of ours must not say "in 1 minute".
  const seconds = Math.min(0, (at - now) / 1000);
  const rtf = relativeTimeFormat(lang);
  for (const [unit, size, below] of UNITS) {
    if (Math.abs(seconds) < below)
      return unit === 'second' ? rtf.format(0, 'second') : rtf.format(Math.round(seconds / size), unit);
  }
  return '';
}
