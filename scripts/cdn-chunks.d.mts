// Types of scripts/cdn-chunks.mjs, for vite.config.ts.
export function buildLoader(options: {
  outdir: string;
  elements?: { tag: string; define: string }[];
  write?: boolean;
  sourcemap?: string | boolean;
}): Promise<{
  loaderBytes: number;
  chunkCount: number;
  loaderContents?: Uint8Array;
  /** by tag, when write is false */
  chunkContents?: Record<string, Uint8Array | undefined>;
}>;
