// Whether the chatbot is paused on a run's thread (MessageThread.chatbotPaused): a recruiter took over the chat, so
// the run stands still although its status says running. Followed through the store's shared `messageThreads`
// entry, so a pause made on this page (the conversation's switch, a PATCH written to the store) shows on every
// badge and card of that run at once; the card also polls it, so a pause made elsewhere reaches it too (and the
// badges of the same thread, which share the entry). Only while the run can still move: an ended run's status says
// all. A change after the first answer is announced like a status change, in the page's one announcer.
import type { FlowRun, MessageThread } from '../../api/types.js';
import type { ResourceSnapshot } from '../../api/store.js';
import { ResourceController } from '../../shared/resource-controller.js';
import type { WatchHost } from '../../shared/watch-controller.js';
import { isTerminalStatus } from './status.js';

export interface BotPausedHost extends WatchHost {
  readonly run: FlowRun | undefined;
  readonly static: boolean;
  readonly variant: 'badge' | 'card';
  readonly pollInterval: number | undefined;
}

export class BotPaused {
  private readonly thread: ResourceController<'messageThreads'>;

  /** `onChange(paused)`: the pause was switched while shown (not the first answer), for the announcement. */
  constructor(host: BotPausedHost, onChange: (paused: boolean) => void) {
    this.thread = new ResourceController(host, 'messageThreads', {
      // A static element loads its run once and nothing else; an unloaded or ended run needs no thread.
      id: () => {
        const run = host.run;
        return run && !host.static && !isTerminalStatus(run.status) ? run.messageThreadId : undefined;
      },
      interval: () => (host.pollInterval && host.pollInterval > 0 ? host.pollInterval : undefined),
      // Badges load the thread once and follow the store (fifty badges poll one batch of runs, not threads too).
      poll: () => host.variant === 'card',
      onChange: (snapshot: ResourceSnapshot<MessageThread>, previous: ResourceSnapshot<MessageThread>) => {
        const was = previous.data?.chatbotPaused === true;
        const is = snapshot.data?.chatbotPaused === true;
        if (previous.data && snapshot.data && previous.data.id === snapshot.data.id && was !== is) onChange(is);
      },
    });
  }

  /** True while the bot is paused on the shown (unended) run's thread. */
  get paused(): boolean {
    return this.thread.data?.chatbotPaused === true;
  }
}
