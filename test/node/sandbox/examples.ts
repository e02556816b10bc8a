/** The example bodies of Recrubo's reference pages (seeds 001, 002/003), verbatim unless noted. */

/** seed 001, "Example POST body". */
export const FLOW_GENERATION_EXAMPLE = {
  data: {
    type: 'flowGenerations',
    attributes: {
      flowType: 'vacancy_application_flow',
      parameters: {
        language: 'nl',
        emojiUsage: '3',
        flowName: 'Driver',
        knockoutRequirements: [
          { value: 'Has drivers license B', sessionField: 'drivers_license' },
          { value: 'Must be communicative', sessionField: 'communicative' },
        ],
        preferredRequirements: [{ value: 'Lives in Amsterdam', sessionField: 'location' }],
        requiredFields: [
          { value: 'firstName', sessionField: 'first_name' },
          { value: 'email', sessionField: 'email' },
          { value: 'phoneNumber', sessionField: 'phone' },
        ],
        optionalFields: [
          { value: 'address', sessionField: 'address' },
          { value: 'linkedin', sessionField: 'linkedin' },
          { value: 'portfolio', sessionField: 'portfolio' },
        ],
      },
      context: { type: 'text', value: 'Example vacancy text here.' },
    },
  },
};

/** seed 001, "Example POST body with a V2 Appointment Step" (seed 000's copy is not valid JSON). */
export const FLOW_GENERATION_APPOINTMENT_EXAMPLE = {
  data: {
    type: 'flowGenerations',
    attributes: {
      ...FLOW_GENERATION_EXAMPLE.data.attributes,
      parameters: {
        ...FLOW_GENERATION_EXAMPLE.data.attributes.parameters,
        extraOptions: [{ value: 'appointment', language: 'en', options: { version: 2, scheduleIds: '1,2,3' } }],
      },
    },
  },
};

/** seeds 002/003, "Example POST body"; flowId, messageThreadId and the template id are replaced by seeded ones. */
export function flowRunExample(flowId: string, messageThreadId: string, templateId: string) {
  return {
    data: {
      type: 'flowRuns',
      attributes: {
        flowId,
        messageThreadId,
        state: {},
        initialMessage: {
          type: 'template',
          template: { id: templateId, components: [{ type: 'body', parameters: [{ type: 'text', text: 'John' }] }] },
        },
      },
    },
  };
}

/** seeds 002/003, "Example PATCH body"; the id is the run's. */
export const flowRunPatchExample = (id: string) => ({
  data: { type: 'flowRuns', id, attributes: { status: 'finished' } },
});

/** seeds 002/003, "Example POST body", verbatim: its flow, thread and template ids are seeded (see seed.ts). */
export const FLOW_RUN_DOCS_EXAMPLE = {
  data: {
    type: 'flowRuns',
    attributes: {
      flowId: 'eb4c92e9-2548-4e4c-95d5-adfb94270c3f',
      messageThreadId: '7135853f-26ac-4a65-9044-cab092806249',
      state: {},
      initialMessage: {
        type: 'template',
        template: {
          id: '7f9a9715-5e7c-4328-ab47-bb9e595438c9',
          components: [
            {
              type: 'body',
              parameters: [
                {
                  type: 'text',
                  text: 'John',
                },
              ],
            },
          ],
        },
      },
    },
  },
};

/** The MessageTemplate page's component example: a BODY with a variable has `example.body_text`. */
export const TEMPLATE_BODY_EXAMPLE = { example: { body_text: [['John']] } };
