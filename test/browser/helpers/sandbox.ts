/**
 * Browser tests' handle on the sandbox that the test runner mounts same-origin: each call to `newSandbox()` gets a
 * fresh, randomly named tenant (`/__sandbox/<tenant>/...`), so test files in three browsers never share state.
 * Plain browser code: fetch only, no import of the sandbox itself (the seed ids come from the control answer).
 */

/** Faults a tenant can be given; rates are shares 0..1 of API requests (1 = every request). */
export interface SandboxFaults {
  latencyMs?: number;
  errorRate?: number;
  dropRate?: number;
  /** Share of writes (POST/PATCH/DELETE) carried out, then left unanswered (the connection dropped). */
  dropAfterRate?: number;
  rateLimitRate?: number;
  retryAfter?: number;
  htmlErrorRate?: number;
  rejectIdFilter?: boolean;
  /** Only the next `count` API requests are affected; then the tenant is healthy again. */
  count?: number;
  /** Only requests with these methods (e.g. `['PATCH']`) see the faults, and only they are counted. */
  methods?: string[];
}

export type SeededRunStatus = 'queued' | 'running' | 'finished' | 'timeout' | 'cancelled' | 'exception' | 'paused';

/** The deterministic seed data (same ids in every tenant). `runs.<status>` never change by themselves. */
export interface SandboxSeed {
  flows: string[];
  flowGenerations: string[];
  flowWithAppointment: string;
  flowWithCustomSchedule: string;
  flowWithoutGeneration: string;
  messageThreads: string[];
  /** All seeded templates; `[0]` is the docs' example template `7f9a9715-…` (approved, one body parameter). */
  messageTemplates: string[];
  /** Templates by role. */
  templates: {
    /** The docs' example id, en, APPROVED, one body parameter ("Hi {{1}}, …"). */
    example: string;
    /** nl, APPROVED, one body parameter. */
    welcomeNl: string;
    /** en, APPROVED, two body parameters (name, vacancy), with a FOOTER. */
    twoParameters: string;
    /** nl, APPROVED, two body parameters. */
    twoParametersNl: string;
    /** en, APPROVED, one body parameter (a time). */
    reminder: string;
    /** en, APPROVED, no parameters. */
    noParameters: string;
    /** nl, PENDING: refused as an initialMessage. */
    pending: string;
    /** en, REJECTED: refused as an initialMessage. */
    rejected: string;
  };
  /** The APPROVED templates (what start-run offers). */
  approvedTemplates: string[];
  schedules: string[];
  runs: Record<SeededRunStatus, string[]> & { live: string[]; xss: string };
  /**
   * Threads with seeded conversations (also the last three of `messageThreads`): `long` (60 messages, the
   * candidate wrote 2 h ago), `stale` (the candidate last wrote 3 days ago: outside WhatsApp's 24-hour window; a
   * free text after that failed) and `xss` (markup in texts and in a sender name).
   */
  conversations: { long: string; stale: string; xss: string };
  /** The inbox's data (sandbox/inbox.ts). */
  inbox: {
    candidateStatuses: string[];
    /** Every seeded candidate (Dutch mobile numbers, 316 and eight digits). */
    candidates: string[];
    /** Every seeded conversation, newest activity first at seed time (live runs' candidates write on later). */
    conversations: string[];
    /** Conversations with unread messages at seed time, and the closed ones. */
    unread: string[];
    closed: string[];
    /** Threads without a candidate, so without a conversation. */
    threadsWithoutCandidate: string[];
    /** The conversations of `conversations.long`, `.stale` (outside the window) and `.xss` (markup in texts). */
    byThread: { long: string; stale: string; xss: string };
    /** The xss thread's candidate: markup in first and last name. */
    xssCandidate: string;
  };
}

export interface SandboxRequest {
  method: string;
  path: string;
  query: string;
  status: number;
  /** A POST answered from its `Idempotency-Key`: the first answer again, nothing done twice. */
  replayed?: boolean;
  at: string;
}

export interface SandboxSettings {
  speed: number;
  faults: SandboxFaults;
}

export interface TestSandbox {
  tenant: string;
  /** Absolute API base of this tenant, e.g. `http://localhost:8000/__sandbox/t-abc/public/v2`. */
  baseUrl: string;
  apiKey: string;
  seed: SandboxSeed;
  settings: SandboxSettings;
  /** API requests this tenant received (not control requests). */
  requests(): Promise<SandboxRequest[]>;
  clearRequests(): Promise<void>;
  setFaults(faults: SandboxFaults): Promise<SandboxSettings>;
  setSpeed(speed: number): Promise<SandboxSettings>;
  /** Fresh seed data, empty log, the given speed and faults again. */
  reset(): Promise<void>;
  /** The candidate of a thread writes `text` now (raises its conversation's unread count, moves it to the top). */
  inbound(messageThreadId: string, text: string): Promise<void>;
  /** Adds `n` (≤ 10,000) threads, each with a candidate and a conversation. */
  seedConversations(n: number): Promise<void>;
  /** Inbound messages a minute (≤ 600) written by seeded candidates; 0 = none (the default). */
  setInboxActivity(perMinute: number): Promise<void>;
}

interface ControlAnswer {
  tenant: string;
  settings: SandboxSettings;
  seed: SandboxSeed;
}

export interface NewSandboxOptions {
  /** Default 50: life cycles in tens of milliseconds. */
  speed?: number;
  faults?: SandboxFaults;
  /** Defaults to a random name. */
  tenant?: string;
  /** Defaults to `location.origin`. */
  origin?: string;
}

const randomName = () => `t-${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36)}`;

export async function newSandbox(options: NewSandboxOptions = {}): Promise<TestSandbox> {
  const tenant = options.tenant ?? randomName();
  const origin = options.origin ?? location.origin;
  const root = `${origin}/__sandbox/${tenant}`;
  const speed = options.speed ?? 50;
  const faults = options.faults ?? {};

  const send = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(root + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox control ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const controlAnswer = (body: unknown) => send('POST', '/control', body) as Promise<ControlAnswer>;

  const first = await controlAnswer({ reset: true, speed, faults });
  const sb: TestSandbox = {
    tenant,
    baseUrl: `${root}/public/v2`,
    apiKey: 'sandbox-key',
    seed: first.seed,
    settings: first.settings,
    requests: async () => (await send('GET', '/requests')).requests as SandboxRequest[],
    clearRequests: async () => void (await send('DELETE', '/requests')),
    setFaults: async (f) => (sb.settings = (await controlAnswer({ faults: f })).settings),
    setSpeed: async (s) => (sb.settings = (await controlAnswer({ speed: s })).settings),
    reset: async () => void (sb.settings = (await controlAnswer({ reset: true, speed, faults })).settings),
    inbound: async (messageThreadId, text) => void (await controlAnswer({ inbound: { messageThreadId, text } })),
    seedConversations: async (n) => void (await controlAnswer({ seedConversations: n })),
    setInboxActivity: async (n) => void (await controlAnswer({ inboxActivity: n })),
  };
  return sb;
}
