// The form's own state and the two translations that matter: a prefill (attributes + `parameters` + `context`)
// into that state, and that state into the exact `{ flowType, parameters, context }` that is POSTed. Pure (no DOM),
// so what the user sees and what is sent can never drift apart. The rules themselves live in vacancy-flow-rules.ts.
import {
  APPOINTMENT_MESSAGE_KEY_NAMES,
  APPOINTMENT_VERSION,
  EMOJI_LEVELS,
  FLOW_TYPE,
  LANGUAGES,
  PERSONAL_FIELDS,
  parseScheduleIds,
  suggestSessionField,
  type AppointmentItem,
  type AppointmentMessageKey,
  type AppointmentOptions,
  type EmojiLevel,
  type FlowGenerationContext,
  type FlowGenerationInput,
  type Language,
  type PersonalField,
  type RequirementItem,
  type VacancyFlowParameters,
} from '../../shared/vacancy-flow-rules.js';

export type RequirementListName = 'knockoutRequirements' | 'preferredRequirements';
export type PersonalMode = 'none' | 'required' | 'optional';

export interface ListItem {
  /** Stable across edits and moves (DOM identity, focus after a move). */
  key: number;
  value: string;
  sessionField: string;
  /** The user (or the host's prefill) chose the sessionField: never overwrite it with a suggestion. */
  sessionFieldChosen: boolean;
}

export interface PersonalChoice {
  mode: PersonalMode;
  sessionField: string;
  /** Position in the payload list; prefilled order is kept, fields chosen later go last. */
  rank: number;
}

export interface AppointmentState {
  enabled: boolean;
  language: Language | '';
  mode: 'fixed' | 'custom';
  /** Comma string, the `scheduleIds` form. */
  scheduleIds: string;
  messages: Record<AppointmentMessageKey, string>;
}

export interface FormState {
  flowType: string;
  vacancySource: 'text' | 'id';
  vacancyText: string;
  vacancyId: string;
  flowName: string;
  language: Language | '';
  emojiUsage: EmojiLevel | '';
  knockoutRequirements: ListItem[];
  preferredRequirements: ListItem[];
  personal: Record<PersonalField, PersonalChoice>;
  appointment: AppointmentState;
}

/** The attributes of spec §4 that prefill the form (undefined = not set). */
export interface PrefillAttributes {
  flowType?: string;
  flowName?: string;
  language?: string;
  emojiUsage?: string | number;
  vacancyId?: string;
  vacancyText?: string;
  scheduleIds?: string;
  scheduleMode?: string;
}

let nextKey = 1;
export const newItem = (value = '', sessionField = ''): ListItem => ({
  key: nextKey++,
  value,
  sessionField,
  sessionFieldChosen: sessionField !== '',
});

const emptyMessages = (): Record<AppointmentMessageKey, string> =>
  Object.fromEntries(APPOINTMENT_MESSAGE_KEY_NAMES.map((k) => [k, ''])) as Record<AppointmentMessageKey, string>;

export function emptyState(): FormState {
  return {
    flowType: FLOW_TYPE,
    vacancySource: 'text',
    vacancyText: '',
    vacancyId: '',
    flowName: '',
    language: '',
    emojiUsage: '',
    knockoutRequirements: [],
    preferredRequirements: [],
    personal: Object.fromEntries(
      PERSONAL_FIELDS.map((f, i) => [f, { mode: 'none', sessionField: '', rank: 1000 + i }]),
    ) as Record<PersonalField, PersonalChoice>,
    appointment: { enabled: false, language: '', mode: 'fixed', scheduleIds: '', messages: emptyMessages() },
  };
}

/** A deep copy (the state is plain data). */
export const cloneState = (s: FormState): FormState => structuredClone(s);

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const asLanguage = (v: unknown): Language | '' =>
  (LANGUAGES as readonly unknown[]).includes(v) ? (v as Language) : '';
const asEmoji = (v: unknown): EmojiLevel | '' => {
  const s = str(v).trim();
  return (EMOJI_LEVELS as readonly string[]).includes(s) ? (s as EmojiLevel) : '';
};

