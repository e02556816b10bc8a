// MessageTemplates: WhatsApp (Meta) templates, the only way to write first to a candidate on WhatsApp. Fetched
// through `api.messageTemplates` (the resource helper); the pure helpers here read a template's BODY text and its
// `{{n}}` parameters the way Meta numbers them.
import type { MessageTemplate } from './types.js';

/** Meta's approval state; only approved templates can be sent. */
export const isApprovedTemplate = (t: Pick<MessageTemplate, 'status'>): boolean =>
  (t.status ?? '').toUpperCase() === 'APPROVED';

/** The BODY component's text (`type` is `BODY` in Meta's spelling, `body` in the message payload). */
export function templateBodyText(t: Pick<MessageTemplate, 'components' | 'preview'>): string {
  const body = (t.components ?? []).find((c) => String(c?.type).toUpperCase() === 'BODY');
  return typeof body?.text === 'string' ? body.text : (t.preview ?? '');
}

/** How many body parameters the template takes: the highest `{{n}}` (Meta numbers them 1, 2, … without gaps). */
export function templateParameterCount(text: string): number {
  let max = 0;
  for (const m of text.matchAll(/\{\{\s*(\d+)\s*\}\}/g)) max = Math.max(max, Number(m[1]));
  return max;
}

/** The example values Meta keeps for the body (`example.body_text[0]`), used as input hints. */
export function templateParameterExamples(t: Pick<MessageTemplate, 'components'>): string[] {
  const body = (t.components ?? []).find((c) => String(c?.type).toUpperCase() === 'BODY');
  const rows = (body?.example as { body_text?: unknown } | undefined)?.body_text;
  const first = Array.isArray(rows) ? rows[0] : undefined;
  return Array.isArray(first) ? first.map((v) => String(v)) : [];
}

/** A body split into literal text and parameter slots, so a preview can render values as text (never as markup). */
export type TemplatePart = { text: string } | { parameter: number };

export function templateParts(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{\{\s*(\d+)\s*\}\}/g)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ parameter: Number(m[1]) });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** The documented template payload (FlowRun `initialMessage`, Message `payload`). */
export interface TemplateMessagePayload {
  type: 'template';
  template: { id: string; components: { type: 'body'; parameters: { type: 'text'; text: string }[] }[] };
}

/** A template without parameters sends no body component (Meta refuses an empty parameter list). */
export function templatePayload(templateId: string, parameters: readonly string[]): TemplateMessagePayload {
  const components = parameters.length
    ? [{ type: 'body' as const, parameters: parameters.map((text) => ({ type: 'text' as const, text })) }]
    : [];
  return { type: 'template', template: { id: templateId, components } };
}
