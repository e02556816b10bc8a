/**
 * The message payloads Recrubo documents (Message resource, Sending-messages guide) as they are checked on
 * `POST /flow-runs` (`initialMessage`) and `POST /messages` (`payload`), and the schedule ids of a run's `state`.
 */
import { unprocessable, type ErrorEntry } from './errors.ts';
import type { Rec, Store } from './store.ts';
import { checkTemplatePayload, fillTemplate } from './templates.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface PayloadCheck {
  errors: ErrorEntry[];
  /** What the candidate would read; null for `{}` (nothing is sent). */
  text: string | null;
  template?: Rec;
}

/**
 * `{}` (only where `allowEmpty`: a run that sends nothing), `{type:"text", text:{value}}` or a template payload.
 * The guide's text form is used; the resource page's `{type:"text", attributes:{value}}` is accepted too, since
 * the docs show both.
 */
export function checkPayload(
  payload: unknown,
  pointer: string,
  store: Store,
  opts: { allowEmpty: boolean; channel?: unknown },
): PayloadCheck {
  if (!isObject(payload))
    return { errors: [unprocessable(`Parameter ${pointer.split('/').pop()} is invalid`, pointer)], text: null };
  if (opts.allowEmpty && Object.keys(payload).length === 0) return { errors: [], text: null };
  if (payload.type === 'template') {
    const t = checkTemplatePayload(payload, pointer, store);
    return { errors: t.errors, text: t.template ? fillTemplate(t.template, t.parameters) : null, template: t.template };
  }
  if (payload.type === 'text') {
    const inner = isObject(payload.text) ? payload.text : isObject(payload.attributes) ? payload.attributes : undefined;
    const where = isObject(payload.text) || !isObject(payload.attributes) ? 'text' : 'attributes';
    if (!inner || typeof inner.value !== 'string' || !inner.value.trim()) {
      return {
        errors: [unprocessable("Parameter text.value can't be blank", `${pointer}/${where}/value`)],
        text: null,
      };
    }
    return { errors: [], text: inner.value };
  }
  if (payload.type === undefined)
    return { errors: [unprocessable("Parameter type can't be blank", `${pointer}/type`)], text: null };
  return { errors: [unprocessable('Parameter type must be text or template', `${pointer}/type`)], text: null };
}

/** `initialMessage` of `POST /flow-runs`: `{}` or a payload; on WhatsApp only a template can open a conversation. */
export function checkInitialMessage(value: unknown, store: Store, thread: Rec | undefined): PayloadCheck {
  const pointer = '/data/attributes/initialMessage';
  const check = checkPayload(value, pointer, store, { allowEmpty: true });
  if (!check.errors.length && thread?.attrs.channel === 'whatsapp' && isObject(value) && value.type === 'text') {
    check.errors.push(
      unprocessable(
        'initialMessage on a whatsapp thread must be a template (or {} to send nothing)',
        `${pointer}/type`,
      ),
    );
  }
  return check;
}

/** `state.scheduleId` / `state.scheduleIds` (a string or an array of strings) must name known schedules. */
export function checkScheduleIds(state: Record<string, unknown>, store: Store): ErrorEntry[] {
  const errors: ErrorEntry[] = [];
  for (const key of ['scheduleId', 'scheduleIds']) {
    const v = state[key];
    if (v === undefined) continue;
    const pointer = `/data/attributes/state/${key}`;
    const ids =
      typeof v === 'string' ? [[v, pointer]] : Array.isArray(v) ? v.map((x, i) => [x, `${pointer}/${i}`]) : [];
    if (Array.isArray(v) && v.length === 0)
      errors.push(unprocessable(`Parameter state.${key} can't be blank`, pointer));
    for (const [id, at] of ids as [unknown, string][]) {
      if (typeof id !== 'string')
        errors.push(unprocessable(`Parameter state.${key} must be a string or an array of strings`, at));
      else if (!store.get('schedules', id)) errors.push(unprocessable(`Schedule ${id} not found`, at));
    }
    if (typeof v !== 'string' && !Array.isArray(v))
      errors.push(unprocessable(`Parameter state.${key} must be a string or an array of strings`, pointer));
  }
  return errors;
}
