// What WhatsApp refuses or cuts: the preview flags a step with it, the editor checks each field while typing, and
// the sandbox validates `PATCH /node-actions/{id}` and `PATCH /flows/{id}` with the same functions (one module, like
// vacancy-flow-rules.ts). Pure: no DOM, no Node APIs.
//
// Source: Meta's WhatsApp Cloud API reference, "Interactive reply buttons messages" and "Interactive list messages"
// (developers.facebook.com/documentation/business-messaging/whatsapp/messages/, checked December 2026), and the
// text message reference for plain texts:
// - reply buttons: at most 3, each title at most 20 characters; the body at most 1,024 characters;
// - list messages: at most 10 rows across all sections, each row title at most 24 characters, the list's button
//   at most 20 characters; the body at most 1,024 characters;
// - a plain text message: at most 4,096 characters.
// Recrubo does not document how it renders a `list` action, so we assume what a WhatsApp bot must do: up to 3
// options as reply buttons, 4 to 10 as a list, more cannot be sent as either.

export const WHATSAPP_LIMITS = {
  replyButtons: 3,
  replyButtonTitle: 20,
  listRows: 10,
  listRowTitle: 24,
  interactiveBody: 1024,
  textBody: 4096,
} as const;

export const WHATSAPP_LIMITS_SOURCE =
  'https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages';

export type LimitCode = 'tooManyRows' | 'buttonTitle' | 'rowTitle' | 'interactiveBody' | 'textBody';

export interface LimitIssue {
  code: LimitCode;
  /** The limit that is broken. */
  limit: number;
  /** What the step has (a count or a length in characters). */
  actual: number;
  /** The option whose title is too long, for the title codes. */
  option?: string;
}

/** How WhatsApp will show the options of a `list` action. */
export type ReplyShape = 'buttons' | 'list' | 'none';

export function replyShape(optionCount: number): ReplyShape {
  if (optionCount === 0) return 'none';
  return optionCount <= WHATSAPP_LIMITS.replyButtons ? 'buttons' : 'list';
}

/** Characters as WhatsApp counts them (code points: an emoji is one, not two UTF-16 units). */
export const charCount = (text: string): number => [...text].length;

/** Every limit one bot message breaks: `text` is its body, `options` its quick replies (none for a plain text). */
export function checkMessage(text: string, options: readonly string[]): LimitIssue[] {
  const issues: LimitIssue[] = [];
  const shape = replyShape(options.length);
  const length = charCount(text);
  if (shape === 'none') {
    if (length > WHATSAPP_LIMITS.textBody)
      issues.push({ code: 'textBody', limit: WHATSAPP_LIMITS.textBody, actual: length });
    return issues;
  }
  if (length > WHATSAPP_LIMITS.interactiveBody) {
    issues.push({ code: 'interactiveBody', limit: WHATSAPP_LIMITS.interactiveBody, actual: length });
  }
  if (options.length > WHATSAPP_LIMITS.listRows) {
    issues.push({ code: 'tooManyRows', limit: WHATSAPP_LIMITS.listRows, actual: options.length });
  }
  const titleLimit = shape === 'buttons' ? WHATSAPP_LIMITS.replyButtonTitle : WHATSAPP_LIMITS.listRowTitle;
  for (const option of options) {
    const n = charCount(option);
    if (n > titleLimit)
      issues.push({ code: shape === 'buttons' ? 'buttonTitle' : 'rowTitle', limit: titleLimit, actual: n, option });
  }
  return issues;
}

// ---- fields of a node action and of a flow, as the editor edits them and the sandbox validates them ----

/** The appointment step's own messages (research §4.3), one per language. */
export const APPOINTMENT_MESSAGE_KEYS = [
  'askDayEN',
  'askDayNL',
  'askSlotEN',
  'askSlotNL',
  'noSlotEN',
  'noSlotNL',
  'confirmSlotMessageEN',
  'confirmSlotMessageNL',
  'denyConfirmMessageEN',
  'denyConfirmMessageNL',
] as const;

/** Flow settings: a sandbox decision (Recrubo documents the fields, not their bounds). */
export const FLOW_SETTING_LIMITS = { name: 255, reminderMessage: WHATSAPP_LIMITS.textBody, minutes: 525_600 } as const;

export type FieldCode = LimitCode | 'blank' | 'notText' | 'notNumber';

