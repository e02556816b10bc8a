// Entry of dist/cdn/loader.js, the autoloader for script-tag pages (spec §14): it defines each `recrubo-*` tag the
// page uses, now or later, by importing that element's chunk from beside the loader's own URL. It is built on its
// own (scripts/build.mjs), not as part of the chunk graph, so that it never waits on a shared chunk: configure()
// and .version work before any chunk has arrived (config state lives on a globalThis symbol that the chunks and the
// one-file bundle share, so a configure() made here is what every element later reads).
//
// One MutationObserver on the document, not into shadow roots: an element that renders another recrubo-* tag in its
// own shadow root imports that element's definition itself (its `static dependencies`), so the loader needs only
// the tags a page author writes in the light DOM.
import { configure } from '../shared/config.js';
import { VERSION } from '../shared/version.js';

/** Filled in by scripts/cdn-chunks.mjs from the element discovery: the tags (without the prefix) that have a chunk,
 *  dist/cdn/elements/recrubo-<name>.js, self-contained, so one import is one round trip. */
declare const __RECRUBO_TAGS__: string[];
/** Also from scripts/cdn-chunks.mjs: per tag (without the prefix), the files its chunk imports at once (the code it
 *  shares with its lazy parts), fetched beside it with modulepreload hints so that they come in the same round trip. */
declare const __RECRUBO_PRELOAD__: Record<string, string[]>;

const PREFIX = 'recrubo-';
const known = new Set(__RECRUBO_TAGS__);
const seen = new Set<string>();

interface LoaderGlobal {
  configure: typeof configure;
  version: string;
  tags: readonly string[];
}
const w = window as unknown as { RecruboElements?: LoaderGlobal };
// The first copy on the page keeps the global (the one-file bundle does the same).
w.RecruboElements ??= Object.freeze({ configure, version: VERSION, tags: __RECRUBO_TAGS__.map((t) => PREFIX + t) });

const url = (file: string) => new URL(`elements/${file}`, import.meta.url).href;

function load(tag: string): void {
  if (seen.has(tag)) return;
  seen.add(tag);
  if (!known.has(tag.slice(PREFIX.length))) {
    console.warn(`recrubo-elements ${VERSION}: <${tag}> is not an element this loader knows; it is left alone.`);
    return;
  }
  if (customElements.get(tag)) return; // defined already (the one-file bundle, or the npm build)
  for (const file of __RECRUBO_PRELOAD__[tag.slice(PREFIX.length)] ?? []) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = url(file);
    document.head.append(link);
  }
  import(/* @vite-ignore */ url(`${tag}.js`)).catch((error: unknown) =>
    console.error(`recrubo-elements ${VERSION}: loading <${tag}> failed`, error),
  );
}

function scan(node: Node): void {
  if (!(node instanceof Element)) return;
  if (node.localName.startsWith(PREFIX)) load(node.localName);
  for (const el of node.querySelectorAll('*')) if (el.localName.startsWith(PREFIX)) load(el.localName);
}

// A second loader from the same URL is the same module (it runs once); from another URL, the first one observes.
const marker = Symbol.for('recrubo-elements/loader');
const g = globalThis as { [marker]?: true };
if (!g[marker]) {
  g[marker] = true;
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) scan(n);
  }).observe(document, { childList: true, subtree: true });
  scan(document.documentElement);
}
