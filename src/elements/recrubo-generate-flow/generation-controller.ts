// Follows one FlowGeneration from its POST (or a `generation-id`) to `finished`: polls it through the store, fires
// the status-change and finished events once per status, never steps back to an older status from a late
// answer, ticks the elapsed-time counter, and loads the generated flow's name and step count for the result: with the
// one GET the result's preview makes too (the flow with its nodes, nested include), so the two share it in flight.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Api } from '../../api/index.js';
import { isNotFoundError, type RecruboApiError } from '../../api/errors.js';
import type { Flow, FlowGeneration, FlowGenerationStatus } from '../../api/types.js';
import type { RecruboEventMap } from '../../shared/events.js';
import { now } from '../../shared/clock.js';
import { ElementTask, initialState } from '../../shared/element-task.js';
import { loadFlowGraph } from '../../shared/load-flow.js';
import { ResourceController } from '../../shared/resource-controller.js';

export const STATUS_ORDER: FlowGenerationStatus[] = ['queued', 'processing', 'finished'];
const DEFAULT_POLL_INTERVAL = 2000;

export type Heading = 'progress-heading' | 'result-heading';

export interface GenerationHost extends ReactiveControllerHost, HTMLElement {
  readonly api: Api;
  readonly signal: AbortSignal;
  emit<K extends keyof RecruboEventMap>(type: K, detail: RecruboEventMap[K]['detail']): boolean;
}

export interface GenerationOptions {
  /** Base interval of the status checks (ms). */
  pollInterval: () => number | undefined;
  /** A request failed for good (recrubo-error). */
  onError: (error: RecruboApiError) => void;
  /** Move the focus to a heading: always with `force`, else only when the focus is inside the element. */
  focus: (heading: Heading, force: boolean) => void;
}

/** What the result shows of the generated flow. */
export interface GeneratedFlow {
  flow: Flow;
  stepCount: number;
}

/** From `createdAt` to `updatedAt` (the last change, here the finish), when the server sent both. */
function serverDuration(g: FlowGeneration): number | undefined {
  const ms = Date.parse(g.updatedAt ?? '') - Date.parse(g.createdAt ?? '');
  return ms >= 0 ? ms : undefined;
}

export class GenerationController implements ReactiveController {
  /** The generation being followed (created here, or resumed with `generation-id`); none: the form is shown. */
  watchId: string | undefined;
  /** The latest FlowGeneration seen. */
  latest: FlowGeneration | undefined;
  /** The counter shown beside the status. */
  elapsedMs = 0;
  /** The generated flow's name and step count, once finished. */
  readonly result: ElementTask<readonly [Api, string | null | undefined], GeneratedFlow>;

  private readonly watcher: ResourceController<'flowGenerations'>;
  private readonly seenStatus = new Map<string, FlowGenerationStatus>();
  /** Generations seen finished, by id: they are not polled again, and showing one again needs no request. */
  private readonly finished = new Map<string, FlowGeneration>();
  /** The last poll failed (recrubo-error once per streak of failures, not per poll). */
  private watchFailing = false;
  /** Following a generation this element did not POST: its clock starts at its `createdAt`. */
  private resumed = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private timerStart = 0;
  private timerRunning = false;

  constructor(
    private readonly host: GenerationHost,
    private readonly options: GenerationOptions,
  ) {
    host.addController(this);
    this.watcher = new ResourceController(host, 'flowGenerations', {
      id: () => (this.watchId !== undefined && !this.finished.has(this.watchId) ? this.watchId : undefined),
      interval: () => options.pollInterval() || DEFAULT_POLL_INTERVAL,
      onChange: (snapshot) => this.receive(snapshot.data, snapshot.error),
    });
    this.result = new ElementTask(host, {
      task: async ([api, flowId], { signal }) => {
        if (!flowId) return initialState;
        // The preview's code first: the preview it renders then asks for the same URL while this GET is in flight.
        await import('../recrubo-flow-preview/define.js');
        const { flow, nodes } = await loadFlowGraph(api, flowId, signal);
        return { flow, stepCount: nodes.length };
      },
      args: () => [host.api, this.current?.status === 'finished' ? this.current.flowId : undefined],
      onError: (error) => options.onError(error as RecruboApiError),
    });
  }

