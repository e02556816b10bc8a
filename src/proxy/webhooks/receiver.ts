// createRecruboWebhookReceiver: accepts Recrubo's webhook POSTs and publishes "this resource changed" to a broker.
// The payload is a signal, not data to trust: deliveries may come twice, late or out of order, so only
// `{ type, id, status, updatedAt }` goes on (the page applies it only when newer than what it holds; a page that
// shows more fetches it through the normal, authorised API path). A message also announces its thread
// (`messageThreads:<id>`, status null): a page watches the conversation it shows, not each message in it.
import { normalizeBasePath, relativePath } from '../match.ts';
import type { RecruboBroker, RecruboChange } from './broker.ts';
import {
  cleanChange,
  cleanTime,
  DEFAULT_BROKER_TIMEOUT_MS,
  fail,
  jsonAnswer,
  readJson,
  sameSecret,
  securityHeaders,
  unavailable,
  withDeadline,
} from './shared.ts';

export const WEBHOOK_SECRET_HEADER = 'x-recrubo-webhook-secret';
export const DEFAULT_WEBHOOK_MAX_BYTES = 1024 * 1024;
/** Recrubo retries 5 times over 24 hours: a delivery id is remembered a little longer than that. */
export const DEFAULT_DEDUPE_TTL_MS = 25 * 60 * 60 * 1000;

export interface RecruboWebhookReceiverOptions {
  /** The organisation's `webhookSecret`, from the server's environment. Never logged or echoed. */
  secret: string;
  broker: RecruboBroker;
  /** Where the handler is mounted (e.g. `/recrubo/webhooks`); only that path is answered. Default: any path. */
  basePath?: string;
  /** Told about failures to publish and handler bugs (never about refused deliveries' contents). */
  onError?: (error: unknown) => void;
  /** Largest accepted body (default 1 MB; a FlowRun with its `state` is a few KB). */
  maxBodyBytes?: number;
  /** A body not received within this time is a 408 (default 10 000 ms). */
  bodyTimeoutMs?: number;
  /** How long a payload id is remembered for dedupe (default 25 h). */
  dedupeTtlMs?: number;
  /**
   * How long the broker may take to claim and publish (default 1500 ms). Longer (Redis down) is a 503 with
   * Retry-After, so Recrubo delivers again, instead of a request held open until Recrubo's own timeout.
   */
  brokerTimeoutMs?: number;
}

export type RecruboWebhookReceiver = (request: Request) => Promise<Response>;

const problem = (status: number, code: string, title: string, detail: string) => ({ status, code, title, detail });

