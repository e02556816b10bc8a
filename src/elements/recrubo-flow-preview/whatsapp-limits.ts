// What WhatsApp refuses or cuts, so the preview can flag a step before a candidate meets it. Pure: no DOM.
//
// Source: Meta's WhatsApp Cloud API reference, "Interactive reply buttons messages" and "Interactive list messages"
// (developers.facebook.com/documentation/business-messaging/whatsapp/messages/, checked December 2026), and the
// text message reference for plain texts:
// - reply buttons: at most 3, each title at most 20 characters; the body at most 1,024 characters;
// - list messages: at most 10 rows across all sections, each row title at most 24 characters, the list's button
//   at most 20 characters; the body at most 1,024 characters;
// - a plain text message: at most 4,096 characters.
// Recrubo does not document how it renders a `list` action, so we assume what a WhatsApp bot must do: up to 3
// options as reply buttons, 4 to 10 as a list, more cannot be sent as either.

export const WHATSAPP_LIMITS = {
  replyButtons: 3,
  replyButtonTitle: 20,
  listRows: 10,
  listRowTitle: 24,
  interactiveBody: 1024,
  textBody: 4096,
} as const;

export const WHATSAPP_LIMITS_SOURCE =
  'https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages';

export type LimitCode = 'tooManyRows' | 'buttonTitle' | 'rowTitle' | 'interactiveBody' | 'textBody';

export interface LimitIssue {
  code: LimitCode;
  /** The limit that is broken. */
  limit: number;
  /** What the step has (a count or a length in characters). */
  actual: number;
  /** The option whose title is too long, for the title codes. */
  option?: string;
}

/** How WhatsApp will show the options of a `list` action. */
export type ReplyShape = 'buttons' | 'list' | 'none';

export function replyShape(optionCount: number): ReplyShape {
  if (optionCount === 0) return 'none';
  return optionCount <= WHATSAPP_LIMITS.replyButtons ? 'buttons' : 'list';
}

/** Characters as WhatsApp counts them (code points: an emoji is one, not two UTF-16 units). */
export const charCount = (text: string): number => [...text].length;

/** Every limit one bot message breaks: `text` is its body, `options` its quick replies (none for a plain text). */
export function checkMessage(text: string, options: readonly string[]): LimitIssue[] {
  const issues: LimitIssue[] = [];
  const shape = replyShape(options.length);
  const length = charCount(text);
  if (shape === 'none') {
    if (length > WHATSAPP_LIMITS.textBody)
      issues.push({ code: 'textBody', limit: WHATSAPP_LIMITS.textBody, actual: length });
    return issues;
  }
  if (length > WHATSAPP_LIMITS.interactiveBody) {
    issues.push({ code: 'interactiveBody', limit: WHATSAPP_LIMITS.interactiveBody, actual: length });
  }
  if (options.length > WHATSAPP_LIMITS.listRows) {
    issues.push({ code: 'tooManyRows', limit: WHATSAPP_LIMITS.listRows, actual: options.length });
  }
  const titleLimit = shape === 'buttons' ? WHATSAPP_LIMITS.replyButtonTitle : WHATSAPP_LIMITS.listRowTitle;
  for (const option of options) {
    const n = charCount(option);
    if (n > titleLimit)
      issues.push({ code: shape === 'buttons' ? 'buttonTitle' : 'rowTitle', limit: titleLimit, actual: n, option });
  }
  return issues;
}
