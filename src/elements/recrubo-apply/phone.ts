// The page's tiny phone normaliser: enough that a pasted or autofilled `+31…`, `0031…`, `31…` or a local `06…`
// never doubles or loses the country code. The server parses the result again with a full phone library and has
// the last word; this only keeps what is sent sensible and the field honest about the code it shows.

/** Calling codes of the countries a career site is likely to default to; others fall back to `+` typed in. */
export const CALLING_CODES: Readonly<Record<string, string>> = {
  NL: '31',
  BE: '32',
  FR: '33',
  ES: '34',
  PT: '351',
  LU: '352',
  IE: '353',
  FI: '358',
  IT: '39',
  CH: '41',
  AT: '43',
  GB: '44',
  DK: '45',
  SE: '46',
  NO: '47',
  PL: '48',
  DE: '49',
  CZ: '420',
  US: '1',
  CA: '1',
  AU: '61',
  ZA: '27',
  IN: '91',
  TR: '90',
  MA: '212',
  RO: '40',
  BG: '359',
  GR: '30',
  HU: '36',
  SK: '421',
  SI: '386',
  HR: '385',
};

/** An example in the local form, for the hint and the error message. */
export const EXAMPLES: Readonly<Record<string, string>> = {
  NL: '06 12345678',
  BE: '0470 12 34 56',
  DE: '01512 3456789',
  GB: '07400 123456',
};

/**
 * How the national part of a mobile number begins, for the countries a career site most often defaults to (the
 * first digits of libphonenumber's mobile ranges, which the server checks in full). A landline such as `020 1234567`
 * is then refused by the page with the same answer the server would give, before anything is sent. Other countries:
 * only the server decides.
 */
const MOBILE_START: Readonly<Record<string, RegExp>> = {
  '31': /^(?:6[1-58]|970)/,
  '32': /^4[5-9]/,
  '33': /^[67]/,
  '41': /^[67]/,
  '44': /^7/,
  '49': /^1[5-7]/,
};

/**
 * Whether a normalised number (`+31612345678`) can be a mobile one as far as the page can tell: false for a known
 * country's landline, true when the page does not know the country's ranges.
 */
export function mayBeMobile(e164: string): boolean {
  const digits = e164.replace(/\D/g, '');
  for (const [code, start] of Object.entries(MOBILE_START)) {
    if (digits.startsWith(code)) return start.test(digits.slice(code.length));
  }
  return true;
}

/** Countries whose national numbers drop a leading trunk `0` after the code (`+31 (0)6…`); Italy keeps it. */
const KEEPS_ZERO = new Set(['39']);

export function normalizePhone(input: string, country: string): string {
  const code = CALLING_CODES[country.toUpperCase()];
  let text = input.replace(/[^\d+]/g, '');
  if (text.startsWith('00')) text = `+${text.slice(2)}`;
  if (text.startsWith('+')) {
    // "+31+31 6…": the code shown, then the whole number pasted after it.
    text = `+${text
      .slice(1)
      .replace(/^(\d{1,3})\+/, '')
      .replace(/\+/g, '')}`;
    if (code && text.startsWith(`+${code}0`) && !KEEPS_ZERO.has(code)) text = `+${code}${text.slice(code.length + 2)}`;
    return text;
  }
  if (!code) return text;
  if (text.startsWith('0') && !KEEPS_ZERO.has(code)) return `+${code}${text.slice(1)}`;
  // "31612345678": the code without the plus, recognisable by the length left after it.
  if (text.startsWith(code) && text.length - code.length >= 9) return `+${text}`;
  return `+${code}${text}`;
}
