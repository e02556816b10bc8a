// Safe registration: the same version registered twice (the page loads the bundle twice) is a no-op; another
// version already holding the tag gets one console warning and keeps the tag.
const warned = new Set<string>();

export function define(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return; // imported on a server
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
