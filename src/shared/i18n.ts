// A deliberately tiny i18n: a table per language and `{name}` placeholders. Numbers and dates go through the
// cached Intl formatters of format.ts (spec §8); this only picks strings.
//
// Typed tables: an element's English table is the source of its keys, `defineStrings(en, nl)` makes the Dutch
// table carry exactly those keys (a missing or an extra one is a type error), and `RecruboElement<Key>` makes
// `this.t(key)` accept only the element's keys and the shared ones below.
import type { Lang } from './config.js';
import { isNotFoundError, type RecruboErrorKind } from '../api/errors.js';

export type Dict = Readonly<Record<string, string>>;
/** `{ en, nl }`: both languages, the same keys. */
// A type alias, not an interface: only those are assignable to the index signature of `Dict` tables.
export type StringTable<K extends string = string> = {
  readonly en: Readonly<Record<K, string>>;
  readonly nl: Readonly<Record<K, string>>;
};
/** The untyped form (`static strings` of an element that has not moved to `defineStrings()` yet). */
export type Strings = Partial<Record<Lang, Dict>> & { en: Dict };
/** The keys of a table made by `defineStrings()`. */
export type KeyOf<T> = T extends StringTable<infer K> ? K : never;
export type Params = Record<string, string | number>;

/**
 * `defineStrings({ 'a.b': 'Hello' } as const, { 'a.b': 'Hallo' })`. The second argument must have exactly the
 * keys of the first: the mapped type demands every English key, the `never` part refuses every other one (it
 * works on a table kept in a variable too, where TypeScript's excess-property check would not).
 */
export function defineStrings<const E extends Record<string, string>, const N extends Record<keyof E, string>>(
  en: E,
  nl: N & Record<Exclude<keyof N, keyof E>, never>,
): StringTable<Extract<keyof E, string>> {
  return { en, nl } as StringTable<Extract<keyof E, string>>;
}

/** `translate('nl', strings, 'status.running')`; falls back to English, then to the key itself. */
export function translate(
  lang: Lang | string,
  dict: Partial<Record<string, Dict>>,
  key: string,
  params?: Params,
): string {
  const template = dict[lang]?.[key] ?? dict.en?.[key] ?? key;
  return params ? fill(template, params) : template;
}

/** Right-to-left letters and the bidi controls (marks, embeddings, overrides, isolates). */
const BIDI_SENSITIVE =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|\uD802[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]/;

/**
 * `{name}` placeholders; an unknown one stays as written (a visible mistake, never an empty gap). A value with
 * right-to-left text or bidi controls (a flow named with U+202E) is isolated in FSI…PDI (U+2068/U+2069), so it
 * cannot reorder the sentence around it; PDI also closes any embedding or override the value left open.
 */
export function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = String(params[name]);
    return isolate(value);
  });
}

/**
 * An API string isolated in FSI…PDI when it holds right-to-left text or bidi controls, for places that need one
 * string (an `Intl.ListFormat` list of option names, an attribute); in markup a `<bdi>` does the same.
 */
export function isolate(value: string): string {
  return BIDI_SENSITIVE.test(value) ? `\u2068${value}\u2069` : value;
}

/** Merges tables per language; later ones win (an element's own strings over the shared ones). */
export function mergeStrings(...dicts: (Partial<Record<string, Dict>> | undefined)[]): Record<string, Dict> {
  const out: Record<string, Dict> = {};
  for (const d of dicts) {
    if (!d) continue;
    for (const [lang, entries] of Object.entries(d)) out[lang] = { ...out[lang], ...entries };
  }
  return out;
}

/** Strings every element may use: statuses of runs and generations, error messages, common words. */
export const sharedStrings = defineStrings(
  {
    'status.created': 'Created',
    'status.queued': 'Queued',
    'status.processing': 'Processing',
    'status.running': 'Running',
    'status.finished': 'Finished',
    'status.timeout': 'Timed out',
    'status.exception': 'Error',
    'status.cancelled': 'Cancelled',
    'status.unknown': 'Unknown',
    'common.loading': 'Loading…',
    'common.retry': 'Try again',
    'common.cancel': 'Cancel',
    'error.http': 'The Recrubo API answered with an error ({status}).',
    'error.network': 'Could not reach the Recrubo API. Check the connection.',
    'error.timeout': 'The Recrubo API took too long to answer.',
    'error.parse':
      'The answer from the server could not be read. Try again later; if this keeps happening, ask your administrator to check the connection to Recrubo.',
    'error.auth': 'Access denied: check the API key or token.',
    'error.aborted': 'The request was cancelled.',
    'error.notFound': 'Not found.',
    'error.rateLimited': 'Too many requests; trying again shortly.',
    'error.validation': 'Please check the highlighted fields.',
  },
  {
    'status.created': 'Aangemaakt',
    'status.queued': 'In de wachtrij',
    'status.processing': 'Bezig',
    'status.running': 'Actief',
    'status.finished': 'Afgerond',
    'status.timeout': 'Verlopen',
    'status.exception': 'Fout',
    'status.cancelled': 'Geannuleerd',
    'status.unknown': 'Onbekend',
    'common.loading': 'Laden…',
    'common.retry': 'Opnieuw proberen',
    'common.cancel': 'Annuleren',
    'error.http': 'De Recrubo-API gaf een fout ({status}).',
    'error.network': 'De Recrubo-API is niet bereikbaar. Controleer de verbinding.',
    'error.timeout': 'De Recrubo-API reageerde niet op tijd.',
    'error.parse':
      'Het antwoord van de server was niet te lezen. Probeer het later opnieuw; blijft dit gebeuren, vraag dan je beheerder de verbinding met Recrubo te controleren.',
    'error.auth': 'Geen toegang: controleer de API-sleutel of het token.',
    'error.aborted': 'Het verzoek is afgebroken.',
    'error.notFound': 'Niet gevonden.',
    'error.rateLimited': 'Te veel verzoeken; zo dadelijk opnieuw.',
    'error.validation': 'Controleer de gemarkeerde velden.',
  },
);

export type SharedKey = KeyOf<typeof sharedStrings>;
export type ErrorKey = Extract<SharedKey, `error.${string}`>;

/**
 * The one mapping from an error to the key of its message (`t(errorKey(err), { status })`, or the element's
 * `errorMessage(err)`): a JSON:API 404 is "not found", a 429 "too many requests", a 422 "check the fields", every
 * other failure its kind.
 */
export function errorKey(error: { kind: RecruboErrorKind; status?: number }): ErrorKey {
  if (isNotFoundError(error)) return 'error.notFound';
  if (error.kind === 'http' && error.status === 429) return 'error.rateLimited';
  if (error.kind === 'http' && error.status === 422) return 'error.validation';
  return `error.${error.kind}`;
}
