// createRecruboApply: the endpoint behind <recrubo-apply>, for an anonymous career-site page. It holds the key,
// decides what is started (the page names only a public vacancy key), and refuses abuse before anything reaches
// Recrubo: origin, body, honeypot, consent, vacancy, phone, country, rate limits, `verify`, in that order. Then,
// serialised per number in the store, it reuses the candidate's thread and any live or recent run of the flow, or
// starts one. The page gets `{ ticket, status }` (+ `waLink` in candidate-first mode) and nothing else.
// Web-standard only (Request, Response, fetch, crypto), so it runs in Node, Deno, Bun and edge runtimes.
import { corsHeaders, preflightHeaders } from '../cors.ts';
import { readRequestJson } from '../guard.ts';
import { keyReused, once, type KeptAnswer } from '../idempotency.ts';
import { relativePath } from '../match.ts';
import { storeHash as hash } from '../store/hash.ts';
import { STORE_RETRY_AFTER_S } from '../errors.ts';
import { LockTimeoutError, StoreUnavailableError } from '../store/types.ts';
import { checkApplyBody, type ApplyBody } from './body.ts';
import {
  compileApplySettings,
  type ApplyInput,
  type ApplySettings,
  type ApplyVacancy,
  type RateLimit,
  type RecruboApplyOptions,
} from './options.ts';
import { numberPrefix, parsePhone, type ParsedPhone } from './phone.ts';
import {
  createRun,
  findOrCreateThread,
  getRun,
  runsOf,
  templateMessage,
  UpstreamError,
  type RunSummary,
} from './recrubo.ts';
import { fail, json, refusals } from './responses.ts';

export type {
  ApplyInput,
  ApplyMode,
  ApplyRateLimits,
  ApplyVacancy,
  RateLimit,
  RecruboApplyOptions,
  VacancyLookup,
} from './options.ts';
export { DEFAULT_LIMITS } from './options.ts';

/** What the page may know about its application. */
export type ApplyStatus = 'sent' | 'started' | 'completed' | 'ended' | 'unknown';

export interface ApplyAnswer {
  ticket: string;
  status: ApplyStatus;
  /** candidate-first: `https://wa.me/<business number>?text=…`, for the candidate to write first. */
  waLink?: string;
}

export type RecruboApplyHandler = (request: Request) => Promise<Response>;

/** A run that is still going, or started within this window, is "the" application: answered again, never re-sent. */
export const RECENT_MS = 24 * 60 * 60 * 1000;
const LIVE = new Set(['created', 'queued', 'running']);
const TICKET = /^[A-Za-z0-9_-]{32}$/;

/** The run's status as the candidate may see it; nothing of the run's state or cost. */
export function candidateStatus(runStatus: string): ApplyStatus {
  if (runStatus === 'created' || runStatus === 'queued') return 'sent';
  if (runStatus === 'running') return 'started';
  if (runStatus === 'finished') return 'completed';
  if (runStatus === 'timeout' || runStatus === 'exception' || runStatus === 'cancelled') return 'ended';
  return 'unknown';
}

interface TicketRecord {
  /** The run. */
  r: string;
  /**
   * Whether this ticket may follow the run's progress. A ticket handed out for a run that someone else's apply
   * started (a second apply for the same number without that first ticket) is not: otherwise anyone who types a
   * stranger's number would watch that stranger's application. It answers `sent` only.
   */
  o: boolean;
}

