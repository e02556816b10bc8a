// One invitation = find or create the candidate's thread, then start the run. The thread is remembered between
// attempts, so when the run's POST fails a retry starts the run on the same thread instead of opening another.
// Idempotency-Key: fresh per attempt; re-sent unchanged only when the previous attempt got no answer at all (the
// POST may have arrived) and the body is the same, so the server can recognise the repeat.
import type { Api } from '../../api/index.js';
import { RepeatKey } from '../../api/idempotency.js';
import type { FlowRun, MessageThread } from '../../api/types.js';

export type InviteTarget = { messageThreadId: string } | { identifier: string; channel: string };

export interface InviteInput {
  flowId: string;
  target: InviteTarget;
  state: Record<string, unknown>;
  initialMessage: Record<string, unknown>;
}

export interface InviteResult {
  run: FlowRun;
  messageThreadId: string;
  /** The thread was made by this invitation (not found). */
  threadCreated: boolean;
}

/** Where an invitation failed: before the thread existed, or after (the run's POST). */
export class InviteError extends Error {
  constructor(
    readonly stage: 'thread' | 'run',
    readonly error: unknown,
    readonly messageThreadId?: string,
  ) {
    super(error instanceof Error ? error.message : String(error));
    this.name = 'InviteError';
  }
}

export class Inviter {
  /** The thread of the number last invited (found or created), kept for a retry. */
  private thread?: { identifier: string; channel: string; id: string; created: boolean };
  private readonly threadKey = new RepeatKey();
  private readonly runKey = new RepeatKey();

  /** Forget everything: the next invitation is a new one (after success, "invite another"). */
  clear(): void {
    this.thread = undefined;
    this.threadKey.settle();
    this.runKey.settle();
  }

  /** The thread kept from a failed attempt for this target, if any. */
  threadFor(target: InviteTarget): string | undefined {
    if ('messageThreadId' in target) return target.messageThreadId;
    const t = this.thread;
    return t && t.identifier === target.identifier && t.channel === target.channel ? t.id : undefined;
  }

  /** `onRun` is called once the thread is known, before the run's POST (the element announces the step). */
  async invite(api: Api, input: InviteInput, signal: AbortSignal, onRun?: () => void): Promise<InviteResult> {
    let messageThreadId: string;
    let threadCreated = false;
    try {
      ({ id: messageThreadId, created: threadCreated } = await this.resolveThread(api, input.target, signal));
    } catch (err) {
      throw new InviteError('thread', err);
    }
    onRun?.();
    const attributes = {
      flowId: input.flowId,
      messageThreadId,
      state: input.state,
      initialMessage: input.initialMessage,
    };
    const key = this.runKey.for(attributes);
    try {
      const run = await api.flowRuns.create(attributes, { idempotencyKey: key, signal });
      this.clear();
      return { run, messageThreadId, threadCreated };
    } catch (err) {
      this.runKey.settle(err);
      throw new InviteError('run', err, messageThreadId);
    }
  }

  private async resolveThread(
    api: Api,
    target: InviteTarget,
    signal: AbortSignal,
  ): Promise<{ id: string; created: boolean }> {
    if ('messageThreadId' in target) return { id: target.messageThreadId, created: false };
    const kept = this.threadFor(target);
    if (kept) return { id: kept, created: this.thread?.created ?? false };
    const found: MessageThread[] = await api.messageThreads.find(target.identifier, {
      channel: target.channel,
      signal,
    });
    let thread = found[0];
    let created = false;
    if (!thread) {
      const key = this.threadKey.for(target);
      try {
        thread = await api.messageThreads.create(
          { channel: target.channel, identifier: target.identifier },
          { idempotencyKey: key, signal },
        );
      } catch (err) {
        this.threadKey.settle(err);
        throw err;
      }
      this.threadKey.settle();
      created = true;
    }
    this.thread = { ...target, id: thread.id, created };
    return { id: thread.id, created };
  }
}
