// The templates that template messages were sent from, loaded once per element and id (the text of a template
// cannot change: Recrubo's templates cannot be updated after creation).
import type { Message, MessageTemplate } from '../../api/index.js';
import { renderTemplate, templateIdOf } from './format.js';

export interface TemplateEntry {
  state: 'loading' | 'ready' | 'failed';
  template?: MessageTemplate;
  /** The message's text: the template's body with the message's parameters filled in. */
  text?: (message: Message) => string;
}

export type TemplateLookup = Map<string, TemplateEntry>;

export function templateFor(
  map: TemplateLookup,
  id: string,
  load: () => Promise<MessageTemplate>,
  settled: () => void,
): TemplateEntry {
  let entry = map.get(id);
  if (entry) return entry;
  const created: TemplateEntry = { state: 'loading' };
  map.set(id, created);
  entry = created;
  load().then(
    (template) => {
      created.state = 'ready';
      created.template = template;
      created.text = (message) => renderTemplate(template, message);
      settled();
    },
    () => {
      created.state = 'failed';
      // Forgotten after a while so that a later render may try again (the element left and came back).
      setTimeout(() => map.delete(id), 30_000);
      settled();
    },
  );
  return entry;
}

/** The language of the last template sent on the thread (its templates are offered first), else `fallback`. */
export function threadLanguage(messages: readonly Message[], map: TemplateLookup, fallback: string): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const id = templateIdOf(messages[i]!);
    const language = id ? map.get(id)?.template?.language : undefined;
    if (language) return language;
  }
  return fallback;
}
