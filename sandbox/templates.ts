/**
 * MessageTemplates: the seeded set (Meta's component shape, as Recrubo's MessageTemplate page shows it) and the
 * rules for a template payload (FlowRun `initialMessage`, Message `payload`): which template, and one body
 * parameter per `{{n}}` of its BODY.
 */
import { unprocessable, type ErrorEntry } from './errors.ts';
import type { Rec, Store } from './store.ts';

/** The template id of the docs' example FlowRun POST (seeds 002/003): seeded, approved, one body parameter. */
export const DOCS_TEMPLATE_ID = '7f9a9715-5e7c-4328-ab47-bb9e595438c9';

export interface SeedTemplate {
  key:
    | 'example'
    | 'welcomeNl'
    | 'twoParameters'
    | 'twoParametersNl'
    | 'reminder'
    | 'noParameters'
    | 'pending'
    | 'rejected';
  name: string;
  language: 'en' | 'nl';
  category: 'MARKETING' | 'UTILITY';
  status: 'APPROVED' | 'PENDING' | 'REJECTED';
  body: string;
  /** Meta's `example.body_text`: one sample per parameter. */
  example: string[];
  footer?: string;
}

export const SEED_TEMPLATES: SeedTemplate[] = [
  {
    key: 'example',
    name: 'welcome_candidate',
    language: 'en',
    category: 'MARKETING',
    status: 'APPROVED',
    body: 'Hi {{1}}, thanks for applying! Shall we start with a few short questions?',
    example: ['John'],
  },
  {
    key: 'welcomeNl',
    name: 'welcome_candidate',
    language: 'nl',
    category: 'MARKETING',
    status: 'APPROVED',
    body: 'Hoi {{1}}, bedankt voor je sollicitatie! Zullen we starten met een paar korte vragen?',
    example: ['John'],
  },
  {
    key: 'twoParameters',
    name: 'vacancy_invitation',
    language: 'en',
    category: 'MARKETING',
    status: 'APPROVED',
    body: 'Hi {{1}}, you applied for {{2}}. Reply to this message to continue your application.',
    example: ['John', 'Driver'],
    footer: 'Reply STOP to opt out',
  },
  {
    key: 'twoParametersNl',
    name: 'vacancy_invitation',
    language: 'nl',
    category: 'MARKETING',
    status: 'APPROVED',
    body: 'Hoi {{1}}, je hebt gesolliciteerd op {{2}}. Reageer op dit bericht om verder te gaan.',
    example: ['John', 'Chauffeur'],
    footer: 'Antwoord STOP om af te melden',
  },
  {
    key: 'reminder',
    name: 'interview_reminder',
    language: 'en',
    category: 'UTILITY',
    status: 'APPROVED',
    body: 'Reminder: your interview is tomorrow at {{1}}.',
    example: ['10:30'],
  },
  {
    key: 'noParameters',
    name: 'still_interested',
    language: 'en',
    category: 'UTILITY',
    status: 'APPROVED',
    body: 'Are you still interested in the vacancy? Reply to this message to continue.',
    example: [],
  },
  {
    key: 'pending',
    name: 'application_received',
    language: 'nl',
    category: 'UTILITY',
    status: 'PENDING',
    body: 'We hebben je sollicitatie ontvangen, {{1}}.',
    example: ['John'],
  },
  {
    key: 'rejected',
    name: 'job_alert',
    language: 'en',
    category: 'MARKETING',
    status: 'REJECTED',
    body: 'New jobs near {{1}}! Click here to win a prize: {{2}}',
    example: ['Amsterdam', 'https://example.com'],
  },
];

export function templateAttributes(t: SeedTemplate): Record<string, unknown> {
  const body: Record<string, unknown> = { type: 'BODY', text: t.body };
  if (t.example.length) body.example = { body_text: [t.example] };
  return {
    name: t.name,
    components: t.footer ? [body, { type: 'FOOTER', text: t.footer }] : [body],
    language: t.language,
    category: t.category,
    status: t.status,
    preview: t.body,
  };
}

