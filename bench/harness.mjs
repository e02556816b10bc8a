// What every benchmark needs: its page script bundled, a tiny HTTP server that serves it with the sandbox mounted
// same-origin, the sandbox's per-tenant control endpoints (see docs/internals.md), runs to watch, headless Chromium,
// and the few statistics the reports print.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { gzipSync } from 'node:zlib';
import { register } from 'tsx/esm/api';

register();
const { sandboxMiddleware } = await import('../sandbox/node.ts');

export const API_KEY = 'sandbox-key';

/** The page script `bench/<file>` bundled; `production`: minified as a page would ship it. */
export async function bundlePage(file, { production = false } = {}) {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL(`./${file}`, import.meta.url))],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    ...(production
      ? { minify: true, define: { 'process.env.NODE_ENV': '"production"' }, conditions: ['production'] }
      : {}),
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
  });
  return bundle.outputFiles[0].text;
}

/**
 * Serves `/` (a page that loads `/bench.js`), `/bench.js` (the given script) and the sandbox; `files`: more paths
 * (`.html` or `.js`, by their ending) with their contents, e.g. pages that load the CDN files; `before(req, res,
 * next)` sees every other request first (the push bench mounts its webhook receiver and event stream there).
 */
export async function serveBenchPage({ title, script, files = {}, before = (req, res, next) => next() }) {
  const sandbox = sandboxMiddleware({ speed: 1 });
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (Object.hasOwn(files, path)) {
      // gzip, as a CDN would (Chromium asks for brotli only over https)
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      res.writeHead(200, {
        'content-type': path.endsWith('.html') ? 'text/html' : 'text/javascript',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      return res.end(gzip ? gzipSync(files[path]) : files[path]);
    }
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><script type="module" src="/bench.js"></script></body></html>`,
      );
    }
    if (req.url === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(script);
    }
    before(req, res, () =>
      sandbox(req, res, () => {
        res.writeHead(404);
        res.end();
      }),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const api = (tenant, path, init = {}) =>
    fetch(`${origin}/__sandbox/${tenant}/public/v2${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${API_KEY}`,
        'Content-Type': 'application/vnd.api+json',
        Accept: 'application/vnd.api+json',
      },
    });
  return {
    origin,
    close: () => {
      server.close();
      server.closeAllConnections();
      sandbox.sandbox.close();
    },
    control: async (tenant, body) =>
      (
        await fetch(`${origin}/__sandbox/${tenant}/control`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json(),
    requests: async (tenant) => (await (await fetch(`${origin}/__sandbox/${tenant}/requests`)).json()).requests,
    clearRequests: (tenant) => fetch(`${origin}/__sandbox/${tenant}/requests`, { method: 'DELETE' }),
    api,
    /** `count` new runs of the seed's first flow in `tenant` (threads taken in turn); their ids. */
    createRuns: async (tenant, seed, count) => {
      const ids = [];
      for (let i = 0; i < count; i++) {
        const res = await api(tenant, '/flow-runs', {
          method: 'POST',
          body: JSON.stringify({
            data: {
              type: 'flowRuns',
              attributes: {
                flowId: seed.flows[0],
                messageThreadId: seed.messageThreads[i % seed.messageThreads.length],
                state: {},
                initialMessage: {},
              },
            },
          }),
        });
        if (res.status !== 201) throw new Error(`could not create a run: ${res.status} ${await res.text()}`);
        ids.push((await res.json()).data.id);
      }
      return ids;
    },
  };
}

/** Headless Chromium (CHROME_PATH or the system one), without the background work that would disturb a count. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The median (the mean of the middle two for an even count). */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The q-quantile by the nearest rank (NaN for no values). */
export const quantile = (xs, q) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

/**
 * Push as a production set-up has it, on the bench's own server: a memory broker, the webhook receiver at
 * `/__push/webhooks` and the event stream (demo mode) at `/__push/events`. Pass `before` to serveBenchPage; point a
 * tenant's webhooks at the receiver with control `{ webhook: push.webhook(origin) }`; set `eventsUrl` (`events-url`)
 * on the elements; `close()` ends the streams.
 */
export async function benchPush({ secret = 'bench-webhook-secret', maxStreamsPerClient = 100 } = {}) {
  const { connectHandler } = await import('../scripts/push-mounts.ts');
  const { createMemoryBroker, createRecruboEventStream, createRecruboWebhookReceiver } =
    await import('../src/proxy/index.ts');
  const broker = createMemoryBroker();
  const receiver = connectHandler('/__push/webhooks', createRecruboWebhookReceiver({ secret, broker }));
  const stream = createRecruboEventStream({
    broker,
    allowedOrigins: (origin) => /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin),
    basePath: '/__push/events',
    demo: true,
    maxStreamsPerClient,
  });
  const events = connectHandler('/__push/events', stream);
  return {
    eventsUrl: '/__push/events',
    before: (req, res, next) => receiver(req, res, () => events(req, res, next)),
    /** The control `webhook` that sends a tenant's changes to the receiver. */
    webhook: (origin) => ({ url: `${origin}/__push/webhooks`, secret, tickMs: 100 }),
    close: () => stream.close(),
  };
}
