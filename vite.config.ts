// The demo's dev server: serves the repository root (so a page can load `/src/index.ts`), opens on `/demo/`,
// and mounts the sandbox API same-origin at `/public/v2` (and its test tenants at `/__sandbox/…`).
import { build } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
// @ts-expect-error: a plain .mjs script without types
import { cdnBuildOptions } from './scripts/cdn-options.mjs';
import { buildLoader } from './scripts/cdn-chunks.mjs';
import { connectMiddleware } from './scripts/sandbox-mounts.ts';
import { createSandbox } from './sandbox/app.ts';
import { demoApply, runHandler } from './scripts/apply-mounts.ts';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { connectHandler } from './scripts/push-mounts.ts';
import { createMemoryBroker, createRecruboEventStream, createRecruboWebhookReceiver } from './src/proxy/index.ts';

// The demo runs on push, as production would: the sandbox's webhooks → the receiver → a broker → the event stream
// that the pages read at /__push/events. The sandbox delivers to the receiver in-process (no port to know up front);
// it is the same handler an integrator mounts behind a public URL.
const DEMO_WEBHOOK_SECRET = 'demo-webhook-secret';
const pushBroker = createMemoryBroker();
const pushReceiver = createRecruboWebhookReceiver({ secret: DEMO_WEBHOOK_SECRET, broker: pushBroker });
const pushStream = createRecruboEventStream({
  broker: pushBroker,
  allowedOrigins: (origin) => /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin),
  basePath: '/__push/events',
  // The demo pages sign in to nothing (a real integration passes authorize and authorizeIds; see the README).
  demo: true,
  maxStreamsPerClient: 100,
});
const deliverInProcess: typeof fetch = (input, init) => pushReceiver(new Request(input, init));

function sandboxPlugin(): Plugin {
  return {
    name: 'recrubo-sandbox',
    configureServer(server) {
      const sandbox = createSandbox({
        speed: Number(process.env.RECRUBO_SANDBOX_SPEED ?? 1),
        // The demo pages reset the default tenant (/public/v2) from the page: a developer's own server.
        defaultTenantControl: true,
        webhook: { url: 'http://localhost/__push/webhooks', secret: DEMO_WEBHOOK_SECRET },
        webhookFetch: deliverInProcess,
      });
      server.middlewares.use((req, res, next) => {
        if (req.url === '/' || req.url === '/index.html') {
          res.statusCode = 302;
          res.setHeader('Location', '/demo/');
          res.end();
          return;
        }
        next();
      });
      // The career site's apply endpoint, same origin, in front of the sandbox: the page holds no key.
      const port = Number(server.config.server.port ?? 5173);
      const apply = demoApply(sandbox, { publicOrigin: [`http://localhost:${port}`, `http://127.0.0.1:${port}`] });
      server.middlewares.use((req, res, next) => {
        if (req.url === '/apply' || req.url?.startsWith('/apply/') || req.url?.startsWith('/apply?'))
          void runHandler(apply, req, res).catch(next);
        else next();
      });
      server.middlewares.use(connectMiddleware(sandbox));
      server.middlewares.use(connectHandler('/__push/events', pushStream));
      // demo/career-site-elsewhere.html on the next port: another origin, refused by the endpoint above.
      const elsewhere = createServer(async (req, res) => {
        if (req.url?.startsWith('/cdn/')) {
          // The same loader and chunks, served from this origin (a module script from another origin needs CORS).
          const bundle = await fetch(`http://localhost:${port}${req.url}`);
          if (!bundle.ok) {
            res.statusCode = bundle.status;
            res.end();
            return;
          }
          res.setHeader('Content-Type', 'text/javascript');
          res.end(Buffer.from(await bundle.arrayBuffer()));
          return;
        }
        const page = await readFile(new URL('./demo/career-site-elsewhere.html', import.meta.url), 'utf8');
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(page.replaceAll('__APPLY_ORIGIN__', `http://localhost:${port}`));
      });
      elsewhere.on('error', () => {}); // the port is taken: the second demo page is just not there
      elsewhere.listen(port + 1, process.env.HOST ?? 'localhost');
      server.httpServer?.once('close', () => {
        sandbox.close();
        elsewhere.close();
      });
    },
  };
}

/** `/cdn/recrubo-elements.js`: the one-file CDN bundle, built from src on each request (the career-site page). */
function cdnPlugin(): Plugin {
  return {
    name: 'recrubo-cdn-bundle',
    configureServer(server) {
      // The career site's one script tag: <recrubo-apply> alone (dist/cdn/recrubo-apply.js in the package).
      server.middlewares.use('/cdn/recrubo-apply.js', async (_req, res) => {
        const out = await build(
          cdnBuildOptions({
            entryPoints: ['src/elements/recrubo-apply/define.ts'],
            write: false,
            outfile: 'recrubo-apply.js',
          }),
        );
        res.setHeader('Content-Type', 'text/javascript');
        res.setHeader('Cache-Control', 'no-store');
        res.end(out.outputFiles[0].contents);
      });
      server.middlewares.use('/cdn/recrubo-elements.js', async (_req, res) => {
        const out = await build(cdnBuildOptions({ write: false, outfile: 'recrubo-elements.js' }));
        res.setHeader('Content-Type', 'text/javascript');
        res.setHeader('Cache-Control', 'no-store');
        res.end(out.outputFiles[0].contents);
      });
      // `/cdn/loader.js` and `/cdn/elements/…`: the autoloader and its chunks, built from src when a source changed.
      let built: ReturnType<typeof buildLoader> | undefined;
      server.watcher.on('change', () => (built = undefined));
      server.middlewares.use(async (req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        const file = /^\/cdn\/elements\/([a-z0-9/_-]+\.js)$/i.exec(path)?.[1];
        if (path !== '/cdn/loader.js' && !file) return next();
        built ??= buildLoader({ outdir: 'cdn', write: false });
        const out = await built;
        const body = file
          ? Object.values(out.chunks).find((c) => c.contents[file])?.contents[file]
          : out.loaderContents;
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
