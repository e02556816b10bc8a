// The `pause-control` switch: the thread's `chatbotPaused`, with a confirmation when pausing would hold a live run.
// A reactive controller of the conversation element, whose host is the element itself (`ConversationHost`: the
// thread, the run, strings, events, errors, the announcer).
import { html, nothing, type ReactiveController } from 'lit';
import type { RecruboApiError } from '../../api/errors.js';
import type { Api } from '../../api/index.js';
import { RUN_TERMINAL_STATUSES } from '../../api/types.js';
import { ElementTask, TaskStatus } from '../../shared/element-task.js';
import { failureText, type ConversationHost } from './composer.js';

const live = (status: string | undefined) =>
  status !== undefined && !(RUN_TERMINAL_STATUSES as readonly string[]).includes(status);

export class PauseSwitch implements ReactiveController {
  private confirming = false;
  /** The PATCH of `chatbotPaused`: one action, run with the thread and the wanted value. */
  private readonly patch: ElementTask<[Api, string, boolean], boolean>;

  constructor(private readonly host: ConversationHost) {
    host.addController(this);
    this.patch = new ElementTask(host, {
      autoRun: false,
      task: async ([api, id, paused], { signal }) => {
        await api.messageThreads.update(id, { chatbotPaused: paused }, { signal });
        this.host.announce(this.host.t(paused ? 'announce.paused' : 'announce.resumed'));
        this.host.emit('recrubo-chatbot-paused-change', { messageThreadId: id, paused });
        return paused;
      },
      onError: (error) => this.host.reportError(error),
    });
  }

  private get busy(): boolean {
    return this.patch.status === TaskStatus.PENDING;
  }

  private get error(): RecruboApiError | undefined {
    return this.patch.status === TaskStatus.ERROR ? (this.patch.error as RecruboApiError) : undefined;
  }

  hostDisconnected(): void {
    this.confirming = false;
  }

  render() {
    const t: ConversationHost['t'] = (key, params) => this.host.t(key, params);
    const thread = this.host.threadData;
    const paused = thread?.chatbotPaused === true;
    return html`<div class="pause-row">
        <button
          type="button"
          role="switch"
          part="pause"
          class="switch"
          aria-checked=${paused ? 'true' : 'false'}
          aria-disabled=${!thread || this.busy ? 'true' : 'false'}
          aria-describedby="pause-state"
          aria-haspopup="dialog"
          @click=${this.onClick}
        >
          <span class="track" aria-hidden="true"><span class="thumb"></span></span>${t('pause.label')}
        </button>
        <span id="pause-state" class="pause-state">${thread ? t(paused ? 'pause.on' : 'pause.off') : ''}</span>
        ${this.error ? html`<span class="failure" part="error" role="alert">${t('pause.failed', { reason: failureText(this.host, this.error) })}</span>` : nothing}
      </div>
      <dialog part="dialog" aria-labelledby="pause-title" aria-describedby="pause-text" @cancel=${this.onDialogClose} @close=${this.onDialogClose}>
        <p class="dialog-title" id="pause-title">${t('confirm.title')}</p>
        <p id="pause-text">${t('confirm.text')}</p>
        <div class="dialog-actions">
          <button type="button" class="back secondary" @click=${() => this.closeDialog(false)}>${t('confirm.back')}</button>
          <button type="button" class="primary confirm" @click=${() => this.closeDialog(true)}>${t('confirm.ok')}</button>
        </div>
      </dialog>`;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot?.querySelector?.('dialog') ?? null;
  }

  private set(changes: { confirming?: boolean }) {
    Object.assign(this, changes);
    this.host.requestUpdate();
  }

  private onClick = async () => {
    const thread = this.host.threadData;
    if (!thread || this.busy) return;
    const pause = !thread.chatbotPaused;
    if (pause && (await this.hasLiveRun(thread.id))) {
      this.set({ confirming: true });
      await this.host.updateComplete;
      const dialog = this.dialog;
      if (dialog && !dialog.open) dialog.showModal();
      // The safe choice has the focus.
      dialog?.querySelector<HTMLButtonElement>('button.back')?.focus();
      return;
    }
    void this.setPaused(thread.id, pause);
  };

  private async hasLiveRun(threadId: string): Promise<boolean> {
    const run = this.host.runData;
    if (run) return live(run.status);
    try {
      const { items } = await this.host.api.flowRuns.list(
        { filter: { messageThreadId: threadId }, page: { size: 100 } },
        { signal: this.host.signal },
      );
      return items.some((r) => live(r.status));
    } catch {
      return true; // unknown: ask rather than pause a run without warning
    }
  }

  /** Acts at once instead of waiting for the dialog's `close` event, which Chromium does not deliver in a hidden tab. */
  private closeDialog(confirmed: boolean) {
    const dialog = this.dialog;
    if (dialog?.open) dialog.close();
    this.afterDialog(confirmed);
  }

  private onDialogClose = () => this.afterDialog(false);

  private afterDialog(confirmed: boolean) {
    if (!this.confirming) return;
    this.set({ confirming: false });
    this.host.renderRoot.querySelector<HTMLElement>('[part~="pause"]')?.focus();
    const thread = this.host.threadData;
    if (confirmed && thread) void this.setPaused(thread.id, true);
  }

  private setPaused(id: string, paused: boolean) {
    void this.patch.run([this.host.api, id, paused]);
  }
}
