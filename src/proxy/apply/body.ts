// The apply body: `{ vacancy, phone, country?, firstName?, consent, extra?, lang?, ticket?, website? }` and nothing
// else. `website` is the honeypot (a field people never see, so never fill in). Checked for shape only here; the
// meaning (consent, vacancy, phone) is checked by the handler in the documented order.

export interface ApplyBody {
  vacancy: string;
  phone: string;
  country?: string;
  firstName?: string;
  consent: unknown;
  extra?: Record<string, unknown>;
  lang?: string;
  ticket?: string;
  website?: string;
}

/** `invalid`: the member has the right type but a value this endpoint refuses (a 422 next to the field, not a 400). */
export type BodyResult = { body: ApplyBody } | { problem: string; pointer?: string; invalid?: true };

import { isPlainName, NAME_MAX_LENGTH } from './name.ts';

const KNOWN = new Set(['vacancy', 'phone', 'country', 'firstName', 'consent', 'extra', 'lang', 'ticket', 'website']);
const MAX_DEPTH = 4;
const MAX_KEYS = 50;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Nesting and size of `extra`: a captcha token needs neither depth nor many members. */
function tooComplex(value: unknown, depth = 0, count = { keys: 0 }): boolean {
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) return value.some((v) => tooComplex(v, depth + 1, count));
  if (isObject(value)) {
    for (const [, v] of Object.entries(value)) {
      if (++count.keys > MAX_KEYS || tooComplex(v, depth + 1, count)) return true;
    }
  }
  return false;
}

/** Control characters and bidi overrides have no place in a first name that ends up in a WhatsApp template. */
const cleanName = (name: string) =>
  name
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** `parsed`: the body as read and parsed by the shared guards (size, deadline, nesting). */
export function checkApplyBody(parsed: unknown): BodyResult {
  if (!isObject(parsed)) return { problem: 'The request body must be a JSON object' };
  for (const key of Object.keys(parsed)) {
    if (!KNOWN.has(key))
      return {
        problem: 'The request body has a member this endpoint does not take',
        pointer: `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      };
  }
  const str = (
    name: string,
    max: number,
    required: boolean,
  ): string | undefined | { problem: string; pointer: string } => {
    const value = parsed[name];
    if (value === undefined || value === null)
      return required ? { problem: `${name} is required`, pointer: `/${name}` } : undefined;
    if (typeof value !== 'string' || value.length > max)
      return { problem: `${name} must be a text of at most ${max} characters`, pointer: `/${name}` };
    return value;
  };
  const fields: Record<string, string | undefined> = {};
  for (const [name, max, required] of [
    ['vacancy', 200, true],
    ['phone', 40, true],
    ['country', 2, false],
    ['firstName', 80, false],
    ['lang', 10, false],
    ['ticket', 64, false],
    ['website', 500, false],
  ] as const) {
    const value = str(name, max, required);
    if (typeof value === 'object') return value;
    fields[name] = value;
  }
  if (fields.country !== undefined && !/^[A-Za-z]{2}$/.test(fields.country))
    return { problem: 'country must be an ISO 3166 code like NL', pointer: '/country' };
  if (parsed.extra !== undefined && (!isObject(parsed.extra) || tooComplex(parsed.extra))) {
    return { problem: 'extra must be a small JSON object', pointer: '/extra' };
  }
  const firstName = fields.firstName === undefined ? undefined : cleanName(fields.firstName);
  if (firstName && !isPlainName(firstName))
    return {
      problem: `firstName must be a name: letters, spaces, hyphens and apostrophes, at most ${NAME_MAX_LENGTH} characters`,
      pointer: '/firstName',
      invalid: true,
    };
  return {
    body: {
      vacancy: fields.vacancy!,
      phone: fields.phone!,
      consent: parsed.consent,
      ...(fields.country !== undefined ? { country: fields.country.toUpperCase() } : {}),
      ...(firstName ? { firstName } : {}),
      ...(parsed.extra !== undefined ? { extra: parsed.extra as Record<string, unknown> } : {}),
      ...(fields.lang !== undefined ? { lang: fields.lang } : {}),
      ...(fields.ticket !== undefined ? { ticket: fields.ticket } : {}),
      ...(fields.website !== undefined ? { website: fields.website } : {}),
    },
  };
}
