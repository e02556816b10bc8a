// Types of scripts/cdn-chunks.mjs, for vite.config.ts.
export interface ElementChunk {
  tag: string;
  /** `<tag>.js`, under elements/ */
  entry: string;
  /** what the entry imports at once (preloaded beside it by the loader), paths under elements/ */
  static: string[];
  /** what it may import later (the run card, the push transport) */
  lazy: string[];
  /** bytes by path under elements/, when write is false */
  contents: Record<string, Uint8Array>;
}
export function buildLoader(options: {
  outdir: string;
  elements?: { tag: string; define: string }[];
  write?: boolean;
  sourcemap?: string | boolean;
}): Promise<{
  loaderBytes: number;
  chunkCount: number;
  loaderContents?: Uint8Array;
  chunks: Record<string, ElementChunk>;
}>;
