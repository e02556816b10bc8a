// @lit/task with the two things it lacks for our elements: a run stops when the element leaves the page (Task
// aborts only when its args change), and a load that was stopped that way runs again when the element comes back.
// Actions (`autoRun: false`: send, save, pause) are never re-run by themselves: a POST is the user's to repeat.
import { Task, TaskStatus, type TaskConfig } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';

export { TaskStatus } from '@lit/task';

export class ElementTask<const T extends readonly unknown[] = readonly unknown[], R = unknown> extends Task<T, R> {
  /** A load was under way when the element left the page: run it again on return. */
  private interrupted = false;

  constructor(host: ReactiveControllerHost, config: TaskConfig<T, R>) {
    super(host, config);
  }

  hostConnected(): void {
    if (!this.interrupted) return;
    this.interrupted = false;
    void this.run();
  }

  hostDisconnected(): void {
    if (this.status !== TaskStatus.PENDING) return;
    this.interrupted = this.autoRun !== false;
    this.abort(new DOMException('The element left the page.', 'AbortError'));
  }
}