export function createRecruboApply(options: RecruboApplyOptions): RecruboApplyHandler {
  const settings = compileApplySettings(options);

  return async function recruboApply(request: Request): Promise<Response> {
    const origin = request.headers.get('origin');
    let cors = corsHeaders(null, false);
    try {
      const url = new URL(request.url);
      const path = relativePath(url.pathname, settings.basePath);
      if (path === undefined) return fail(refusals.notFound(), cors);
      // CORS only lets a page read answers; it is not the guard (a form POST needs no preflight). The guard is the
      // origin check below, on every request. So a refused page may read its refusal, and the element can say
      // "this page may not send applications" instead of "the server is unreachable".
      cors = corsHeaders(origin === 'null' ? null : origin, false);
      if (request.method === 'OPTIONS') {
        if (origin === null || origin === 'null')
          return new Response(null, { status: 204, headers: { allow: 'GET, POST, OPTIONS', vary: 'Origin' } });
        return new Response(null, { status: 204, headers: preflightHeaders(origin, ['GET', 'POST'], false) });
      }
      if (!settings.originAllowed(origin)) return fail(refusals.origin(), cors);
      if (path === '/' || path === '') {
        if (request.method !== 'POST') return fail(refusals.method(request.method), cors);
        // Browsers send Origin on every POST, same-origin too; a POST without one is not from a page.
        if (origin === null) return fail(refusals.origin(), cors);
        return await apply(request, settings, cors);
      }
      const ticket = path.slice(1);
      if (request.method !== 'GET') return fail(refusals.method(request.method), cors);
      if (!TICKET.test(ticket)) return fail(refusals.unknownTicket(), cors);
      return await status(request, ticket, settings, cors);
    } catch (error) {
      if (error instanceof LockTimeoutError) return fail(refusals.busy(), cors, 2);
      if (error instanceof StoreUnavailableError) {
        settings.onError(error);
        return fail(refusals.storeUnavailable(), cors, STORE_RETRY_AFTER_S);
      }
      settings.onError(error);
      if (error instanceof UpstreamError) return fail(refusals.upstream(), cors);
      return fail(refusals.internal(), cors);
    }
  };
}

async function apply(request: Request, settings: ApplySettings, cors: Headers): Promise<Response> {
  // Body size and shape.
  const read = await readRequestJson(request, {
    maxBytes: settings.maxBodyBytes,
    deadlineMs: settings.bodyDeadlineMs,
    maxDepth: 8,
  });
  if ('error' in read) return fail(read.error, cors);
  const parsed = checkApplyBody(read.value);
  if ('problem' in parsed)
    return fail(
      parsed.invalid
        ? refusals.invalid(parsed.problem, parsed.pointer)
        : refusals.badBody(parsed.problem, parsed.pointer),
      cors,
    );
  // The click's Idempotency-Key: the same request again (a browser's resend, "Send again" after no answer) gets the
  // first answer, the same ticket, and starts nothing; counted once against the rate limits.
  const sent = await once<Response>(
    {
      store: settings.store,
      scope: 'apply',
      key: request.headers.get('idempotency-key') ?? undefined,
      request: JSON.stringify(parsed.body),
      // Covers waiting for the number's lock and the work under it.
      waitMs: 2 * settings.lockMs,
    },
    () => checkedApply(request, parsed.body, settings, cors),
    async (res): Promise<KeptAnswer> => ({
      status: res.status,
      headers: [['content-type', res.headers.get('content-type') ?? 'application/json']],
      text: await res.clone().text(),
    }),
  );
  if ('reused' in sent) return fail(keyReused, cors);
  if ('replayed' in sent) return json(JSON.parse(sent.replayed.text ?? '{}'), sent.replayed.status, cors);
  return sent.fresh;
}

