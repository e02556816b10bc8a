// Phone numbers on the server: a local form (`06 12345678`), an international one (`+31 6 1234 5678`, `0031…`) or
// one with the code typed twice by a paste into a field that shows it (`+31 +31 6…`) all become one E.164 number.
// libphonenumber-js ("max" metadata: exact per-country rules) does the parsing; its size is no concern on a server.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export interface ParsedPhone {
  /** `+31612345678` */
  e164: string;
  /** ISO 3166-1 alpha-2 country of the number, e.g. `NL`. */
  country: string | undefined;
  /** The MessageThread identifier: E.164 without the plus (Recrubo's documented example is `31612345678`). */
  identifier: string;
}

export type PhoneProblem = 'invalid' | 'not-mobile';

/** Types that can hold WhatsApp. Premium-rate, shared-cost, toll-free and the like are what SMS pumping targets. */
const ACCEPTED_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'PERSONAL_NUMBER']);

export function parsePhone(input: string, defaultCountry: string): ParsedPhone | { problem: PhoneProblem } {
  let text = input.normalize('NFKC').replace(/[\s\u00a0().\-/]/g, '');
  if (text.startsWith('00')) text = `+${text.slice(2)}`;
  // "+31+31612…" or "+31 0612…": a field that shows the code, with the whole number pasted or typed after it.
  text = text.replace(/^\+(\d{1,3})\+/, '+');
  const phone = parsePhoneNumberFromString(text, defaultCountry.toUpperCase() as CountryCode);
  if (!phone || !phone.isValid()) return { problem: 'invalid' };
  const type = phone.getType();
  if (type !== undefined && !ACCEPTED_TYPES.has(type)) return { problem: 'not-mobile' };
  return { e164: phone.number, country: phone.country, identifier: phone.number.slice(1) };
}

/** A number's range (all but its last four digits): pumping attacks walk through consecutive numbers of one range. */
export function numberPrefix(identifier: string): string {
  return identifier.slice(0, Math.max(4, identifier.length - 4));
}
