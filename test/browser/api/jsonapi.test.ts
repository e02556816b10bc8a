import { expect } from '@open-wc/testing';
import {
  deserialize,
  deserializeMany,
  deserializeOne,
  serialize,
  toSearchParams,
  type JsonApiDocument,
} from '../../../src/api/jsonapi.js';
import type { FlowRun } from '../../../src/api/types.js';

// Quoted from /work/shared/reference/seeds/002_43d1d11f2b6f0ead.txt, "flow_run found with included flow".
const RUN_INCLUDING_FLOW: JsonApiDocument = {
  data: {
    id: 'a9a37c94-173b-4f6d-b9bf-7983a7ef9322',
    type: 'flowRuns',
    attributes: {
      createdAt: '2024-08-20T10:45:02+00:00',
      updatedAt: '2024-08-20T10:45:02+00:00',
      flowId: '7f873317-66a6-4312-bc77-3a1056726687',
      messageThreadId: '37bb741c-e4ac-42b3-aaba-01415126ef9c',
      state: {},
      initialMessage: {},
      status: 'finished',
      cost: 55,
    },
    relationships: {
      flow: {
        links: { related: '/public/v2/flows/7f873317-66a6-4312-bc77-3a1056726687' },
        data: { type: 'flows', id: '7f873317-66a6-4312-bc77-3a1056726687' },
      },
      messageThread: {
        links: { related: '/public/v2/message-threads/37bb741c-e4ac-42b3-aaba-01415126ef9c' },
      },
    },
  },
  meta: {},
  included: [
    {
      id: '7f873317-66a6-4312-bc77-3a1056726687',
      type: 'flows',
      attributes: {
        createdAt: '2024-08-20T10:45:02+00:00',
        updatedAt: '2024-08-20T10:45:02+00:00',
        name: 'aperiam',
        reminderInterval: 15,
        reminderMessage: 'Are you still there? There are still a few questions left to finish your application.',
        sessionTimeout: 1440,
        publishedAt: null,
        unpublishedChanges: true,
        flowGenerationId: null,
      },
      relationships: {
        flowGeneration: {
          links: { related: '/public/v2/flow-generations?filter[flowId]=7f873317-66a6-4312-bc77-3a1056726687' },
        },
        nodes: { links: { related: '/public/v2/nodes?filter[flowId]=7f873317-66a6-4312-bc77-3a1056726687' } },
      },
    },
  ],
};

// The same page, "flow_run found with included messageThread" (trimmed to what matters).
const RUN_INCLUDING_THREAD: JsonApiDocument = {
  data: {
    id: 'aee1a798-34b9-482e-bddf-d1c58ef7e438',
    type: 'flowRuns',
    attributes: {
      flowId: '9b5007f1-38fe-4e14-a235-a3a075a46c39',
      messageThreadId: 'e811c955-a9be-4730-8ad7-1153416fc0e0',
      state: {},
      initialMessage: {},
      status: 'finished',
      cost: 38,
    },
    relationships: {
      flow: { links: { related: '/public/v2/flows/9b5007f1-38fe-4e14-a235-a3a075a46c39' } },
      messageThread: {
        links: { related: '/public/v2/message-threads/e811c955-a9be-4730-8ad7-1153416fc0e0' },
        data: { type: 'messageThreads', id: 'e811c955-a9be-4730-8ad7-1153416fc0e0' },
      },
    },
  },
  meta: {},
  included: [
    {
      id: 'e811c955-a9be-4730-8ad7-1153416fc0e0',
      type: 'messageThreads',
      attributes: { channel: 'whatsapp', identifier: '31652071191', candidateId: null },
      relationships: { candidate: { links: { related: null } } },
    },
  ],
};

