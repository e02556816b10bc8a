// The demo's dev server: serves the repository root (so a page can load `/src/index.ts`), opens on `/demo/`,
// and mounts the sandbox API same-origin at `/public/v2` (and its test tenants at `/__sandbox/…`).
import { build } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
// @ts-expect-error: a plain .mjs script without types
import { cdnBuildOptions } from './scripts/cdn-options.mjs';
import { buildLoader } from './scripts/cdn-chunks.mjs';
import { connectMiddleware } from './scripts/sandbox-mounts.ts';
import { createSandbox } from './sandbox/app.ts';

function sandboxPlugin(): Plugin {
  return {
    name: 'recrubo-sandbox',
    configureServer(server) {
      const sandbox = createSandbox({ speed: Number(process.env.RECRUBO_SANDBOX_SPEED ?? 1) });
      server.middlewares.use((req, res, next) => {
        if (req.url === '/' || req.url === '/index.html') {
          res.statusCode = 302;
          res.setHeader('Location', '/demo/');
          res.end();
          return;
        }
        next();
      });
      server.middlewares.use(connectMiddleware(sandbox));
      server.httpServer?.once('close', () => sandbox.close());
    },
  };
}

/** `/cdn/recrubo-elements.js`: the one-file CDN bundle, built from src on each request (the career-site page). */
function cdnPlugin(): Plugin {
  return {
    name: 'recrubo-cdn-bundle',
    configureServer(server) {
      server.middlewares.use('/cdn/recrubo-elements.js', async (_req, res) => {
        const out = await build(cdnBuildOptions({ write: false, outfile: 'recrubo-elements.js' }));
        res.setHeader('Content-Type', 'text/javascript');
        res.setHeader('Cache-Control', 'no-store');
        res.end(out.outputFiles[0].contents);
      });
      // `/cdn/loader.js` and `/cdn/elements/<tag>.js`: the autoloader and its chunks, built from src on each request.
      server.middlewares.use(async (req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        const chunk = /^\/cdn\/elements\/(recrubo-[a-z-]+)\.js$/.exec(path)?.[1];
        if (path !== '/cdn/loader.js' && !chunk) return next();
        const out = await buildLoader({ outdir: 'cdn', write: false });
        const body = chunk ? out.chunkContents?.[chunk] : out.loaderContents;
        if (!body) return next();
        res.setHeader('Content-Type', 'text/javascript');
        res.setHeader('Cache-Control', 'no-store');
        res.end(body);
      });
    },
  };
}

export default defineConfig({
  plugins: [sandboxPlugin(), cdnPlugin()],
  server: { port: Number(process.env.PORT ?? 5173), host: process.env.HOST ?? 'localhost' },
});
