// Who may open an event stream, what it may watch and whose cap it counts against (createRecruboEventStream).
// `authorize` says who is asking (an identity, or false); `authorizeIds` says which of the ids a page asks for that
// identity may see; the per-client cap counts the identity, else the client's address from `clientId` (or the last
// X-Forwarded-For hop behind your own proxy), never a raw header string a caller can vary at will.

/**
 * The integrator's session check. Falsy (false, null, undefined) → 401. `true` → signed in, with no identity of its
 * own (the stream is then counted per client address). Any other value is the identity: a string (a user id) or an
 * object (`{ id, tenantId, … }`); it is handed to `authorizeIds` and counted per `id` (or the string itself).
 */
export type AuthorizeStream = (request: Request) => unknown | Promise<unknown>;

/**
 * Which of `ids` (all of one `type`) this identity may watch: the allowed ids (an array or a set), or true (all) or
 * false (none). Called for the ids in the stream's URL and for every later `add`. Sync or async.
 */
export type AuthorizeIds = (
  identity: unknown,
  type: string,
  ids: readonly string[],
) => boolean | Iterable<string> | Promise<boolean | Iterable<string>>;

export interface AccessOptions {
  authorize?: AuthorizeStream;
  authorizeIds?: AuthorizeIds;
  clientId?: (request: Request) => string | undefined | Promise<string | undefined>;
  trustForwardedFor?: boolean;
  demo?: boolean;
  onError?: (error: unknown) => void;
}

export interface Caller {
  identity: unknown;
  /** The per-client cap's key: `i:<identity>`, `a:<address>`, or `unknown` (one shared bucket: fail closed). */
  key: string;
}

export interface Access {
  /** undefined: not signed in (401). */
  caller(request: Request): Promise<Caller | undefined>;
  /** Splits `type:id` keys into those the caller may watch and those refused. */
  filter(caller: Caller, keys: readonly string[]): Promise<{ allowed: string[]; refused: string[] }>;
}

/** The identity's own key for counting: the string itself, or an object's `id`; else undefined. */
function identityKey(identity: unknown): string | undefined {
  if (typeof identity === 'string' && identity !== '') return identity;
  if (typeof identity === 'number' && Number.isFinite(identity)) return String(identity);
  if (typeof identity === 'object' && identity !== null) {
    const id = (identity as { id?: unknown }).id;
    if ((typeof id === 'string' && id !== '') || typeof id === 'number') return String(id);
  }
  return undefined;
}

export function compileAccess(options: AccessOptions): Access {
  if (!options.authorize && !options.demo) {
    throw new TypeError(
      'createRecruboEventStream: authorize is required (your session check), or demo: true for a page without sign-in',
    );
  }
  const { authorize, authorizeIds, clientId, trustForwardedFor = false, onError } = options;
  let warned = false;

  const address = async (request: Request): Promise<string | undefined> => {
    if (clientId) return (await clientId(request)) || undefined;
    if (!trustForwardedFor) return undefined;
    const hops = (request.headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return hops[hops.length - 1];
  };

  return {
    async caller(request) {
      const identity = authorize ? await authorize(request) : true;
      if (identity === false || identity === null || identity === undefined || identity === '') return undefined;
      const own = identityKey(identity);
      if (own !== undefined) return { identity, key: `i:${own}` };
      const at = await address(request);
      if (at !== undefined) return { identity, key: `a:${at}` };
      if (!warned) {
        warned = true;
        onError?.(
          new Error(
            'createRecruboEventStream: no identity and no client address for a stream (return an id from authorize, or pass clientId); such streams share one per-client cap',
          ),
        );
      }
      return { identity, key: 'unknown' };
    },
    async filter(caller, keys) {
      if (!authorizeIds) return { allowed: [...keys], refused: [] };
      const byType = new Map<string, string[]>();
      for (const key of keys) {
        const at = key.indexOf(':');
        const type = key.slice(0, at);
        const list = byType.get(type) ?? [];
        list.push(key.slice(at + 1));
        byType.set(type, list);
      }
      const allowed: string[] = [];
      const refused: string[] = [];
      for (const [type, ids] of byType) {
        const answer = await authorizeIds(caller.identity, type, ids);
        const ok = answer === true ? new Set(ids) : answer === false || !answer ? new Set() : new Set(answer);
        for (const id of ids) (ok.has(id) ? allowed : refused).push(`${type}:${id}`);
      }
      return { allowed, refused };
    },
  };
}
