// The options of createRecruboApply, and their checking at start-up (a misconfigured endpoint fails to boot rather
// than failing open). Messages name the option, never a value: the key must not end up in a crash log.
import type { OriginPolicy } from '../cors.ts';
import { checkApiKey, compileOriginCheck } from '../guard.ts';
import { normalizeBasePath } from '../match.ts';
import type { ApplyStore } from '../store/types.ts';
import { createMemoryStore } from '../store/memory.ts';

/** What the page sent, after checking: what `templateParameters`, `whatsappText` and `verify` get to see. */
export interface ApplyInput {
  vacancy: string;
  /** E.164, `+31612345678`. */
  phone: string;
  firstName?: string;
  /** The page's language (`en`/`nl`), for the prefilled WhatsApp text. */
  lang?: string;
  /** Whatever the page put in `extra` (a captcha token for `verify`); never sent upstream. */
  extra?: Record<string, unknown>;
}

export interface ApplyVacancy {
  /** The Flow the run starts. */
  flowId: string;
  /** The approved MessageTemplate of the invitation (invite mode). */
  templateId?: string;
  /**
   * The template's body parameters, in order, e.g. `(input) => [input.firstName ?? 'there']`. What a visitor typed
   * reaches the business's template only through this, so the endpoint checks it first: `firstName` is a name
   * (letters of any script, accented too, with single spaces, hyphens or apostrophes; no digits, no dots, slashes or
   * colons, so no link and no phone number; at most 50 characters), else a 422 at `/firstName`. Put nothing else
   * from `input` (never `extra`) into a parameter.
   */
  templateParameters?: (input: ApplyInput) => string[] | Promise<string[]>;
  /** Shown in the prefilled WhatsApp text (candidate-first), e.g. `Barista Amsterdam`. Default: the public key. */
  title?: string;
}

export type VacancyLookup =
  | Readonly<Record<string, ApplyVacancy>>
  | ((key: string) => ApplyVacancy | undefined | null | Promise<ApplyVacancy | undefined | null>);

export interface RateLimit {
  /** How many in one window. */
  limit: number;
  windowMs: number;
}

export interface ApplyRateLimits {
  /** Applies per client (see `clientId`). A number this endpoint already started a run for is not counted. */
  client?: RateLimit | false;
  /**
   * New runs per phone number (only applies that would start one, so send something, count: an apply for a number
   * that already has a live or recent run gets its ticket and counts nothing, so third parties cannot block it).
   */
  number?: RateLimit | false;
  /**
   * New runs per number range (all but the last four digits): consecutive-number pumping. Past it a new run in the
   * range is slowed by `prefixDelayMs`, not refused, so an attack on a range cannot lock its candidates out.
   */
  prefix?: RateLimit | false;
  /** New runs of the whole endpoint per window: a ceiling on what an attack can cost. */
  daily?: RateLimit | false;
  /** Status requests (`GET {basePath}/{ticket}`) per client. */
  status?: RateLimit | false;
}

export type ApplyMode = 'candidate-first' | 'invite';

