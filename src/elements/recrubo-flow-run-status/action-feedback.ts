// What the card says after an action failed, and for how long. A 429 makes every action wait for its Retry-After
// (the buttons are disabled and the message counts down; at zero both are back). A failure that may pass (no
// connection, a timeout, a 5xx) is cleared once a later request for the run succeeds: the card asks again at
// growing intervals while it shows the failure. A refusal (422) stays until the next action: it is an answer.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError, type RecruboApiError } from '../../api/errors.js';
import { Countdown } from '../../shared/countdown.js';

/** A 429 without a Retry-After still makes the actions wait this long. */
const DEFAULT_WAIT_MS = 5000;
/** The first check whether the API answers again, then doubled up to the cap. */
const PROBE_FIRST_MS = 2000;
const PROBE_MAX_MS = 60_000;

export interface ActionFeedbackOptions {
  /** A GET for the run (its success clears a passing failure); rejected while the API still fails. */
  probe: (signal: AbortSignal) => Promise<unknown>;
}

const passing = (e: RecruboApiError) =>
  e.kind === 'network' || e.kind === 'timeout' || (e.kind === 'http' && (e.status ?? 0) >= 500) || e.status === 408;

export class ActionFeedback implements ReactiveController {
  error?: RecruboApiError;
  /** A 429's Retry-After; at zero the failure is cleared and the actions are back. */
  private readonly wait: Countdown;
  private timer?: ReturnType<typeof setTimeout>;
  private controller?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ActionFeedbackOptions,
  ) {
    host.addController(this);
    this.wait = new Countdown(host, () => this.clear());
  }

  /** Whole seconds the actions still wait (0: they may be used). */
  secondsLeft(): number {
    return this.wait.seconds;
  }

  fail(error: RecruboApiError): void {
    this.clear();
    this.error = error;
    if (error.status === 429) {
      this.wait.start(error.retryAfter ?? DEFAULT_WAIT_MS);
    } else if (passing(error)) {
      this.probeAfter(PROBE_FIRST_MS);
    }
    this.host.requestUpdate();
  }

  /** A new action starts, the run changed, or the element left: nothing of the old failure stays. */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.controller?.abort();
    this.controller = undefined;
    if (this.error || this.wait.running) {
      this.error = undefined;
      this.wait.clear();
      this.host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    this.clear();
  }

  private probeAfter(ms: number) {
    const error = this.error;
    this.timer = setTimeout(() => {
      const controller = (this.controller = new AbortController());
      this.options.probe(controller.signal).then(
        () => {
          if (this.error === error) this.clear();
        },
        (err: unknown) => {
          if (isAbortError(err) || this.error !== error) return;
          this.probeAfter(Math.min(PROBE_MAX_MS, ms * 2));
        },
      );
    }, ms);
  }
}
