/**
 * Turns valid `vacancy_application_flow` parameters into a Flow with Nodes, NodeActions and NodeTransitions the way
 * Recrubo's AI-generated flows are described: one start node, one node per question, the appointment step if any,
 * an accepted and a declined end node, and exactly one action per node.
 */
import {
  suggestSessionField,
  type AppointmentItem,
  type RequirementItem,
  type VacancyFlowParameters,
} from '../src/shared/vacancy-flow-rules.ts';
import type { Rec, Store } from './store.ts';

export interface BuildFlowInput {
  flowId: string;
  name: string;
  parameters: VacancyFlowParameters;
  flowGenerationId: string | null;
  /** Real epoch ms for createdAt/updatedAt. */
  at: number;
  newId: () => string;
  published?: boolean;
}

/** The personal fields by name, in the flow's language: the node's name and the noun of its question. */
const LABELS: Record<'en' | 'nl', Record<string, string>> = {
  en: {
    firstName: 'First name',
    lastName: 'Last name',
    name: 'Name',
    email: 'Email address',
    phoneNumber: 'Phone number',
    address: 'Address',
    postalCode: 'Postal code',
    city: 'City',
    dateOfBirth: 'Date of birth',
    linkedin: 'LinkedIn profile',
    portfolio: 'Portfolio',
  },
  nl: {
    firstName: 'Voornaam',
    lastName: 'Achternaam',
    name: 'Naam',
    email: 'E-mailadres',
    phoneNumber: 'Telefoonnummer',
    address: 'Adres',
    postalCode: 'Postcode',
    city: 'Woonplaats',
    dateOfBirth: 'Geboortedatum',
    linkedin: 'LinkedIn-profiel',
    portfolio: 'Portfolio',
  },
};

/** "LinkedIn-profiel" keeps its capital inside a question; other labels are lowercased ("je voornaam"). */
const inQuestion = (label: string) => (/^[A-Z][a-z]+[A-Z]/.test(label) ? label : label.toLowerCase());

/** How a requirement's opening words become a question ("Has drivers license B" → "Do you have …?"). */
const QUESTION_FORMS: Record<'en' | 'nl', [RegExp, string][]> = {
  en: [
    [/^(?:has|have) (.+)$/i, 'Do you have $1?'],
    [/^(?:must be|is|are) (.+)$/i, 'Are you $1?'],
    [/^can (.+)$/i, 'Can you $1?'],
    [/^speaks (.+)$/i, 'Do you speak $1?'],
    [/^lives (.+)$/i, 'Do you live $1?'],
    [/^works? (.+)$/i, 'Do you work $1?'],
    [/^available (.+)$/i, 'Are you available $1?'],
  ],
  // The recruiter may write a Dutch flow's requirements in English (as Recrubo's own example does) or in Dutch.
  nl: [
    [/^(?:has|heeft|heb) (.+)$/i, 'Heb je $1?'],
    [/^(?:must be|is|are) (.+)$/i, 'Ben je $1?'],
    [/^(?:can|kan) (.+)$/i, 'Kun je $1?'],
    [/^(?:speaks|spreekt) (.+)$/i, 'Spreek je $1?'],
    [/^(?:lives|woont) (.+)$/i, 'Woon je $1?'],
    [/^(?:available|beschikbaar) (.+)$/i, 'Ben je beschikbaar $1?'],
  ],
};

