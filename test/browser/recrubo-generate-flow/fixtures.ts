// The example POST bodies of Recrubo's FlowGeneration reference page, quoted literally.
//
// FLOW_GENERATION_EXAMPLE: "Example POST body" (seeds 000 and 001, identical in both).
// APPOINTMENT_EXAMPLE: "Example POST body with a V2 Appointment Step" as seed 001 prints it (valid JSON; seed 000's
// newer copy of the same example has comments, a missing comma and shell line continuations, so it cannot be parsed).
import { expect } from '@open-wc/testing';
import type { RecruboGenerateFlowElement } from '../../../src/elements/recrubo-generate-flow/define.js';
import type { FlowGenerationInput } from '../../../src/api/types.js';
import { $, $$, textOf } from '../helpers/dom.js';

export { $, $$, textOf };

export const FLOW_GENERATION_EXAMPLE_BODY = `{
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
          {"value": "Must be communicative", "sessionField": "communicative"}
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
        ]
      },
      "context": {
        "type": "text",
        "value": "Example vacancy text here."
      }
    }
  }
}`;

export const APPOINTMENT_EXAMPLE_BODY = `{
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
          {"value": "Must be communicative", "sessionField": "communicative"}
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
              "scheduleIds": "1,2,3"
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

/** The `attributes` of an example body: what the element's `payload` must equal. */
export const attributesOf = (body: string): FlowGenerationInput => JSON.parse(body).data.attributes;

/** The documented 422 body (seeds 000/001), for reference in assertions. */
export const DOCUMENTED_422_DETAILS = [
  "Parameter knockoutRequirements can't be blank",
  "Parameter requiredFields can't be blank",
];

// ---- helpers shared by the test files ----

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const root = (el: RecruboGenerateFlowElement): ShadowRoot => el.shadowRoot!;

export const submitButton = (el: RecruboGenerateFlowElement) => $<HTMLButtonElement>(el, '[part~="submit"]')!;

/** A control found by its label text (a `<label for>`), inside the shadow root. */
export function byLabel<T extends HTMLElement = HTMLInputElement>(el: RecruboGenerateFlowElement, text: string): T {
  const label = $$<HTMLLabelElement>(el, 'label').find((l) => textOf(l) === text);
  if (!label) throw new Error(`no label "${text}"`);
  const control = (
    label.htmlFor ? el.shadowRoot!.getElementById(label.htmlFor) : label.querySelector('input,select,textarea')
  ) as T | null;
  if (!control) throw new Error(`label "${text}" names no control`);
  return control;
}

/** The fieldset whose legend reads `legend`. */
export function section(el: RecruboGenerateFlowElement, legend: string): HTMLFieldSetElement {
  const fs = $$<HTMLFieldSetElement>(el, 'fieldset').find((f) => textOf(f.querySelector(':scope > legend')) === legend);
  if (!fs) throw new Error(`no section "${legend}"`);
  return fs;
}

/** The POST bodies are not in the sandbox log; the generation read back from the API has them. */
export async function readGeneration(baseUrl: string, apiKey: string, id: string): Promise<Record<string, any>> {
  const res = await fetch(`${baseUrl}/flow-generations/${id}`, {
    headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/vnd.api+json' },
  });
  expect(res.status).to.equal(200);
  const body = await res.json();
  return { id: body.data.id, ...body.data.attributes };
}
