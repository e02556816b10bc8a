// What a visitor typed as their first name reaches a WhatsApp template (invite mode: `templateParameters`) that the
// business sends to whatever number was typed. So it must look like a name and nothing else: letters (any script,
// accented too), with single spaces, hyphens or apostrophes between them. No digits (a phone number, a code), no
// dots, slashes or colons (a link), no emoji, at most NAME_MAX_LENGTH characters.

export const NAME_MAX_LENGTH = 50;

/** Letters and their combining marks, joined by one space, hyphen or apostrophe (' or ’). */
const NAME = /^[\p{L}\p{M}]+(?:[ '’-][\p{L}\p{M}]+)*$/u;

/** True when `name` (already trimmed, spaces collapsed) may be put into a template. */
export function isPlainName(name: string): boolean {
  return [...name].length <= NAME_MAX_LENGTH && NAME.test(name);
}
