// The limits the preview flags, at their edges. The sandbox's generated flows only ever ask yes/no questions, so the
// button and list limits are held here, on the pure module, and through the model that both views render.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  WHATSAPP_LIMITS,
  charCount,
  checkMessage,
  replyShape,
  checkActionValue,
  checkFlowSettings,
  knownPlaceholders,
  placeholdersIn,
  unknownPlaceholders,
} from '../../../src/shared/whatsapp-limits.ts';
import { toPreviewModel } from '../../../src/shared/flow-model.ts';
import type { Node } from '../../../src/api/types.ts';

const codes = (text: string, options: string[]) => checkMessage(text, options).map((i) => i.code);
const options = (n: number, title = 'Option') => Array.from({ length: n }, (_, i) => `${title} ${i + 1}`);

describe('WhatsApp limits', () => {
  it('are the ones Meta documents', () => {
    assert.deepEqual(WHATSAPP_LIMITS, {
      replyButtons: 3,
      replyButtonTitle: 20,
      listRows: 10,
      listRowTitle: 24,
      interactiveBody: 1024,
      textBody: 4096,
    });
  });

  it('up to 3 options are reply buttons, 4 and more a list', () => {
    assert.equal(replyShape(0), 'none');
    assert.equal(replyShape(3), 'buttons');
    assert.equal(replyShape(4), 'list');
  });

  it('a reply button title of 20 characters passes, 21 is flagged with the option named', () => {
    assert.deepEqual(codes('Pick one', ['x'.repeat(20), 'No']), []);
    const [issue] = checkMessage('Pick one', ['x'.repeat(21), 'No']);
    assert.deepEqual(issue, { code: 'buttonTitle', limit: 20, actual: 21, option: 'x'.repeat(21) });
  });

  it('a list row title may have 24 characters; 25 is flagged', () => {
    assert.deepEqual(codes('Pick one', [...options(3), 'y'.repeat(24)]), []);
    assert.deepEqual(codes('Pick one', [...options(3), 'y'.repeat(25)]), ['rowTitle']);
  });

  it('10 list rows pass, 11 are flagged', () => {
    assert.deepEqual(codes('Pick one', options(10)), []);
    assert.deepEqual(checkMessage('Pick one', options(11)), [{ code: 'tooManyRows', limit: 10, actual: 11 }]);
  });

  it('a body with options may have 1,024 characters; a plain text 4,096', () => {
    assert.deepEqual(codes('a'.repeat(1024), ['Yes', 'No']), []);
    assert.deepEqual(codes('a'.repeat(1025), ['Yes', 'No']), ['interactiveBody']);
    assert.deepEqual(codes('a'.repeat(4096), []), []);
    assert.deepEqual(codes('a'.repeat(4097), []), ['textBody']);
  });

  it('counts an emoji as one character, as WhatsApp does', () => {
    assert.equal(charCount('🗓️'), 2); // calendar + variation selector: two code points
    assert.equal(charCount('🕒'), 1);
    assert.deepEqual(codes('Pick', ['🕒'.repeat(20)]), []);
  });
});