function toItems(list: unknown): ListItem[] {
  if (!Array.isArray(list)) return [];
  return list.map((raw) => {
    const item = (raw ?? {}) as Partial<RequirementItem>;
    return typeof raw === 'string' ? newItem(raw) : newItem(str(item.value), str(item.sessionField));
  });
}

/** "phoneNumber" → "phone_number": the suggestion for a personal field's answer key. */
export const suggestPersonalSessionField = (field: string): string =>
  suggestSessionField(field.replace(/([a-z0-9])([A-Z])/g, '$1 $2'));

/** Applies a `parameters` object (any documented member it has) onto a state. */
export function applyParameters(
  state: FormState,
  parameters: Partial<VacancyFlowParameters> | Record<string, unknown> | null | undefined,
): void {
  if (!parameters || typeof parameters !== 'object') return;
  const p = parameters as Record<string, unknown>;
  if ('vacancyId' in p) {
    state.vacancyId = str(p.vacancyId);
    state.vacancySource = state.vacancyId ? 'id' : 'text';
  }
  if ('flowName' in p) state.flowName = str(p.flowName);
  if ('language' in p) state.language = asLanguage(p.language);
  if ('emojiUsage' in p) state.emojiUsage = asEmoji(p.emojiUsage);
  if ('knockoutRequirements' in p) state.knockoutRequirements = toItems(p.knockoutRequirements);
  if ('preferredRequirements' in p) state.preferredRequirements = toItems(p.preferredRequirements);
  if ('requiredFields' in p || 'optionalFields' in p) {
    const fresh = emptyState().personal;
    let rank = 0;
    for (const [list, mode] of [
      ['requiredFields', 'required'],
      ['optionalFields', 'optional'],
    ] as const) {
      for (const item of toItems(p[list])) {
        const field = item.value as PersonalField;
        if (!(PERSONAL_FIELDS as readonly string[]).includes(field)) continue;
        // A field named in both lists counts as required (it can't be both).
        if (fresh[field].mode !== 'none') continue;
        fresh[field] = { mode, sessionField: item.sessionField, rank: rank++ };
      }
    }
    state.personal = fresh;
  }
  if ('extraOptions' in p) {
    const items = Array.isArray(p.extraOptions) ? p.extraOptions : [];
    const appointment = items.find((i) => (i as AppointmentItem | null)?.value === 'appointment') as
      AppointmentItem | undefined;
    state.appointment = appointment ? appointmentFromItem(appointment) : { ...emptyState().appointment };
  }
}

function appointmentFromItem(item: AppointmentItem): AppointmentState {
  const o = (item.options ?? {}) as Partial<AppointmentOptions>;
  const messages = emptyMessages();
  for (const key of APPOINTMENT_MESSAGE_KEY_NAMES) messages[key] = str(o[key]);
  return {
    enabled: true,
    language: asLanguage(item.language),
    mode: o.scheduleMode === 'custom' ? 'custom' : 'fixed',
    scheduleIds: str(o.scheduleIds),
    messages,
  };
}

/** Everything the host gave, in one state: defaults ← `parameters` ← attributes ← `context` / `vacancy-text`. */
export function prefillState(attrs: PrefillAttributes, parameters: unknown, context: unknown): FormState {
  const state = emptyState();
  applyParameters(state, parameters as Record<string, unknown>);
  if (attrs.flowType) state.flowType = attrs.flowType;
  if (attrs.flowName != null) state.flowName = attrs.flowName;
  if (attrs.language != null) state.language = asLanguage(attrs.language);
  if (attrs.emojiUsage != null) state.emojiUsage = asEmoji(attrs.emojiUsage);
  if (attrs.vacancyId) {
    state.vacancyId = attrs.vacancyId;
    state.vacancySource = 'id';
  }
  const ctx = context as Partial<FlowGenerationContext> | null | undefined;
  if (ctx && typeof ctx === 'object' && typeof ctx.value === 'string') state.vacancyText = ctx.value;
  if (attrs.vacancyText != null) state.vacancyText = attrs.vacancyText;
  if (attrs.scheduleIds != null && attrs.scheduleIds.trim() !== '') {
    state.appointment.enabled = true;
    state.appointment.mode = 'fixed';
    state.appointment.scheduleIds = parseScheduleIds(attrs.scheduleIds).join(',');
  }
  if (attrs.scheduleMode === 'custom') {
    state.appointment.enabled = true;
    state.appointment.mode = 'custom';
  } else if (attrs.scheduleMode === 'fixed' && state.appointment.enabled) {
    state.appointment.mode = 'fixed';
  }
  return state;
}

