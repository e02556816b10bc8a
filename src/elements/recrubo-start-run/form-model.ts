// The invite form's pure pieces: where a server's refusal belongs, the message shown for a failed invitation, the
// preview of the template as the candidate reads it, and cached `Intl.DisplayNames` for countries and languages.
import { html, type TemplateResult } from 'lit';
import { isRecruboApiError, type RecruboErrorEntry } from '../../api/errors.js';
import { templateParts } from '../../api/message-templates.js';
import { errorKey, type SharedKey } from '../../shared/i18n.js';
import type { StartRunKey } from './strings.js';
import type { InviteError } from './invite.js';

export type Field = 'phone' | 'template' | 'parameters' | 'schedules';

/** Where a 422 entry belongs: by its pointer (`/data/attributes/initialMessage/template/components/0/parameters/1`). */
export function fieldOfEntry(entry: RecruboErrorEntry): Field | undefined {
  const p = entry.pointer ?? '';
  if (/\/attributes\/(identifier|channel)\b/.test(p)) return 'phone';
  if (/\/attributes\/initialMessage\/template(\/id)?$/.test(p)) return 'template';
  if (/\/attributes\/initialMessage\b/.test(p)) return 'parameters';
  if (/\/attributes\/state\b/.test(p)) return 'schedules';
  const byName: Record<string, Field> = {
    identifier: 'phone',
    initialMessage: 'parameters',
    state: 'schedules',
    scheduleId: 'schedules',
  };
  return entry.field ? byName[entry.field] : undefined;
}

type Translate = (key: StartRunKey | SharedKey, params?: Record<string, string | number>) => string;

const FIELD_MESSAGE: Record<Field, StartRunKey> = {
  phone: 'phone.invalid',
  template: 'template.invalid',
  parameters: 'parameter.invalid',
  schedules: 'schedules.invalid',
};

/**
 * A failed invitation: 422 entries next to their fields, and one message that says at which step it failed (after
 * the thread exists, the retry reuses it) and why (the server's details when no field shows them).
 */
export function failureMessages(
  err: InviteError,
  t: Translate,
): { fieldErrors: Partial<Record<Field, string>>; formError: string } {
  const error = err.error;
  const entries = isRecruboApiError(error) && error.status === 422 ? error.errors : [];
  const fieldErrors: Partial<Record<Field, string>> = {};
  for (const entry of entries) {
    const field = fieldOfEntry(entry);
    if (!field) continue;
    const detail = entry.detail ?? entry.title ?? '';
    fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${detail}` : t(FIELD_MESSAGE[field], { detail });
  }
  let reason = err.message;
  if (isRecruboApiError(error)) {
    const details = error.errors.map((e) => e.detail ?? e.title).filter(Boolean);
    reason =
      error.status === 422 && !Object.keys(fieldErrors).length && details.length
        ? details.join(' ')
        : t(errorKey(error), { status: error.status ?? '' });
  }
  return { fieldErrors, formError: t(err.stage === 'run' ? 'error.run' : 'error.thread', { reason }) };
}

/** The body with each `{{n}}` replaced by its typed value (or left visible while empty). Lit text: never markup. */
export function previewBody(text: string, values: readonly string[]): (string | TemplateResult)[] {
  return templateParts(text).map((part) => {
    if ('text' in part) return part.text;
    const value = (values[part.parameter - 1] ?? '').trim();
    return value ? html`<bdi class="slot">${value}</bdi>` : html`<span class="slot-empty">{{${part.parameter}}}</span>`;
  });
}

const names = new Map<string, Intl.DisplayNames | null>();

/** "Netherlands" / "Nederland" for `NL`, "Dutch" / "Nederlands" for `nl`; the code itself when Intl cannot say. */
export function displayName(lang: string, type: 'region' | 'language', code: string): string {
  const key = `${lang}\u0000${type}`;
  if (!names.has(key)) {
    try {
      names.set(key, new Intl.DisplayNames([lang], { type }));
    } catch {
      names.set(key, null);
    }
  }
  try {
    return names.get(key)?.of(code) ?? code;
  } catch {
    return code;
  }
}
