// @lit/task with the three things it lacks for our elements: a run stops when the element leaves the page (Task
// aborts only when its args change), a load that was stopped that way runs again when the element comes back (and
// is not an error meanwhile: the task goes back to `initial`), and a run that failed lets go of its other requests
// (a Promise.all whose sibling is still retrying would otherwise be joined, and failed, by the next attempt).
// Actions (`autoRun: false`: send, save, pause) are never re-run by themselves: a POST is the user's to repeat.
import { Task, TaskStatus, initialState, type TaskConfig } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';

export { TaskStatus, initialState } from '@lit/task';

/** The reason a run is stopped with when its element leaves the page (one object: recognised by identity). */
let left: DOMException | undefined;

export class ElementTask<const T extends readonly unknown[] = readonly unknown[], R = unknown> extends Task<T, R> {
  /** A load was under way when the element left the page: run it again on return. */
  private interrupted = false;

  constructor(host: ReactiveControllerHost, config: TaskConfig<T, R>) {
    const run = config.task;
    super(host, {
      ...config,
      task: async (args, { signal }) => {
        const controller = new AbortController();
        signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
        try {
          return await run(args, { signal: controller.signal });
        } catch (error) {
          // Stopped by leaving the page: not a failure, nothing to report; back to `initial` until the return.
          if (signal.reason === left && left) return initialState as R;
          throw error;
        } finally {
          // What this run still has under way (a sibling request of a Promise.all, still retrying) stops with it.
          controller.abort();
        }
      },
    });
  }

  hostConnected(): void {
    if (!this.interrupted) return;
    this.interrupted = false;
    void this.run();
  }

  hostDisconnected(): void {
    if (this.status !== TaskStatus.PENDING) return;
    this.interrupted = this.autoRun !== false;
    this.abort((left ??= new DOMException('The element left the page.', 'AbortError')));
  }
}