/** The few English words of requirements a Dutch question should not keep (the stand-in for Recrubo's AI). */
const DUTCH_WORDS: [RegExp, string][] = [
  [/\bdriver'?s licen[cs]e\b/gi, 'rijbewijs'],
  [/\bdriving licen[cs]e\b/gi, 'rijbewijs'],
  [/\bcommunicative\b/gi, 'communicatief'],
  [/\ba forklift certificate\b/gi, 'een heftruckcertificaat'],
  [/\ba (\w+) certificate\b/gi, 'een $1-certificaat'],
  [/\bon weekends\b/gi, 'in het weekend'],
  [/\bin the weekend\b/gi, 'in het weekend'],
  [/\bfluently\b/gi, 'vloeiend'],
  [/\bEnglish\b/g, 'Engels'],
  [/\bDutch\b/g, 'Nederlands'],
  [/\bregistered\b/gi, 'geregistreerd'],
  [/\bpunctual\b/gi, 'punctueel'],
];

/**
 * A requirement as a yes/no question in the flow's language: "Has drivers license B" → "Heb je rijbewijs B?". A
 * requirement that already asks (has a question mark) is asked as it is; one no form fits is asked about, never stated.
 */
export function requirementQuestion(language: 'en' | 'nl', value: string): string {
  const text = value.trim();
  if (text.includes('?')) return text;
  const bare = text.replace(/[.!]+$/, '');
  for (const [form, question] of QUESTION_FORMS[language]) {
    if (!form.test(bare)) continue;
    const asked = bare.replace(form, question);
    return language === 'nl' ? DUTCH_WORDS.reduce((q, [en, nl]) => q.replace(en, nl), asked) : asked;
  }
  const lower = /^[A-Z][^A-Z]/.test(bare) ? bare[0]!.toLowerCase() + bare.slice(1) : bare;
  return language === 'nl' ? `Geldt dit voor jou: ${lower}?` : `Does this apply to you: ${lower}?`;
}

const TEXTS = {
  nl: {
    welcome: (n: string) => `Hoi! Leuk dat je interesse hebt in de vacature ${n}. Ik stel je een paar korte vragen.`,
    ask: (label: string) => `Wat is je ${inQuestion(label)}?`,
    accepted: 'Bedankt! We nemen snel contact met je op.',
    declined: 'Bedankt voor je tijd. Helaas past deze vacature nu niet bij je.',
    appointment: 'Plan een afspraak op een moment dat jou past.',
    yes: 'Ja',
    no: 'Nee',
    reminder: 'Ben je er nog? Er zijn nog een paar vragen over om je sollicitatie af te ronden.',
  },
  en: {
    welcome: (n: string) => `Hi! Great that you are interested in the ${n} vacancy. I have a few short questions.`,
    ask: (label: string) => `What is your ${inQuestion(label)}?`,
    accepted: 'Thank you! We will contact you soon.',
    declined: 'Thank you for your time. Unfortunately this vacancy is not a match right now.',
    appointment: 'Schedule an appointment at a time that suits you.',
    yes: 'Yes',
    no: 'No',
    reminder: 'Are you still there? There are still a few questions left to finish your application.',
  },
};

interface Step {
  name: string;
  action: Record<string, unknown>;
  knockout?: boolean;
  end?: 'accepted' | 'declined';
  start?: boolean;
}

const sessionKey = (item: RequirementItem) => item.sessionField?.trim() || suggestSessionField(item.value);

function steps(p: VacancyFlowParameters, name: string): Step[] {
  const language = p.language === 'en' ? 'en' : 'nl';
  const t = TEXTS[language];
  const ask = (subType: string, value: Record<string, unknown>, variableName: string) => ({
    actionType: 'ask',
    subType,
    value,
    variableName,
  });
  const fields = [...p.requiredFields, ...(p.optionalFields ?? [])].map((f): Step => {
    const label = LABELS[language][f.value] ?? f.value;
    return {
      name: label,
      action: ask(f.value === 'phoneNumber' ? 'contact' : 'text', { text: t.ask(label) }, sessionKey(f)),
    };
  });
  const yesNo = (r: RequirementItem, knockout: boolean): Step => ({
    name: r.value,
    knockout,
    action: ask('list', { text: requirementQuestion(language, r.value), options: [t.yes, t.no] }, sessionKey(r)),
  });
  const appointments = (p.extraOptions ?? []).filter((o): o is AppointmentItem => o.value === 'appointment');
  return [
    {
      name: 'Start',
      start: true,
      action: { actionType: 'say', subType: 'text', value: { text: t.welcome(name) }, variableName: null },
    },
    ...fields,
    ...p.knockoutRequirements.map((r) => yesNo(r, true)),
    ...(p.preferredRequirements ?? []).map((r) => yesNo(r, false)),
    ...appointments.map((a): Step => ({
      name: language === 'nl' ? 'Afspraak' : 'Appointment',
      action: ask('appointment', { text: t.appointment, ...a.options }, 'appointment'),
    })),
    {
      name: 'Accepted',
      end: 'accepted',
      action: { actionType: 'say', subType: 'text', value: { text: t.accepted }, variableName: null },
    },
    {
      name: 'Declined',
      end: 'declined',
      action: { actionType: 'say', subType: 'text', value: { text: t.declined }, variableName: null },
    },
  ];
}

export function buildFlow(store: Store, input: BuildFlowInput): Rec {
  const { at, newId } = input;
  const rec = (type: Rec['type'], attrs: Record<string, unknown>, id = newId()): Rec =>
    store.put({ id, type, createdAt: at, updatedAt: at, attrs });
  const flow = rec(
    'flows',
    {
      name: input.name,
      reminderInterval: 15,
      reminderMessage: TEXTS[input.parameters.language === 'en' ? 'en' : 'nl'].reminder,
      sessionTimeout: 1440,
      publishedAt: input.published === false ? null : new Date(at).toISOString(),
      unpublishedChanges: input.published === false,
      flowGenerationId: input.flowGenerationId,
    },
    input.flowId,
  );
  const list = steps(input.parameters, input.name);
  const nodes = list.map((s, index) =>
    rec('nodes', {
      name: s.name,
      index,
      flowId: flow.id,
      isStartFlow: !!s.start,
      isEndFlow: !!s.end,
      endFlowType: s.end ?? null,
    }),
  );
  const declined = nodes[nodes.length - 1] as Rec;
  const accepted = nodes[nodes.length - 2] as Rec;
  list.forEach((s, i) => {
    const node = nodes[i] as Rec;
    rec('nodeActions', { nodeId: node.id, index: 0, attachmentData: null, ...s.action });
    if (s.end) return;
    const next = i + 1 < nodes.length - 2 ? (nodes[i + 1] as Rec) : accepted;
    let index = 0;
    if (s.knockout)
      rec('nodeTransitions', {
        nodeId: node.id,
        condition: 'answer == "no"',
        index: index++,
        targetNodeId: declined.id,
      });
    rec('nodeTransitions', { nodeId: node.id, condition: null, index, targetNodeId: next.id });
  });
  return flow;
}

/** The questions of a flow in order: [sessionField, subType] of every `ask` action. */
export function sessionFieldsOf(store: Store, flowId: string): [string, string][] {
  return store
    .where('nodes', 'flowId', flowId)
    .sort((a, b) => Number(a.attrs.index) - Number(b.attrs.index))
    .flatMap((node) => store.where('nodeActions', 'nodeId', node.id))
    .filter((a) => a.attrs.actionType === 'ask' && typeof a.attrs.variableName === 'string')
    .map((a) => [a.attrs.variableName as string, String(a.attrs.subType)]);
}
