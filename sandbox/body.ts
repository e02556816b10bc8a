/** Reads a request body as a JSON:API document; anything else becomes a 400/409 answer, never a throw. */
import { badRequest, conflict, errorResponse } from './errors.ts';

export interface ResourceDocument {
  type: string;
  id?: string;
  attributes: Record<string, unknown>;
  /** As sent (a Message may name its thread through `relationships.messageThread`). */
  relationships?: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function readDocument(req: Request, expectedType: string): Promise<ResourceDocument | Response> {
  let parsed: unknown;
  try {
    const text = await req.text();
    parsed = JSON.parse(text);
  } catch {
    return errorResponse(400, [badRequest('Request body is not valid JSON')]);
  }
  const data = isObject(parsed) ? parsed.data : undefined;
  if (!isObject(data) || typeof data.type !== 'string' || !isObject(data.attributes)) {
    return errorResponse(400, [
      badRequest('Request body must be a JSON:API document: {"data":{"type":"...","attributes":{...}}}', { pointer: '/data' }),
    ]);
  }
  // JSON:API: a type that does not match the endpoint is a 409 Conflict.
  if (data.type !== expectedType) return conflict(`Expected data.type ${expectedType}, got ${data.type}`);
  if (data.id !== undefined && typeof data.id !== 'string') {
    return errorResponse(400, [badRequest('data.id must be a string', { pointer: '/data/id' })]);
  }
  const relationships = isObject(data.relationships) ? { relationships: data.relationships } : {};
  return { type: data.type, id: data.id as string | undefined, attributes: data.attributes, ...relationships };
}
