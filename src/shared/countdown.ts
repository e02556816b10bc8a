// A countdown to a moment (a 429's Retry-After): the whole seconds left, and a re-render each second until it is
// over, so "Wait 20 s" counts down and a button disabled meanwhile comes back by itself. Stops with its host.
import { now } from './clock.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class Countdown implements ReactiveController {
  private until = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `onDone`: called once when a started countdown reaches zero (not when it is cleared). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onDone?: () => void,
  ) {
    host.addController(this);
  }

  /** Count down `ms` from now (nothing for 0, undefined or a negative value). */
  start(ms: number | undefined): void {
    this.until = ms && ms > 0 ? now() + ms : 0;
    this.schedule();
  }

  clear(): void {
    this.start(0);
  }

  /** Whole seconds left (rounded up); 0 when over. */
  get seconds(): number {
    return Math.max(0, Math.ceil((this.until - now()) / 1000));
  }

  get running(): boolean {
    return this.seconds > 0;
  }

  hostConnected(): void {
    this.schedule();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const left = this.until - now();
    if (left <= 0) {
      if (this.until) {
        this.until = 0;
        this.onDone?.();
      }
      return;
    }
    // Wake when the shown number changes (the next whole second), and once more at the end.
    const next = left % 1000 || 1000;
    this.timer = setTimeout(() => {
      this.host.requestUpdate();
      this.schedule();
    }, next + 5);
  }
}