export interface RecruboApplyOptions {
  /** The real organisation key, from the server's environment. */
  apiKey: string;
  /** API root including `/public/v2`. Default `https://api.recrubo.app/public/v2`. */
  upstream?: string;
  /** Where the handler is mounted: `POST {basePath}` applies, `GET {basePath}/{ticket}` answers the status. Default `/apply`. */
  basePath?: string;
  /** Origins of other sites' pages that may apply (exact), or a predicate. */
  allowedOrigins?: OriginPolicy;
  /**
   * The origin(s) this endpoint is served from (`https://careers.example`): same-origin pages send `Origin` on POST
   * too. From configuration, never from the `Host` header (a DNS-rebinding page controls that).
   */
  publicOrigin?: string | readonly string[];
  /** Public vacancy key (what the page's `vacancy` attribute says) → what to start. */
  vacancies: VacancyLookup;
  /** The business's WhatsApp number (E.164). With it the default mode is `candidate-first`. */
  whatsappNumber?: string;
  /** Default: `candidate-first` when `whatsappNumber` is set, else `invite`. */
  mode?: ApplyMode;
  /** Country of local numbers (`06…`) when the page does not say. Default `NL`. */
  defaultCountry?: string;
  /** Countries whose numbers are accepted. Default: `[defaultCountry]`. */
  allowedCountries?: readonly string[];
  /** Override any limit (or `false` to turn one off). Defaults depend on the mode; see the README. */
  rateLimit?: ApplyRateLimits;
  /** Who is asking, for the per-client limit (e.g. the socket's address). See `trustForwardedFor`. */
  clientId?: (request: Request) => string | undefined | Promise<string | undefined>;
  /** Use the last `X-Forwarded-For` entry as the client (only behind your own proxy that sets it). Default false. */
  trustForwardedFor?: boolean;
  /**
   * Production mode: a configuration that cannot tell clients apart (no `clientId`, no `trustForwardedFor`, and a
   * per-client limit) fails at start-up instead of putting every visitor into one bucket (ten applies from anyone
   * would block the whole site). Default: `process.env.NODE_ENV === 'production'`.
   */
  production?: boolean;
  /** How long a new run in a number range past its `prefix` limit is held back. Default 5000 ms. */
  prefixDelayMs?: number;
  /** Where limits, locks and tickets live. Default: `createMemoryStore()` (one server instance). */
  store?: ApplyStore;
  /** Your last word (a captcha check with `body.extra`): false refuses with 403. Runs after every other check. */
  verify?: (request: Request, body: ApplyInput) => boolean | Promise<boolean>;
  /** The prefilled text of the WhatsApp link (candidate-first). Default: "Hi! I would like to apply for {title}." */
  whatsappText?: (vacancy: ApplyVacancy & { key: string }, input: ApplyInput) => string;
  /** How long a ticket answers its status. Default 7 days. */
  ticketTtlMs?: number;
  /** Largest accepted body. Default 8 KB. */
  maxBodyBytes?: number;
  /** Per upstream call (headers and body). Default 15 000 ms. */
  timeoutMs?: number;
  /** The whole request body must arrive within this. Default 10 000 ms, then 408. */
  bodyDeadlineMs?: number;
  fetch?: typeof fetch;
  /** Told about upstream failures and bugs, for your logs. Never contains the key or the phone number. */
  onError?: (error: unknown) => void;
}

