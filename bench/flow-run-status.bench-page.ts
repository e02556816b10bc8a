// The page side of flow-run-status.bench.mjs: mounts N <recrubo-flow-run-status> badges, reports when all of them
// show a status, removes them, and says what is left behind (page-wide timers, store entries).
import { activeTimerCount, type Api } from '../src/api/index.js';
import '../src/elements/recrubo-flow-run-status/define.js';
import { pendingConfigRequests } from '../src/shared/config-context.js';
import type { RecruboFlowRunStatusElement } from '../src/elements/recrubo-flow-run-status/define.js';

interface Scenario {
  baseUrl: string;
  apiKey: string;
  runIds: string[];
  count: number;
  interval: number;
}

declare global {
  interface Window {
    frsBenchMount(s: Scenario): Promise<number>;
    frsBenchRemove(): void;
    frsBenchLeftovers(): {
      timers: number;
      storeEntries: number;
      batchRequests: number;
      singleRequests: number;
      elements: number;
      configRequests: number;
    };
  }
}

let root: HTMLElement | undefined;
let api: Api | undefined;

const shows = (el: RecruboFlowRunStatusElement) => !!el.shadowRoot?.querySelector('[part~="label"]')?.textContent;

window.frsBenchMount = async (s) => {
  root?.remove();
  root = document.createElement('div');
  const started = performance.now();
  for (let i = 0; i < s.count; i++) {
    const el = document.createElement('recrubo-flow-run-status');
    el.setAttribute('base-url', s.baseUrl);
    el.setAttribute('api-key', s.apiKey);
    el.setAttribute('poll-interval', String(s.interval));
    el.setAttribute('run-id', s.runIds[i % s.runIds.length]!);
    root.append(el);
  }
  document.body.append(root);
  const all = [...root.children] as RecruboFlowRunStatusElement[];
  api = all[0]!.api;
  while (!all.every(shows)) {
    if (performance.now() - started > 60000) throw new Error('not every badge showed a status within 60 s');
    await new Promise((r) => setTimeout(r, 2));
  }
  return performance.now() - started;
};

window.frsBenchRemove = () => {
  root?.remove();
  root = undefined;
};

window.frsBenchLeftovers = () => ({
  timers: activeTimerCount(),
  storeEntries: api?.store.size ?? 0,
  batchRequests: api?.store.stats.batchRequests ?? 0,
  singleRequests: api?.store.stats.singleRequests ?? 0,
  elements: document.querySelectorAll('recrubo-flow-run-status').length,
  configRequests: pendingConfigRequests(),
});
