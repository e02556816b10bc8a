// The demo's candidate names, by run (never by row position): a run's own answers (first_name/last_name or name),
// else the name another run on the same thread answered with (one WhatsApp thread is one candidate), else the
// thread's number. Used by the candidate table (flow-run-status.html) and the React demo.

// An answer with markup in it is not taken as a name (the sandbox seeds one such run to test the elements, which
// show it as text; a table of names reads better without it).
const str = (v) => (typeof v === 'string' && v.trim() && !/[<>]/.test(v) ? v.trim() : undefined);

/** The name in a run's answers, if it gave one. */
export function nameFromAnswers(state = {}) {
  const full = str(state.name) ?? str(state.full_name) ?? str(state.fullName);
  if (full) return full;
  const first = str(state.first_name) ?? str(state.firstName);
  const last = str(state.last_name) ?? str(state.lastName);
  return first ? (last ? `${first} ${last}` : first) : undefined;
}

/**
 * `runs` and `threads` as the API lists them (JSON:API resources); returns runId → name. A first name alone is
 * completed with the full name the same thread gave in another run.
 */
export function candidateNames(runs, threads = []) {
  const byThread = new Map();
  for (const run of runs) {
    const name = nameFromAnswers(run.attributes.state ?? {});
    const thread = run.attributes.messageThreadId;
    if (!name || !thread) continue;
    const known = byThread.get(thread);
    if (!known || (name.includes(' ') && !known.includes(' '))) byThread.set(thread, name);
  }
  const numbers = new Map(threads.map((t) => [t.id, String(t.attributes.identifier ?? '')]));
  const names = new Map();
  for (const run of runs) {
    const thread = run.attributes.messageThreadId;
    const own = nameFromAnswers(run.attributes.state ?? {});
    const fromThread = byThread.get(thread);
    const number = numbers.get(thread);
    names.set(
      run.id,
      own && fromThread?.startsWith(`${own} `)
        ? fromThread
        : (own ?? fromThread ?? (number ? `Candidate …${number.slice(-4)}` : `Candidate ${run.id.slice(0, 4)}`)),
    );
  }
  return names;
}
