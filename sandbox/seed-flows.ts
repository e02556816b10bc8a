/** The parameters of the seeded flows (three "generated", one hand-made), written as a client would send them. */
import type { VacancyFlowParameters } from '../src/shared/vacancy-flow-rules.ts';

export interface SeedFlow {
  key: 'driver' | 'warehouse' | 'customerService' | 'nurse';
  generated: boolean;
  context: string;
  parameters: VacancyFlowParameters;
}

export const SEED_FLOWS: SeedFlow[] = [
  {
    key: 'driver',
    generated: true,
    context: 'Wij zoeken een chauffeur (m/v) met rijbewijs B in regio Amsterdam. Je bent communicatief en punctueel.',
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
      optionalFields: [{ value: 'address', sessionField: 'address' }],
      extraOptions: [{ value: 'appointment', language: 'nl', options: { version: 2, scheduleIds: '1,2,3' } }],
    },
  },
  {
    key: 'warehouse',
    generated: true,
    context: 'Magazijnmedewerker gezocht. Heftruckcertificaat en VCA vereist. Flexibel inzetbaar in een team.',
    parameters: {
      language: 'nl',
      emojiUsage: '1',
      flowName: 'Warehouse worker',
      knockoutRequirements: [
        { value: 'Has a forklift certificate', sessionField: 'forklift' },
        { value: 'Has a VCA certificate', sessionField: 'vca' },
      ],
      preferredRequirements: [{ value: 'Available on weekends', sessionField: 'weekends' }],
      requiredFields: [
        { value: 'name', sessionField: 'name' },
        { value: 'phoneNumber', sessionField: 'phone' },
      ],
      optionalFields: [],
    },
  },
  {
    key: 'customerService',
    generated: true,
    context: 'Customer service agent (English, Dutch). Communicative, stress resistant, experience with Excel.',
    parameters: {
      language: 'en',
      emojiUsage: '2',
      flowName: 'Customer service agent',
      knockoutRequirements: [{ value: 'Speaks English fluently', sessionField: 'english' }],
      preferredRequirements: [{ value: 'Speaks Dutch', sessionField: 'dutch' }],
      requiredFields: [
        { value: 'firstName', sessionField: 'first_name' },
        { value: 'lastName', sessionField: 'last_name' },
        { value: 'email', sessionField: 'email' },
      ],
      optionalFields: [{ value: 'linkedin', sessionField: 'linkedin' }],
      extraOptions: [{ value: 'appointment', language: 'en', options: { version: 2, scheduleMode: 'custom' } }],
    },
  },
  {
    key: 'nurse',
    generated: false,
    context: 'Nurse for a care home in Utrecht. BIG registration required.',
    parameters: {
      language: 'en',
      flowName: 'Nurse (hand-made)',
      knockoutRequirements: [{ value: 'Is BIG registered', sessionField: 'big_registered' }],
      requiredFields: [
        { value: 'firstName', sessionField: 'first_name' },
        { value: 'email', sessionField: 'email' },
        { value: 'dateOfBirth', sessionField: 'date_of_birth' },
      ],
    },
  },
];
