// The page side of push.bench.mjs: N badges (RecruboElements on the shared store) over M runs, polling or on push
// (`events-url`), or N cards (which show more than status: a pushed change is refetched), or one conversation (a
// thread's messages, a store list). Each notes when it first showed each status (or message), so the driver can
// measure change → screen.
import { html } from 'lit';
import { getApi } from '../src/api/index.js';
import { watchMessages } from '../src/api/message-feed.js';
import { openPushStreams } from '../src/api/push.js';
import { resolveConfig } from '../src/shared/config.js';
import { RecruboElement, define } from '../src/shared/recrubo-element.js';
import { ResourceController } from '../src/shared/resource-controller.js';

class BenchBadge extends RecruboElement {
  static override properties = {
    runId: { attribute: 'run-id' },
    pollInterval: { attribute: 'poll-interval', type: Number },
    card: { type: Boolean },
  };
  declare runId: string;
  declare pollInterval: number;
  /** A card shows the run's answers, cost and times too: a pushed change is refetched (coalesced). */
  declare card: boolean;
  /** status → epoch ms when this badge first rendered it. */
  readonly seen = new Map<string, number>();
  readonly run = new ResourceController(this, 'flowRuns', {
    id: () => this.runId,
    interval: () => this.pollInterval,
    shows: () => (this.card ? 'all' : 'status'),
  });
  constructor() {
    super();
    this.runId = '';
    this.pollInterval = 5000;
    this.card = false;
  }
  protected override render() {
    return html`${this.run.data?.status ?? ''}`;
  }
  protected override updated() {
    const status = this.run.data?.status;
    if (status && !this.seen.has(status)) this.seen.set(status, Date.now());
  }
}
define('bench-badge', BenchBadge);

interface Scenario {
  baseUrl: string;
  apiKey: string;
  runIds: string[];
  badges: number;
  interval: number;
  eventsUrl?: string;
  /** `card`: cards instead of badges; `conversation`: one conversation of `threadId` instead. */
  kind?: 'badge' | 'card' | 'conversation';
  threadId?: string;
}

declare global {
  interface Window {
    pushBenchMount(s: Scenario): Promise<void>;
    /** Epoch ms by which every badge of the run showed `status`, or null while some have not. */
    pushBenchShownAt(runId: string, status: string): number | null;
    pushBenchLive(): boolean;
    /** Epoch ms at which the conversation first showed message `id`, or null. */
    pushBenchMessageAt(id: string): number | null;
  }
}

const badges: BenchBadge[] = [];
const messagesSeen = new Map<string, number>();

window.pushBenchMount = async (s) => {
  if (s.kind === 'conversation') {
    const config = resolveConfig({ baseUrl: s.baseUrl, apiKey: s.apiKey, eventsUrl: s.eventsUrl });
    let loaded = false;
    watchMessages(
      getApi(config),
      s.threadId!,
      (snap) => {
        for (const m of snap.messages) if (!messagesSeen.has(m.id)) messagesSeen.set(m.id, Date.now());
        loaded ||= !snap.loading;
      },
      { interval: s.interval },
    );
    const started = Date.now();
    while (!loaded) {
      if (Date.now() - started > 30000) throw new Error('the conversation did not load within 30 s');
      await new Promise((r) => setTimeout(r, 5));
    }
    return;
  }
  const root = document.createElement('div');
  for (let i = 0; i < s.badges; i++) {
    const el = document.createElement('bench-badge') as BenchBadge;
    el.setAttribute('base-url', s.baseUrl);
    el.setAttribute('api-key', s.apiKey);
    if (s.eventsUrl) el.setAttribute('events-url', s.eventsUrl);
    el.runId = s.runIds[i % s.runIds.length] as string;
    el.pollInterval = s.interval;
    el.card = s.kind === 'card';
    root.append(el);
    badges.push(el);
  }
  document.body.append(root);
  const started = Date.now();
  while (!badges.every((b) => b.seen.size > 0)) {
    if (Date.now() - started > 30000) throw new Error('not every badge showed its run within 30 s');
    await new Promise((r) => setTimeout(r, 5));
  }
};

window.pushBenchShownAt = (runId, status) => {
  let latest = 0;
  for (const b of badges) {
    if (b.runId !== runId) continue;
    const at = b.seen.get(status);
    if (at === undefined) return null;
    latest = Math.max(latest, at);
  }
  return latest;
};

window.pushBenchLive = () => openPushStreams() === 1;

window.pushBenchMessageAt = (id) => messagesSeen.get(id) ?? null;
