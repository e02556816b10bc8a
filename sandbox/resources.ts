/**
 * What each resource looks like on the wire: its JSON:API type, path, the name used in "<Name> not found", its
 * attributes in display order, and its relationships with the `links.related` paths of Recrubo's docs.
 */
import type { Rec, Store, TypeName } from './store.ts';

export interface Relationship {
  target: TypeName;
  many: boolean;
  /** Path under the API base, or null for an empty to-one (Recrubo then shows `links.related: null`). */
  related: string | null;
  /** Ids of the related records, for `include`; absent when the target is not served by the sandbox. */
  ids?: () => string[];
}

export interface ResourceDef {
  type: TypeName;
  path: string;
  name: string;
  attributes: readonly string[];
  relationships?: (rec: Rec, store: Store) => Record<string, Relationship>;
  /** Relationships that `include=` accepts, with their target type. */
  includes?: Readonly<Record<string, TypeName>>;
  /** Not a Recrubo resource: said so in `meta`. */
  extension?: boolean;
  /** A resource object's own `meta` (sandbox extensions about one record). */
  meta?: (rec: Rec, store: Store) => Record<string, unknown> | undefined;
  /** The list order when no `sort` is given (else the order of creation). */
  defaultSort?: { attr: string; desc: boolean }[];
}

const one = (target: TypeName, path: string, id: unknown, store: Store): Relationship =>
  typeof id === 'string' && id
    ? { target, many: false, related: `${path}/${id}`, ids: () => (store.get(target, id) ? [id] : []) }
    : { target, many: false, related: null, ids: () => [] };

const many = (
  target: TypeName,
  path: string,
  attr: string,
  id: string,
  store: Store,
  sortBy = 'index',
): Relationship => ({
  target,
  many: true,
  related: `${path}?filter[${attr}]=${id}`,
  ids: () =>
    store
      .where(target, attr, id)
      .sort((a, b) =>
        sortBy === 'createdAt'
          ? a.createdAt - b.createdAt
          : Number(a.attrs[sortBy] ?? 0) - Number(b.attrs[sortBy] ?? 0),
      )
      .map((r) => r.id),
});