async function checkedApply(request: Request, body: ApplyBody, settings: ApplySettings, cors: Headers) {
  // Honeypot, consent, vacancy, phone, country.
  if (body.website) return fail(refusals.honeypot(), cors);
  if (body.consent !== true) return fail(refusals.consent(), cors);
  const vacancy = await settings.vacancy(body.vacancy);
  if (!vacancy || typeof vacancy.flowId !== 'string' || !vacancy.flowId) return fail(refusals.vacancy(), cors);
  const phone = parsePhone(body.phone, body.country ?? settings.defaultCountry);
  if ('problem' in phone) return fail(phone.problem === 'not-mobile' ? refusals.notMobile() : refusals.phone(), cors);
  if (!phone.country || !settings.allowedCountries.has(phone.country)) return fail(refusals.country(), cors);

  const input: ApplyInput = {
    vacancy: body.vacancy,
    phone: phone.e164,
    ...(body.firstName ? { firstName: body.firstName } : {}),
    ...(body.lang ? { lang: body.lang } : {}),
    ...(body.extra ? { extra: body.extra } : {}),
  };
  const numberKey = await hash(phone.identifier);
  const recentKey = `recent:${await hash(vacancy.flowId)}:${numberKey}`;
  // From here on the work depends on whether the number has applied (one upstream call or four); the answer is
  // paced to the slowest path, so its timing does not tell.
  const started = Date.now();
  const answered = async (response: Response) => {
    await paced(settings, started);
    return response;
  };

  // The candidate's own browser again (it sends the ticket it was given for this number's run) is never refused by
  // the per-client limit. Anyone else is counted alike whether or not the number has applied, so that a 429 does
  // not tell either.
  const remembered = await settings.store.get(recentKey);
  const own =
    remembered && body.ticket && TICKET.test(body.ticket) ? await readTicket(settings, body.ticket) : undefined;
  if (!(own && own.o && own.r === remembered)) {
    const client = (await settings.clientId(request)) ?? unknownClient(settings);
    const limited = await overLimit(settings, 'client', `c:${await hash(client)}`);
    if (limited) return fail(refusals.rateLimited(limited.scope), cors, limited.retryAfter);
  }
  if (settings.verify && !(await settings.verify(request, input))) return fail(refusals.verify(), cors);
  // A number this endpoint started a run for gets its ticket: no per-number, range or daily limit counts it, so
  // others applying with that number cannot lock its candidate out.
  if (remembered) {
    // No call made yet (a new instance on a shared store): one call, to know the pace the answer must keep.
    if (settings.pace.callMs === undefined) await getRun(settings, remembered);
    const answer = await existingAnswer(settings, body, { id: remembered });
    return answered(withLink(settings, answer, vacancy, body, input, cors));
  }

  // Invite mode needs a template; a vacancy without one is a configuration error, told to the integrator.
  let initialMessage: Record<string, unknown> = {};
  if (settings.mode === 'invite') {
    if (!vacancy.templateId)
      throw new TypeError(
        `createRecruboApply: vacancy "${body.vacancy.slice(0, 50)}" has no templateId (needed in invite mode)`,
      );
    const parameters = vacancy.templateParameters ? await vacancy.templateParameters(input) : [];
    if (!Array.isArray(parameters) || !parameters.every((p) => typeof p === 'string')) {
      throw new TypeError('createRecruboApply: templateParameters must return an array of strings');
    }
    initialMessage = templateMessage(vacancy.templateId, parameters);
  }

  // The lock lives as long as the work under it may take (every call's timeout, the prefix delay), and a second
  // apply for the number waits that long: it then finds the first one's run instead of starting another.
  const answer = await settings.store.withLock(
    `number:${numberKey}`,
    () => startOrReuse(settings, body, vacancy, phone, numberKey, recentKey, initialMessage),
    { ttlMs: settings.lockMs, waitMs: settings.lockMs },
  );
  if ('limited' in answer)
    return answered(fail(refusals.rateLimited(answer.limited.scope), cors, answer.limited.retryAfter));
  return answered(withLink(settings, answer, vacancy, body, input, cors));
}

function withLink(
  settings: ApplySettings,
  answer: ApplyAnswer,
  vacancy: ApplyVacancy,
  body: ApplyBody,
  input: ApplyInput,
  cors: Headers,
): Response {
  if (settings.mode === 'candidate-first') answer.waLink = waLink(settings, { ...vacancy, key: body.vacancy }, input);
  return json(answer, 200, cors);
}

