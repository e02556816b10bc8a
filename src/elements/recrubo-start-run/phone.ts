// Phone numbers as a recruiter types them ("06 12 34 56 78", "+32 470 12 34 56", "0044 7700 900123") → E.164.
// WhatsApp threads are keyed by the number in E.164 digits without the "+" (the docs' `31612345678`). Deliberately
// small: the countries a Dutch ATS meets most, with the length of their national numbers; any other country works
// in international form within E.164's bounds.

interface CountryRule {
  code: string;
  /** National numbers are dialled with a leading 0 that E.164 drops. */
  trunk: boolean;
  /** Digits of the national significant number (without the trunk 0). */
  min: number;
  max: number;
}

const COUNTRIES: Record<string, CountryRule> = {
  NL: { code: '31', trunk: true, min: 9, max: 9 },
  BE: { code: '32', trunk: true, min: 8, max: 9 },
  LU: { code: '352', trunk: false, min: 4, max: 11 },
  DE: { code: '49', trunk: true, min: 6, max: 12 },
  FR: { code: '33', trunk: true, min: 9, max: 9 },
  GB: { code: '44', trunk: true, min: 9, max: 10 },
  IE: { code: '353', trunk: true, min: 7, max: 9 },
  ES: { code: '34', trunk: false, min: 9, max: 9 },
  PT: { code: '351', trunk: false, min: 9, max: 9 },
  IT: { code: '39', trunk: false, min: 6, max: 11 },
  AT: { code: '43', trunk: true, min: 4, max: 13 },
  CH: { code: '41', trunk: true, min: 9, max: 9 },
  DK: { code: '45', trunk: false, min: 8, max: 8 },
  SE: { code: '46', trunk: true, min: 7, max: 9 },
  NO: { code: '47', trunk: false, min: 8, max: 8 },
  PL: { code: '48', trunk: false, min: 9, max: 9 },
  TR: { code: '90', trunk: true, min: 10, max: 10 },
  MA: { code: '212', trunk: true, min: 9, max: 9 },
  US: { code: '1', trunk: false, min: 10, max: 10 },
  CA: { code: '1', trunk: false, min: 10, max: 10 },
};

/** Known calling codes, longest first, so "+352…" is Luxembourg and not "+35" + "2…". */
const BY_CODE = Object.values(COUNTRIES).sort((a, b) => b.code.length - a.code.length);

export type PhoneProblem = 'empty' | 'characters' | 'length' | 'country';

export type PhoneResult = { ok: true; e164: string; identifier: string } | { ok: false; problem: PhoneProblem };

/**
 * Local forms use `defaultCountry` (ISO 3166 alpha-2); "+…" and "00…" are international. Spaces, dashes, dots,
 * slashes and parentheses are ignored; anything else (letters, a "+" inside) makes the number unknown.
 */
export function normalizePhone(input: string, defaultCountry = 'NL'): PhoneResult {
  const raw = input.trim();
  if (!raw) return { ok: false, problem: 'empty' };
  const compact = raw.replace(/[\s().\-/\u00a0]/g, '');
  if (!/^\+?[0-9]+$/.test(compact)) return { ok: false, problem: 'characters' };
  let international: string | undefined;
  if (compact.startsWith('+')) international = compact.slice(1);
  else if (compact.startsWith('00')) international = compact.slice(2);
  if (international !== undefined) return checkInternational(international);

  const rule = COUNTRIES[defaultCountry.toUpperCase()];
  if (!rule) return { ok: false, problem: 'country' };
  let national = compact;
  if (rule.trunk && national.startsWith('0')) national = national.slice(1);
  // North America: a leading 1 is the country code dialled locally.
  if (rule.code === '1' && national.length === 11 && national.startsWith('1')) national = national.slice(1);
  if (national.startsWith('0') && rule.trunk) return { ok: false, problem: 'length' };
  if (national.length < rule.min || national.length > rule.max) return { ok: false, problem: 'length' };
  return done(rule.code + national);
}

function checkInternational(digits: string): PhoneResult {
  // E.164: at most 15 digits, no leading 0; 8 is the shortest real mobile number with its country code.
  if (digits.startsWith('0') || digits.length < 8 || digits.length > 15) return { ok: false, problem: 'length' };
  const rule = BY_CODE.find((r) => digits.startsWith(r.code));
  if (rule) {
    let national = digits.slice(rule.code.length);
    // "+31 (0)6 …": the trunk 0 written in brackets by habit.
    if (rule.trunk && national.startsWith('0')) national = national.slice(1);
    if (national.length < rule.min || national.length > rule.max) return { ok: false, problem: 'length' };
    return done(rule.code + national);
  }
  return done(digits);
}

const done = (digits: string): PhoneResult => ({ ok: true, e164: `+${digits}`, identifier: digits });
