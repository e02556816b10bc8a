// The page side of store.bench.mjs: N elements showing M distinct runs, either through the shared store
// (`<bench-run>`, a RecruboElement with a ResourceController) or naively (`<bench-naive-run>`: its own fetch
// every interval, which is what each element would do without the store).
import { html } from 'lit';
import { RecruboElement, define } from '../src/shared/recrubo-element.js';
import { ResourceController } from '../src/shared/resource-controller.js';

class BenchRun extends RecruboElement {
  static override properties = {
    runId: { attribute: 'run-id' },
    pollInterval: { attribute: 'poll-interval', type: Number },
  };
  declare runId: string;
  declare pollInterval: number;
  readonly run = new ResourceController(this, 'flowRuns', { id: () => this.runId, interval: () => this.pollInterval });
  constructor() {
    super();
    this.runId = '';
    this.pollInterval = 1000;
  }
  get shown(): boolean {
    return !!this.run.data?.status && this.shadowRoot?.textContent === this.run.data.status;
  }
  protected override render() {
    return html`${this.run.data?.status ?? ''}`;
  }
}
define('bench-run', BenchRun);

class BenchNaiveRun extends HTMLElement {
  private timer?: ReturnType<typeof setInterval>;
  shown = false;
  connectedCallback() {
    const { baseUrl, apiKey, runId, interval } = this.dataset as Record<string, string>;
    const load = async () => {
      try {
        const res = await fetch(`${baseUrl}/flow-runs/${runId}`, {
          headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/vnd.api+json' },
        });
        const doc = await res.json();
        this.textContent = doc.data.attributes.status;
        this.shown = true;
      } catch {
        /* counted as not shown */
      }
    };
    void load();
    this.timer = setInterval(load, Number(interval));
  }
  disconnectedCallback() {
    clearInterval(this.timer);
  }
}
define('bench-naive-run', BenchNaiveRun);

interface Scenario {
  mode: 'store' | 'naive';
  baseUrl: string;
  apiKey: string;
  runIds: string[];
  subscribers: number;
  interval: number;
}

declare global {
  interface Window {
    benchMount(s: Scenario): Promise<number>;
    benchUnmount(): void;
  }
}

let root: HTMLElement | undefined;

/** Mounts the elements and resolves with the ms until every one of them shows its run's status. */
window.benchMount = async (s) => {
  root?.remove();
  root = document.createElement('div');
  const started = performance.now();
  for (let i = 0; i < s.subscribers; i++) {
    const runId = s.runIds[i % s.runIds.length];
    if (s.mode === 'store') {
      const el = document.createElement('bench-run') as BenchRun;
      el.setAttribute('base-url', s.baseUrl);
      el.setAttribute('api-key', s.apiKey);
      el.runId = runId;
      el.pollInterval = s.interval;
      root.append(el);
    } else {
      const el = document.createElement('bench-naive-run');
      Object.assign(el.dataset, { baseUrl: s.baseUrl, apiKey: s.apiKey, runId, interval: String(s.interval) });
      root.append(el);
    }
  }
  document.body.append(root);
  const all = [...root.children] as (HTMLElement & { shown: boolean })[];
  while (!all.every((el) => el.shown)) {
    if (performance.now() - started > 30000) throw new Error('not every element showed its status within 30 s');
    await new Promise((r) => setTimeout(r, 2));
  }
  return performance.now() - started;
};

window.benchUnmount = () => {
  root?.remove();
  root = undefined;
};
