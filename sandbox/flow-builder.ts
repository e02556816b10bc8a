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

const LABELS: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  name: 'Name',
  email: 'Email',
  phoneNumber: 'Phone number',
  address: 'Address',
  postalCode: 'Postal code',
  city: 'City',
  dateOfBirth: 'Date of birth',
  linkedin: 'LinkedIn',
  portfolio: 'Portfolio',
};

const TEXTS = {
  nl: {
    welcome: (n: string) => `Hoi! Leuk dat je interesse hebt in de vacature ${n}. Ik stel je een paar korte vragen.`,
    ask: (label: string) => `Wat is je ${label.toLowerCase()}?`,
    accepted: 'Bedankt! We nemen snel contact met je op.',
    declined: 'Bedankt voor je tijd. Helaas past deze vacature nu niet bij je.',
    appointment: 'Plan een afspraak op een moment dat jou past.',
    yes: 'Ja',
    no: 'Nee',
  },
  en: {
    welcome: (n: string) => `Hi! Great that you are interested in the ${n} vacancy. I have a few short questions.`,
    ask: (label: string) => `What is your ${label.toLowerCase()}?`,
    accepted: 'Thank you! We will contact you soon.',
    declined: 'Thank you for your time. Unfortunately this vacancy is not a match right now.',
    appointment: 'Schedule an appointment at a time that suits you.',
    yes: 'Yes',
    no: 'No',
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
  const t = TEXTS[p.language === 'en' ? 'en' : 'nl'];
  const ask = (subType: string, value: Record<string, unknown>, variableName: string) => ({
    actionType: 'ask',
    subType,
    value,
    variableName,
  });
  const fields = [...p.requiredFields, ...(p.optionalFields ?? [])].map((f): Step => {
    const label = LABELS[f.value] ?? f.value;
    return {
      name: label,
      action: ask(f.value === 'phoneNumber' ? 'contact' : 'text', { text: t.ask(label) }, sessionKey(f)),
    };
  });
  const yesNo = (r: RequirementItem, knockout: boolean): Step => ({
    name: r.value,
    knockout,
    action: ask('list', { text: r.value, options: [t.yes, t.no] }, sessionKey(r)),
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
      name: 'Appointment',
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
      reminderMessage: 'Are you still there? There are still a few questions left to finish your application.',
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
