// The templates that template messages were sent from: one ElementTask whose args are the template ids on screen.
// A template's text cannot change (Recrubo's templates cannot be updated after creation), so one loaded stays
// known to the element; a failed one is asked for again by the next run (a new id on screen, a retry).
import type { ReactiveControllerHost } from 'lit';
import type { Api, Message, MessageTemplate } from '../../api/index.js';
import { ElementTask, TaskStatus } from '../../shared/element-task.js';
import { renderTemplate, templateIdOf } from './format.js';

export interface TemplateEntry {
  state: 'loading' | 'ready' | 'failed';
  template?: MessageTemplate;
  /** The message's text: the template's body with the message's parameters filled in. */
  text?: (message: Message) => string;
}

interface Host extends ReactiveControllerHost {
  readonly api: Api;
  readonly shownMessages: readonly Message[];
}

export class Templates {
  private readonly known = new Map<string, MessageTemplate>();
  private readonly task: ElementTask<readonly [Api, ...string[]], void>;

  constructor(host: Host) {
    this.task = new ElementTask(host, {
      task: async ([api, ...ids], { signal }) => {
        const missing = ids.filter((id) => !this.known.has(id));
        const answers = await Promise.allSettled(missing.map((id) => api.messageTemplates.get(id, { signal })));
        answers.forEach((answer, i) => {
          if (answer.status === 'fulfilled') this.known.set(missing[i]!, answer.value);
        });
      },
      // The ids in the order they first appear: a new message with a known template changes nothing.
      args: () => [host.api, ...new Set(host.shownMessages.map(templateIdOf).filter((id): id is string => !!id))],
    });
  }

  /** The template of `id`: loading, ready (with the text), or failed. */
  get(id: string): TemplateEntry {
    const template = this.known.get(id);
    if (template) return { state: 'ready', template, text: (message) => renderTemplate(template, message) };
    return {
      state: this.task.status === TaskStatus.PENDING || this.task.status === TaskStatus.INITIAL ? 'loading' : 'failed',
    };
  }
}

/** The language of the last template sent on the thread (its templates are offered first), else `fallback`. */
export function threadLanguage(messages: readonly Message[], templates: Templates, fallback: string): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const id = templateIdOf(messages[i]!);
    const language = id ? templates.get(id).template?.language : undefined;
    if (language) return language;
  }
  return fallback;
}