export function createRecruboWebhookReceiver(options: RecruboWebhookReceiverOptions): RecruboWebhookReceiver {
  if (typeof options?.secret !== 'string' || options.secret.trim() === '') {
    throw new TypeError('createRecruboWebhookReceiver: secret is required (read it from the server environment)');
  }
  if (!options.broker || typeof options.broker.publish !== 'function' || typeof options.broker.claim !== 'function') {
    throw new TypeError(
      'createRecruboWebhookReceiver: broker is required (createMemoryBroker() or createRedisBroker())',
    );
  }
  const { secret, broker, onError } = options;
  const basePath = normalizeBasePath(options.basePath);
  const maxBytes = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BYTES;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000;
  const ttl = options.dedupeTtlMs ?? DEFAULT_DEDUPE_TTL_MS;
  const brokerMs = options.brokerTimeoutMs ?? DEFAULT_BROKER_TIMEOUT_MS;
  const down = () => unavailable('The change could not be passed on; deliver again', RETRY_AFTER_S);

  return async function recruboWebhookReceiver(request: Request): Promise<Response> {
    try {
      const path = relativePath(new URL(request.url).pathname, basePath);
      if (path === undefined || (basePath && path !== '/'))
        return fail(problem(404, 'not_found', 'Not Found', 'Not a webhook path'));
      if (request.method !== 'POST') {
        const headers = securityHeaders();
        headers.set('allow', 'POST');
        return fail(problem(405, 'method_not_allowed', 'Method Not Allowed', 'Webhooks are POSTed'), headers);
      }
      // The secret first, before the body is read: an unauthenticated sender costs us nothing.
      const given = request.headers.get(WEBHOOK_SECRET_HEADER);
      if (given === null || !(await sameSecret(given, secret))) {
        await request.body?.cancel().catch(() => {});
        return fail(problem(401, 'unauthorized', 'Unauthorized', 'Missing or wrong X-Recrubo-Webhook-Secret'));
      }
      // Through the shared guards: byte cap (413), deadline (408), UTF-8, JSON and nesting limit (400).
      const read = await readJson(request, maxBytes, bodyTimeoutMs);
      if ('error' in read) return fail(read.error);
      const parsed = parsePayload(read.value);
      if (typeof parsed === 'string') return fail(problem(400, 'bad_request', 'Bad Request', parsed));
      if (parsed.changes.length === 0) return jsonAnswer(202, { meta: { ignored: true } }); // nobody watches it here

      const claimKey = `webhook:${parsed.deliveryId}`;
      let claimed: boolean;
      const claiming = broker.claim(claimKey, ttl);
      try {
        claimed = await withDeadline(claiming, brokerMs, 'a claim');
      } catch (error) {
        // Given up on, but the claim may still land (a queued command runs when Redis is back): then give it back,
        // or Recrubo's redelivery would be taken for a duplicate and the change never published.
        claiming.then((late) => (late ? broker.release(claimKey) : undefined)).catch(() => {});
        onError?.(error);
        return down();
      }
      if (!claimed) return jsonAnswer(200, { meta: { duplicate: true } });
      try {
        await withDeadline(Promise.all(parsed.changes.map((c) => broker.publish(c))), brokerMs, 'a publish');
      } catch (error) {
        // Not published: give the claim back and ask Recrubo to deliver again.
        void withDeadline(broker.release(claimKey), brokerMs, 'a release').catch(() => {});
        onError?.(error);
        return down();
      }
      return jsonAnswer(202, { meta: { accepted: true } });
    } catch (error) {
      onError?.(error);
      return fail(problem(500, 'internal_server_error', 'Internal Server Error', 'Unexpected error'));
    }
  };
}

/** What a webhook answers while the broker is out: Recrubo retries with backoff anyway; this is a floor. */
const RETRY_AFTER_S = 5;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const EVENTS = ['create', 'update', 'delete'];

/** A `webhookPayload` document, or why not. `changes` is empty for a resource type that is not pushed. */
function parsePayload(doc: unknown): { deliveryId: string; changes: RecruboChange[] } | string {
  if (!isObject(doc) || !isObject(doc.data)) return 'The body is not a JSON:API document with data';
  const { data } = doc;
  if (data.type !== 'webhookPayload') return 'data.type must be webhookPayload';
  if (typeof data.id !== 'string' || data.id === '' || data.id.length > 128) return 'data.id must be the delivery id';
  if (!isObject(data.attributes)) return 'data.attributes is missing';
  const { event, resource } = data.attributes;
  if (typeof event !== 'string' || !EVENTS.includes(event))
    return 'data.attributes.event must be create, update or delete';
  if (!isObject(resource) || typeof resource.type !== 'string' || typeof resource.id !== 'string') {
    return 'data.attributes.resource must be a resource object with type and id';
  }
  const attributes = isObject(resource.attributes) ? resource.attributes : {};
  const status = resource.type === 'messages' ? attributes.deliveryStatus : attributes.status;
  const change = cleanChange(resource.type, resource.id, status, attributes.updatedAt);
  const changes = change ? [change] : [];
  // A message (new, or its delivery moved) changes its thread's list of messages: the page that shows the thread
  // watches `messageThreads:<id>`, so that is announced too, with the message's time and no status.
  if (change && resource.type === 'messages') {
    const listChange = cleanChange('messageThreads', threadOf(resource, attributes), null, attributes.updatedAt);
    if (listChange) changes.push({ ...listChange, updatedAt: listChange.updatedAt ?? cleanTime(attributes.createdAt) });
  }
  return { deliveryId: data.id, changes };
}

/** A message's thread: the `messageThreadId` attribute, or the relationship's linkage when the payload has it. */
function threadOf(resource: Record<string, unknown>, attributes: Record<string, unknown>): unknown {
  if (typeof attributes.messageThreadId === 'string') return attributes.messageThreadId;
  const rel = isObject(resource.relationships) ? resource.relationships.messageThread : undefined;
  return isObject(rel) && isObject(rel.data) ? rel.data.id : undefined;
}
