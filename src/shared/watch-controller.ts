// The lifecycle every live binding of an element shares (ResourceController for a store resource, the
// conversation's FeedController for a thread's messages): subscribe while connected, subscribe anew when the id,
// the options or the configuration change (before letting go of the old subscription, so that a mere interval
// change keeps the shared entry), and let go when the element leaves the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Api } from '../api/index.js';

export type WatchHost = ReactiveControllerHost & HTMLElement & { readonly api: Api };

/** `O`: the options (interval, poll) a subscription is made with; a change of any of them subscribes anew. */
export abstract class WatchController<O extends readonly unknown[]> implements ReactiveController {
  /** The configuration the current subscription was made with. */
  protected api?: Api;
  private unwatch?: () => void;
  private key?: string;

  constructor(protected readonly host: WatchHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.key = undefined;
  }

  /** What to follow now: the id (none: nothing) and the options a change of which subscribes anew. */
  protected abstract target(): { id: string | undefined; options: O };

  /** Subscribes to `id` with the host's configuration; returns the unsubscribe. */
  protected abstract subscribe(api: Api, id: string, options: O): () => void;

  /** The followed id changed (to another one or to none): forget what the old one showed. Called before the new
   * subscription, which may hand over a snapshot at once. */
  protected abstract reset(id: string | undefined): void;

  private sync() {
    if (!this.host.isConnected) return;
    const { id, options } = this.target();
    const api = this.host.api;
    const key = id ? [id, ...options].join('\u0000') : undefined;
    if (key === this.key && api === this.api) return;
    const previousId = this.key?.split('\u0000')[0];
    this.key = key;
    this.api = api;
    const stopOld = this.unwatch;
    this.unwatch = undefined;
    if (id !== previousId) this.reset(id); // before subscribing: the store answers at once with what it has
    if (id) this.unwatch = this.subscribe(api, id, options);
    stopOld?.();
  }
}