  /** The followed generation, if a snapshot of it has come. */
  get current(): FlowGeneration | undefined {
    return this.latest && this.latest.id === this.watchId ? this.latest : undefined;
  }

  /** A failed poll of a generation that has not finished (the store keeps trying meanwhile). */
  get pollError(): RecruboApiError | undefined {
    return this.current?.status === 'finished' ? undefined : this.watcher.error;
  }

  hostConnected(): void {
    if (this.timerRunning) this.startTicker(false);
  }

  hostDisconnected(): void {
    this.stopTicker(false);
  }

  /** Poll now (the retry button after a failed poll). */
  refresh(): void {
    this.watcher.refresh();
  }

  /** The POST answered: follow the new generation, counting from when the POST was sent. */
  start(generation: FlowGeneration, sentAt: number): void {
    this.latest = generation;
    this.timerStart = sentAt;
    this.follow(generation.id, true);
    this.receive(generation, undefined);
  }

  /** Follow a generation: one just created (`created`), or an existing one (`generation-id`). */
  follow(id: string, created = false): void {
    const hadFocus = created;
    this.watchId = id;
    this.watchFailing = false;
    this.resumed = !created;
    if (!created) this.timerStart = now();
    const done = this.finished.get(id);
    if (done) {
      // Seen finished before (e.g. the host sets an earlier generation-id again): show it, no polling.
      this.latest = done;
      this.stopTicker(false);
      this.timerRunning = false;
      this.elapsedMs = serverDuration(done) ?? this.elapsedMs;
    } else {
      this.startTicker(true);
    }
    this.options.focus(done ? 'result-heading' : 'progress-heading', hadFocus);
    this.host.requestUpdate();
  }

  /** Back to the form: stop following. */
  stop(): void {
    this.watchId = undefined;
    this.stopTicker(true);
    this.host.requestUpdate();
  }

  private receive(generation: FlowGeneration | undefined, error: RecruboApiError | undefined): void {
    if (error && !this.watchFailing) this.options.onError(error);
    this.watchFailing = !!error;
    const gone = isNotFoundError(error);
    if (gone) this.stopTicker(true); // the API says it is gone: nothing runs any more
    if (!generation || generation.id !== this.watchId) {
      this.host.requestUpdate();
      return;
    }
    const firstLookOfResumed = this.resumed;
    if (this.resumed) {
      // Generated before this page followed it: count from when it was created, not from when we looked.
      this.resumed = false;
      const created = Date.parse(generation.createdAt ?? '');
      if (created <= now()) this.timerStart = created;
    }
    if (generation.status !== 'finished' && !gone && !this.timerRunning) this.startTicker(true);
    const previous = this.seenStatus.get(generation.id) ?? null;
    // A late answer may carry an older status than one already seen: never step back.
    if (previous && STATUS_ORDER.indexOf(generation.status) < STATUS_ORDER.indexOf(previous)) return;
    this.latest = generation;
    if (generation.status !== previous) {
      this.seenStatus.set(generation.id, generation.status);
      this.host.emit('recrubo-generation-status-change', {
        generation,
        status: generation.status,
        previousStatus: previous,
      });
    }
    if (generation.status === 'finished' && !this.finished.has(generation.id)) {
      this.finished.set(generation.id, generation);
      this.stopTicker(true);
      // A resumed generation found finished at once: how long the server took, not how long we looked.
      if (firstLookOfResumed) this.elapsedMs = serverDuration(generation) ?? this.elapsedMs;
      this.host.emit('recrubo-generation-finished', {
        generationId: generation.id,
        flowId: generation.flowId ?? null,
        cost: generation.cost ?? null,
        generation,
      });
      this.options.focus('result-heading', false);
    }
    this.host.requestUpdate();
  }

  private startTicker(running: boolean): void {
    if (running) this.timerRunning = true;
    clearInterval(this.timer);
    this.tick();
    this.timer = setInterval(() => this.tick(), 1000);
  }

  private tick(): void {
    this.elapsedMs = now() - this.timerStart;
    this.host.requestUpdate();
  }

  private stopTicker(finished: boolean): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (finished) {
      if (this.timerRunning) this.elapsedMs = now() - this.timerStart;
      this.timerRunning = false;
    }
  }
}
