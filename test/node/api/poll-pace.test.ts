// The store's poll pace (src/api/poll-pace.ts), in half-ticks of a period: hot after a change, normal, slower
// while nothing moves, the backoff after failures and a Retry-After, and the 5 min safety net on a healthy push.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PUSH_SAFETY_INTERVAL, dueAfterFailure, nextDue, periodFor } from '../../../src/api/poll-pace.ts';

describe('poll pace', () => {
  test('the period is half the interval (at least 25 ms); on a healthy push half the safety interval', () => {
    assert.equal(periodFor(5000, false), 2500);
    assert.equal(periodFor(30, false), 25);
    assert.equal(periodFor(5000, true), PUSH_SAFETY_INTERVAL / 2);
    assert.equal(periodFor(600_000, true), 300_000, 'a slower asked interval stays');
  });

  test('hot right after a change, normal after, slower while nothing moves, rounded up to the stride', () => {
    assert.equal(nextDue({ hotPolls: 3, unchangedPolls: 0 }, 7, false), 8, 'every half-tick');
    assert.equal(nextDue({ hotPolls: 0, unchangedPolls: 0 }, 7, false), 8, 'every second half-tick');
    assert.equal(nextDue({ hotPolls: 0, unchangedPolls: 0 }, 8, false), 10);
    assert.equal(nextDue({ hotPolls: 0, unchangedPolls: 10 }, 8, false), 12, 'after 10 unchanged: every 4th');
    assert.equal(nextDue({ hotPolls: 0, unchangedPolls: 30 }, 8, false), 16, 'after 30 unchanged: every 8th');
    assert.equal(nextDue({ hotPolls: 3, unchangedPolls: 30 }, 8, false), 16, 'idleness wins over the hot polls');
  });

  test('on a healthy push: neither faster after a change nor slower while idle', () => {
    assert.equal(nextDue({ hotPolls: 3, unchangedPolls: 0 }, 7, true), 8);
    assert.equal(nextDue({ hotPolls: 0, unchangedPolls: 100 }, 8, true), 10);
  });

  test('failures back off 2, 4, 8, then 16 half-ticks; a Retry-After waits longer, at most 5 minutes', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 9].map((failures) => dueAfterFailure(failures, 100, 500)),
      [102, 104, 108, 116, 116, 116],
    );
    assert.equal(dueAfterFailure(1, 100, 500, 10_000), 120, '10 s at 500 ms half-ticks');
    assert.equal(dueAfterFailure(4, 100, 500, 1000), 116, 'the backoff when it is longer');
    assert.equal(dueAfterFailure(1, 100, 500, 86_400_000), 100 + 600, 'a day is honoured only 5 minutes');
  });
});