export interface ApplySettings {
  apiKey: string;
  upstream: string;
  basePath: string;
  originAllowed: (origin: string | null) => boolean;
  vacancy: (key: string) => Promise<ApplyVacancy | undefined>;
  whatsappDigits: string | undefined;
  mode: ApplyMode;
  defaultCountry: string;
  allowedCountries: Set<string>;
  limits: Required<ApplyRateLimits>;
  clientId: (request: Request) => Promise<string | undefined>;
  store: ApplyStore;
  prefixDelayMs: number;
  /**
   * How long the per-number lock may be held: every upstream call the work under it makes (four at most) with its
   * timeout, the prefix delay and a margin. Also how long a second apply for the number waits for it.
   */
  lockMs: number;
  /** The running average of one upstream call's duration, to pace answers (their timing says nothing). */
  pace: { callMs: number | undefined };
  verify?: (request: Request, body: ApplyInput) => boolean | Promise<boolean>;
  whatsappText: (vacancy: ApplyVacancy & { key: string }, input: ApplyInput) => string;
  ticketTtlMs: number;
  maxBodyBytes: number;
  bodyDeadlineMs: number;
  timeoutMs: number;
  fetch: typeof fetch;
  onError: (error: unknown) => void;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Candidate-first sends nothing to the typed number, so its limits only guard our own cost and the API. Invite
 * mode makes the business message whatever number a visitor typed: a number gets few invitations a day.
 */
export const DEFAULT_LIMITS: Record<ApplyMode, Required<ApplyRateLimits>> = {
  'candidate-first': {
    client: { limit: 10, windowMs: 10 * MINUTE },
    number: { limit: 5, windowMs: HOUR },
    prefix: { limit: 30, windowMs: HOUR },
    daily: { limit: 2000, windowMs: DAY },
    status: { limit: 600, windowMs: 10 * MINUTE },
  },
  invite: {
    client: { limit: 5, windowMs: HOUR },
    number: { limit: 3, windowMs: DAY },
    prefix: { limit: 10, windowMs: HOUR },
    daily: { limit: 300, windowMs: DAY },
    status: { limit: 600, windowMs: 10 * MINUTE },
  },
};

const fail = (message: string): never => {
  throw new TypeError(`createRecruboApply: ${message}`);
};

export function compileApplySettings(options: RecruboApplyOptions): ApplySettings {
  const apiKey = checkApiKey(options?.apiKey, 'createRecruboApply');
  const upstream = (options.upstream ?? 'https://api.recrubo.app/public/v2').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(upstream)) fail('upstream must be an http(s) URL');
  if (!options.vacancies || (typeof options.vacancies !== 'object' && typeof options.vacancies !== 'function')) {
    fail('vacancies is required: an object of public key → { flowId, templateId, templateParameters } or a function');
  }
  let whatsappDigits: string | undefined;
  if (options.whatsappNumber !== undefined) {
    whatsappDigits = String(options.whatsappNumber)
      .replace(/[\s()\-.]/g, '')
      .replace(/^\+|^00/, '');
    if (!/^[1-9]\d{6,14}$/.test(whatsappDigits))
      fail('whatsappNumber must be an international number like +31201234567');
  }
  const mode = options.mode ?? (whatsappDigits ? 'candidate-first' : 'invite');
  if (mode !== 'candidate-first' && mode !== 'invite') fail('mode must be "candidate-first" or "invite"');
  if (mode === 'candidate-first' && !whatsappDigits)
    fail('candidate-first mode needs whatsappNumber (the business number the candidate writes to)');
  const defaultCountry = (options.defaultCountry ?? 'NL').toUpperCase();
  if (!/^[A-Z]{2}$/.test(defaultCountry)) fail('defaultCountry must be an ISO 3166 code like NL');
  const allowedCountries = new Set((options.allowedCountries ?? [defaultCountry]).map((c) => String(c).toUpperCase()));
  const limits = { ...DEFAULT_LIMITS[mode] };
  for (const [name, value] of Object.entries(options.rateLimit ?? {}) as [keyof ApplyRateLimits, RateLimit | false][]) {
    if (!(name in limits)) fail(`rateLimit.${String(name)} is not a known limit`);
    if (value !== false && !(value && value.limit > 0 && value.windowMs > 0))
      fail(`rateLimit.${name} must be { limit, windowMs } or false`);
    limits[name] = value;
  }
  const vacancies = options.vacancies;
  const vacancy =
    typeof vacancies === 'function'
      ? async (key: string) => (await vacancies(key)) ?? undefined
      : // Own keys only: a vacancy called "__proto__" or "toString" must not find something.
        async (key: string) => (Object.prototype.hasOwnProperty.call(vacancies, key) ? vacancies[key] : undefined);
  const trustXff = options.trustForwardedFor ?? false;
  const clientId = options.clientId;
  const production =
    options.production ??
    (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NODE_ENV === 'production';
  if (production && !clientId && !trustXff && limits.client !== false)
    fail(
      'no way to tell clients apart: pass clientId (e.g. the socket address), or trustForwardedFor behind your own proxy, or rateLimit.client: false; else every visitor shares one per-client limit (production mode)',
    );
  const timeoutMs = options.timeoutMs ?? 15_000;
  const prefixDelayMs = options.prefixDelayMs ?? 5000;
  if (!(timeoutMs > 0)) fail('timeoutMs must be a number > 0');
  if (!(prefixDelayMs >= 0 && prefixDelayMs <= 60_000)) fail('prefixDelayMs must be from 0 to 60000');
  if (!options.fetch && typeof globalThis.fetch !== 'function') fail('no fetch available; pass options.fetch');
  return {
    apiKey,
    upstream: new URL(upstream).href.replace(/\/+$/, ''),
    basePath: normalizeBasePath(options.basePath ?? '/apply'),
    originAllowed: compileOriginCheck(
      {
        allowedOrigins: options.allowedOrigins ?? [],
        ...(options.publicOrigin !== undefined ? { publicOrigin: options.publicOrigin } : {}),
      },
      'createRecruboApply',
    ),
    vacancy,
    whatsappDigits,
    mode,
    defaultCountry,
    allowedCountries,
    limits,
    clientId: async (request) => {
      if (clientId) return (await clientId(request)) ?? undefined;
      if (trustXff) {
        const hops = (request.headers.get('x-forwarded-for') ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        return hops[hops.length - 1];
      }
      return undefined;
    },
    store: options.store ?? createMemoryStore(),
    prefixDelayMs,
    lockMs: 4 * timeoutMs + prefixDelayMs + 5000,
    pace: { callMs: undefined },
    ...(options.verify ? { verify: options.verify } : {}),
    whatsappText: options.whatsappText ?? defaultWhatsappText,
    ticketTtlMs: options.ticketTtlMs ?? 7 * DAY,
    maxBodyBytes: options.maxBodyBytes ?? 8 * 1024,
    bodyDeadlineMs: options.bodyDeadlineMs ?? 10_000,
    timeoutMs,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    onError: options.onError ?? (() => {}),
  };
}

function defaultWhatsappText(vacancy: ApplyVacancy & { key: string }, input: ApplyInput): string {
  const title = vacancy.title ?? vacancy.key;
  return input.lang === 'nl'
    ? `Hoi! Ik wil graag solliciteren op ${title}.`
    : `Hi! I would like to apply for ${title}.`;
}
