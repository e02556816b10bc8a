/** Misbehaviour on purpose: decides, per API request, whether this one fails and how. */
import { errorResponse, jsonApi } from './errors.ts';
import type { Tenant } from './tenant.ts';

/** Header of the marker answer that tells node.ts to destroy the connection instead of answering. */
export const DROP_HEADER = 'x-recrubo-sandbox-drop';

export const isDropResponse = (res: Response): boolean => res.headers.get(DROP_HEADER) === '1';

const HTML_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

/** Requests served on purpose whose answer is then dropped (the `dropAfterRate` fault), decided with the others. */
const dropAfterServing = new WeakSet<Request>();

/** A marker answer: node.ts destroys the connection instead of writing it. */
export const dropResponse = (): Response => new Response(null, { status: 503, headers: { [DROP_HEADER]: '1' } });

/** True (once) when this request was picked to be carried out and then left unanswered. */
export const takeDropAfter = (req: Request): boolean => dropAfterServing.delete(req);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Applies latency, then maybe answers in place of the API. Returns undefined when the request should be served.
 * A rate of 1 fires every time (the PRNG gives [0, 1)), so tests can be exact.
 */
export async function applyFaults(t: Tenant, req?: Request): Promise<Response | undefined> {
  const f = t.settings.faults;
  if (f.methods && !(req && f.methods.includes(req.method))) return undefined;
  if (f.count !== undefined) {
    if (f.count <= 0) {
      t.setFaults({});
      return undefined;
    }
    f.count -= 1;
    // The last counted request still fails; the tenant is healthy from the next one on.
    if (f.count === 0) t.setFaults({});
  }
  if (f.latencyMs) await sleep(f.latencyMs);
  const roll = (rate: number | undefined) => !!rate && t.faultRng() < rate;
  if (roll(f.dropRate)) return dropResponse();
  if (roll(f.htmlErrorRate))
    return new Response(HTML_502, { status: 502, headers: { 'content-type': 'text/html; charset=utf-8' } });
  if (roll(f.rateLimitRate)) {
    return errorResponse(
      429,
      [
        {
          code: 'too_many_requests',
          status: '429',
          title: 'Too Many Requests',
          detail: 'Rate limit exceeded, retry later',
        },
      ],
      { 'retry-after': String(f.retryAfter ?? 1) },
    );
  }
  if (roll(f.errorRate)) {
    return jsonApi(500, {
      errors: [
        {
          code: 'internal_server_error',
          status: '500',
          title: 'Internal Server Error',
          detail: 'Simulated server error (sandbox fault)',
        },
      ],
    });
  }
  if (req && req.method !== 'GET' && roll(f.dropAfterRate)) dropAfterServing.add(req);
  return undefined;
}
