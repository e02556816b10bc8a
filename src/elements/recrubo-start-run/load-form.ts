// What the form needs before it can be shown: the flow (is its appointment step custom?) and the approved templates.
import type { Api } from '../../api/index.js';
import { isApprovedTemplate } from '../../api/message-templates.js';
import type { MessageTemplate } from '../../api/types.js';
import { loadFlowSummary, type ScheduleMode } from './flow-steps.js';

export interface FormData {
  /** The approved templates on offer (or the one of `template-id`, when approved). */
  templates: MessageTemplate[];
  scheduleMode: ScheduleMode;
  /** `template-id` names a template that is not approved. */
  refused?: MessageTemplate;
}

export type LoadState =
  { status: 'loading' } | ({ status: 'loaded' } & FormData) | { status: 'error'; message: string };

/** The flow (is its appointment step custom?) and the templates (all approved ones, or `template-id`'s), in parallel. */
export async function loadFormData(
  api: Api,
  flowId: string,
  templateId: string | undefined,
  signal: AbortSignal,
): Promise<FormData> {
  const [summary, templates] = await Promise.all([
    loadFlowSummary(api, flowId, signal),
    templateId
      ? api.messageTemplates.get(templateId, { signal }).then((t) => [t])
      : api.messageTemplates.listAll({ signal }),
  ]);
  const approved = templates.filter(isApprovedTemplate);
  return {
    templates: approved,
    scheduleMode: summary.scheduleMode,
    refused: templateId && !approved.length ? templates[0] : undefined,
  };
}
