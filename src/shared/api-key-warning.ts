// The warning about an api-key on a public page (used by RecruboElement), apart so that tests can reach it.

/** The part of `location` the check needs (a `URL` will do). */
export interface PageLocation {
  hostname: string;
  protocol: string;
}

let warned = false;

/** Whether a page at this location is the developer's own machine (where a sandbox api-key is fine). */
export function isLocalPage(page: PageLocation): boolean {
  const host = page.hostname;
  return (
    host === 'localhost' ||
    host === '127.0.0.1' ||
    host === '[::1]' ||
    host === '::1' ||
    host.endsWith('.localhost') ||
    page.protocol === 'file:'
  );
}

/** An api-key in a page that is not local means the key is public; say so once per page, without printing it. */
export function warnAboutApiKey(
  page: PageLocation | undefined = typeof location === 'undefined' ? undefined : location,
): void {
  if (warned || !page || isLocalPage(page)) return;
  warned = true;
  console.warn(
    'recrubo-elements: an api-key is set on a page that is not localhost. Anyone who opens this page can read it. ' +
      'Use it only with the sandbox; in production mint short-lived tokens on your server and set `tokenProvider`.',
  );
}
