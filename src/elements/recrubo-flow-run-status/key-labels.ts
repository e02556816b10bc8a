// Labels for session keys the flow names no question for, from our own table (in the UI language), e.g.
// `ats_field:connexys:work_permit` → "Work permit" / "Werkvergunning". A key the table does not know is
// humanized as it is written (`has-drivers_license` → "Has drivers license"): it is the integrator's word, not ours.
import { humanizeKey } from './format.js';
import type { CardKey } from './card-strings.js';

type KeyLabel = Extract<CardKey, `key.${string}`>;

/** Spellings of a key (its last `:` part, without case, `_`, `-`, `.` or spaces) → its label. */
const TABLE: Record<string, KeyLabel> = {
  firstname: 'key.firstName',
  lastname: 'key.lastName',
  name: 'key.name',
  fullname: 'key.name',
  email: 'key.email',
  emailaddress: 'key.email',
  phone: 'key.phoneNumber',
  phonenumber: 'key.phoneNumber',
  address: 'key.address',
  postalcode: 'key.postalCode',
  zipcode: 'key.postalCode',
  city: 'key.city',
  location: 'key.city',
  dateofbirth: 'key.dateOfBirth',
  birthdate: 'key.dateOfBirth',
  linkedin: 'key.linkedin',
  portfolio: 'key.portfolio',
  workpermit: 'key.workPermit',
  driverslicense: 'key.driversLicense',
  driverlicense: 'key.driversLicense',
  yearsexperience: 'key.yearsExperience',
  experience: 'key.yearsExperience',
  availability: 'key.availability',
  startdate: 'key.startDate',
  motivation: 'key.motivation',
  skills: 'key.skills',
  appointment: 'key.appointment',
  scheduleid: 'key.scheduleId',
  schedule: 'key.scheduleId',
  datetime: 'key.dateTime',
  over18: 'key.over18',
};

const normal = (key: string) => (key.split(':').filter(Boolean).pop() ?? key).toLowerCase().replace(/[\s_\-.]+/g, '');

/** The label of a session key (or a nested value's key) that no question of the flow names. */
export function keyLabel(t: (key: CardKey) => string, key: string): string {
  const known = TABLE[normal(key)];
  return known ? t(known) : humanizeKey(key);
}
