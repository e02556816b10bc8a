// Binds a one-shot load (a list of schedules, a flow and its nodes) to an element: loads while connected, once
// per key and configuration, with a signal that ends when the key changes or the element leaves; re-renders the
// host when the answer comes. The live, polled resources of the store use ResourceController instead; both give
// the element the same `data` / `error` / `loading` to render from.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Api } from '../api/index.js';
import { isAbortError, type RecruboApiError } from '../api/errors.js';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'error';

export interface LoadControllerOptions<T> {
  /** What to load; empty (undefined, null, '') means nothing, and drops what was loaded. */
  key: () => string | null | undefined;
  /** The request(s); must stop when `signal` aborts. */
  load: (api: Api, key: string, signal: AbortSignal) => Promise<T>;
  /** A load failed for good (not an abort): typically the host's `reportError`. */
  onError?: (error: RecruboApiError) => void;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly api: Api; readonly signal: AbortSignal };

export class LoadController<T> implements ReactiveController {
  data?: T;
  error?: RecruboApiError;
  status: LoadStatus = 'idle';

  /** The key and Api the data (or the load under way) belongs to. */
  private loadedFor?: { key: string; api: Api };
  private controller?: AbortController;

  constructor(
    private readonly host: Host,
    private readonly options: LoadControllerOptions<T>,
  ) {
    host.addController(this);
  }

  get loading(): boolean {
    return this.status === 'loading';
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    // The host's signal aborted the request; what has loaded is kept, an unfinished load starts again on return.
    this.controller = undefined;
    if (this.status === 'loading') {
      this.loadedFor = undefined;
      this.status = 'idle';
    }
  }

  /** Load again (after an error, or when the host knows the data changed). */
  reload(): void {
    this.loadedFor = undefined;
    this.host.requestUpdate();
  }

  private sync(): void {
    if (!this.host.isConnected) return;
    const key = this.options.key() || undefined;
    let api: Api | undefined;
    try {
      api = key ? this.host.api : undefined;
    } catch {
      api = undefined; // a configuration that cannot make a client yet: nothing to load with
    }
    if (!key || !api) {
      this.cancel();
      return;
    }
    if (this.loadedFor?.key === key && this.loadedFor.api === api) return;
    const changedKey = this.loadedFor?.key !== key;
    this.loadedFor = { key, api };
    if (changedKey) this.data = undefined;
    void this.run(api, key);
  }

  private cancel(): void {
    this.controller?.abort();
    this.controller = undefined;
    this.loadedFor = undefined;
    this.data = undefined;
    this.error = undefined;
    this.status = 'idle';
  }

  private async run(api: Api, key: string): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const outer = this.host.signal;
    if (outer.aborted) controller.abort();
    else outer.addEventListener('abort', () => controller.abort(), { once: true });
    this.status = 'loading';
    this.error = undefined;
    try {
      const data = await this.options.load(api, key, controller.signal);
      if (this.controller !== controller) return;
      this.data = data;
      this.status = 'loaded';
    } catch (error) {
      if (this.controller !== controller || isAbortError(error) || controller.signal.aborted) return;
      this.error = error as RecruboApiError;
      this.status = 'error';
      // The load's other requests still retrying would be shared with (and fail) the next attempt: let them go.
      controller.abort();
      this.options.onError?.(this.error);
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
    this.host.requestUpdate();
  }
}
