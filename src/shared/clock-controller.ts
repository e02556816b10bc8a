// Keeps an element's "now" fresh for what it shows relative to it: one page-wide timer per period (the api's
// ticker, paused while the tab is hidden), at once when the page wakes (visible again, online) and when a test sets
// the clock. Every element that shows relative times uses this, not a timer of its own.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onTick, onWake } from '../api/ticker.js';
import { now, onClockChange } from './clock.js';

export class Clock implements ReactiveController {
  /** The time of the last tick (ms), by the page's clock. */
  now = now();
  private stop?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly period: number,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const tick = () => this.tick();
    const stops = [onTick(this.period, tick), onWake(tick), onClockChange(tick)];
    this.stop = () => stops.forEach((stop) => stop());
    this.now = now();
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
  }

  private tick(): void {
    this.now = now();
    this.host.requestUpdate();
  }
}
