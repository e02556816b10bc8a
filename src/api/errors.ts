// The one error type of the package. Every failure that leaves the api layer is a RecruboApiError, so elements
// need a single `catch` and a single way to show it. Secrets are scrubbed when the error is built.

export type RecruboErrorKind = 'http' | 'network' | 'timeout' | 'parse' | 'auth' | 'aborted';

/** One `errors[]` entry of a JSON:API error document, normalised (status as a number, detail as text). */
export interface RecruboErrorEntry {
  status?: number;
  code?: string;
  title?: string;
  detail?: string;
  pointer?: string;
  /** The form field this entry concerns (e.g. `knockoutRequirements`), from the pointer or the detail text. */
  field?: string;
  /** A `detail` that was an object (Meta passthrough on message templates), kept as sent. */
  detailObject?: Record<string, unknown>;
}

export interface RecruboApiErrorInit {
  kind: RecruboErrorKind;
  message: string;
  status?: number;
  errors?: RecruboErrorEntry[];
  method?: string;
  url?: string;
  retryAfter?: number;
  cause?: unknown;
  /** Strings that must never show up in the error (api key, token). Not stored. */
  secrets?: (string | undefined)[];
}

const REDACTED = '[redacted]';

/** Query parameters that may carry credentials in an integrator's base URL. */
const SECRET_PARAM = /^(api[-_]?key|key|token|access[-_]?token|auth|authorization|secret|password|signature|sig)$/i;

export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '';
      parsed.password = '';
    }
    for (const name of [...parsed.searchParams.keys()]) {
      if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, REDACTED);
    }
    return decodeURIComponent(parsed.toString());
  } catch {
    return url;
  }
}

