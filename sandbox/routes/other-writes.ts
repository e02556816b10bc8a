/** The smaller writes: POST (with `?sync=true`) and DELETE vacancy-analyses. */
import type { Hono } from 'hono';
import { readDocument } from '../body.ts';
import type { Env } from '../env.ts';
import { readOnlyAttribute, unprocessable, unprocessableResponse, type ErrorEntry } from '../errors.ts';
import { finishNow, remaining, TIMING } from '../lifecycle.ts';
import { findOr404, MAX_SYNC_WAIT, respondOne, sleep } from './respond.ts';

const blank = (name: string) => unprocessable(`Parameter ${name} can't be blank`, `/data/attributes/${name}`);

export function otherWriteRoutes(api: Hono<Env>): void {
  api.post('/vacancy-analyses', async (c) => {
    const t = c.get('tenant');
    const doc = await readDocument(c.req.raw, 'vacancyAnalyses');
    if (doc instanceof Response) return doc;
    const a = doc.attributes;
    const errors: ErrorEntry[] = Object.keys(a)
      .filter((k) => k !== 'inputText')
      .map(readOnlyAttribute);
    if (typeof a.inputText !== 'string' || !a.inputText.trim()) errors.push(blank('inputText'));
    if (errors.length) return unprocessableResponse(errors);
    const v = t.clock.virtual();
    const now = t.now();
    const rec = t.store.put({
      id: t.newId(),
      type: 'vacancyAnalyses',
      createdAt: now,
      updatedAt: now,
      attrs: { inputText: a.inputText, analyzeResult: null, status: 'queued' },
      sim: {
        kind: 'analysis',
        processingAt: v + TIMING.analysisQueued,
        finishedAt: v + TIMING.analysisQueued + TIMING.analysisProcessing,
      },
    });
    if (c.req.query('sync') === 'true') {
      await sleep(Math.min(MAX_SYNC_WAIT, t.clock.realDelay(remaining(rec, t.clock.virtual()))));
      finishNow(t, rec);
    }
    return respondOne(c, rec, 201);
  });

  api.delete('/vacancy-analyses/:id', (c) => {
    const rec = findOr404(c, 'vacancyAnalyses');
    if (rec instanceof Response) return rec;
    c.get('tenant').store.delete('vacancyAnalyses', rec.id);
    return c.body(null, 204);
  });
}