const bodyOf = (rec: Rec): string => {
  const components = Array.isArray(rec.attrs.components) ? (rec.attrs.components as Record<string, unknown>[]) : [];
  return String(components.find((c) => String(c.type).toUpperCase() === 'BODY')?.text ?? '');
};

/** How many `{{n}}` parameters a template's BODY has (the highest n). */
export function bodyParameterCount(rec: Rec): number {
  return Math.max(0, ...[...bodyOf(rec).matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1])));
}

/** The BODY with `{{n}}` replaced by the n-th parameter: what the candidate reads. */
export function fillTemplate(rec: Rec, parameters: string[]): string {
  return bodyOf(rec).replace(/\{\{(\d+)\}\}/g, (all, n: string) => parameters[Number(n) - 1] ?? all);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface TemplateCheck {
  errors: ErrorEntry[];
  template?: Rec;
  parameters: string[];
}

/**
 * Checks `{type:"template", template:{id, components:[{type:"body", parameters:[{type:"text", text}]}]}}` at
 * `pointer` (e.g. `/data/attributes/initialMessage`). Every problem names where it is, down to the parameter.
 */
export function checkTemplatePayload(payload: Record<string, unknown>, pointer: string, store: Store): TemplateCheck {
  const errors: ErrorEntry[] = [];
  const tpl = payload.template;
  if (!isObject(tpl))
    return { errors: [unprocessable("Parameter template can't be blank", `${pointer}/template`)], parameters: [] };
  if (typeof tpl.id !== 'string' || !tpl.id)
    return {
      errors: [unprocessable("Parameter template.id can't be blank", `${pointer}/template/id`)],
      parameters: [],
    };
  const template = store.get('messageTemplates', tpl.id);
  if (!template)
    return { errors: [unprocessable('MessageTemplate not found', `${pointer}/template/id`)], parameters: [] };
  if (template.attrs.status !== 'APPROVED') {
    errors.push(
      unprocessable(
        `MessageTemplate ${String(template.attrs.name)} is ${String(template.attrs.status)}: only APPROVED templates can be sent`,
        `${pointer}/template/id`,
      ),
    );
  }
  const expected = bodyParameterCount(template);
  const components = tpl.components ?? [];
  if (!Array.isArray(components)) {
    errors.push(unprocessable('Parameter template.components is invalid', `${pointer}/template/components`));
    return { errors, template, parameters: [] };
  }
  const bodyIndex = components.findIndex((c) => isObject(c) && String(c.type).toLowerCase() === 'body');
  const body = bodyIndex >= 0 ? (components[bodyIndex] as Record<string, unknown>) : undefined;
  const given = body && Array.isArray(body.parameters) ? (body.parameters as unknown[]) : [];
  if (body && body.parameters !== undefined && !Array.isArray(body.parameters)) {
    errors.push(
      unprocessable('Parameter parameters is invalid', `${pointer}/template/components/${bodyIndex}/parameters`),
    );
  }
  const at = (i: number) =>
    bodyIndex >= 0 ? `${pointer}/template/components/${bodyIndex}/parameters/${i}` : `${pointer}/template/components`;
  const parameters: string[] = [];
  for (let i = 0; i < Math.max(expected, given.length); i++) {
    const p = given[i];
    if (i >= expected) {
      errors.push(
        unprocessable(
          `Template ${String(template.attrs.name)} has ${expected} body parameter${expected === 1 ? '' : 's'}; parameter ${i + 1} is one too many`,
          at(i),
        ),
      );
    } else if (p === undefined) {
      errors.push(
        unprocessable(`Parameter {{${i + 1}}} of template ${String(template.attrs.name)} can't be blank`, at(i)),
      );
    } else if (!isObject(p) || p.type !== 'text' || typeof p.text !== 'string' || !p.text.trim()) {
      errors.push(
        unprocessable(
          `Parameter {{${i + 1}}} of template ${String(template.attrs.name)} must be {"type":"text","text":"..."} with a text`,
          at(i),
        ),
      );
    } else parameters.push(p.text);
  }
  return { errors, template, parameters };
}
