// The seed examples a preview is tested with, and helpers to generate their flows in a test's own tenant.
//
// FLOW_GENERATION_EXAMPLE_BODY and APPOINTMENT_EXAMPLE_BODY are quoted literally in the generate-flow fixtures
// (seeds 000/001). NEWER_APPOINTMENT_EXAMPLE_BODY is seed 000's newer copy of "Example POST body with a V2
// Appointment Step", made valid JSON: the missing comma added, the `//` comments (the scheduleMode alternative)
// left out, the shell line continuations joined; every value is as printed.
import { waitUntil } from '@open-wc/testing';
import type { RecruboFlowPreviewElement } from '../../../src/elements/recrubo-flow-preview/define.js';
import type { FlowGenerationInput } from '../../../src/api/types.js';
import type { TestSandbox } from '../helpers/sandbox.js';
import { $, $$, textOf } from '../helpers/dom.js';
import {
  APPOINTMENT_EXAMPLE_BODY,
  FLOW_GENERATION_EXAMPLE_BODY,
  attributesOf,
} from '../recrubo-generate-flow/fixtures.js';

export { attributesOf, $, $$, textOf };

export const NEWER_APPOINTMENT_EXAMPLE_BODY = `{
"data": {
"type": "flowGenerations",
"attributes": {
"flowType": "vacancy_application_flow",
"parameters": {
"language": "nl",
"emojiUsage": "3",
"flowName": "Driver",
"knockoutRequirements": [
{"value": "Has drivers license B", "sessionField": "drivers_license"},
{"value": "Must be communicative", "sessionField": "communicative"},
{"value": "Work permit?", "sessionField": "ats_field:connexys:work_permit"}
],
"preferredRequirements": [
{"value": "Lives in Amsterdam", "sessionField": "location"}
],
"requiredFields": [
{"value": "firstName", "sessionField": "first_name"},
{"value": "email", "sessionField": "email"},
{"value": "phoneNumber", "sessionField": "phone"}
],
"optionalFields": [
{"value": "address", "sessionField": "address"},
{"value": "linkedin", "sessionField": "linkedin"},
{"value": "portfolio", "sessionField": "portfolio"}
],
"extraOptions": [
{
"value": "appointment",
"language": "en",
"options": {
"version": 2,
"scheduleIds": "1,2,3",
"askDayNL": "Super, {{session.first_name}}! Tijd om kennis te maken. Plan snel een afspraak in op een moment dat jou past. De afspraak duurt ongeveer {{session.schedule.appointment_duration}} minuten 🗓️",
"askDayEN": "Great, {{session.first_name}}! Time to get to know each other. Quickly schedule an appointment at a time that suits you. The appointment will take about {{session.schedule.appointment_duration}} minutes 🗓️",
"askSlotNL": "Top! Kies nu nog een tijdstip dat jou het beste uitkomt 🕒",
"askSlotEN": "Great! Now choose a time that suits you best 🕒",
"noSlotNL": "Helaas, er zijn geen beschikbare tijden meer op deze dag.",
"noSlotEN": "Unfortunately, there are no available times left on this day.",
"confirmSlotMessageNL": "We hebben {{session._selectedAppointmentSlot.date_time_string}} voor je genoteerd. Klopt dit en ben je dan beschikbaar?",
"confirmSlotMessageEN": "We have noted {{session._selectedAppointmentSlot.date_time_string}} for you. Is this correct and are you available?",
"denyConfirmMessageNL": "Begrepen! Laten we een nieuw moment kiezen!",
"denyConfirmMessageEN": "Understood! Let's pick a new moment!"
}
}
]
},
"context": {
"type": "text",
"value": "Example vacancy text here."
}
}
}
}`;

export const SEED_EXAMPLES: { name: string; body: string }[] = [
  { name: 'Example POST body (seeds 000/001)', body: FLOW_GENERATION_EXAMPLE_BODY },
  { name: 'Example POST body with a V2 Appointment Step (seed 001)', body: APPOINTMENT_EXAMPLE_BODY },
  { name: 'Example POST body with a V2 Appointment Step, newer copy (seed 000)', body: NEWER_APPOINTMENT_EXAMPLE_BODY },
];

const headers = (sb: TestSandbox) => ({
  Authorization: `Bearer ${sb.apiKey}`,
  'Content-Type': 'application/vnd.api+json',
  Accept: 'application/vnd.api+json',
});

/** POSTs a generation with `?sync=true` and gives the id of the flow it made. */
export async function generateFlow(sb: TestSandbox, attributes: FlowGenerationInput): Promise<string> {
  const res = await fetch(`${sb.baseUrl}/flow-generations?sync=true`, {
    method: 'POST',
    headers: headers(sb),
    body: JSON.stringify({ data: { type: 'flowGenerations', attributes } }),
  });
  const body = await res.json();
  if (res.status !== 201 || !body.data.attributes.flowId)
    throw new Error(`generation failed: ${res.status} ${JSON.stringify(body)}`);
  return body.data.attributes.flowId as string;
}

export interface ApiNode {
  id: string;
  name: string;
  index: number;
  isEndFlow: boolean;
  endFlowType: string | null;
  text: string;
  subType: string;
  variableName: string | null;
}

/** The flow's nodes with their first action, read straight from the API (what the preview must show). */
export async function nodesOf(sb: TestSandbox, flowId: string): Promise<ApiNode[]> {
  const res = await fetch(
    `${sb.baseUrl}/nodes?filter[flowId]=${flowId}&include=nodeActions&sort=index&page[size]=100`,
    { headers: headers(sb) },
  );
  const body = await res.json();
  const actions = new Map<string, any>((body.included ?? []).map((r: any) => [r.id, r]));
  return body.data.map((n: any) => {
    const action = actions.get(n.relationships.nodeActions.data[0]?.id)?.attributes ?? {};
    return {
      id: n.id,
      ...n.attributes,
      text: action.value?.text ?? '',
      subType: action.subType,
      variableName: action.variableName ?? null,
    };
  });
}

/** Waits until the preview shows its flow (or its final error). */
export async function loaded(el: RecruboFlowPreviewElement, timeout = 15000): Promise<void> {
  await waitUntil(
    () => !$(el, '[part~="skeleton"]') && (el.steps !== undefined || $(el, '[part~="error"]')),
    'the preview loaded',
    { timeout },
  );
  await el.updateComplete;
}

/** Positions of `needles` in `haystack`, in order; -1 where one is missing or comes before the previous one. */
export function inOrder(haystack: string, needles: string[]): number[] {
  let from = 0;
  return needles.map((n) => {
    const at = haystack.indexOf(n, from);
    if (at >= 0) from = at + n.length;
    return at;
  });
}
