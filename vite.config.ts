// The demo's dev server: serves the repository root (so a page can load `/src/index.ts`), opens on `/demo/`,
// and mounts the sandbox API same-origin at `/public/v2` (and its test tenants at `/__sandbox/…`).
import { defineConfig, type Plugin } from 'vite';
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

export default defineConfig({
  plugins: [sandboxPlugin()],
  server: { port: Number(process.env.PORT ?? 5173), host: process.env.HOST ?? 'localhost' },
});
