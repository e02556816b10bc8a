// A deliberately tiny i18n: a dictionary per language and `{name}` placeholders. Numbers and dates go through
// Intl in the element (spec §8); this only picks strings.
import type { Lang } from './config.js';
import { isNotFoundError, type RecruboErrorKind } from '../api/errors.js';

export type Dict = Record<string, string>;
export type Strings = Partial<Record<Lang, Dict>> & { en: Dict };

/** `translate('nl', strings, 'status.running')`; falls back to English, then to the key itself. */
export function translate(lang: Lang | string, dict: Partial<Record<string, Dict>>, key: string, params?: Record<string, string | number>): string {
  const template = dict[lang]?.[key] ?? dict.en?.[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Merges dictionaries per language; later ones win (an element's own strings over the shared ones). */
export function mergeStrings(...dicts: (Partial<Record<string, Dict>> | undefined)[]): Record<string, Dict> {
  const out: Record<string, Dict> = {};
  for (const d of dicts) {
    if (!d) continue;
    for (const [lang, entries] of Object.entries(d)) out[lang] = { ...out[lang], ...entries };
  }
  return out;
}

/** Strings every element may use: statuses of runs and generations, error messages, common words. */
export const sharedStrings: Strings = {
  en: {
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
    'common.confirm': 'Confirm',
    'common.close': 'Close',
    'error.http': 'The Recrubo API answered with an error ({status}).',
    'error.network': 'Could not reach the Recrubo API. Check the connection.',
    'error.timeout': 'The Recrubo API took too long to answer.',
    'error.parse': 'The server sent an unexpected answer (not from the Recrubo API?).',
    'error.auth': 'Access denied: check the API key or token.',
    'error.aborted': 'The request was cancelled.',
    'error.notFound': 'Not found.',
    'error.rateLimited': 'Too many requests; trying again shortly.',
    'error.validation': 'Please check the highlighted fields.',
  },
  nl: {
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
    'common.confirm': 'Bevestigen',
    'common.close': 'Sluiten',
    'error.http': 'De Recrubo-API gaf een fout ({status}).',
    'error.network': 'De Recrubo-API is niet bereikbaar. Controleer de verbinding.',
    'error.timeout': 'De Recrubo-API reageerde niet op tijd.',
    'error.parse': 'De server gaf een onverwacht antwoord (niet van de Recrubo-API?).',
    'error.auth': 'Geen toegang: controleer de API-sleutel of het token.',
    'error.aborted': 'Het verzoek is afgebroken.',
    'error.notFound': 'Niet gevonden.',
    'error.rateLimited': 'Te veel verzoeken; zo dadelijk opnieuw.',
    'error.validation': 'Controleer de gemarkeerde velden.',
  },
};

/** The key of the message to show for an error (`t(errorKey(err), { status })`). */
export function errorKey(error: { kind: RecruboErrorKind; status?: number }): string {
  if (isNotFoundError(error)) return 'error.notFound';
  if (error.kind === 'http' && error.status === 429) return 'error.rateLimited';
  if (error.kind === 'http' && error.status === 422) return 'error.validation';
  return `error.${error.kind}`;
}
