// The apply endpoint's own calls to Recrubo: find or create the candidate's MessageThread, find a run of the flow
// on it, start one. Built here from checked values only (nothing of the page's body is forwarded as is).
import { callUpstream } from '../forward.ts';
import type { ApplySettings } from './options.ts';

/** Recrubo could not be reached or answered unexpectedly: the page gets a 502, the integrator's log the reason. */
export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UpstreamError';
  }
}

export interface RunSummary {
  id: string;
  status: string;
  createdAt: string | undefined;
}

type Doc = { data?: unknown };

/** A list page of ten runs or one thread is a few KB; anything far larger is not an answer we asked for. */
const MAX_ANSWER_BYTES = 1024 * 1024;

async function call(settings: ApplySettings, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Doc> {
  const started = Date.now();
  const result = await callUpstream({
    url: `${settings.upstream}${path}`,
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    apiKey: settings.apiKey,
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: MAX_ANSWER_BYTES,
  });
  // The message names the operation and status only: no URL with a phone number in its query, no key.
  const what = `${method} ${path.split('?')[0]}`;
  if ('failure' in result) throw new UpstreamError(`${what}: ${result.failure}`, undefined, { cause: result.error });
  if ('refused' in result) throw new UpstreamError(`${what}: ${result.reason}`);
  const { status, text } = result.answer;
  // The pace of an answered call (a moving average), from which every apply's answer is paced.
  const took = Date.now() - started;
  settings.pace.callMs = settings.pace.callMs === undefined ? took : 0.8 * settings.pace.callMs + 0.2 * took;
  if (status < 200 || status >= 300) throw new UpstreamError(`${what}: HTTP ${status}`, status);
  try {
    return JSON.parse(text ?? '') as Doc;
  } catch (error) {
    throw new UpstreamError(`${what}: the answer is not JSON`, status, { cause: error });
  }
}

interface Resource {
  id: string;
  attributes?: Record<string, unknown>;
}

const many = (doc: Doc): Resource[] =>
  Array.isArray(doc.data) ? (doc.data as Resource[]).filter((r) => r && typeof r.id === 'string') : [];
const one = (doc: Doc, what: string): Resource => {
  const data = doc.data as Resource | undefined;
  if (!data || typeof data.id !== 'string') throw new UpstreamError(`${what}: no resource in the answer`);
  return data;
};
const summary = (r: Resource): RunSummary => ({
  id: r.id,
  status: typeof r.attributes?.status === 'string' ? r.attributes.status : 'unknown',
  createdAt: typeof r.attributes?.createdAt === 'string' ? r.attributes.createdAt : undefined,
});

/** The WhatsApp thread of this number: the oldest one if there are several (a thread is one person's channel). */
export async function findOrCreateThread(settings: ApplySettings, identifier: string): Promise<string> {
  const query = new URLSearchParams({
    'filter[identifier]': identifier,
    'filter[channel]': 'whatsapp',
    sort: 'createdAt',
    'page[size]': '1',
  });
  const found = many(await call(settings, 'GET', `/message-threads?${query}`));
  if (found[0]) return found[0].id;
  const created = await call(settings, 'POST', '/message-threads', {
    data: { type: 'messageThreads', attributes: { channel: 'whatsapp', identifier } },
  });
  return one(created, 'POST /message-threads').id;
}

/** The newest runs of `flowId` on the thread (newest first). */
export async function runsOf(settings: ApplySettings, threadId: string, flowId: string): Promise<RunSummary[]> {
  const query = new URLSearchParams({
    'filter[messageThreadId]': threadId,
    'filter[flowId]': flowId,
    sort: '-createdAt',
    'page[size]': '10',
  });
  return many(await call(settings, 'GET', `/flow-runs?${query}`)).map(summary);
}

export async function createRun(
  settings: ApplySettings,
  threadId: string,
  flowId: string,
  initialMessage: Record<string, unknown>,
): Promise<RunSummary> {
  const created = await call(settings, 'POST', '/flow-runs', {
    data: { type: 'flowRuns', attributes: { flowId, messageThreadId: threadId, state: {}, initialMessage } },
  });
  return summary(one(created, 'POST /flow-runs'));
}

export async function getRun(settings: ApplySettings, runId: string): Promise<RunSummary | undefined> {
  try {
    return summary(one(await call(settings, 'GET', `/flow-runs/${encodeURIComponent(runId)}`), 'GET /flow-runs/:id'));
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 404) return undefined;
    throw error;
  }
}

/** The documented template payload (reference §2.2): one body component with the parameters as text. */
export function templateMessage(templateId: string, parameters: readonly string[]): Record<string, unknown> {
  return {
    type: 'template',
    template: {
      id: templateId,
      components: [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }],
    },
  };
}
