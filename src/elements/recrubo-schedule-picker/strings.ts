// The schedule picker's own UI strings (merged over the shared ones by `t()`).
import { defineStrings, type KeyOf } from '../../shared/i18n.js';

export const scheduleStrings = defineStrings(
  {
    label: 'Schedules',
    search: 'Search schedules',
    'search.placeholder': 'Search…',
    chips: 'Selected schedules',
    remove: 'Remove {name}',
    unknown: 'Unknown schedule {id}',
    pending: 'Schedule {id}',
    'unknown.hint': 'This schedule no longer exists. Remove it or keep it on purpose.',
    loading: 'Loading schedules…',
    empty: 'No schedules available.',
    noMatch: 'No schedules match “{query}”.',
    count: '{count} schedules',
    'count.one': '1 schedule',
    matches: '{count} of {total} schedules match',
    selected: '{count} selected',
    'selected.none': 'None selected',
    'error.title': 'Could not load the schedules.',
    'valueMissing.multiple': 'Choose at least one schedule.',
    'valueMissing.single': 'Choose a schedule.',
  },
  {
    label: 'Agenda’s',
    search: 'Agenda’s zoeken',
    'search.placeholder': 'Zoeken…',
    chips: 'Gekozen agenda’s',
    remove: '{name} verwijderen',
    unknown: 'Onbekende agenda {id}',
    pending: 'Agenda {id}',
    'unknown.hint': 'Deze agenda bestaat niet meer. Verwijder hem of houd hem bewust.',
    loading: 'Agenda’s laden…',
    empty: 'Geen agenda’s beschikbaar.',
    noMatch: 'Geen agenda’s gevonden voor “{query}”.',
    count: '{count} agenda’s',
    'count.one': '1 agenda',
    matches: '{count} van {total} agenda’s gevonden',
    selected: '{count} gekozen',
    'selected.none': 'Niets gekozen',
    'error.title': 'De agenda’s konden niet worden geladen.',
    'valueMissing.multiple': 'Kies minstens één agenda.',
    'valueMissing.single': 'Kies een agenda.',
  },
);

export type SchedulePickerKey = KeyOf<typeof scheduleStrings>;