/** One problem of one field. `field` is a path inside the value (`text`, `options/1`, `askDayEN`) or an attribute. */
export interface FieldIssue {
  field: string;
  code: FieldCode;
  limit?: number;
  actual?: number;
  /** An English sentence for an API answer (the elements say it in their own language from `code`). */
  detail: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A `list` option's label, whether the option is a string or an object with `title`/`label`/`value`. */
export function optionLabel(option: unknown): string {
  if (typeof option === 'string') return option;
  if (isRecord(option)) {
    const v = option.title ?? option.label ?? option.value;
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  }
  return '';
}

/** The same option with another label (keeps an object option's other keys). */
export function withOptionLabel(option: unknown, label: string): unknown {
  if (!isRecord(option)) return label;
  const key = 'title' in option ? 'title' : 'label' in option ? 'label' : 'value' in option ? 'value' : 'title';
  return { ...option, [key]: label };
}

const textIssue = (field: string, text: string, limit: number): FieldIssue[] => {
  const n = charCount(text);
  return n > limit
    ? [
        {
          field,
          code: limit === WHATSAPP_LIMITS.textBody ? 'textBody' : 'interactiveBody',
          limit,
          actual: n,
          detail: `${field} is ${n} characters; WhatsApp allows ${limit}`,
        },
      ]
    : [];
};

/** Every problem of a node action's `value` for its `subType` (an empty list: WhatsApp will send it as it is). */
export function checkActionValue(subType: string, value: unknown): FieldIssue[] {
  if (!isRecord(value)) return [{ field: 'value', code: 'notText', detail: 'value must be an object' }];
  const issues: FieldIssue[] = [];
  if ('text' in value && typeof value.text !== 'string')
    issues.push({ field: 'text', code: 'notText', detail: 'text must be a string' });
  const text = typeof value.text === 'string' ? value.text : '';
  if ((subType === 'text' || subType === 'list') && 'text' in value && !text.trim())
    issues.push({ field: 'text', code: 'blank', detail: "text can't be blank" });
  if (subType === 'list') {
    const options: unknown[] = Array.isArray(value.options) ? value.options : [];
    const labels = options.map(optionLabel);
    for (const issue of checkMessage(text, labels)) {
      if (issue.code === 'interactiveBody' || issue.code === 'textBody')
        issues.push({
          field: 'text',
          ...issue,
          detail: `text is ${issue.actual} characters; WhatsApp allows ${issue.limit}`,
        });
      else if (issue.code === 'tooManyRows')
        issues.push({ field: 'options', ...issue, detail: `${issue.actual} options; WhatsApp allows ${issue.limit}` });
    }
    const titleLimit =
      replyShape(labels.length) === 'buttons' ? WHATSAPP_LIMITS.replyButtonTitle : WHATSAPP_LIMITS.listRowTitle;
    labels.forEach((label, i) => {
      const n = charCount(label);
      if (!label.trim())
        issues.push({ field: `options/${i}`, code: 'blank', detail: `option ${i + 1} can't be blank` });
      else if (n > titleLimit)
        issues.push({
          field: `options/${i}`,
          code: titleLimit === WHATSAPP_LIMITS.replyButtonTitle ? 'buttonTitle' : 'rowTitle',
          limit: titleLimit,
          actual: n,
          detail: `option ${i + 1} ("${label.slice(0, 40)}") is ${n} characters; WhatsApp allows ${titleLimit}`,
        });
    });
  } else if (subType !== 'set-variable') issues.push(...textIssue('text', text, WHATSAPP_LIMITS.textBody));
  if (subType === 'appointment') {
    for (const key of APPOINTMENT_MESSAGE_KEYS) {
      if (!(key in value)) continue;
      if (typeof value[key] !== 'string')
        issues.push({ field: key, code: 'notText', detail: `${key} must be a string` });
      else issues.push(...textIssue(key, value[key] as string, WHATSAPP_LIMITS.textBody));
    }
  }
  return issues;
}

/** The writable settings of a flow. */
export interface FlowSettings {
  name?: unknown;
  reminderInterval?: unknown;
  reminderMessage?: unknown;
  sessionTimeout?: unknown;
}

/** Every problem of the flow settings given (only the keys present are checked). */
export function checkFlowSettings(a: FlowSettings): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if ('name' in a) {
    if (typeof a.name !== 'string' || !a.name.trim())
      issues.push({ field: 'name', code: 'blank', detail: "name can't be blank" });
    else if (charCount(a.name) > FLOW_SETTING_LIMITS.name)
      issues.push({
        field: 'name',
        code: 'textBody',
        limit: FLOW_SETTING_LIMITS.name,
        actual: charCount(a.name),
        detail: `name is ${charCount(a.name)} characters; at most ${FLOW_SETTING_LIMITS.name}`,
      });
  }
  if ('reminderMessage' in a && a.reminderMessage !== null) {
    if (typeof a.reminderMessage !== 'string')
      issues.push({ field: 'reminderMessage', code: 'notText', detail: 'reminderMessage must be a string' });
    else issues.push(...textIssue('reminderMessage', a.reminderMessage, WHATSAPP_LIMITS.textBody));
  }
  for (const key of ['reminderInterval', 'sessionTimeout'] as const) {
    if (!(key in a) || a[key] === null) continue;
    const v = a[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > FLOW_SETTING_LIMITS.minutes)
      issues.push({
        field: key,
        code: 'notNumber',
        limit: FLOW_SETTING_LIMITS.minutes,
        detail: `${key} must be a whole number of minutes from 0 to ${FLOW_SETTING_LIMITS.minutes}`,
      });
  }
  return issues;
}

// ---- placeholders: {{session.first_name}} ----

/** Session variables Recrubo documents besides the ones a flow collects (research §4.3, §5). */
export const DOCUMENTED_PLACEHOLDERS = [
  'session.first_name',
  'session.schedule.appointment_duration',
  'session._selectedAppointmentSlot.date_time_string',
] as const;

export interface PlaceholderSpan {
  /** The whole `{{ … }}`, and where it is in the text (UTF-16 offsets). */
  raw: string;
  name: string;
  start: number;
  end: number;
}

/** Every `{{ name }}` in a text, in order. */
export function placeholdersIn(text: string): PlaceholderSpan[] {
  const out: PlaceholderSpan[] = [];
  for (const m of text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
    out.push({ raw: m[0], name: m[1] as string, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

/** The placeholder names a flow may use: `session.<variableName>` of every ask, and the documented ones. */
export function knownPlaceholders(variableNames: Iterable<string | null | undefined>): Set<string> {
  const known = new Set<string>(DOCUMENTED_PLACEHOLDERS);
  for (const v of variableNames) if (v) known.add(`session.${v}`);
  return known;
}

/** The placeholders of a text that name nothing the flow knows. */
export const unknownPlaceholders = (text: string, known: ReadonlySet<string>): string[] =>
  placeholdersIn(text)
    .map((p) => p.name)
    .filter((n) => !known.has(n));
