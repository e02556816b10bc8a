// Binds one live resource of the store to an element: subscribes while connected, re-subscribes when the id,
// interval or configuration changes, and re-renders the host on every new snapshot.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Api } from '../api/index.js';
import type { RecruboApiError } from '../api/errors.js';
import type { ResourceSnapshot } from '../api/store.js';
import type { WatchedResources, WatchedType } from '../api/types.js';

export interface ResourceControllerOptions<T> {
  id: () => string | null | undefined;
  interval?: () => number | undefined;
  /** false: load once, no polling (e.g. the `static` attribute). */
  poll?: () => boolean;
  /** Every new snapshot, with the previous one (for status-change events). */
  onChange?: (snapshot: ResourceSnapshot<T>, previous: ResourceSnapshot<T>) => void;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly api: Api };

export class ResourceController<K extends WatchedType> implements ReactiveController {
  data?: WatchedResources[K];
  error?: RecruboApiError;
  loading = false;
  /** When the data was last fetched (see ResourceSnapshot). */
  fetchedAt?: number;

  private unwatch?: () => void;
  private key?: string;
  private api?: Api;

  constructor(
    private readonly host: Host,
    private readonly type: K,
    private readonly options: ResourceControllerOptions<WatchedResources[K]>,
  ) {
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

  /** Fetch now instead of at the next tick. */
  refresh(): void {
    const id = this.options.id();
    if (id && this.api) this.api.store.refresh(this.type, id);
  }

  private sync() {
    if (!this.host.isConnected) return;
    const id = this.options.id() ?? undefined;
    const api = this.host.api;
    const interval = this.options.interval?.();
    const poll = this.options.poll?.() ?? true;
    const key = id ? `${id}\u0000${interval ?? ''}\u0000${poll}` : undefined;
    if (key === this.key && api === this.api) return;
    const previousId = this.key?.split('\u0000')[0];
    this.key = key;
    this.api = api;
    const stopOld = this.unwatch;
    this.unwatch = undefined;
    if (id !== previousId) {
      this.data = undefined;
      this.error = undefined;
      this.fetchedAt = undefined;
    }
    if (id) {
      // Subscribe before letting go of the old subscription, so a mere interval change keeps the store entry.
      this.unwatch = api.store.watch(this.type, id, (snapshot) => this.receive(snapshot), { interval, poll });
    } else {
      this.loading = false;
    }
    stopOld?.();
  }

  private receive(snapshot: ResourceSnapshot<WatchedResources[K]>) {
    const previous: ResourceSnapshot<WatchedResources[K]> = {
      data: this.data,
      error: this.error,
      loading: this.loading,
    };
    this.data = snapshot.data;
    this.error = snapshot.error;
    this.loading = snapshot.loading;
    this.fetchedAt = snapshot.fetchedAt;
    this.options.onChange?.(snapshot, previous);
    this.host.requestUpdate();
  }
}
