/**
 * The deterministic demo data of every tenant: the same ids on every start and in every tenant (a fixed PRNG
 * seed), timestamps relative to when the tenant was seeded.
 */
import { buildFlow, sessionFieldsOf } from './flow-builder.ts';
import { seedInbox, type InboxSeed } from './inbox.ts';
import { answersFor, scheduleNamesOf } from './answers.ts';
import { runScript } from './conversation.ts';
import { simulateRun } from './runs.ts';
import { seedConversationThreads, seedRunConversation } from './seed-conversations.ts';
import type { Tenant } from './tenant.ts';
import { createRng, pick, uuidFrom } from './prng.ts';
import { SEED_FLOWS } from './seed-flows.ts';
import type { Rec } from './store.ts';
import { DOCS_TEMPLATE_ID, SEED_TEMPLATES, templateAttributes, type SeedTemplate } from './templates.ts';

/**
 * The ids of the docs' example FlowRun POST (seeds 002/003): the Driver flow (the docs' FlowGeneration example)
 * and the first thread carry them, so that example body works verbatim against a fresh sandbox.
 */
export const DOCS_FLOW_ID = 'eb4c92e9-2548-4e4c-95d5-adfb94270c3f';
export const DOCS_THREAD_ID = '7135853f-26ac-4a65-9044-cab092806249';

export const SEEDED_STATUSES = [
  'queued',
  'running',
  'finished',
  'timeout',
  'cancelled',
  'exception',
  'paused',
] as const;
export type SeededStatus = (typeof SEEDED_STATUSES)[number];

/** What tests and demos may rely on. `runs.<status>` never change by themselves; `runs.live` progress to finished. */
export interface SeedIds {
  flows: string[];
  flowGenerations: string[];
  /** Driver: appointment step with scheduleIds "1,2,3". */
  flowWithAppointment: string;
  /** Customer service: appointment step with scheduleMode "custom". */
  flowWithCustomSchedule: string;
  /** Nurse: made by hand, flowGenerationId null. */
  flowWithoutGeneration: string;
  messageThreads: string[];
  /** All seeded templates; `[0]` is the docs' example template (approved, one body parameter). */
  messageTemplates: string[];
  /** By role: `example` (the docs' id), `twoParameters`, `noParameters`, `pending`, `rejected`, … */
  templates: Record<SeedTemplate['key'], string>;
  /** The APPROVED ones, as start-run offers them. */
  approvedTemplates: string[];
  schedules: string[];
  runs: Record<SeededStatus, string[]> & { live: string[]; xss: string };
  /**
   * Threads with a seeded conversation (also the last three of `messageThreads`): `long` (a whole application and
   * a long chat, the candidate wrote 2 h ago), `stale` (the candidate last wrote 3 days ago: outside WhatsApp's
   * window; a free text after that failed) and `xss` (markup in texts and a sender name).
   */
  conversations: { long: string; stale: string; xss: string };
  /** Candidates, candidate statuses and conversations (inbox.ts). */
  inbox: InboxSeed;
}

export const XSS_ANSWER = '<img src=x onerror=alert(1)>';
const MINUTE = 60_000;

/** Static runs per status, then 4 live queued and 4 live running ones: 60 in all. */
const STATIC_RUNS: [SeededStatus, number][] = [
  ['finished', 23],
  ['running', 5],
  ['queued', 4],
  ['timeout', 7],
  ['cancelled', 6],
  ['exception', 6],
  ['paused', 1],
];

