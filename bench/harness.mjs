// What every benchmark needs: a tiny HTTP server that serves one bundled page script with the sandbox mounted
// same-origin, and the sandbox's per-tenant control endpoints (see docs/internals.md).
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { register } from 'tsx/esm/api';

register();
const { sandboxMiddleware } = await import('../sandbox/node.ts');

/**
 * Serves `/` (a page that loads `/bench.js`), `/bench.js` (the given script) and the sandbox; `files`: more paths
 * (`.html` or `.js`, by their ending) with their contents, e.g. pages that load the CDN files.
 */
export async function serveBenchPage({ title, script, files = {} }) {
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
    sandbox(req, res, () => {
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    close: () => server.close(),
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
  };
}
