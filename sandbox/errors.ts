/** JSON:API answers and the error bodies of sandbox.md, byte for byte where Recrubo documents them. */

export const JSONAPI = 'application/vnd.api+json';

export interface ErrorEntry {
  code: string;
  status: string;
  title: string;
  detail: string;
  source?: { pointer?: string; parameter?: string };
}

export function jsonApi(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: status === 204 ? headers : { 'content-type': JSONAPI, ...headers },
  });
}

export const errorResponse = (status: number, errors: ErrorEntry[], headers?: Record<string, string>): Response =>
  jsonApi(status, { errors }, headers);

export const unauthorized = (): Response =>
  errorResponse(401, [{ code: 'unauthorized', status: '401', title: 'access denied', detail: 'access denied' }]);

export const notFound = (name: string): Response =>
  errorResponse(404, [{ code: 'not_found', status: '404', title: 'Not Found', detail: `${name} not found` }]);

export const badRequest = (detail: string, source?: ErrorEntry['source']): ErrorEntry => ({
  code: 'bad_request',
  status: '400',
  title: 'Bad Request',
  detail,
  ...(source ? { source } : {}),
});

/** The documented 422 pointer for parameter problems, odd as it is. */
export const PARAMETER_POINTER = '/data/relationships/parameter';

export const unprocessable = (detail: string, pointer: string): ErrorEntry => ({
  code: 'unprocessable_entity',
  status: '422',
  title: 'Validation Error',
  detail,
  source: { pointer },
});

/** 422 entries, one per distinct problem (JSON:API forbids identical entries in one `errors` array). */
export function unprocessableResponse(entries: ErrorEntry[]): Response {
  const seen = new Set<string>();
  const unique = entries.filter((e) => {
    const key = JSON.stringify(e);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return errorResponse(422, unique);
}

export const conflict = (detail: string): Response =>
  errorResponse(409, [
    { code: 'conflict', status: '409', title: 'Conflict', detail, source: { pointer: '/data/type' } },
  ]);

export const readOnlyAttribute = (name: string): ErrorEntry =>
  unprocessable(`Attribute ${name} is not writable`, `/data/attributes/${name}`);
