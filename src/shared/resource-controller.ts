// Binds one live resource of the store to an element: subscribes while connected, re-subscribes when the id,
// interval or configuration changes (watch-controller.ts), and re-renders the host on every new snapshot.
import type { Api } from '../api/index.js';
import type { RecruboApiError } from '../api/errors.js';
import type { ResourceSnapshot } from '../api/store.js';
import type { WatchedResources, WatchedType } from '../api/types.js';
import { WatchController, type WatchHost } from './watch-controller.js';

export interface ResourceControllerOptions<T> {
  id: () => string | null | undefined;
  interval?: () => number | undefined;
  /** false: load once, no polling (e.g. the `static` attribute). */
  poll?: () => boolean;
  /** `status`: the element shows only status and time (a badge), so a pushed change needs no request. */
  shows?: () => 'status' | 'all';
  /** With `shows: 'status'`: statuses after which the element needs the whole resource once (an outcome). */
  fetchOn?: readonly string[];
  /** Every new snapshot, with the previous one (for status-change events). */
  onChange?: (snapshot: ResourceSnapshot<T>, previous: ResourceSnapshot<T>) => void;
}

type Options = [interval: number | undefined, poll: boolean, shows: 'status' | 'all'];

export class ResourceController<K extends WatchedType> extends WatchController<Options> {
  data?: WatchedResources[K];
  error?: RecruboApiError;
  loading = false;
  /** When the data was last fetched (see ResourceSnapshot). */
  fetchedAt?: number;

  constructor(
    host: WatchHost,
    private readonly type: K,
    private readonly options: ResourceControllerOptions<WatchedResources[K]>,
  ) {
    super(host);
  }

  /** Fetch now instead of at the next tick. */
  refresh(): void {
    const id = this.options.id();
    if (id && this.api) this.api.store.refresh(this.type, id);
  }

  protected target(): { id: string | undefined; options: Options } {
    const { interval, poll, shows } = this.options;
    return { id: this.options.id() ?? undefined, options: [interval?.(), poll?.() ?? true, shows?.() ?? 'all'] };
  }

  protected subscribe(api: Api, id: string, [interval, poll, shows]: Options): () => void {
    const { fetchOn } = this.options;
    return api.store.watch(this.type, id, (snapshot) => this.receive(snapshot), { interval, poll, shows, fetchOn });
  }

  protected reset(id: string | undefined): void {
    this.data = undefined;
    this.error = undefined;
    this.fetchedAt = undefined;
    if (!id) this.loading = false;
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
