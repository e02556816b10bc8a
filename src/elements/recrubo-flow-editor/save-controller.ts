// Saving the editor's draft: one GET of the flow graph to see what moved on the server since it was loaded, then
// one PATCH per changed resource, one after the other (progress), each failure kept by resource so that a retry
// sends only what failed, and a resource someone else changed is held back as a conflict until the recruiter
// chooses. Nothing here touches the draft's texts except "use theirs"; a save never overwrites an edit.
import type { ReactiveController } from 'lit';
import { isAbortError, isRecruboApiError, type RecruboApiError } from '../../api/errors.js';
import type { Flow, NodeAction } from '../../api/types.js';
import { ElementTask } from '../../shared/element-task.js';
import { loadFlowGraph } from '../../shared/load-flow.js';
import type { RecruboElement } from '../../shared/recrubo-element.js';
import { FLOW_SETTINGS, keyOf, parseKey, type FlowDraft, type ResourceKey } from './flow-draft.js';
import type { FlowEditorKey } from './strings.js';

type Attrs = Readonly<Record<string, unknown>>;

export interface ServerVersion {
  updatedAt: string | undefined;
  attrs: Attrs;
}

export interface SaveOutcome {
  saved: number;
  failed: number;
  conflicts: number;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const flowAttrs = (flow: Flow): Attrs =>
  Object.fromEntries(FLOW_SETTINGS.map((k) => [k, (flow as unknown as Record<string, unknown>)[k] ?? null]));
const actionAttrs = (action: NodeAction): Attrs => ({ value: action.value });

export class SaveController implements ReactiveController {
  /** While saving: how many of the PATCHes are done. */
  progress: { done: number; total: number } | null = null;
  /** The resources whose last PATCH failed, with why. */
  readonly failures = new Map<ResourceKey, RecruboApiError>();
  /** The resources that changed on the server since they were loaded, as the server has them now. */
  readonly conflicts = new Map<ResourceKey, ServerVersion>();
  readonly task: ElementTask<readonly [FlowDraft | undefined], SaveOutcome | undefined>;

  constructor(private readonly host: RecruboElement<FlowEditorKey>) {
    host.addController(this);
    this.task = new ElementTask(host, {
      autoRun: false,
      args: () => [undefined] as const,
      task: ([draft], { signal }) => (draft ? this.run(draft, signal) : Promise.resolve(undefined)),
    });
  }

  hostConnected(): void {}

  /** Forget what a former flow's save left (a new flow was loaded). */
  clear(): void {
    this.failures.clear();
    this.conflicts.clear();
    this.progress = null;
  }

  /** "Keep mine": the server's version becomes the base, the draft stays, and the next save sends it. */
  keepMine(draft: FlowDraft, key: ResourceKey): void {
    const theirs = this.conflicts.get(key);
    if (!theirs) return;
    draft.rebase(key, theirs.updatedAt, theirs.attrs);
    this.conflicts.delete(key);
    this.host.requestUpdate();
  }

  /** "Use theirs": the draft of this resource becomes the server's (undoable). */
  takeTheirs(draft: FlowDraft, key: ResourceKey): void {
    const theirs = this.conflicts.get(key);
    if (!theirs) return;
    draft.takeServer(key, theirs.updatedAt, theirs.attrs);
    this.conflicts.delete(key);
    this.failures.delete(key);
    this.host.requestUpdate();
  }

  private async run(draft: FlowDraft, signal: AbortSignal): Promise<SaveOutcome> {
    draft.seal();
    const keys = draft.changed().filter((k) => !this.conflicts.has(k));
    // Flow settings first, then the texts in the order shown.
    keys.sort((a, b) => Number(b.startsWith('flows:')) - Number(a.startsWith('flows:')));
    this.progress = { done: 0, total: keys.length };
    this.host.requestUpdate();
    try {
      const server = await this.serverVersions(draft, signal);
      const toSend: ResourceKey[] = [];
      for (const key of keys) {
        const theirs = server.get(key);
        const base = draft.baseOf(key);
        if (theirs && base && theirs.updatedAt !== base.updatedAt) {
          if (same(theirs.attrs, base.attrs) || same(theirs.attrs, draft.attrs(key))) {
            // Only the timestamp moved (an edit of another resource marks the flow unpublished), or the server
            // already says what we would send.
            draft.rebase(key, theirs.updatedAt, theirs.attrs);
            if (!draft.isChanged(key)) continue;
          } else {
            this.conflicts.set(key, theirs);
            this.failures.delete(key);
            continue;
          }
        }
        toSend.push(key);
      }
      this.progress = { done: 0, total: toSend.length };
      this.host.requestUpdate();
      const saved: { type: string; id: string }[] = [];
      for (const key of toSend) {
        const { type, id } = parseKey(key);
        const body = draft.patchFor(key);
        try {
          if (type === 'flows') {
            const flow = await this.host.api.flows.update(id, body, { signal });
            draft.rebase(key, flow.updatedAt, flowAttrs(flow));
          } else {
            const action = await this.host.api.nodeActions.update(id, body, { signal });
            draft.rebase(key, action.updatedAt, actionAttrs(action));
          }
          this.failures.delete(key);
          saved.push({ type, id });
        } catch (error) {
          if (isAbortError(error) || signal.aborted) throw error;
          this.failures.set(key, error as RecruboApiError);
        }
        this.progress = { done: this.progress.done + 1, total: toSend.length };
        this.host.requestUpdate();
      }
      if (saved.length) this.host.emit('recrubo-flow-saved', { flowId: draft.flowId, changed: saved });
      const first = [...this.failures.values()][0];
      if (first && isRecruboApiError(first)) this.host.emit('recrubo-error', { error: first });
      return { saved: saved.length, failed: this.failures.size, conflicts: this.conflicts.size };
    } catch (error) {
      if (!isAbortError(error) && isRecruboApiError(error)) this.host.emit('recrubo-error', { error });
      throw error;
    } finally {
      this.progress = null;
      this.host.requestUpdate();
    }
  }

  /** The flow's settings and every node action as the server has them now (one request). */
  private async serverVersions(draft: FlowDraft, signal: AbortSignal): Promise<Map<ResourceKey, ServerVersion>> {
    const { flow, nodes } = await loadFlowGraph(this.host.api, draft.flowId, signal);
    const out = new Map<ResourceKey, ServerVersion>();
    out.set(keyOf('flows', flow.id), { updatedAt: flow.updatedAt, attrs: flowAttrs(flow) });
    for (const node of nodes)
      for (const action of node.nodeActions ?? [])
        out.set(keyOf('nodeActions', action.id), { updatedAt: action.updatedAt, attrs: actionAttrs(action) });
    return out;
  }
}
