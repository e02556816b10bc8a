// Issue 27.2: candidate names belong to their runs. The sandbox's runs on one thread answer as one candidate, and
// the demo names a run by its own answers or its thread (demo/candidates.js), never by its place in the list: after
// an invite (a new run in front) or in another order, every run keeps its name.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningSandbox } from '../../../sandbox/node.ts';
// @ts-expect-error: a plain JS module of the demo, no types
import { candidateNames, nameFromAnswers } from '../../../demo/candidates.js';
import { call, start } from './helpers.ts';

interface Run {
  id: string;
  attributes: { messageThreadId: string; state: Record<string, unknown>; status: string };
}

describe('candidate names by run', () => {
  let s: RunningSandbox;
  before(async () => {
    s = await start({ speed: 1 });
  });
  after(() => s.close());
  const api = (path: string) => call(s.url, '/public/v2' + path);

  it('the seeded runs of one thread answer with one name', async () => {
    const runs = (await api('/flow-runs?page[size]=100')).body.data as Run[];
    const byThread = new Map<string, Set<string>>();
    for (const run of runs) {
      const first = run.attributes.state.first_name ?? String(run.attributes.state.name ?? '').split(' ')[0];
      if (typeof first !== 'string' || !first || /[<>]/.test(first)) continue;
      const set = byThread.get(run.attributes.messageThreadId) ?? new Set();
      set.add(first);
      byThread.set(run.attributes.messageThreadId, set);
    }
    assert.ok(
      [...byThread.values()].some((names) => names.size === 1),
      'threads with answers',
    );
    for (const [thread, names] of byThread) assert.equal(names.size, 1, `thread ${thread}: ${[...names].join(', ')}`);
  });

  it('the demo names every run by its answers or thread, the same in any order and after an invite', async () => {
    const runs = (await api('/flow-runs?page[size]=50&sort=-createdAt')).body.data as Run[];
    const threads = (await api('/message-threads?page[size]=100')).body.data;
    const names: Map<string, string> = candidateNames(runs, threads);
    for (const run of runs) {
      const own = nameFromAnswers(run.attributes.state);
      if (own) assert.ok(names.get(run.id)!.startsWith(own), `${names.get(run.id)} for a run that answered ${own}`);
    }
    const reversed: Map<string, string> = candidateNames([...runs].reverse(), threads);
    const invited = {
      id: 'new-run',
      attributes: { messageThreadId: 'new-thread', state: {}, status: 'queued' },
    };
    const afterInvite: Map<string, string> = candidateNames([invited, ...runs], threads);
    for (const run of runs) {
      assert.equal(reversed.get(run.id), names.get(run.id), 'independent of the order');
      assert.equal(afterInvite.get(run.id), names.get(run.id), 'a new run in front moves no name');
    }
  });
});
