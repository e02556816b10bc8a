// The parts of the invite form that are other elements: the schedule picker of a custom appointment step, and the
// success panel with the new run's live badge. Both inherit the host's configuration (never its attributes: the key
// is not reflected).
import { html, type TemplateResult } from 'lit';
import type { FlowRun } from '../../api/types.js';
import type { FieldsContext } from './fields.js';

/** What the nested elements inherit from the host. */
export interface PanelHost {
  lang: string;
  baseUrl: string | undefined;
  apiKey: string | undefined;
  tokenProvider: (() => Promise<string>) | undefined;
  fetch: typeof fetch | undefined;
}

export function schedulesField(
  c: FieldsContext,
  host: PanelHost,
  values: string[],
  onSchedules: (e: Event) => void,
): TemplateResult {
  const hint = `${c.uid}-schedules-hint`;
  return html`<div part="field" class="field">
    <p class="hint" id=${hint}>${c.t('schedules.hint')}</p>
    <recrubo-schedule-picker
      data-field="schedules"
      multiple
      required
      lang=${host.lang}
      label=${c.t('schedules')}
      aria-describedby=${c.describedBy('schedules', hint)}
      .baseUrl=${host.baseUrl}
      .apiKey=${host.apiKey}
      .tokenProvider=${host.tokenProvider}
      .fetch=${host.fetch}
      .values=${values}
      @change=${onSchedules}
      @input=${onSchedules}
    ></recrubo-schedule-picker>
    ${c.fieldError('schedules')}
  </div>`;
}

export function donePanel(
  c: FieldsContext,
  host: PanelHost,
  created: { run: FlowRun; phone?: string },
  reset: () => void,
): TemplateResult {
  return html`<section part="done" class="done" aria-labelledby="${c.uid}-done">
    <h2 id="${c.uid}-done" tabindex="-1">${c.t('done')}</h2>
    <p style="margin:0">${created.phone ? c.t('done.detail', { phone: created.phone }) : c.t('done.detailThread')}</p>
    <recrubo-flow-run-status
      part="status"
      run-id=${created.run.id}
      lang=${host.lang}
      .baseUrl=${host.baseUrl}
      .apiKey=${host.apiKey}
      .tokenProvider=${host.tokenProvider}
      .fetch=${host.fetch}
    ></recrubo-flow-run-status>
    <button part="another" type="button" class="secondary" @click=${reset}>${c.t('another')}</button>
  </section>`;
}
