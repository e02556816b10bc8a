// Recrubo's Inbox settings object (research §6.3), accepted as it is: each key is mapped to the attribute it
// stands for. Keys Recrubo documents for features the public API does not expose (assignee, labels, notes, the
// top bar) are accepted and do nothing; anything else is ignored with one console warning per key.

export interface InboxFlags {
  conversationId?: string;
  candidateDetails?: boolean;
  candidateDetailsEdit?: boolean;
  openExternal?: boolean;
  pauseControl?: boolean;
  hideList?: boolean;
  hideSearch?: boolean;
  hideFilter?: boolean;
  hideComposer?: boolean;
  hideTemplates?: boolean;
  /** Tabs hidden by `showTabOpen` / `showTabClosed` / `showTabUnread: false`. */
  hiddenTabs?: string[];
  /** `theme.primaryColor` (or `theme.primary`): the primary colour. */
  primaryColor?: string;
}

/** Setting → [flag, inverted]. */
export const SETTING_MAP: Readonly<Record<string, readonly [keyof InboxFlags, boolean]>> = {
  conversationId: ['conversationId', false],
  showCandidateDetails: ['candidateDetails', false],
  showCandidateDetailsEdit: ['candidateDetailsEdit', false],
  showCandidateOpenExternal: ['openExternal', false],
  showPauseChatbot: ['pauseControl', false],
  showTabPanel: ['hideList', true],
  showConversationSearch: ['hideSearch', true],
  showConversationFilter: ['hideFilter', true],
  showSendMessage: ['hideComposer', true],
  showAddTemplateButton: ['hideTemplates', true],
};

/** Documented by Recrubo for features without a public API: accepted, no effect, no warning. */
export const ACCEPTED_WITHOUT_EFFECT = [
  'showCandidateAssigneeEdit',
  'showCandidateLabelsAdd',
  'showCandidateNotesAdd',
  'showTopBar',
] as const;

const TABS: Record<string, string> = { showTabOpen: 'open', showTabClosed: 'closed', showTabUnread: 'unread' };

/** The flags a settings object sets; each unknown key is reported once (per `warned` set, one per element). */
export function mapSettings(
  settings: Record<string, unknown> | null | undefined,
  warned: Set<string>,
  warn: (message: string) => void = (m) => console.warn(m),
): InboxFlags {
  const flags: InboxFlags = {};
  if (!settings || typeof settings !== 'object') return flags;
  for (const [key, value] of Object.entries(settings)) {
    const mapped = SETTING_MAP[key];
    if (mapped) {
      const [flag, inverted] = mapped;
      // `conversationId: null` closes the open conversation (an own key, so Object.assign sets it).
      if (flag === 'conversationId') flags.conversationId = typeof value === 'string' && value ? value : undefined;
      else if (typeof value === 'boolean') (flags as Record<string, unknown>)[flag] = inverted ? !value : value;
      continue;
    }
    if (key in TABS || key.startsWith('showTab')) {
      if (value === false && TABS[key]) (flags.hiddenTabs ??= []).push(TABS[key]);
      continue;
    }
    if (key === 'theme') {
      const theme = (value ?? {}) as Record<string, unknown>;
      const primary = theme.primaryColor ?? theme.primary;
      if (typeof primary === 'string' && /^[#a-z0-9(),.%\s-]{1,64}$/i.test(primary)) flags.primaryColor = primary;
      continue;
    }
    if ((ACCEPTED_WITHOUT_EFFECT as readonly string[]).includes(key) || key.startsWith('showChatDisabled')) continue;
    if (warned.has(key)) continue;
    warned.add(key);
    warn(`<recrubo-inbox>: the setting "${key}" is not one of Recrubo's Inbox settings; it is ignored.`);
  }
  return flags;
}
