import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findUnknownTemplateVariables,
  PERSONAL_FIELDS,
  suggestSessionField,
  validateFlowGeneration,
} from '../../../src/shared/vacancy-flow-rules.ts';
import { FLOW_GENERATION_APPOINTMENT_EXAMPLE, FLOW_GENERATION_EXAMPLE } from './examples.ts';

const attrs = () => structuredClone(FLOW_GENERATION_EXAMPLE.data.attributes) as any;

describe('vacancy-flow-rules', () => {
  it('the documented examples are valid', () => {
    assert.deepEqual(validateFlowGeneration(attrs()), []);
    assert.deepEqual(
      validateFlowGeneration(FLOW_GENERATION_APPOINTMENT_EXAMPLE.data.attributes as any, {
        scheduleIds: ['1', '2', '3'],
      }),
      [],
    );
  });

  it('reports field, code, index and the server text', () => {
    const a = attrs();
    a.parameters.requiredFields = [{ value: 'email' }, { value: 'shoeSize' }];
    a.parameters.knockoutRequirements = [];
    a.parameters.preferredRequirements = [{ value: '' }];
    assert.deepEqual(validateFlowGeneration(a), [
      { field: 'knockoutRequirements', code: 'blank', detail: "Parameter knockoutRequirements can't be blank" },
      {
        field: 'preferredRequirements',
        code: 'invalid',
        detail: 'preferredRequirements contains invalid items.',
        index: 0,
      },
      { field: 'requiredFields', code: 'invalid', detail: 'requiredFields contains invalid fields.', index: 1 },
    ]);
  });

  it('every personal field is allowed in both lists', () => {
    const a = attrs();
    a.parameters.requiredFields = PERSONAL_FIELDS.map((value) => ({ value }));
    a.parameters.optionalFields = PERSONAL_FIELDS.map((value) => ({ value }));
    assert.deepEqual(validateFlowGeneration(a), []);
  });

  it('appointment: exactly one of scheduleIds / scheduleMode custom, version 2, string texts', () => {
    const item = (options: object) => {
      const a = attrs();
      a.parameters.extraOptions = [{ value: 'appointment', language: 'en', options }];
      return validateFlowGeneration(a).map((v) => v.code);
    };
    assert.deepEqual(item({ version: 2, scheduleMode: 'custom', askDayEN: 'Hi {{session.first_name}}' }), []);
    assert.deepEqual(item({ version: 2 }), ['invalid']);
    assert.deepEqual(item({ version: 2, scheduleIds: '1', scheduleMode: 'custom' }), ['invalid']);
    assert.deepEqual(item({ version: 1, scheduleIds: '1' }), ['invalid']);
    assert.deepEqual(item({ version: 2, scheduleIds: ' , ' }), ['invalid']);
    assert.deepEqual(item({ version: 2, scheduleIds: '1', askSlotNL: 5 }), ['invalid']);
  });

  it('flowType, parameters and context', () => {
    assert.deepEqual(
      validateFlowGeneration({ ...attrs(), flowType: 'other' }).map((v) => v.field),
      ['flowType'],
    );
    assert.deepEqual(
      validateFlowGeneration({ ...attrs(), parameters: 'x' }).map((v) => v.field),
      ['parameters'],
    );
    assert.deepEqual(
      validateFlowGeneration({ ...attrs(), context: { type: 'url', value: 'x' } }).map((v) => v.code),
      ['invalid'],
    );
    assert.deepEqual(
      validateFlowGeneration({ flowType: 'vacancy_application_flow' }).map((v) => v.field),
      ['context', 'knockoutRequirements', 'requiredFields'],
    );
  });

  it('suggestSessionField makes a short snake_case key', () => {
    assert.equal(suggestSessionField('Has drivers license B'), 'has_drivers_license_b');
    assert.equal(suggestSessionField('  Werkvergunning?  Ja/Nee '), 'werkvergunning_ja_nee');
    assert.equal(suggestSessionField('Crème brûlée café'), 'creme_brulee_cafe');
    assert.equal(suggestSessionField('!!!'), 'answer');
    const long = suggestSessionField('Is willing to work night shifts and weekends in the distribution centre');
    assert.ok(long.length <= 40 && !long.endsWith('_'), long);
  });

  it('findUnknownTemplateVariables allows documented and session variables', () => {
    assert.deepEqual(
      findUnknownTemplateVariables(
        'askDayEN',
        'Hi {{session.first_name}}, {{session.schedule.appointment_duration}} min {{ session.city }} {{foo}}',
        ['city'],
      ),
      ['foo'],
    );
  });
});
