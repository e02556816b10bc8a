// Binds one thread's live messages (the api's shared MessageFeed) to the element: subscribes while connected,
// follows a new thread id, interval or configuration, and re-renders the host on every snapshot.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Api } from '../../api/index.js';
import { messagesFor, type MessagesSnapshot } from '../../api/message-feed.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly api: Api };

export class FeedController implements ReactiveController {
  snapshot?: MessagesSnapshot;
  private unwatch?: () => void;
  private key?: string;
  private api?: Api;

  constructor(
    private readonly host: Host,
    private readonly options: {
      id: () => string | undefined;
      interval: () => number | undefined;
      onChange: (next: MessagesSnapshot, previous?: MessagesSnapshot) => void;
    },
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
    this.unwatch = this.key = undefined;
  }

  refresh(): void {
    const id = this.options.id();
    if (id && this.api) messagesFor(this.api.client).feed.refresh(id);
  }

  private sync() {
    if (!this.host.isConnected) return;
    const id = this.options.id();
    const api = this.host.api;
    const interval = this.options.interval();
    const key = id ? `${id}\u0000${interval ?? ''}` : undefined;
    if (key === this.key && api === this.api) return;
    const previousId = this.key?.split('\u0000')[0];
    this.key = key;
    this.api = api;
    const stopOld = this.unwatch;
    this.unwatch = undefined;
    if (id !== previousId) this.snapshot = undefined;
    if (id) {
      this.unwatch = messagesFor(api.client).feed.watch(
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
    stopOld?.();
  }
}
