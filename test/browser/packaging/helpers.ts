// Shared by the packaging tests: the built files (dist/ must exist: `npm run build`; npm test builds first),
// the tags the package registers (read from custom-elements.json, not from the bundle under test), and a console
// spy that records warnings and errors.
import { waitUntil } from '@open-wc/testing';

export const CDN_URL = '/dist/cdn/recrubo-elements.js';
export const NPM_URL = '/dist/index.js';

/** Fails with a clear message when the build output is not there. */
export async function requireBuilt(...urls: string[]): Promise<void> {
  for (const url of urls) {
    const res = await fetch(url, { method: 'HEAD', cache: 'no-store' });
    if (!res.ok)
      throw new Error(`${url} is missing (HTTP ${res.status}): run \`npm run build\` first (npm test does).`);
  }
}

/** Every tag the package defines, from the committed manifest. */
export async function manifestTags(): Promise<string[]> {
  const manifest = await (await fetch('/custom-elements.json', { cache: 'no-store' })).json();
  return manifest.modules.flatMap((m: { exports?: { kind: string; name: string }[] }) =>
    (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name),
  );
}

/** Dynamic import of a URL the type checker need not know. */
export const importUrl = (url: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ url);

/** Records console.warn / console.error calls until `stop()`. */
export function spyConsole() {
  const calls: { level: 'warn' | 'error'; text: string }[] = [];
  const original = { warn: console.warn, error: console.error };
  console.warn = (...args: unknown[]) => {
    calls.push({ level: 'warn', text: args.map(String).join(' ') });
    original.warn.apply(console, args);
  };
  console.error = (...args: unknown[]) => {
    calls.push({ level: 'error', text: args.map(String).join(' ') });
    original.error.apply(console, args);
  };
  return {
    calls,
    /** Ours, and anything that is not Lit's own dev-mode notice (the npm build runs on Lit's development build here). */
    relevant: () => calls.filter((c) => !/Lit is in dev mode|Multiple versions of Lit loaded/.test(c.text)),
    stop() {
      console.warn = original.warn;
      console.error = original.error;
    },
  };
}

export const text = (node: ParentNode | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The status label a <recrubo-flow-run-status> shows ('' while loading). */
export const runLabel = (el: Element) => text(el.shadowRoot?.querySelector('[part~="label"]'));

export const untilRunLabel = (el: Element, label: string, timeout = 15000) =>
  waitUntil(() => runLabel(el) === label, `label "${label}" (now "${runLabel(el)}")`, { timeout });
