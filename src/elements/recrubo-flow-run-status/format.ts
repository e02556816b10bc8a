// What the card needs beyond the shared formatters (src/shared/format.ts): date-time answers and labels for
// session keys that the flow names no question for.
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
