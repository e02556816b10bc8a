// Phone numbers as recruiters type them ("06 1234 5678", "+31 6 12345678", "0031612345678") and as Recrubo keeps
// a thread's identifier (E.164 digits without "+": 31612345678).

/** Digits only, in E.164 without "+", or undefined when the text is not a phone number. Local numbers (a leading
 * single 0) are read in `country` (default 31, the Netherlands). */
export function toIdentifier(text: string, country = '31'): string | undefined {
  const raw = text.trim();
  if (!/^[+(]?[0-9][0-9 ().-]*$/.test(raw)) return undefined;
  let digits = raw.replace(/\D/g, '');
  if (raw.startsWith('+')) {
    /* international already */
  } else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = country + digits.slice(1);
  return digits.length >= 8 && digits.length <= 15 ? digits : undefined;
}

/** How a number is shown: "+31 6 12345678" for a Dutch mobile, "+<digits>" otherwise. */
export function formatIdentifier(identifier: string | null | undefined): string {
  const d = (identifier ?? '').replace(/\D/g, '');
  if (!d) return '';
  if (/^316\d{8}$/.test(d)) return `+31 6 ${d.slice(3)}`;
  return `+${d}`;
}
