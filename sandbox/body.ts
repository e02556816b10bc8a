/**
 * Reads a request body as a JSON:API document; anything else becomes a 400/409 answer, never a throw. Bodies are
 * capped in bytes and in nesting depth before they are parsed: a document nested thousands deep parses, is stored,
 * and then cannot be serialised again, so every answer holding it (and, through the life cycle, the whole tenant)
 * would fail with a 500 (issue #12.4). What passes these limits can always be served back.
 */
import { badRequest, conflict, errorResponse } from './errors.ts';

export interface ResourceDocument {
  type: string;
  id?: string;
  attributes: Record<string, unknown>;
  /** As sent (a Message may name its thread through `relationships.messageThread`). */
  relationships?: Record<string, unknown>;
}

/** Far above any real document (a flow run's state, a generation's parameters), far below what hurts. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Recrubo's documents nest about 6 deep; the engines' recursion gives out in the thousands. */
export const MAX_DEPTH = 64;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The deepest `[`/`{` nesting of JSON text, counted outside strings, without parsing. Stops past `limit`. */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/**
 * The body as text, at most `maxBytes` (declared or streamed): the stream is cancelled past the cap, so an
 * unauthenticated 80 MB body is never held in memory. `undefined` means too large.
 */
export async function readLimitedText(req: Request, maxBytes: number): Promise<string | undefined> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await req.body?.cancel().catch(() => {});
    return undefined;
  }
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** JSON text within the limits, parsed; or the reason it is refused (a sentence for a 400). */
export function parseLimitedJson(text: string | undefined, maxBytes: number): { value: unknown } | { refused: string } {
  if (text === undefined) return { refused: `Request body is larger than ${maxBytes} bytes` };
  if (jsonDepth(text, MAX_DEPTH) > MAX_DEPTH)
    return { refused: `Request body is nested deeper than ${MAX_DEPTH} levels` };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { refused: 'Request body is not valid JSON' };
  }
}

export async function readDocument(req: Request, expectedType: string): Promise<ResourceDocument | Response> {
  const parsedBody = parseLimitedJson(await readLimitedText(req, MAX_BODY_BYTES), MAX_BODY_BYTES);
  if ('refused' in parsedBody) return errorResponse(400, [badRequest(parsedBody.refused)]);
  const parsed = parsedBody.value;
  const data = isObject(parsed) ? parsed.data : undefined;
  if (!isObject(data) || typeof data.type !== 'string' || !isObject(data.attributes)) {
    return errorResponse(400, [
      badRequest('Request body must be a JSON:API document: {"data":{"type":"...","attributes":{...}}}', {
        pointer: '/data',
      }),
    ]);
  }
  // JSON:API: a type that does not match the endpoint is a 409 Conflict.
  if (data.type !== expectedType) return conflict(`Expected data.type ${expectedType}, got ${data.type.slice(0, 100)}`);
  if (data.id !== undefined && typeof data.id !== 'string') {
    return errorResponse(400, [badRequest('data.id must be a string', { pointer: '/data/id' })]);
  }
  const relationships = isObject(data.relationships) ? { relationships: data.relationships } : {};
  return { type: data.type, id: data.id as string | undefined, attributes: data.attributes, ...relationships };
}
