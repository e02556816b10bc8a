// Where the picker's options come from, in one shape: the `schedules` property, light-DOM <option> children, or
// the API's Schedule resources all become ScheduleOption.
import { formatUnit } from '../../shared/format.js';

/** One choice of the picker. `appointmentDuration` is in minutes; `timeZone` an IANA name. */
export interface ScheduleOption {
  id: string;
  name: string;
  appointmentDuration?: number;
  timeZone?: string;
}

export type OptionSource = 'property' | 'children' | 'api';

/** Accepts what integrators are likely to hand over (numbers as ids, a missing name) without throwing. */
export function normalizeOptions(list: readonly Partial<ScheduleOption>[] | readonly unknown[]): ScheduleOption[] {
  const seen = new Set<string>();
  const out: ScheduleOption[] = [];
  for (const raw of list) {
    if (!raw || typeof raw !== 'object') continue;
    const item = raw as Record<string, unknown>;
    if (item.id === undefined || item.id === null || item.id === '') continue;
    const id = String(item.id).trim();
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const duration = Number(item.appointmentDuration);
    out.push({
      id,
      name: typeof item.name === 'string' && item.name.trim() ? item.name.trim() : id,
      appointmentDuration:
        item.appointmentDuration !== undefined && item.appointmentDuration !== null && Number.isFinite(duration)
          ? duration
          : undefined,
      timeZone: typeof item.timeZone === 'string' && item.timeZone ? item.timeZone : undefined,
    });
  }
  return out;
}

/** `<option value="1" data-duration="30" data-time-zone="Europe/Amsterdam">Intake</option>` children. */
export function optionsFromChildren(host: Element): ScheduleOption[] {
  const list = [...host.children]
    .filter((child): child is HTMLOptionElement => child.localName === 'option')
    .map((option) => ({
      // Like a native <option>: no value attribute means the text is the value.
      id: option.getAttribute('value') ?? option.textContent?.trim(),
      name: option.textContent?.replace(/\s+/g, ' ').trim(),
      appointmentDuration: option.dataset.duration === undefined ? undefined : Number(option.dataset.duration),
      timeZone: option.dataset.timeZone,
    }));
  return normalizeOptions(list);
}

/** "1, 2,,3" → ["1","2","3"]: trimmed, no empties, no duplicates, order kept. */
export function parseIds(value: string | null | undefined): string[] {
  if (!value) return [];
  const ids: string[] = [];
  for (const part of value.split(',')) {
    const id = part.trim();
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** "30 min" / "30 min." / "1 hr" through Intl in the UI language. */
export function formatDuration(minutes: number, lang: string): string {
  return formatUnit(lang, minutes, 'minute');
}

/** "Europe/Amsterdam" stays as it is (recruiters know the IANA names); underscores become spaces. */
export function formatTimeZone(zone: string): string {
  return zone.replace(/_/g, ' ');
}

/** Case- and accent-insensitive match on the name and the id. */
export function matches(option: ScheduleOption, query: string): boolean {
  const q = fold(query.trim());
  if (!q) return true;
  return fold(option.name).includes(q) || fold(option.id) === q;
}

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
