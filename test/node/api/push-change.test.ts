// What the store does with a pushed change (push-change.ts): newer only, from the event where a badge is all that
// shows it, else a refetch; refetches of about a second coalesced. Deliveries come late, twice and out of order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COALESCE_MS, Coalescer, verdict, type PushedChange } from '../../../src/api/push-change.ts';

const held = { status: 'running', updatedAt: '2026-01-01T10:00:05.000Z' };
const change = (status: string | null, updatedAt: string | null): PushedChange => ({
  type: 'flowRuns',
  id: 'r1',
  status,
  updatedAt,
});

describe('verdict on a pushed change', () => {
  it('an older or duplicate delivery changes nothing', () => {
    assert.equal(verdict(held, change('queued', '2026-01-01T10:00:01.000Z'), true, false), 'ignore');
    assert.equal(verdict(held, change('running', '2026-01-01T10:00:05.000Z'), true, false), 'ignore');
    assert.equal(verdict(held, change('running', '2026-01-01T11:00:05+01:00'), true, false), 'ignore', 'same instant');
  });
  it('a newer status is taken from the event when the watchers show only status and time', () => {
    assert.equal(verdict(held, change('cancelled', '2026-01-01T10:00:09.000Z'), true, false), 'apply');
  });
  it('refetched: watchers that show more, a status that needs a load, no status, no time, nothing held yet', () => {
    assert.equal(verdict(held, change('cancelled', '2026-01-01T10:00:09.000Z'), false, false), 'refetch');
    assert.equal(verdict(held, change('finished', '2026-01-01T10:00:09.000Z'), true, true), 'refetch');
    assert.equal(verdict(held, change(null, '2026-01-01T10:00:09.000Z'), true, false), 'refetch');
    assert.equal(verdict(held, change('cancelled', null), true, false), 'refetch');
    assert.equal(verdict(undefined, change('cancelled', '2026-01-01T10:00:09.000Z'), true, false), 'refetch');
  });
  it('two changes in the same millisecond with different statuses: ask the server', () => {
    assert.equal(verdict(held, change('cancelled', '2026-01-01T10:00:05.000Z'), true, false), 'refetch');
  });
});

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

describe('Coalescer', () => {
  it('the first refetch goes out at once; those of the next second go out together, not before it ends', async () => {
    let clock = 0;
    const rounds: string[][] = [];
    const c = new Coalescer(
      (keys) => rounds.push(keys),
      () => clock,
    );
    c.add('flowRuns:a');
    await until(() => rounds.length === 1);
    assert.deepEqual(rounds, [['flowRuns:a']]);
    clock = 200; // 200 ms after that round, three more asks (one twice)
    c.add('flowRuns:b');
    c.add('flowRuns:c');
    c.add('flowRuns:b');
    assert.equal(rounds.length, 1, 'within the second: waiting');
    const waitedFrom = Date.now();
    await until(() => rounds.length === 2);
    assert.deepEqual(rounds[1], ['flowRuns:b', 'flowRuns:c'], 'one round for both');
    assert.ok(Date.now() - waitedFrom >= COALESCE_MS - 200 - 20, 'held until the second was over');
    c.stop();
  });
});
