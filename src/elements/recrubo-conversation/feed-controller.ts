// Binds one thread's live messages (a list of the api's store, message-feed.ts) to the element: subscribes while
// connected, follows a new thread id, interval or configuration (watch-controller.ts), and re-renders the host on
// every snapshot.
import type { Api } from '../../api/index.js';
import { refreshList } from '../../api/lists.js';
import { messagesQuery, watchMessages, type MessagesSnapshot } from '../../api/message-feed.js';
import { WatchController, type WatchHost } from '../../shared/watch-controller.js';

type Options = [interval: number | undefined];

export class FeedController extends WatchController<Options> {
  snapshot?: MessagesSnapshot;

  constructor(
    host: WatchHost,
    private readonly options: {
      id: () => string | undefined;
      interval: () => number | undefined;
      onChange: (next: MessagesSnapshot, previous?: MessagesSnapshot) => void;
    },
  ) {
    super(host);
  }

  /** Poll now (e.g. right after a send, to pick up its delivery status sooner). */
  refresh(): void {
    const id = this.options.id();
    if (id && this.api) refreshList(this.api.store, 'messages', messagesQuery(id));
  }

  protected target(): { id: string | undefined; options: Options } {
    return { id: this.options.id(), options: [this.options.interval()] };
  }

  protected subscribe(api: Api, id: string, [interval]: Options): () => void {
    return watchMessages(
      api,
      id,
      (snap) => {
        const previous = this.snapshot;
        this.snapshot = snap;
        this.options.onChange(snap, previous);
        this.host.requestUpdate();
      },
      { interval },
    );
  }

  protected reset(): void {
    this.snapshot = undefined;
  }
}
