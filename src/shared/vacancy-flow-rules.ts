/**
 * Every rule of Recrubo's `vacancy_application_flow` in one pure module (no DOM, no Node APIs).
 *
 * The sandbox validates `POST /flow-generations` with {@link validateFlowGeneration}; the browser form imports the
 * same function and maps each violation's `field` + `code` to its own en/nl message. There must be no second copy
 * of these rules anywhere.
 *
 * Sources: ../shared/reference/recrubo-api.md §4 and ../shared/spec/sandbox.md ("Decisions where the docs are
 * unclear"). Texts marked "documented" are Recrubo's exact words; the others follow the same style.
 */

/** The one documented flow type. */
export const FLOW_TYPE = 'vacancy_application_flow' as const;
export type FlowType = typeof FLOW_TYPE;

/** Bot languages; only NL and EN texts exist in the docs. */
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** `emojiUsage` is a digit string (the docs' example sends `"3"`, a string). */
export const EMOJI_LEVELS = ['0', '1', '2', '3', '4', '5'] as const;
export type EmojiLevel = (typeof EMOJI_LEVELS)[number];

/** The allowed `value`s of `requiredFields` / `optionalFields` items. */
export const PERSONAL_FIELDS = [
  'firstName',
  'lastName',
  'name',
  'email',
  'phoneNumber',
  'address',
  'postalCode',
  'city',
  'dateOfBirth',
  'linkedin',
  'portfolio',
] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** Template variables a message may use whatever its key (any of the flow's own sessionFields works as well). */
export const COMMON_TEMPLATE_VARIABLES = ['session.first_name'] as const;

/**
 * The optional custom texts of the V2 appointment step, one per language, with the template variables that the
 * docs' examples use in each (besides {@link COMMON_TEMPLATE_VARIABLES} and the flow's own `session.<field>`s).
 */
export const APPOINTMENT_MESSAGE_KEYS = {
  askDayNL: ['session.schedule.appointment_duration'],
  askDayEN: ['session.schedule.appointment_duration'],
  askSlotNL: [],
  askSlotEN: [],
  noSlotNL: [],
  noSlotEN: [],
  confirmSlotMessageNL: ['session._selectedAppointmentSlot.date_time_string'],
  confirmSlotMessageEN: ['session._selectedAppointmentSlot.date_time_string'],
  denyConfirmMessageNL: [],
  denyConfirmMessageEN: [],
} as const satisfies Record<string, readonly string[]>;
export type AppointmentMessageKey = keyof typeof APPOINTMENT_MESSAGE_KEYS;
export const APPOINTMENT_MESSAGE_KEY_NAMES = Object.keys(APPOINTMENT_MESSAGE_KEYS) as AppointmentMessageKey[];

/** The only documented appointment-step version. */
export const APPOINTMENT_VERSION = 2 as const;

/**
 * Longest requirement text the form accepts (characters). Recrubo documents no limit; this one is ours: a
 * requirement becomes one question of the chatbot, and 200 characters is two long sentences. The sandbox does not
 * apply it (Recrubo's rules only); the form checks it before sending, when asked (`maxRequirementLength`).
 */
export const REQUIREMENT_MAX_LENGTH = 200;

/** Longest key {@link suggestSessionField} returns. */
export const SESSION_FIELD_MAX_LENGTH = 40;

/** A knockout/preferred requirement or a personal field: `sessionField` is the key of the answer in FlowRun `state`. */
export interface RequirementItem {
  value: string;
  sessionField?: string;
}

/** `extraOptions[].options` of the V2 appointment step: either fixed `scheduleIds` or `scheduleMode: 'custom'`. */
export type AppointmentOptions = {
  version: typeof APPOINTMENT_VERSION;
  /** Comma-separated schedule ids, e.g. `"1,2,3"`. */
  scheduleIds?: string;
  /** `custom`: the schedule ids come with each FlowRun (`state.scheduleId`). */
  scheduleMode?: 'custom';
} & { [K in AppointmentMessageKey]?: string };

export interface AppointmentItem {
  value: 'appointment';
  language?: Language;
  options: AppointmentOptions;
}

export interface VacancyFlowParameters {
  language?: Language;
  emojiUsage?: EmojiLevel;
  flowName?: string;
  /** Reuse an existing vacancy; `context` is then not needed. */
  vacancyId?: string;
  knockoutRequirements: RequirementItem[];
  preferredRequirements?: RequirementItem[];
  requiredFields: RequirementItem[];
  optionalFields?: RequirementItem[];
  extraOptions?: AppointmentItem[];
}

export interface FlowGenerationContext {
  type: 'text';
  value: string;
}

export interface FlowGenerationInput {
  flowType: string;
  parameters: VacancyFlowParameters;
  context?: FlowGenerationContext;
}

/**
 * Stable codes (the form maps `field` + `code` to a message):
 * - `blank`: required and missing or empty;
 * - `invalid`: present but of the wrong type or outside the allowed values;
 * - `unknown_schedule`: an appointment step names a schedule id that does not exist (only checked when
 *   `options.scheduleIds` is passed to {@link validateFlowGeneration}).
 */
export type RuleViolationCode = 'blank' | 'invalid' | 'unknown_schedule' | 'too_long';

/**
 * One problem.
 * - `field`: the parameter name — `flowType`, `parameters`, `context`, `vacancyId`, `language`, `emojiUsage`,
 *   `flowName`, `knockoutRequirements`, `preferredRequirements`, `requiredFields`, `optionalFields`,
 *   `extraOptions`;
 * - `index`: the list item at fault, when one is;
 * - `detail`: the exact text the server sends in the 422 `detail`.
 */
export interface RuleViolation {
  field: string;
  code: RuleViolationCode;
  detail: string;
  index?: number;
}

/** Documented: `Parameter knockoutRequirements can't be blank`. */
export const blankText = (name: string): string => `Parameter ${name} can't be blank`;
/** Documented for requiredFields: `requiredFields contains invalid fields.`; same shape for optionalFields. */
export const invalidFieldsText = (name: string): string => `${name} contains invalid fields.`;
/** Not documented; same style. For requirement lists and extraOptions with a malformed item. */
export const invalidItemsText = (name: string): string => `${name} contains invalid items.`;
/** Not documented (our own limit); same style. */
export const tooLongText = (name: string, max: number): string => `${name} contains an item over ${max} characters.`;
/** Not documented; same style. For a scalar parameter with a wrong value. */
export const invalidParameterText = (name: string): string => `Parameter ${name} is invalid`;
/** Not documented; same style. */
export const unknownScheduleText = (name: string): string => `${name} contains unknown schedule ids.`;

export interface ValidateOptions {
  /** When given, appointment `scheduleIds` must be among these. */
  scheduleIds?: readonly string[];
  /** When given, a knockout or preferred requirement's text may be at most this long (`too_long`). */
  maxRequirementLength?: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFilledString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** `"1, 2,3"` → `['1','2','3']` (empty parts dropped). */
export function parseScheduleIds(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function isRequirementItem(item: unknown): boolean {
  return (
    isObject(item) &&
    isFilledString(item.value) &&
    (item.sessionField === undefined || item.sessionField === null || typeof item.sessionField === 'string')
  );
}

/** A list that must be present and non-empty (`required`) or may be missing/empty. */
function checkList(
  out: RuleViolation[],
  params: Record<string, unknown>,
  name: string,
  required: boolean,
  itemProblem: (item: unknown) => boolean,
  itemText: (name: string) => string,
): void {
  const list = params[name];
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) {
    if (required) out.push({ field: name, code: 'blank', detail: blankText(name) });
    return;
  }
  if (!Array.isArray(list)) {
    out.push({ field: name, code: 'invalid', detail: itemText(name) });
    return;
  }
  list.forEach((item, index) => {
    if (itemProblem(item)) out.push({ field: name, code: 'invalid', detail: itemText(name), index });
  });
}

function isPersonalField(item: unknown): boolean {
  return isRequirementItem(item) && (PERSONAL_FIELDS as readonly string[]).includes((item as RequirementItem).value);
}

function isAppointmentItem(item: unknown): boolean {
  if (!isObject(item) || item.value !== 'appointment' || !isObject(item.options)) return false;
  if (item.language !== undefined && !(LANGUAGES as readonly unknown[]).includes(item.language)) return false;
  const o = item.options;
  if (o.version !== APPOINTMENT_VERSION) return false;
  const fixed = o.scheduleIds !== undefined;
  const custom = o.scheduleMode !== undefined;
  if (fixed === custom) return false; // exactly one of the two
  if (fixed && !(typeof o.scheduleIds === 'string' && parseScheduleIds(o.scheduleIds).length > 0)) return false;
  if (custom && o.scheduleMode !== 'custom') return false;
  return APPOINTMENT_MESSAGE_KEY_NAMES.every((k) => o[k] === undefined || typeof o[k] === 'string');
}

/**
 * Validates a FlowGeneration's attributes (`{flowType, parameters, context}`); `[]` means valid. Accepts `unknown`
 * parts on purpose: the server feeds it whatever a client sent.
 */
export function validateFlowGeneration(
  input: FlowGenerationInput | Record<string, unknown>,
  options: ValidateOptions = {},
): RuleViolation[] {
  const out: RuleViolation[] = [];
  const attrs = input as Record<string, unknown>;

  if (!isFilledString(attrs.flowType)) out.push({ field: 'flowType', code: 'blank', detail: blankText('flowType') });
  else if (attrs.flowType !== FLOW_TYPE)
    out.push({ field: 'flowType', code: 'invalid', detail: invalidParameterText('flowType') });

  if (attrs.parameters !== undefined && attrs.parameters !== null && !isObject(attrs.parameters)) {
    out.push({ field: 'parameters', code: 'invalid', detail: invalidParameterText('parameters') });
    return out;
  }
  // A missing `parameters` reports its required members, as Recrubo's documented example does.
  const p = (attrs.parameters ?? {}) as Record<string, unknown>;

  if (p.vacancyId !== undefined && p.vacancyId !== null && !isFilledString(p.vacancyId)) {
    out.push({ field: 'vacancyId', code: 'invalid', detail: invalidParameterText('vacancyId') });
  }
  const hasVacancy = isFilledString(p.vacancyId);
  const ctx = attrs.context;
  if (ctx === undefined || ctx === null || (isObject(ctx) && Object.keys(ctx).length === 0)) {
    if (!hasVacancy) out.push({ field: 'context', code: 'blank', detail: blankText('context') });
  } else if (!isObject(ctx) || ctx.type !== 'text' || typeof ctx.value !== 'string') {
    out.push({ field: 'context', code: 'invalid', detail: invalidParameterText('context') });
  } else if (!hasVacancy && ctx.value.trim() === '') {
    out.push({ field: 'context', code: 'blank', detail: blankText('context') });
  }

  if (p.language !== undefined && !(LANGUAGES as readonly unknown[]).includes(p.language)) {
    out.push({ field: 'language', code: 'invalid', detail: invalidParameterText('language') });
  }
  if (p.emojiUsage !== undefined && !(EMOJI_LEVELS as readonly unknown[]).includes(p.emojiUsage)) {
    out.push({ field: 'emojiUsage', code: 'invalid', detail: invalidParameterText('emojiUsage') });
  }
  if (p.flowName !== undefined && p.flowName !== null && typeof p.flowName !== 'string') {
    out.push({ field: 'flowName', code: 'invalid', detail: invalidParameterText('flowName') });
  }

  const notRequirement = (i: unknown) => !isRequirementItem(i);
  const notPersonal = (i: unknown) => !isPersonalField(i);
  checkList(out, p, 'knockoutRequirements', true, notRequirement, invalidItemsText);
  checkList(out, p, 'preferredRequirements', false, notRequirement, invalidItemsText);
  checkList(out, p, 'requiredFields', true, notPersonal, invalidFieldsText);
  checkList(out, p, 'optionalFields', false, notPersonal, invalidFieldsText);
  checkList(out, p, 'extraOptions', false, (i) => !isAppointmentItem(i), invalidItemsText);

  const max = options.maxRequirementLength;
  for (const name of ['knockoutRequirements', 'preferredRequirements'] as const) {
    const list = p[name];
    if (max === undefined || !Array.isArray(list)) continue;
    list.forEach((item, index) => {
      if (isRequirementItem(item) && (item as RequirementItem).value.trim().length > max)
        out.push({ field: name, code: 'too_long', detail: tooLongText(name, max), index });
    });
  }

  if (options.scheduleIds && Array.isArray(p.extraOptions)) {
    const known = new Set(options.scheduleIds);
    p.extraOptions.forEach((item, index) => {
      if (!isAppointmentItem(item)) return;
      const ids = (item as AppointmentItem).options.scheduleIds;
      if (ids && parseScheduleIds(ids).some((id) => !known.has(id))) {
        out.push({
          field: 'extraOptions',
          code: 'unknown_schedule',
          detail: unknownScheduleText('extraOptions'),
          index,
        });
      }
    });
  }
  return out;
}

/**
 * The `{{...}}` variables of an appointment message that are neither documented for that key nor one of the flow's
 * own `session.<sessionField>`s. For a warning in the form; the server does not reject them (the docs do not say
 * it would).
 */
export function findUnknownTemplateVariables(
  key: AppointmentMessageKey,
  text: string,
  sessionFields: readonly string[] = [],
): string[] {
  const allowed = new Set<string>([
    ...APPOINTMENT_MESSAGE_KEYS[key],
    ...COMMON_TEMPLATE_VARIABLES,
    ...sessionFields.map((f) => `session.${f}`),
  ]);
  const found = [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1] as string);
  return [...new Set(found)].filter((v) => !allowed.has(v));
}

/**
 * A snake_case `sessionField` from free text: "Has drivers license B" → "has_drivers_license_b". Accents are
 * dropped, at most {@link SESSION_FIELD_MAX_LENGTH} characters (cut at a word boundary when possible), and never
 * empty ("answer").
 */
export function suggestSessionField(value: string): string {
  const words = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let key = '';
  for (const word of words) {
    const next = key ? `${key}_${word}` : word;
    if (next.length > SESSION_FIELD_MAX_LENGTH) {
      if (!key) key = word.slice(0, SESSION_FIELD_MAX_LENGTH);
      break;
    }
    key = next;
  }
  return key || 'answer';
}