/** Waits until `started` plus the time of the slowest path (four upstream calls at their recent pace). */
async function paced(settings: ApplySettings, started: number): Promise<void> {
  const callMs = settings.pace.callMs;
  if (callMs === undefined) return;
  const wait = started + Math.min(4 * callMs, 4 * settings.timeoutMs) - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

type Limited = { limited: { scope: string; retryAfter: number } };

/** The answer for a number that has a run: its own ticket's status, or a new ticket that says only "sent". */
async function existingAnswer(
  settings: ApplySettings,
  body: ApplyBody,
  existing: { id: string; status?: string },
): Promise<ApplyAnswer> {
  // The same browser again (it sent the ticket it was given): the real status. Anyone else: a ticket that says
  // only "sent", whoever's application it is.
  const own = body.ticket && TICKET.test(body.ticket) ? await readTicket(settings, body.ticket) : undefined;
  if (own && own.r === existing.id && own.o) {
    const status = existing.status ?? (await getRun(settings, existing.id))?.status ?? 'unknown';
    return { ticket: body.ticket!, status: candidateStatus(status) };
  }
  return { ticket: await newTicket(settings, { r: existing.id, o: false }), status: 'sent' };
}

/** Under the number's lock: one thread and one run per number and flow, however many applies arrive at once. */
async function startOrReuse(
  settings: ApplySettings,
  body: ApplyBody,
  vacancy: ApplyVacancy,
  phone: ParsedPhone,
  numberKey: string,
  recentKey: string,
  initialMessage: Record<string, unknown>,
): Promise<ApplyAnswer | Limited> {
  let existing: RunSummary | undefined;
  const remembered = await settings.store.get(recentKey);
  if (remembered) existing = await getRun(settings, remembered);
  let threadId: string | undefined;
  if (!existing) {
    threadId = await findOrCreateThread(settings, phone.identifier);
    existing = (await runsOf(settings, threadId, vacancy.flowId)).find(
      (run) =>
        LIVE.has(run.status) || (run.createdAt !== undefined && Date.now() - Date.parse(run.createdAt) < RECENT_MS),
    );
  }
  if (existing) return existingAnswer(settings, body, existing);
  // Only an apply that would start a run (and so send something) counts against the number, its range and the
  // endpoint's daily cap: applies for a number that has a run cannot fill them.
  const limited = (await overLimit(settings, 'number', `n:${numberKey}`)) ?? (await overLimit(settings, 'daily', 'd'));
  if (limited) return { limited };
  // A range past its limit is slowed, not blocked: pumping consecutive numbers gets slow, a candidate still applies.
  if (await overLimit(settings, 'prefix', `p:${await hash(numberPrefix(phone.identifier))}`))
    await new Promise((resolve) => setTimeout(resolve, settings.prefixDelayMs));
  const run = await createRun(settings, threadId!, vacancy.flowId, initialMessage);
  await settings.store.set(recentKey, run.id, RECENT_MS);
  return { ticket: await newTicket(settings, { r: run.id, o: true }), status: 'sent' };
}

async function status(request: Request, ticket: string, settings: ApplySettings, cors: Headers): Promise<Response> {
  // An unknown ticket writes nothing (no counter): anonymous lookups cannot fill the store.
  const record = await readTicket(settings, ticket);
  if (!record) return fail(refusals.unknownTicket(), cors);
  // Per client when the client is known; else per ticket, so that polling pages do not share one bucket.
  const client = await settings.clientId(request);
  const limited = await overLimit(settings, 'status', client ? `s:${await hash(client)}` : `t:${await hash(ticket)}`);
  if (limited) return fail(refusals.rateLimited(limited.scope), cors, limited.retryAfter);
  if (!record.o) return json({ ticket, status: 'sent' }, 200, cors);
  const run = await getRun(settings, record.r);
  return json({ ticket, status: run ? candidateStatus(run.status) : 'ended' }, 200, cors);
}

const warned = new WeakSet<ApplySettings>();

/**
 * No client id: every such request shares one per-client bucket (fail closed), and the integrator is told once.
 * (In production mode such a configuration does not start: see the `production` option.)
 */
function unknownClient(settings: ApplySettings): string {
  if (!warned.has(settings)) {
    warned.add(settings);
    settings.onError(
      new Error(
        'createRecruboApply: no client id for a request (pass clientId, or trustForwardedFor behind your proxy); such requests share one per-client rate limit',
      ),
    );
  }
  return 'unknown';
}

async function overLimit(
  settings: ApplySettings,
  scope: keyof ApplySettings['limits'],
  key: string,
): Promise<{ scope: string; retryAfter: number } | undefined> {
  const rule = settings.limits[scope] as RateLimit | false;
  if (!rule) return undefined;
  const { count, resetMs } = await settings.store.increment(`limit:${scope}:${key}`, rule.windowMs);
  return count > rule.limit ? { scope, retryAfter: Math.max(1, Math.ceil(resetMs / 1000)) } : undefined;
}

async function newTicket(settings: ApplySettings, record: TicketRecord): Promise<string> {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  const ticket = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  await settings.store.set(`ticket:${ticket}`, JSON.stringify(record), settings.ticketTtlMs);
  return ticket;
}

async function readTicket(settings: ApplySettings, ticket: string): Promise<TicketRecord | undefined> {
  const text = await settings.store.get(`ticket:${ticket}`);
  if (!text) return undefined;
  try {
    const record = JSON.parse(text) as TicketRecord;
    return typeof record.r === 'string' ? record : undefined;
  } catch {
    return undefined;
  }
}

function waLink(settings: ApplySettings, vacancy: ApplyVacancy & { key: string }, input: ApplyInput): string {
  return `https://wa.me/${settings.whatsappDigits}?text=${encodeURIComponent(settings.whatsappText(vacancy, input))}`;
}