describe('JSON:API (de)serialisation', () => {
  it('turns the seed "FlowRun including flow" example into a plain object with the flow resolved', () => {
    const run = deserializeOne<FlowRun>(RUN_INCLUDING_FLOW);
    expect(run.id).to.equal('a9a37c94-173b-4f6d-b9bf-7983a7ef9322');
    expect(run.status).to.equal('finished');
    expect(run.cost).to.equal(55);
    expect(run.state).to.deep.equal({});
    expect(run.flow).to.deep.equal({
      id: '7f873317-66a6-4312-bc77-3a1056726687',
      createdAt: '2024-08-20T10:45:02+00:00',
      updatedAt: '2024-08-20T10:45:02+00:00',
      name: 'aperiam',
      reminderInterval: 15,
      reminderMessage: 'Are you still there? There are still a few questions left to finish your application.',
      sessionTimeout: 1440,
      publishedAt: null,
      unpublishedChanges: true,
      flowGenerationId: null,
    });
    // Not included: only a link, so no property at all (never a half-filled object).
    expect('messageThread' in run).to.equal(false);
    expect('type' in run).to.equal(false);
  });

  it('resolves an included messageThread', () => {
    const run = deserializeOne<FlowRun>(RUN_INCLUDING_THREAD);
    expect(run.messageThread).to.deep.equal({
      id: 'e811c955-a9be-4730-8ad7-1153416fc0e0',
      channel: 'whatsapp',
      identifier: '31652071191',
      candidateId: null,
    });
    expect('flow' in run).to.equal(false);
  });

  it('deserialises a list, keeps to-many order, and resolves cycles to the same object', () => {
    const doc: JsonApiDocument = {
      data: [
        {
          type: 'nodes',
          id: 'n1',
          attributes: { name: 'Start', index: 0 },
          relationships: {
            nodeActions: {
              data: [
                { type: 'nodeActions', id: 'a2' },
                { type: 'nodeActions', id: 'a1' },
              ],
            },
          },
        },
        {
          type: 'nodes',
          id: 'n2',
          attributes: { name: 'End', index: 1 },
          relationships: { nodeActions: { data: [] } },
        },
      ],
      included: [
        {
          type: 'nodeActions',
          id: 'a1',
          attributes: { actionType: 'say', index: 1 },
          relationships: { node: { data: { type: 'nodes', id: 'n1' } } },
        },
        {
          type: 'nodeActions',
          id: 'a2',
          attributes: { actionType: 'ask', index: 0 },
          relationships: { node: { data: { type: 'nodes', id: 'n1' } } },
        },
      ],
    };
    const nodes = deserializeMany<{ id: string; nodeActions: { id: string; node: unknown }[] }>(doc);
    expect(nodes.map((n) => n.id)).to.deep.equal(['n1', 'n2']);
    expect(nodes[0].nodeActions.map((a) => a.id)).to.deep.equal(['a2', 'a1']);
    expect(nodes[0].nodeActions[0].node).to.equal(nodes[0]);
    expect(nodes[1].nodeActions).to.deep.equal([]);
  });

  it('keeps a linkage whose resource is not included as an id stub, and null as null', () => {
    const value = deserialize<Record<string, unknown>>({
      data: {
        type: 'messageThreads',
        id: 't',
        attributes: {},
        relationships: { candidate: { data: null }, conversation: { data: { type: 'conversations', id: 'c' } } },
      },
    });
    expect(value.candidate).to.equal(null);
    expect(value.conversation).to.deep.equal({ id: 'c' });
  });

  it('serialises a PATCH and a POST body', () => {
    expect(serialize('flowRuns', { status: 'finished', state: undefined }, 'r1')).to.deep.equal({
      data: { type: 'flowRuns', attributes: { status: 'finished' }, id: 'r1' },
    });
    expect(serialize('flowGenerations', { flowType: 'vacancy_application_flow', parameters: {} })).to.deep.equal({
      data: { type: 'flowGenerations', attributes: { flowType: 'vacancy_application_flow', parameters: {} } },
    });
  });

  it('builds JSON:API query parameters', () => {
    expect(
      toSearchParams({
        filter: { id: ['a', 'b'], status: 'finished' },
        include: ['flow'],
        sort: '-createdAt',
        page: { number: 2, size: 100 },
      }),
    ).to.deep.equal({
      'filter[id]': 'a,b',
      'filter[status]': 'finished',
      sort: '-createdAt',
      include: 'flow',
      'page[number]': '2',
      'page[size]': '100',
    });
  });
});
