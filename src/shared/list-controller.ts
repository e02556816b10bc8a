// Binds one live list of the store (a query's items: the inbox's conversations, a flow's runs) to an element:
// subscribes while connected, anew when the query, interval or configuration change (watch-controller.ts), and
// re-renders the host on every snapshot. The list is polled, backed off and refreshed by push like a resource.
import type { Api } from '../api/index.js';
import type { RecruboApiError } from '../api/errors.js';
import { listKey, refreshList, watchList, type ListBehaviour, type ListSnapshot } from '../api/lists.js';
import type { ListQuery } from '../api/types.js';
import { WatchController, type WatchHost } from './watch-controller.js';

export interface ListControllerOptions<T> {
  /** The JSON:API type (`messageThreads`); its endpoint is the resource's (`message-threads`). */
  type: string;
  /** `filter`, `sort`, `include`, and `page` for one page (else every page); undefined: nothing to follow. */
  query: () => ListQuery | undefined;
  interval?: () => number | undefined;
  /** false: load once, no polling. */
  poll?: () => boolean;
  /** What the list is (lists.ts): a log (`newest`, `merge`, `order`), its `parent`, `announced` by push. */
  behaviour?: ListBehaviour<T>;
  /** Every new snapshot, with the previous one. */
  onChange?: (snapshot: ListSnapshot<T>, previous?: ListSnapshot<T>) => void;
}

type Options = [interval: number | undefined, poll: boolean];

export class ListController<T extends { id: string }> extends WatchController<Options> {
  snapshot?: ListSnapshot<T>;

  constructor(
    host: WatchHost,
    private readonly options: ListControllerOptions<T>,
  ) {
    super(host);
  }

  get items(): readonly T[] {
    return this.snapshot?.items ?? [];
  }

  get loading(): boolean {
    return this.snapshot?.loading ?? false;
  }

  get error(): RecruboApiError | undefined {
    return this.snapshot?.error;
  }

  /** Read the list now instead of at the next tick. */
  refresh(): void {
    const query = this.options.query();
    if (query && this.api) refreshList(this.api.store, this.options.type, query);
  }

  protected target(): { id: string | undefined; options: Options } {
    const query = this.options.query();
    return {
      id: query ? listKey(this.options.type, query) : undefined,
      options: [this.options.interval?.(), this.options.poll?.() ?? true],
    };
  }

  protected subscribe(api: Api, _key: string, [interval, poll]: Options): () => void {
    return watchList<T>(
      api.store,
      this.options.type,
      this.options.query()!,
      (snap) => {
        const previous = this.snapshot;
        this.snapshot = snap;
        this.options.onChange?.(snap, previous);
        this.host.requestUpdate();
      },
      { ...this.options.behaviour, interval, poll },
    );
  }

  protected reset(): void {
    this.snapshot = undefined;
  }
}
