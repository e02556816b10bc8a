// The flow behind a run, reduced to what the card shows: its name and a label per session key (the question whose
// NodeAction stores its answer under that `variableName`). One request per flow id per Api, however many cards
// show runs of that flow; the request is dropped when every card that waited for it has left the page.
import type { Api } from '../../api/index.js';
import { RecruboApiError } from '../../api/errors.js';
import type { Flow, Node } from '../../api/types.js';

export interface FlowInfo {
  id: string;
  name: string;
  /** session key → question label, in the flow's node order. */
  labels: Map<string, string>;
}

interface Entry {
  promise: Promise<FlowInfo>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
  value?: FlowInfo;
}

const MAX_FLOWS = 200;
const caches = new WeakMap<Api, Map<string, Entry>>();

function toInfo(flow: Flow, nodes: Node[] | undefined): FlowInfo {
  const labels = new Map<string, string>();
  const ordered = [...(nodes ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  for (const node of ordered) {
    for (const action of node.nodeActions ?? []) {
      const key = action.variableName;
      if (!key || labels.has(key)) continue;
      const text = typeof action.value?.text === 'string' ? action.value.text : undefined;
      labels.set(key, node.name?.trim() || text || key);
    }
  }
  return { id: flow.id, name: flow.name, labels };
}

async function fetchInfo(api: Api, flowId: string, signal: AbortSignal): Promise<FlowInfo> {
  try {
    const flow = await api.flows.get(flowId, { include: ['nodes.nodeActions'], signal });
    return toInfo(flow, flow.nodes);
  } catch (err) {
    // A server that does not offer this include: the flow alone, then its nodes with their actions.
    if (!(err instanceof RecruboApiError) || err.status !== 400) throw err;
    const [flow, nodes] = await Promise.all([api.flows.get(flowId, { signal }), api.nodes.listByFlow(flowId, { include: ['nodeActions'], signal })]);
    return toInfo(flow, nodes);
  }
}

const abortError = () => new DOMException('The element left the page.', 'AbortError');

export function loadFlowInfo(api: Api, flowId: string, signal: AbortSignal): Promise<FlowInfo> {
  if (signal.aborted) return Promise.reject(abortError());
  let cache = caches.get(api);
  if (!cache) caches.set(api, (cache = new Map()));
  let entry = cache.get(flowId);
  if (!entry) {
    const controller = new AbortController();
    const created: Entry = { controller, waiters: 0, settled: false, promise: undefined as unknown as Promise<FlowInfo> };
    created.promise = fetchInfo(api, flowId, controller.signal).then(
      (info) => {
        created.settled = true;
        created.value = info;
        return info;
      },
      (err) => {
        // Failures are not cached: the next card (or a retry) asks again.
        if (cache!.get(flowId) === created) cache!.delete(flowId);
        throw err;
      },
    );
    created.promise.catch(() => {}); // every waiter handles it; no unhandled rejection when nobody waits any more
    cache.set(flowId, created);
    if (cache.size > MAX_FLOWS) cache.delete(cache.keys().next().value!);
    entry = created;
  }
  if (entry.settled) return entry.promise;
  const shared = entry;
  shared.waiters++;
  return new Promise<FlowInfo>((resolve, reject) => {
    let done = false;
    const leave = () => {
      if (done) return;
      done = true;
      shared.waiters--;
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      leave();
      if (shared.waiters === 0 && !shared.settled) {
        shared.controller.abort(abortError());
        if (cache!.get(flowId) === shared) cache!.delete(flowId);
      }
      reject(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    shared.promise.then(
      (info) => {
        leave();
        resolve(info);
      },
      (err) => {
        leave();
        reject(err);
      },
    );
  });
}

/** Synchronous look-up (a card that mounts after the flow was loaded renders its labels at once). */
export function peekFlowInfo(api: Api, flowId: string): FlowInfo | undefined {
  return caches.get(api)?.get(flowId)?.value;
}
