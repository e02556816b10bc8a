// Intl formatters, cached per language: 500 badges on a page must not build 500 formatters.
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

const cached = <T>(map: Map<string, T>, lang: string, make: () => T): T => {
  let value = map.get(lang);
  if (!value) map.set(lang, (value = make()));
  return value;
};

export const numberFormat = (lang: string) => cached(numberFormats, lang, () => new Intl.NumberFormat(lang));
export const dateTimeFormat = (lang: string) => cached(dateFormats, lang, () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }));
export const plural = (lang: string, n: number) => cached(pluralRules, lang, () => new Intl.PluralRules(lang)).select(n);

const UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  // unit, seconds per unit, use it below this many seconds
  ['second', 1, 45],
  ['minute', 60, 45 * 60],
  ['hour', 3600, 22 * 3600],
  ['day', 86400, 26 * 86400],
  ['month', 30 * 86400, 320 * 86400],
  ['year', 365 * 86400, Infinity],
];

/** "now", "3 min. ago", "2 days ago"…: minute precision (the clock that refreshes it ticks once a minute). */
export function relativeTime(lang: string, iso: string | undefined, now = Date.now()): string {
  const at = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(at)) return '';
  // A server clock slightly ahead of ours must not say "in 1 minute".
  const seconds = Math.min(0, (at - now) / 1000);
  const rtf = cached(relativeFormats, lang, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' }));
  for (const [unit, size, below] of UNITS) {
    if (Math.abs(seconds) < below) return unit === 'second' ? rtf.format(0, 'second') : rtf.format(Math.round(seconds / size), unit);
  }
  return '';
}

export function absoluteTime(lang: string, iso: string | undefined): string {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(at) ? '' : dateTimeFormat(lang).format(at);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** An answer that is a date-time (an appointment slot): shown in the UI language. */
export function asDateTime(value: string): number | undefined {
  if (!ISO_DATE_TIME.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * A session key as a label when the flow names no question for it: `ats_field:connexys:work_permit` → "Work permit",
 * `firstName` → "First name", `has-drivers_license` → "Has drivers license".
 */
export function humanizeKey(key: string): string {
  const last = key.split(':').filter(Boolean).pop() ?? key;
  const words = last
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}
