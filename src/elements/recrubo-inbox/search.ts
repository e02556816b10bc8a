// The inbox's search box: a phone number in any form finds its thread (`GET /message-threads?filter[identifier]=…`,
// then the thread's conversation by `filter[messageThreadId]`: Recrubo documents no identifier filter on
// conversations); any other text filters the loaded rows by name. A controller of the inbox: the number lookup is an
// ElementTask (a new keystroke aborts the last lookup; it waits a moment so typing does not send a request per key).
import type { ReactiveControllerHost } from 'lit';
import type { Api } from '../../api/index.js';
import { inboxFor, type Conversation } from '../../api/inbox.js';
import { ElementTask, TaskStatus } from '../../shared/element-task.js';
import type { Params } from '../../shared/i18n.js';
import type { ListModel } from './list-model.js';
import { formatIdentifier, toIdentifier } from './phone.js';
import type { InboxKey } from './strings.js';

/** Typing pauses this long before a number is looked up. */
export const SEARCH_DELAY = 250;

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

export class InboxSearch {
  /** What the recruiter typed. */
  text = '';

  /** The conversations of the typed number (undefined while no number is typed). */
  readonly lookup: ElementTask<readonly [Api | undefined, string | undefined], Conversation[] | undefined>;

  constructor(
    private readonly host: ReactiveControllerHost,
    api: () => Api | undefined,
    private readonly list: ListModel,
  ) {
    this.lookup = new ElementTask(host, {
      args: () => [api(), this.number] as const,
      task: async ([a, identifier], { signal }) => {
        if (!a || !identifier) return undefined;
        await wait(SEARCH_DELAY, signal);
        const threads = await a.messageThreads.find(identifier, { signal });
        const inbox = inboxFor(a);
        const found = await Promise.all(
          threads.map(async (t) => (await inbox.conversations({ messageThreadId: t.id }, { signal })).items),
        );
        // Their candidates (one batched request, like a page of rows): the result row shows the name and number.
        await this.list.fillNames(found.flat());
        return found.flat();
      },
    });
  }

  /** The typed text as an identifier, when it is a phone number. */
  get number(): string | undefined {
    return toIdentifier(this.text);
  }

  /** Text that is not a number: filters the loaded rows by name. */
  get nameFilter(): string {
    return this.number ? '' : this.text.trim();
  }

  /** The rows shown: the number's conversations, the loaded ones matching a name, or the tab's; and what it says. */
  shown(list: ListModel, t: (key: InboxKey, params?: Params) => string): { rows: Conversation[]; note?: string } {
    const number = this.number;
    if (number) {
      const shown = formatIdentifier(number);
      const found = this.lookup.value;
      if (this.lookup.status === TaskStatus.PENDING || found === undefined)
        return { rows: [], note: t('search.looking', { number: shown }) };
      const key = found.length ? 'search.number' : 'search.numberNone';
      return { rows: found, note: t(key, { number: shown }) };
    }
    const text = this.nameFilter.toLocaleLowerCase();
    if (!text) return { rows: list.rows };
    const rows = list.rows.filter((c) => list.nameOf(c).toLocaleLowerCase().includes(text));
    return { rows, note: t('search.name', { count: rows.length, loaded: list.rows.length, text: this.text.trim() }) };
  }

  set(text: string): void {
    this.text = text;
    this.host.requestUpdate();
  }
}
