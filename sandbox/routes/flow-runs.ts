/** POST, PATCH and DELETE of FlowRuns, with the documented PATCH rules. */
import type { Hono } from 'hono';
import { readDocument } from '../body.ts';
import type { Env } from '../env.ts';
import { conflict, readOnlyAttribute, unprocessable, unprocessableResponse, type ErrorEntry } from '../errors.ts';
import { advance, TIMING } from '../lifecycle.ts';
import { checkInitialMessage, checkScheduleIds } from '../payloads.ts';
import { simulateRun } from '../runs.ts';
import { findOr404, isObject, respondOne } from './respond.ts';

const POST_WRITABLE = ['flowId', 'messageThreadId', 'state', 'initialMessage'];
/** The statuses a client may set (manual stop); FlowRun docs, "Patching a FlowRun". */
export const PATCHABLE_STATUSES = ['finished', 'timeout', 'cancelled', 'exception'];
const OPENING_MESSAGE = 'Invalid Request opening message can not be updated';

const blank = (name: string) => unprocessable(`Parameter ${name} can't be blank`, `/data/attributes/${name}`);
const invalid = (name: string) => unprocessable(`Parameter ${name} is invalid`, `/data/attributes/${name}`);

/** `state.scheduleId` may be a string or an array of strings (custom schedule mode); `scheduleIds` an array. */
function stateProblem(state: Record<string, unknown>): boolean {
  const ids = [state.scheduleId, state.scheduleIds].filter((v) => v !== undefined);
  return !ids.every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')));
}

export function flowRunRoutes(api: Hono<Env>): void {
  api.post('/flow-runs', async (c) => {
    const t = c.get('tenant');
    const doc = await readDocument(c.req.raw, 'flowRuns');
    if (doc instanceof Response) return doc;
    const a = doc.attributes;
    const errors: ErrorEntry[] = Object.keys(a)
      .filter((k) => !POST_WRITABLE.includes(k))
      .map(readOnlyAttribute);
    for (const name of ['flowId', 'messageThreadId']) {
      if (typeof a[name] !== 'string' || a[name] === '') errors.push(blank(name));
    }
    if (typeof a.flowId === 'string' && a.flowId && !t.store.get('flows', a.flowId)) {
      errors.push(unprocessable('Flow not found', '/data/attributes/flowId'));
    }
    if (
      typeof a.messageThreadId === 'string' &&
      a.messageThreadId &&
      !t.store.get('messageThreads', a.messageThreadId)
    ) {
      errors.push(unprocessable('MessageThread not found', '/data/attributes/messageThreadId'));
    }
    for (const name of ['state', 'initialMessage']) {
      if (a[name] === undefined || a[name] === null) errors.push(blank(name));
      else if (!isObject(a[name])) errors.push(invalid(name));
    }
    if (isObject(a.state)) errors.push(...checkScheduleIds(a.state, t.store));
    const thread = typeof a.messageThreadId === 'string' ? t.store.get('messageThreads', a.messageThreadId) : undefined;
    const opening = isObject(a.initialMessage) ? checkInitialMessage(a.initialMessage, t.store, thread) : undefined;
    if (opening) errors.push(...opening.errors);
    if (errors.length) return unprocessableResponse(errors);

    const id = t.newId();
    const now = t.now();
    const state = a.state as Record<string, unknown>;
    const rec = t.store.put({
      id,
      type: 'flowRuns',
      createdAt: now,
      updatedAt: now,
      attrs: {
        flowId: a.flowId,
        messageThreadId: a.messageThreadId,
        state,
        initialMessage: a.initialMessage,
        status: 'queued',
        cost: 0,
      },
    });
    const sendsNothing = opening?.text === null;
    simulateRun(t, rec, {
      // `initialMessage: {}` sends nothing: the run waits for the candidate to write first (simulated).
      runningAt: t.clock.virtual() + (sendsNothing ? TIMING.runWaitsForCandidate : TIMING.runQueued),
      stepMs: TIMING.runStep,
      baseState: state,
      opening: sendsNothing ? null : (a.initialMessage as Record<string, unknown>),
      ...(thread?.attrs.chatbotPaused === true ? { pausedAt: t.clock.virtual() } : {}),
    });
    return respondOne(c, rec, 201);
  });

  api.patch('/flow-runs/:id', async (c) => {
    const t = c.get('tenant');
    // The body first, then the life cycle, then the decision (issue #12.5): a slow body can take longer than the
    // run stays queued, and the status the rules check must be the one the run has when the PATCH is applied.
    const doc = await readDocument(c.req.raw, 'flowRuns');
    advance(t);
    const rec = findOr404(c, 'flowRuns');
    if (rec instanceof Response) return rec;
    if (doc instanceof Response) return doc;
    if (doc.id !== undefined && doc.id !== rec.id)
      return conflict(`data.id ${doc.id.slice(0, 100)} does not match the URL`);
    const a = doc.attributes;
    const errors: ErrorEntry[] = [];
    for (const name of Object.keys(a)) {
      if (name === 'initialMessage') errors.push(unprocessable(OPENING_MESSAGE, '/data/attributes/initialMessage'));
      else if (name !== 'status' && name !== 'state') errors.push(readOnlyAttribute(name));
    }
    if ('status' in a && !PATCHABLE_STATUSES.includes(a.status as string)) {
      errors.push(
        unprocessable(`Parameter status must be one of ${PATCHABLE_STATUSES.join(', ')}`, '/data/attributes/status'),
      );
    }
    if ('state' in a) {
      if (!isObject(a.state) || stateProblem(a.state)) errors.push(invalid('state'));
      // A status set in the same request counts: the docs' scheduling example finishes and sets state at once.
      const statusAfter = 'status' in a ? a.status : rec.attrs.status;
      if (statusAfter === 'running') {
        errors.push(
          unprocessable(
            'Parameter state can only be updated when the FlowRun is not running',
            '/data/attributes/state',
          ),
        );
      }
    }
    if (errors.length) return unprocessableResponse(errors);

    if ('status' in a) {
      delete rec.sim; // a client's status wins over the simulated life cycle
      rec.attrs.status = a.status;
    }
    if ('state' in a) {
      rec.attrs.state = a.state;
      // Only the state changed: a queued run keeps its life cycle (it used to stay queued for ever), from this state.
      if (rec.sim?.kind === 'run') rec.sim.baseState = a.state as Record<string, unknown>;
    }
    rec.updatedAt = t.now();
    return respondOne(c, rec);
  });

  api.delete('/flow-runs/:id', (c) => {
    const rec = findOr404(c, 'flowRuns');
    if (rec instanceof Response) return rec;
    c.get('tenant').store.delete('flowRuns', rec.id);
    return c.body(null, 204);
  });
}
