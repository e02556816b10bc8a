// Safe registration: the same version registered twice (the page loads the bundle twice) is a no-op; another
// version already holding the tag gets one console warning and keeps the tag.
const warned = new Set<string>();

type WithDependencies = { dependencies?: Record<string, CustomElementConstructor> };

export function define(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return; // imported on a server
  // The children first, so that they are upgraded by the time this element first renders them.
  defineDependencies(ctor as WithDependencies);
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, ctor);
    return;
  }
  if (existing === ctor) return;
  const had = (existing as { version?: string }).version;
  const wanted = (ctor as { version?: string }).version;
  if (had !== undefined && had === wanted) return;
  if (warned.has(tag)) return;
  warned.add(tag);
  console.warn(
    `recrubo-elements: <${tag}> is already defined by ${had ? `version ${had}` : 'another script'}; version ${wanted ?? '(unknown)'} was not registered.`,
  );
}

/**
 * Registers the elements a class renders (its `static dependencies`, and theirs), each under its own tag unless
 * that tag is taken already (then the page's registration stays, whichever version it is).
 */
export function defineDependencies(ctor: WithDependencies): void {
  if (typeof customElements === 'undefined') return;
  for (const [tag, dependency] of Object.entries(ctor.dependencies ?? {})) {
    if (!customElements.get(tag)) define(tag, dependency);
  }
}