/** Which parts of the state each prefill input owns (a changed input re-applies only its parts). */
export const PREFILL_OWNERSHIP: Record<string, (keyof FormState)[]> = {
  flowType: ['flowType'],
  flowName: ['flowName'],
  language: ['language'],
  emojiUsage: ['emojiUsage'],
  vacancyId: ['vacancyId', 'vacancySource'],
  vacancyText: ['vacancyText'],
  context: ['vacancyText'],
  scheduleIds: ['appointment'],
  scheduleMode: ['appointment'],
  parameters: [
    'vacancyId',
    'vacancySource',
    'flowName',
    'language',
    'emojiUsage',
    'knockoutRequirements',
    'preferredRequirements',
    'personal',
    'appointment',
  ],
};

const requirement = (value: string, sessionField: string): RequirementItem => {
  const field = sessionField.trim();
  return field ? { value: value.trim(), sessionField: field } : { value: value.trim() };
};

/**
 * The body's attributes. Omitted when empty: `vacancyId`, `flowName`, `language`, `emojiUsage`, `optionalFields`,
 * `extraOptions`, an item's `sessionField` (Recrubo then picks a key) and `context` when a `vacancyId` is used.
 * Always sent: `knockoutRequirements` and `requiredFields` (required; the rules reject them empty) and
 * `preferredRequirements` (documented as "`[]` for none").
 */
export function buildPayload(state: FormState): FlowGenerationInput {
  const parameters: VacancyFlowParameters = { knockoutRequirements: [], requiredFields: [] };
  const useId = state.vacancySource === 'id';
  if (useId) parameters.vacancyId = state.vacancyId.trim();
  if (state.language) parameters.language = state.language;
  if (state.emojiUsage) parameters.emojiUsage = state.emojiUsage;
  if (state.flowName.trim()) parameters.flowName = state.flowName.trim();
  parameters.knockoutRequirements = state.knockoutRequirements.map((i) => requirement(i.value, i.sessionField));
  parameters.preferredRequirements = state.preferredRequirements.map((i) => requirement(i.value, i.sessionField));
  const chosen = (mode: PersonalMode) =>
    PERSONAL_FIELDS.filter((f) => state.personal[f].mode === mode)
      .sort((a, b) => state.personal[a].rank - state.personal[b].rank)
      .map((f) => requirement(f, state.personal[f].sessionField));
  parameters.requiredFields = chosen('required');
  const optional = chosen('optional');
  if (optional.length) parameters.optionalFields = optional;
  if (state.appointment.enabled) {
    const a = state.appointment;
    const options: AppointmentOptions = { version: APPOINTMENT_VERSION };
    if (a.mode === 'custom') options.scheduleMode = 'custom';
    else options.scheduleIds = parseScheduleIds(a.scheduleIds).join(',');
    for (const key of APPOINTMENT_MESSAGE_KEY_NAMES) if (a.messages[key].trim()) options[key] = a.messages[key];
    const item: AppointmentItem = { value: 'appointment', options };
    if (a.language) item.language = a.language;
    parameters.extraOptions = [item];
  }
  const payload: FlowGenerationInput = { flowType: state.flowType || FLOW_TYPE, parameters };
  if (!useId) payload.context = { type: 'text', value: state.vacancyText };
  return payload;
}

/** Every sessionField the flow will have (for the template-variable hints of the appointment messages). */
export function sessionFieldsOf(state: FormState): string[] {
  const out: string[] = [];
  for (const list of [state.knockoutRequirements, state.preferredRequirements]) {
    for (const i of list) {
      const f = i.sessionField.trim() || (i.value.trim() ? suggestSessionField(i.value) : '');
      if (f) out.push(f);
    }
  }
  for (const f of PERSONAL_FIELDS) {
    const c = state.personal[f];
    if (c.mode !== 'none') out.push(c.sessionField.trim() || suggestPersonalSessionField(f));
  }
  return out;
}
