/** POST (with `?sync=true`) and DELETE of FlowGenerations; validation comes from the shared rules module. */
import type { Hono } from 'hono';
import { validateFlowGeneration } from '../../src/shared/vacancy-flow-rules.ts';
import { readDocument } from '../body.ts';
import type { Env } from '../env.ts';
import { PARAMETER_POINTER, readOnlyAttribute, unprocessable, unprocessableResponse } from '../errors.ts';
import { finishNow, remaining, TIMING } from '../lifecycle.ts';
import { findOr404, MAX_SYNC_WAIT, respondOne, sleep } from './respond.ts';

const WRITABLE = new Set(['flowType', 'parameters', 'context']);

export function flowGenerationRoutes(api: Hono<Env>): void {
  api.post('/flow-generations', async (c) => {
    const t = c.get('tenant');
    const doc = await readDocument(c.req.raw, 'flowGenerations');
    if (doc instanceof Response) return doc;
    const a = doc.attributes;
    const errors = Object.keys(a)
      .filter((k) => !WRITABLE.has(k))
      .map(readOnlyAttribute);
    const scheduleIds = t.store.all('schedules').map((s) => s.id);
    for (const v of validateFlowGeneration(a, { scheduleIds })) errors.push(unprocessable(v.detail, PARAMETER_POINTER));
    if (errors.length) return unprocessableResponse(errors);

    const v = t.clock.virtual();
    const now = t.now();
    const rec = t.store.put({
      id: t.newId(),
      type: 'flowGenerations',
      createdAt: now,
      updatedAt: now,
      attrs: {
        flowType: a.flowType,
        parameters: a.parameters,
        context: a.context ?? null,
        flowId: null,
        status: 'queued',
        cost: 0,
      },
      sim: {
        kind: 'generation',
        processingAt: v + TIMING.generationQueued,
        finishedAt: v + TIMING.generationQueued + TIMING.generationProcessing,
      },
    });
    if (c.req.query('sync') === 'true') {
      await sleep(Math.min(MAX_SYNC_WAIT, t.clock.realDelay(remaining(rec, t.clock.virtual()))));
      finishNow(t, rec);
    }
    return respondOne(c, rec, 201);
  });

  api.delete('/flow-generations/:id', (c) => {
    const rec = findOr404(c, 'flowGenerations');
    if (rec instanceof Response) return rec;
    c.get('tenant').store.delete('flowGenerations', rec.id);
    return c.body(null, 204);
  });
}
