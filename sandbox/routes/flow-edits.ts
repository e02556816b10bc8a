/**
 * Flow editing (sandbox.md "Wave 3"): `PATCH /node-actions/{id}` (`value`, `index`) and `PATCH /flows/{id}`
 * (`name`, `reminderInterval`, `reminderMessage`, `sessionTimeout`), validated with the WhatsApp limits the elements
 * use (src/shared/whatsapp-limits.ts): a 422 with one entry per problem, pointer `/data/attributes/value` (or the
 * attribute). An edit moves the resource's `updatedAt` and sets its flow's `unpublishedChanges: true`. Runs read the
 * texts from the node actions when they are created (conversation.ts), so runs created after an edit use the edit.
 */
import type { Hono } from 'hono';
import { checkActionValue, checkFlowSettings } from '../../src/shared/whatsapp-limits.ts';
import { readDocument } from '../body.ts';
import type { Env } from '../env.ts';
import { conflict, readOnlyAttribute, unprocessable, unprocessableResponse, type ErrorEntry } from '../errors.ts';
import type { Rec } from '../store.ts';
import type { Tenant } from '../tenant.ts';
import { findOr404, respondOne } from './respond.ts';

const ACTION_WRITABLE = ['value', 'index'];
const FLOW_WRITABLE = ['name', 'reminderInterval', 'reminderMessage', 'sessionTimeout'];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Strictly later than before, even within one millisecond: a client compares `updatedAt` to see a change. */
function touch(t: Tenant, rec: Rec): void {
  rec.updatedAt = Math.max(t.now(), rec.updatedAt + 1);
}

function markUnpublished(t: Tenant, flowId: unknown): void {
  const flow = typeof flowId === 'string' ? t.store.get('flows', flowId) : undefined;
  if (flow && flow.attrs.unpublishedChanges !== true) {
    flow.attrs.unpublishedChanges = true;
    touch(t, flow);
  }
}

function actionErrors(rec: Rec, a: Record<string, unknown>): ErrorEntry[] {
  const errors = Object.keys(a)
    .filter((k) => !ACTION_WRITABLE.includes(k))
    .map(readOnlyAttribute);
  if ('value' in a) {
    for (const issue of checkActionValue(String(rec.attrs.subType ?? 'text'), a.value))
      errors.push(unprocessable(`Parameter value is invalid: ${issue.detail}`, '/data/attributes/value'));
  }
  if ('index' in a && !(typeof a.index === 'number' && Number.isInteger(a.index) && a.index >= 0))
    errors.push(unprocessable('Parameter index must be a whole number >= 0', '/data/attributes/index'));
  return errors;
}

function flowErrors(a: Record<string, unknown>): ErrorEntry[] {
  const errors = Object.keys(a)
    .filter((k) => !FLOW_WRITABLE.includes(k))
    .map(readOnlyAttribute);
  for (const issue of checkFlowSettings(a))
    errors.push(
      unprocessable(`Parameter ${issue.field} is invalid: ${issue.detail}`, `/data/attributes/${issue.field}`),
    );
  return errors;
}

export function flowEditRoutes(api: Hono<Env>): void {
  api.patch('/node-actions/:id', async (c) => {
    const t = c.get('tenant');
    const rec = findOr404(c, 'nodeActions');
    if (rec instanceof Response) return rec;
    const doc = await readDocument(c.req.raw, 'nodeActions');
    if (doc instanceof Response) return doc;
    if (doc.id !== undefined && doc.id !== rec.id) return conflict(`data.id ${doc.id} does not match the URL`);
    const a = doc.attributes;
    const errors = actionErrors(rec, a);
    if (errors.length) return unprocessableResponse(errors);
    const changed = ACTION_WRITABLE.filter((k) => k in a && !same(a[k], rec.attrs[k]));
    for (const k of changed) rec.attrs[k] = structuredClone(a[k]);
    if (changed.length) {
      touch(t, rec);
      const node = t.store.get('nodes', String(rec.attrs.nodeId ?? ''));
      markUnpublished(t, node?.attrs.flowId);
    }
    return respondOne(c, rec);
  });

  api.patch('/flows/:id', async (c) => {
    const t = c.get('tenant');
    const rec = findOr404(c, 'flows');
    if (rec instanceof Response) return rec;
    const doc = await readDocument(c.req.raw, 'flows');
    if (doc instanceof Response) return doc;
    if (doc.id !== undefined && doc.id !== rec.id) return conflict(`data.id ${doc.id} does not match the URL`);
    const a = doc.attributes;
    const errors = flowErrors(a);
    if (errors.length) return unprocessableResponse(errors);
    const changed = FLOW_WRITABLE.filter((k) => k in a && !same(a[k], rec.attrs[k]));
    for (const k of changed) rec.attrs[k] = a[k];
    if (changed.length) {
      rec.attrs.unpublishedChanges = true;
      touch(t, rec);
    }
    return respondOne(c, rec);
  });
}