function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  // Whatever the secret was, never let an Authorization value through.
  return out.replace(/(Bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`);
}

/** Deeper than any error document Recrubo sends; a hostile one is cut here rather than walked. */
const MAX_SCRUB_DEPTH = 16;

/**
 * The one scrubber for everything an error carries: every string, at any depth, in values and in object keys
 * (`code`, `pointer`, `field`, `detailObject`, the message, the URL). A server that reflects the key into any
 * member of its error document cannot get it into a `recrubo-error` event. Returns a copy; numbers and booleans
 * pass; anything nested deeper than 16 levels is replaced by a marker.
 */
export function scrubSecrets<T>(value: T, secrets: readonly (string | undefined)[]): T {
  const usable = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 3);
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return scrubText(v, usable);
    if (typeof v !== 'object' || v === null) return v;
    if (depth >= MAX_SCRUB_DEPTH) return '[nested too deep]';
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) out[scrubText(key, usable)] = walk(item, depth + 1);
    return out;
  };
  return walk(value, 0) as T;
}

/** `Parameter knockoutRequirements can't be blank` and friends (the rule texts of vacancy-flow-rules.ts). */
const FIELD_FROM_TEXT: RegExp[] = [/^Parameter (\w+) /, /^(\w+) contains (?:invalid|unknown) /];

/** Pointers that name no field, like the documented `/data/relationships/parameter`. */
const UNINFORMATIVE_POINTERS = new Set([
  '',
  '/',
  '/data',
  '/data/attributes',
  '/data/relationships/parameter',
  '/data/attributes/parameters',
]);

export function fieldFromEntry(pointer: string | undefined, detail: string | undefined): string | undefined {
  if (pointer && !UNINFORMATIVE_POINTERS.has(pointer)) {
    const parts = pointer.split('/').filter(Boolean);
    // The attribute, or for a generation's `parameters` object the parameter: /data/attributes/state → state;
    // /data/attributes/parameters/requiredFields/0/value → requiredFields; but a `parameters` deeper down is part
    // of the attribute's value: /data/attributes/initialMessage/template/components/0/parameters/1 → initialMessage.
    const attr = parts.indexOf('attributes');
    const at = attr >= 0 && parts[attr + 1] === 'parameters' ? attr + 2 : attr + 1;
    if (attr >= 0 && parts[at]) return parts[at];
    const rel = parts.indexOf('relationships');
    if (rel >= 0 && parts[rel + 1]) return parts[rel + 1];
  }
  if (detail) {
    for (const pattern of FIELD_FROM_TEXT) {
      const match = pattern.exec(detail);
      if (match) return match[1];
    }
    if (/opening message can not be updated/i.test(detail)) return 'initialMessage';
  }
  return undefined;
}

/** Turns whatever an `errors` array holds into normalised entries (status may be "422" or 400; detail an object). */
export function parseErrorEntries(body: unknown): RecruboErrorEntry[] {
  const list = (body as { errors?: unknown })?.errors;
  if (!Array.isArray(list)) return [];
  return list.map((raw): RecruboErrorEntry => {
    const item = (raw ?? {}) as Record<string, unknown>;
    const entry: RecruboErrorEntry = {};
    const status = Number(item.status);
    if (Number.isFinite(status) && status > 0) entry.status = status;
    if (typeof item.code === 'string') entry.code = item.code;
    if (typeof item.title === 'string') entry.title = item.title;
    if (typeof item.detail === 'string') entry.detail = item.detail;
    else if (item.detail && typeof item.detail === 'object') {
      entry.detailObject = item.detail as Record<string, unknown>;
      const d = item.detail as Record<string, unknown>;
      const text = d.error_user_msg ?? d.message;
      if (typeof text === 'string') entry.detail = text;
    }
    const source = item.source as { pointer?: unknown; parameter?: unknown } | undefined;
    if (typeof source?.pointer === 'string') entry.pointer = source.pointer;
    const field =
      fieldFromEntry(entry.pointer, entry.detail) ??
      (typeof source?.parameter === 'string' ? source.parameter : undefined);
    if (field) entry.field = field;
    return entry;
  });
}

export class RecruboApiError extends Error {
  override readonly name = 'RecruboApiError';
  readonly kind: RecruboErrorKind;
  /** HTTP status, when there was an answer. */
  readonly status?: number;
  readonly errors: RecruboErrorEntry[];
  readonly method?: string;
  /** The request URL with credentials in it (userinfo, `?token=`) redacted. Headers are never copied. */
  readonly url?: string;
  /** ms the server asked us to wait (Retry-After), when it said so. */
  readonly retryAfter?: number;

  constructor(init: RecruboApiErrorInit) {
    const secrets = init.secrets ?? [];
    const errors = scrubSecrets(init.errors ?? [], secrets);
    super(scrubSecrets(init.message, secrets));
    this.kind = init.kind;
    this.status = init.status ?? errors[0]?.status;
    this.errors = errors;
    this.method = scrubSecrets(init.method, secrets);
    this.url = scrubSecrets(redactUrl(init.url), secrets);
    this.retryAfter = init.retryAfter;
    // The cause may be a TypeError whose message names the URL; keep it only when it carries no secret.
    if (init.cause !== undefined) {
      const text = String((init.cause as Error)?.message ?? init.cause);
      if (scrubSecrets(text, secrets) === text) (this as { cause?: unknown }).cause = init.cause;
    }
  }

  /** The first entry's fields, which is what a form shows next to a control. */
  get code(): string | undefined {
    return this.errors[0]?.code;
  }
  get title(): string | undefined {
    return this.errors[0]?.title;
  }
  get detail(): string | undefined {
    return this.errors[0]?.detail;
  }
  get pointer(): string | undefined {
    return this.errors[0]?.pointer;
  }
  get field(): string | undefined {
    return this.errors.find((e) => e.field)?.field;
  }

  /** Entries grouped by form field, for showing each message next to its control. */
  get fieldErrors(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const entry of this.errors) {
      if (!entry.field) continue;
      (out[entry.field] ??= []).push(entry.detail ?? entry.title ?? entry.code ?? 'invalid');
    }
    return out;
  }

  toJSON() {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      code: this.code,
      title: this.title,
      detail: this.detail,
      pointer: this.pointer,
      field: this.field,
      errors: this.errors,
      method: this.method,
      url: this.url,
      retryAfter: this.retryAfter,
    };
  }
}

export function isRecruboApiError(value: unknown): value is RecruboApiError {
  return value instanceof RecruboApiError || (value as { name?: unknown })?.name === 'RecruboApiError';
}

/**
 * The API itself says the resource does not exist: a JSON:API 404. A 404 page from something else (a wrong
 * base-url, a proxy) is a failure to load, not proof that the resource is gone.
 */
export function isNotFoundError(error: { kind: RecruboErrorKind; status?: number } | undefined): boolean {
  return error?.kind === 'http' && error.status === 404;
}

/** Aborts are normal (the element left the DOM); elements should not report them. */
export function isAbortError(value: unknown): boolean {
  if (isRecruboApiError(value)) return value.kind === 'aborted';
  return (value as { name?: unknown })?.name === 'AbortError';
}

/** Retry-After is either delta-seconds or an HTTP date. Returns ms, or undefined when absent/unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
