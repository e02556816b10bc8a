// The application <recrubo-apply> follows once it is made: its answer (ticket, status, WhatsApp link), kept in the
// tab's session memory (keyed by endpoint and vacancy) so that a reload resumes it instead of applying again, and
// the status polling that moves the progress steps on (every 3 s while not finished; slower after failures; stopped
// for good by a 404 or the end). A controller given the element: it reads the element's endpoint, vacancy and
// fetch, and asks it to render. Storage blocked by privacy settings means nothing to resume, never an error.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { applicationStatus, type ApplyAnswer } from '../../api/apply.js';
import { isAbortError, type RecruboApiError } from '../../api/errors.js';

/** How often the status is asked while the application is not finished; slower after failures. */
const POLL_MS = 3000;
const MAX_POLL_MS = 30000;
export const TERMINAL = new Set(['completed', 'ended']);

interface ApplyHost extends ReactiveControllerHost {
  readonly endpoint: string;
  readonly vacancy: string | undefined;
  readonly fetch: typeof fetch | undefined;
  readonly isConnected: boolean;
}

export class ApplicationProgress implements ReactiveController {
  /** The application followed, if one was made (or resumed) and not started over. */
  answer: ApplyAnswer | undefined;
  private timer?: ReturnType<typeof setTimeout>;
  private delay = POLL_MS;
  private controller?: AbortController;

  constructor(private readonly host: ApplyHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.controller?.abort();
    clearTimeout(this.timer);
  }

  private get key(): string {
    return `recrubo-apply:${this.host.endpoint}:${this.host.vacancy ?? ''}`;
  }

  /** What this tab saved for the element's endpoint and vacancy (its ticket is sent again with a new submit). */
  saved(): ApplyAnswer | undefined {
    try {
      const raw = globalThis.sessionStorage?.getItem(this.key);
      const parsed = raw ? (JSON.parse(raw) as ApplyAnswer) : undefined;
      return parsed && typeof parsed.ticket === 'string' && typeof parsed.status === 'string' ? parsed : undefined;
    } catch {
      return undefined; // storage blocked (privacy settings): nothing to resume
    }
  }

  /** The answer followed from now on (the caller starts the polling); `undefined` ("apply again") forgets it. */
  set(answer: ApplyAnswer | undefined): void {
    clearTimeout(this.timer);
    this.answer = answer;
    try {
      if (answer) globalThis.sessionStorage?.setItem(this.key, JSON.stringify(answer));
      else globalThis.sessionStorage?.removeItem(this.key);
    } catch {
      /* storage blocked: the application still works, a reload just shows the form again */
    }
    this.host.requestUpdate();
  }

  /** Ask for the status after `delay` ms, unless the application is over. */
  follow(delay = POLL_MS): void {
    clearTimeout(this.timer);
    if (!this.answer || TERMINAL.has(this.answer.status) || !this.host.isConnected) return;
    this.timer = setTimeout(() => void this.poll(), delay);
  }

  private async poll(): Promise<void> {
    const current = this.answer;
    if (!current) return;
    try {
      const next = await applicationStatus(this.host.endpoint, current.ticket, {
        signal: (this.controller = new AbortController()).signal, // aborted when the element leaves
        fetch: this.host.fetch, // undefined: the page's fetch
      });
      this.delay = POLL_MS;
      if (next.status !== current.status) this.set({ ...current, status: next.status });
      this.follow(this.delay);
    } catch (error) {
      if (isAbortError(error)) return;
      const e = error as RecruboApiError;
      // 404: the ticket expired or the server forgot it; the application itself stands: stop asking.
      if (e.status === 404) return;
      // A dropped connection while following progress: keep the last status and ask again, more slowly.
      this.delay = Math.min(MAX_POLL_MS, Math.max(this.delay * 2, e.retryAfter ?? 0));
      this.follow(this.delay);
    }
  }
}