export function seedData(t: Tenant, now: number): SeedIds {
  const store = t.store;
  const rng = createRng('recrubo-sandbox-seed-v1');
  const newId = () => uuidFrom(rng);
  const put = (type: Rec['type'], attrs: Record<string, unknown>, createdAt: number, id = newId()): Rec =>
    store.put({ id, type, createdAt, updatedAt: createdAt, attrs });

  const schedules = Array.from({ length: 12 }, (_, i) => {
    const users = ['Anna', 'Bram', 'Chantal', 'Dev'];
    put(
      'schedules',
      {
        name: `${['Intake call', 'Interview', 'Site visit'][i % 3]} — ${users[i % 4]}`,
        appointmentDuration: [15, 30, 45, 60][i % 4],
        timeZone: i === 11 ? 'Europe/London' : 'Europe/Amsterdam',
        userId: `user-${(i % 4) + 1}`,
      },
      now - (40 - i) * 24 * 60 * MINUTE,
      String(i + 1),
    );
    return String(i + 1);
  });

  const templateIds = Object.fromEntries(
    SEED_TEMPLATES.map((tpl, i) => {
      const id = tpl.key === 'example' ? DOCS_TEMPLATE_ID : newId();
      put('messageTemplates', templateAttributes(tpl), now - (30 - i) * 24 * 60 * MINUTE, id);
      return [tpl.key, id];
    }),
  ) as SeedIds['templates'];
  const templates = Object.values(templateIds);
  // Seeded runs open with an approved one-parameter template, so they are valid as a client would send them.
  const oneParameter = [templateIds.example, templateIds.welcomeNl];

  // Never ending in 00: that identifier makes an API run's candidate decline (runs.ts).
  const identifier = () => `316${String(10_000_000 + Math.floor(rng() * 89_999_999)).replace(/00$/, '01')}`;
  const threads = Array.from({ length: 20 }, (_, i) => {
    const id = newId();
    return put(
      'messageThreads',
      {
        channel: i % 5 === 4 ? 'sms' : 'whatsapp',
        identifier: identifier(),
        chatbotPaused: i === 7,
        candidateId: null,
      },
      now - (20 - i) * 24 * 60 * MINUTE,
      i === 0 ? DOCS_THREAD_ID : id,
    ).id;
  });

  const flows: Record<string, string> = {};
  const generations: string[] = [];
  SEED_FLOWS.forEach((f, i) => {
    const at = now - (10 - i) * 24 * 60 * MINUTE;
    const genId = f.generated ? newId() : null;
    const drawn = newId();
    const flow = buildFlow(store, {
      flowId: f.key === 'driver' ? DOCS_FLOW_ID : drawn,
      name: f.parameters.flowName ?? f.key,
      parameters: f.parameters,
      flowGenerationId: genId,
      at,
      newId,
      published: f.generated,
    });
    flows[f.key] = flow.id;
    if (genId) {
      put(
        'flowGenerations',
        {
          flowType: 'vacancy_application_flow',
          parameters: f.parameters,
          context: { type: 'text', value: f.context },
          flowId: flow.id,
          status: 'finished',
          cost: 3,
        },
        at - 6000,
        genId,
      );
      generations.push(genId);
    }
  });
  const flowIds = Object.values(flows);

  const runs = Object.fromEntries(SEEDED_STATUSES.map((s) => [s, [] as string[]])) as unknown as SeedIds['runs'];
  runs.live = [];
  let n = 0;
  const live: [Rec, { runningAt: number; stepMs: number }][] = [];
  const addRun = (status: string, answeredShare: number, sim?: { runningAt: number; stepMs: number }): Rec => {
    const flowId = flowIds[n % flowIds.length] as string;
    const id = newId();
    // The answers on the flow's path: a knockout "no" ends the questions (conversation.ts).
    const createdAt = now - (60 - n) * 23 * MINUTE;
    const thread = threads[n % threads.length] as string;
    const drawn = answersFor(id, sessionFieldsOf(store, flowId), {
      now: createdAt,
      schedules: scheduleNamesOf(store, flowId),
      candidate: thread,
    });
    const path = runScript(store, flowId, drawn, 1, { candidateFirst: false }).answers;
    const answered = Math.round(path.length * answeredShare);
    const rec = put(
      'flowRuns',
      {
        flowId,
        messageThreadId: thread,
        state: Object.fromEntries(path.slice(0, answered)),
        initialMessage:
          n % 3 === 0
            ? {}
            : {
                type: 'template',
                template: {
                  id: pick(rng, oneParameter),
                  components: [{ type: 'body', parameters: [{ type: 'text', text: 'John' }] }],
                },
              },
        status,
        cost: status === 'queued' ? 0 : 1 + 2 * answered,
      },
      createdAt,
      id,
    );
    if (sim) live.push([rec, sim]);
    n++;
    return rec;
  };
  for (const [status, count] of STATIC_RUNS) {
    for (let i = 0; i < count; i++) {
      const share = status === 'finished' ? 1 : status === 'queued' ? 0 : ([0.25, 0.5, 0.75][i % 3] as number);
      runs[status].push(addRun(status, share).id);
    }
  }
  // One finished run whose answers carry markup: the elements must show it as text.
  const xss = store.get('flowRuns', runs.finished[runs.finished.length - 1] as string) as Rec;
  xss.attrs.state = { ...(xss.attrs.state as object), first_name: XSS_ANSWER, name: XSS_ANSWER };
  runs.xss = xss.id;
  const putNew: Parameters<typeof seedRunConversation>[1] = (type, attrs, createdAt) => put(type, attrs, createdAt);
  for (const status of SEEDED_STATUSES) {
    for (const id of runs[status]) {
      const run = store.get('flowRuns', id) as Rec;
      seedRunConversation(store, putNew, run);
      if (status === 'finished') {
        const { outcome, declinedBy, endNodeId } = runScript(
          store,
          String(run.attrs.flowId),
          Object.entries(run.attrs.state as object),
          1,
          { candidateFirst: false },
        );
        run.ending = { outcome, declinedBy, endNodeId };
      }
    }
  }
  // Live runs, staggered so a demo table changes over the first minute or two at speed 1.
  for (let i = 0; i < 4; i++) {
    runs.live.push(addRun('queued', 0, { runningAt: 8000 + i * 15_000, stepMs: 3000 }).id);
    runs.live.push(addRun('running', 0, { runningAt: -(i + 1) * 4000, stepMs: 4000 + 1000 * i }).id);
  }
  for (const [rec, sim] of live) {
    const opening = rec.attrs.initialMessage as Record<string, unknown>;
    simulateRun(t, rec, {
      ...sim,
      baseState: {},
      opening: Object.keys(opening).length ? opening : null,
      drawnAnswers: true,
      openingAt: Math.min(0, sim.runningAt - 1000),
    });
  }
  const conversations = seedConversationThreads(
    store,
    putNew,
    { driver: flows.driver as string, warehouse: flows.warehouse as string },
    identifier,
    now,
  );
  threads.push(conversations.long, conversations.stale, conversations.xss);
  const inbox = seedInbox(store, threads, conversations, now);

  return {
    flows: flowIds,
    flowGenerations: generations,
    flowWithAppointment: flows.driver as string,
    flowWithCustomSchedule: flows.customerService as string,
    flowWithoutGeneration: flows.nurse as string,
    messageThreads: threads,
    messageTemplates: templates,
    templates: templateIds,
    approvedTemplates: SEED_TEMPLATES.filter((tpl) => tpl.status === 'APPROVED').map((tpl) => templateIds[tpl.key]),
    schedules,
    runs,
    conversations,
    inbox,
  };
}
