// Configuration: the shape integrators give, the shape the api layer uses, and the page-wide defaults
// set with `configure()`. Resolution order lives in `resolveConfig()` (see spec §2).

export const DEFAULT_BASE_URL = 'https://api.recrubo.app/public/v2';

export type Lang = 'en' | 'nl';

export interface RecruboConfig {
  baseUrl?: string;
  apiKey?: string;
  tokenProvider?: () => Promise<string>;
  fetch?: typeof fetch;
  lang?: string;
  /** The page's event stream (createRecruboEventStream): live updates by push, polling as the safety net. */
  eventsUrl?: string;
}

export interface ResolvedConfig {
  baseUrl: string;
  apiKey?: string;
  tokenProvider?: () => Promise<string>;
  fetch?: typeof fetch;
  lang: Lang;
  eventsUrl?: string;
}

const FIELDS = ['baseUrl', 'apiKey', 'tokenProvider', 'fetch', 'lang', 'eventsUrl'] as const;

// Kept on globalThis under a registry symbol so that two copies of the package on one page (the CDN bundle beside
// an npm build, or the bundle loaded twice) share one page-wide configuration: the copy whose `configure()` is
// called may not be the copy whose elements are registered.
interface GlobalConfigState {
  config: RecruboConfig;
  listeners: Set<() => void>;
}
const globalState: GlobalConfigState = ((globalThis as { [key: symbol]: GlobalConfigState })[
  Symbol.for('recrubo-elements/global-config')
] ??= {
  config: {},
  listeners: new Set(),
});
const globalListeners = globalState.listeners;

/** Page-wide defaults (precedence 3 of 4). Fields left out keep their earlier value; `undefined` clears one. */
export function configure(config: RecruboConfig): void {
  const next: RecruboConfig = { ...globalState.config };
  for (const field of FIELDS) {
    if (field in config) (next as Record<string, unknown>)[field] = config[field];
  }
  globalState.config = next;
  for (const listener of globalListeners) listener();
}

export function getGlobalConfig(): Readonly<RecruboConfig> {
  return globalState.config;
}

/** Called whenever `configure()` changes something; returns the unsubscribe. */
export function onGlobalConfigChange(listener: () => void): () => void {
  globalListeners.add(listener);
  return () => globalListeners.delete(listener);
}

/** Only 'en' and 'nl' exist; 'nl-NL', 'NL', 'nl_BE' all mean Dutch. Anything else is undefined (keep looking). */
export function normalizeLang(value: string | null | undefined): Lang | undefined {
  if (!value) return undefined;
  const primary = value.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'nl' || primary === 'en' ? primary : undefined;
}

/** Strips empty values so that `base-url=""` does not override a provider. */
function clean(config: RecruboConfig | undefined): RecruboConfig {
  const out: RecruboConfig = {};
  if (!config) return out;
  for (const field of FIELDS) {
    const value = config[field];
    if (value === undefined || value === null || value === '') continue;
    // An unsupported language ('de') must not hide a supported one further down the chain.
    if (field === 'lang' && !normalizeLang(value as string)) continue;
    (out as Record<string, unknown>)[field] = value;
  }
  return out;
}

/** Merges layers field by field; earlier layers win. */
export function mergeConfig(...layers: (RecruboConfig | undefined)[]): RecruboConfig {
  const out: RecruboConfig = {};
  for (const layer of layers.map(clean)) {
    for (const field of FIELDS) {
      if (out[field] === undefined && layer[field] !== undefined)
        (out as Record<string, unknown>)[field] = layer[field];
    }
  }
  return out;
}

/**
 * element own fields → nearest provider (already merged with outer providers) → configure() → defaults.
 * For `lang` the element passes its own or nearest ancestor's value in `own.lang`, and the document's as
 * `fallbackLang` (the document is the page-wide default, so an explicit `configure({lang})` beats it).
 */
export function resolveConfig(own: RecruboConfig, provided?: RecruboConfig, fallbackLang?: string): ResolvedConfig {
  const merged = mergeConfig(own, provided, globalState.config);
  const resolved: ResolvedConfig = {
    baseUrl: (merged.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    lang: normalizeLang(merged.lang) ?? normalizeLang(fallbackLang) ?? 'en',
  };
  if (merged.apiKey) resolved.apiKey = merged.apiKey;
  if (merged.tokenProvider) resolved.tokenProvider = merged.tokenProvider;
  if (merged.fetch) resolved.fetch = merged.fetch;
  if (merged.eventsUrl) resolved.eventsUrl = merged.eventsUrl;
  return resolved;
}