export const RESOURCES: readonly ResourceDef[] = [
  {
    type: 'flowGenerations',
    path: '/flow-generations',
    name: 'FlowGeneration',
    includes: { flow: 'flows' },
    attributes: ['flowType', 'parameters', 'context', 'flowId', 'status', 'cost'],
    // Not in the docs; harmless and handy: `include=flow` once the generation is finished.
    relationships: (r, s) => ({ flow: one('flows', '/flows', r.attrs.flowId, s) }),
  },
  {
    type: 'flows',
    path: '/flows',
    name: 'Flow',
    includes: { flowGeneration: 'flowGenerations', nodes: 'nodes' },
    attributes: [
      'name',
      'reminderInterval',
      'reminderMessage',
      'sessionTimeout',
      'publishedAt',
      'unpublishedChanges',
      'flowGenerationId',
    ],
    relationships: (r, s) => ({
      flowGeneration: many('flowGenerations', '/flow-generations', 'flowId', r.id, s, 'createdAt'),
      nodes: many('nodes', '/nodes', 'flowId', r.id, s),
    }),
  },
  {
    type: 'nodes',
    path: '/nodes',
    name: 'Node',
    includes: { flow: 'flows', nodeActions: 'nodeActions', nodeTransitions: 'nodeTransitions' },
    attributes: ['name', 'index', 'flowId', 'isStartFlow', 'isEndFlow', 'endFlowType'],
    relationships: (r, s) => ({
      flow: one('flows', '/flows', r.attrs.flowId, s),
      nodeActions: many('nodeActions', '/node-actions', 'nodeId', r.id, s),
      nodeTransitions: many('nodeTransitions', '/node-transitions', 'nodeId', r.id, s),
    }),
  },
  {
    type: 'nodeActions',
    path: '/node-actions',
    name: 'NodeAction',
    includes: { node: 'nodes' },
    attributes: ['nodeId', 'actionType', 'subType', 'value', 'variableName', 'index', 'attachmentData'],
    relationships: (r, s) => ({ node: one('nodes', '/nodes', r.attrs.nodeId, s) }),
  },
  {
    type: 'nodeTransitions',
    path: '/node-transitions',
    name: 'NodeTransition',
    includes: { node: 'nodes', targetNode: 'nodes' },
    attributes: ['nodeId', 'condition', 'index', 'targetNodeId'],
    relationships: (r, s) => ({
      node: one('nodes', '/nodes', r.attrs.nodeId, s),
      targetNode: one('nodes', '/nodes', r.attrs.targetNodeId, s),
    }),
  },
  {
    type: 'messageThreads',
    path: '/message-threads',
    name: 'MessageThread',
    includes: { flowRuns: 'flowRuns', messages: 'messages' },
    attributes: ['channel', 'identifier', 'chatbotPaused', 'candidateId'],
    relationships: (r, s) => ({
      candidate: {
        target: 'messageThreads',
        many: false,
        related: r.attrs.candidateId ? `/candidates/${String(r.attrs.candidateId)}` : null,
      },
      flowRuns: many('flowRuns', '/flow-runs', 'messageThreadId', r.id, s, 'createdAt'),
      messages: many('messages', '/messages', 'messageThreadId', r.id, s, 'createdAt'),
      conversation: { target: 'messageThreads', many: true, related: `/conversations?filter[messageThreadId]=${r.id}` },
    }),
  },
  {
    type: 'messages',
    path: '/messages',
    name: 'Message',
    includes: { messageThread: 'messageThreads' },
    attributes: ['sendBy', 'origin', 'messageThreadId', 'payload', 'deliveryStatus', 'errorMessages'],
    relationships: (r, s) => ({ messageThread: one('messageThreads', '/message-threads', r.attrs.messageThreadId, s) }),
    // A conversation reads oldest first; messages a run writes late (lazily) still sort by when they were sent.
    defaultSort: [{ attr: 'createdAt', desc: false }],
  },
  {
    type: 'messageTemplates',
    path: '/message-templates',
    name: 'MessageTemplate',
    attributes: ['name', 'components', 'language', 'category', 'status', 'preview'],
  },
  {
    type: 'flowRuns',
    path: '/flow-runs',
    name: 'FlowRun',
    includes: { flow: 'flows', messageThread: 'messageThreads' },
    attributes: ['flowId', 'messageThreadId', 'state', 'initialMessage', 'status', 'cost'],
    meta: (r) =>
      r.ending && r.attrs.status === 'finished'
        ? { sandboxEnding: { ...r.ending, sandboxExtension: true } }
        : undefined,
    relationships: (r, s) => ({
      flow: one('flows', '/flows', r.attrs.flowId, s),
      messageThread: one('messageThreads', '/message-threads', r.attrs.messageThreadId, s),
    }),
  },
  {
    type: 'vacancyAnalyses',
    path: '/vacancy-analyses',
    name: 'VacancyAnalysis',
    attributes: ['inputText', 'analyzeResult', 'status'],
  },
  {
    type: 'schedules',
    path: '/schedules',
    name: 'Schedule',
    attributes: ['name', 'appointmentDuration', 'timeZone', 'userId'],
    extension: true,
  },
  {
    type: 'candidates',
    path: '/candidates',
    name: 'Candidate',
    includes: { candidateStatus: 'candidateStatuses' },
    attributes: ['firstName', 'lastName', 'email', 'phone', 'postalCode', 'candidateStatusId', 'deletedAt'],
    relationships: (r, s) => ({
      candidateStatus: one('candidateStatuses', '/candidate-statuses', r.attrs.candidateStatusId, s),
    }),
  },
  {
    // Not documented as a path by Recrubo (only the `candidateStatuses` type and `include=candidateStatus`); the
    // sandbox serves the list so a status can be chosen when editing a candidate.
    type: 'candidateStatuses',
    path: '/candidate-statuses',
    name: 'CandidateStatus',
    attributes: ['name', 'index'],
    defaultSort: [{ attr: 'index', desc: false }],
  },
  {
    type: 'conversations',
    path: '/conversations',
    name: 'Conversation',
    includes: { candidate: 'candidates', messageThread: 'messageThreads' },
    attributes: ['status', 'unreadMessages', 'unreadMessagesCount', 'messageThreadId', 'candidateId'],
    relationships: (r, s) => ({
      messageThread: one('messageThreads', '/message-threads', r.attrs.messageThreadId, s),
      candidate: one('candidates', '/candidates', r.attrs.candidateId, s),
    }),
  },
];

export const resourceDef = (type: TypeName): ResourceDef => RESOURCES.find((d) => d.type === type) as ResourceDef;

/** The `meta` that marks answers about a sandbox-only resource. */
export const EXTENSION_META = {
  sandboxExtension: true,
  note: 'Schedules are not part of the Recrubo public API v2; this endpoint exists only in the sandbox.',
} as const;
