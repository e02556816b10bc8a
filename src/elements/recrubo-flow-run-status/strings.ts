// The run-status element's own UI strings (merged over the shared ones, which hold the `status.*` labels).
import { defineStrings, type KeyOf } from '../../shared/i18n.js';

export const runStatusStrings = defineStrings(
  {
    loading: 'Loading run status…',
    notFound: 'Run not found',
    loadFailed: 'Could not load',
    'retry.label': 'Try loading the run again',
    'announce.status': 'Run status: {status}',
    'card.untitled': 'Chatbot run',
    'outcome.accepted': 'accepted',
    'outcome.declined': 'declined',
    'badge.name': '{label}: {status}',
    'stale.since': 'not refreshed since {time}',
    'stale.never': 'not refreshed',
    botPaused: 'Bot paused',
  },
  {
    loading: 'Status van de run laden…',
    notFound: 'Run niet gevonden',
    loadFailed: 'Laden mislukt',
    'retry.label': 'De run opnieuw laden',
    'announce.status': 'Status van de run: {status}',
    'card.untitled': 'Chatbotrun',
    'outcome.accepted': 'geschikt',
    'outcome.declined': 'afgewezen',
    'badge.name': '{label}: {status}',
    'stale.since': 'niet ververst sinds {time}',
    'stale.never': 'niet ververst',
    botPaused: 'Bot gepauzeerd',
  },
);

export type RunStatusKey = KeyOf<typeof runStatusStrings>;