describe('the preview model', () => {
  const node = (id: string, index: number, extra: Partial<Node>): Node => ({
    id,
    index,
    name: id,
    flowId: 'f',
    isStartFlow: false,
    isEndFlow: false,
    endFlowType: null,
    nodeActions: [],
    nodeTransitions: [],
    ...extra,
  });
  const flow = { id: 'f', name: 'Hand-made', flowGenerationId: null };

  it('orders by index, finds the knockout branch to the declined ending, counts the limits per step', () => {
    const nodes = [
      node('declined', 3, {
        isEndFlow: true,
        endFlowType: 'declined',
        nodeActions: [{ id: 'a3', actionType: 'say', subType: 'text', value: { text: 'Bye' }, index: 0 }],
      }),
      node('q', 1, {
        nodeActions: [
          {
            id: 'a1',
            actionType: 'ask',
            subType: 'list',
            value: { text: 'Which shift?', options: ['Early morning shift', 'Late evening shift 22-6', 'Night'] },
            variableName: 'shift',
            index: 0,
          },
        ],
        nodeTransitions: [
          { id: 't2', condition: null, index: 1, targetNodeId: 'accepted' },
          { id: 't1', condition: "answer == 'Night'", index: 0, targetNodeId: 'declined' },
        ],
      }),
      node('start', 0, {
        isStartFlow: true,
        nodeActions: [{ id: 'a0', actionType: 'say', subType: 'text', value: { text: 'Hi' }, index: 0 }],
        nodeTransitions: [{ id: 't0', condition: null, index: 0, targetNodeId: 'q' }],
      }),
      node('accepted', 2, {
        isEndFlow: true,
        endFlowType: 'accepted',
        nodeActions: [{ id: 'a2', actionType: 'say', subType: 'text', value: { text: 'Welcome' }, index: 0 }],
      }),
    ];
    const model = toPreviewModel(flow, nodes);
    assert.deepEqual(
      model.steps.map((s) => s.id),
      ['start', 'q', 'accepted', 'declined'],
    );
    const q = model.steps[1]!;
    assert.equal(q.messages[0]!.shape, 'buttons');
    assert.equal(q.messages[0]!.sessionField, 'shift');
    assert.deepEqual(
      q.branches.map((b) => [b.answer, b.target?.id]),
      [
        ['Night', 'declined'],
        [null, 'accepted'],
      ],
    );
    assert.equal(q.knockout?.target?.id, 'declined');
    assert.equal(q.limits, 1); // "Late evening shift 22-6" is 23 characters: too long for a button
    assert.equal(model.limitCount, 1);
    assert.deepEqual(
      model.endings.map((s) => s.id),
      ['accepted', 'declined'],
    );
  });

  it('shows an appointment by its own text or its custom "ask for a day" message, with its schedules', () => {
    const appointment = (value: Record<string, unknown>) =>
      toPreviewModel(
        flow,
        [
          node('a', 0, {
            nodeActions: [
              { id: 'x', actionType: 'ask', subType: 'appointment', value, variableName: 'appointment', index: 0 },
            ],
          }),
        ],
        'nl',
      ).steps[0]!.messages[0]!;
    assert.deepEqual(appointment({ scheduleIds: '1, 2' }).schedules, ['1', '2']);
    assert.equal(appointment({ scheduleMode: 'custom' }).schedules, 'custom');
    assert.equal(appointment({ askDayEN: 'Pick a day', askDayNL: 'Kies een dag' }).text, 'Kies een dag');
    assert.equal(appointment({ text: 'Plan een afspraak', askDayNL: 'Kies een dag' }).text, 'Plan een afspraak');
  });
});

describe('the editor and the sandbox: checkActionValue, checkFlowSettings, placeholders', () => {
  it('one issue per problem of a list value, each naming its field', () => {
    const issues = checkActionValue('list', { text: 'Drivers licence?', options: ['Yes, for many years now', ' '] });
    assert.deepEqual(
      issues.map((i) => [i.field, i.code, i.actual]),
      [
        ['options/0', 'buttonTitle', 23],
        ['options/1', 'blank', undefined],
      ],
    );
    // 4 options: a list, whose rows may be 24 characters.
    assert.deepEqual(
      checkActionValue('list', { text: 'Pick', options: ['a', 'b', 'c', 'Yes, for many years now'] }),
      [],
    );
    assert.equal(checkActionValue('text', { text: 'x'.repeat(4097) })[0]?.code, 'textBody');
    assert.equal(checkActionValue('text', 'not an object')[0]?.field, 'value');
    assert.deepEqual(
      checkActionValue('appointment', { text: 'Plan', askDayEN: 'x'.repeat(4097), askSlotNL: 3 }).map((i) => i.field),
      ['askDayEN', 'askSlotNL'],
    );
  });

  it('flow settings: a name, a reminder text and whole minutes', () => {
    assert.deepEqual(checkFlowSettings({ name: 'Driver', reminderInterval: 60, sessionTimeout: null }), []);
    assert.deepEqual(
      checkFlowSettings({
        name: ' ',
        reminderInterval: 1.5,
        sessionTimeout: -1,
        reminderMessage: 'x'.repeat(4097),
      }).map((i) => i.field),
      ['name', 'reminderMessage', 'reminderInterval', 'sessionTimeout'],
    );
  });

  it('placeholders: found in order; unknown = neither collected nor documented', () => {
    const text = 'Hi {{session.first_name}}, {{ session.city }} and {{session.favourite}}';
    assert.deepEqual(
      placeholdersIn(text).map((p) => p.name),
      ['session.first_name', 'session.city', 'session.favourite'],
    );
    const known = knownPlaceholders(['city', null]);
    assert.deepEqual(unknownPlaceholders(text, known), ['session.favourite']);
  });
});
