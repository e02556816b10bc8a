/**
 * The sandbox on Node: a connect-style middleware (Vite, the test runner) and a standalone server (CLI, Node
 * tests), both from the one web handler of app.ts through @hono/node-server's adapter.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createSandbox, isDropResponse, type Sandbox, type SandboxOptions } from './app.ts';

export type NextFunction = (err?: unknown) => void;
export type SandboxMiddleware = ((req: IncomingMessage, res: ServerResponse, next: NextFunction) => void) & {
  sandbox: Sandbox;
};

/** Paths the sandbox answers; everything else goes to `next()`. */
export function isSandboxPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0] ?? '';
  return path === '/public/v2' || path.startsWith('/public/v2/') || path.startsWith('/__sandbox/');
}

function nodeListener(sandbox: Sandbox) {
  return getRequestListener(
    async (req, env) => {
      const res = await sandbox.fetch(req);
      if (isDropResponse(res)) {
        // The fault "dropped connection": no status line, no body, the socket just closes.
        (env.incoming as IncomingMessage).socket.destroy();
      }
      return res;
    },
    // Vite and the test runner share this process: leave the global Request/Response alone.
    { overrideGlobalObjects: false },
  );
}

/** `app.use(sandboxMiddleware({ speed: 10 }))`, or pass an existing sandbox to share its tenants. */
export function sandboxMiddleware(options: SandboxOptions | Sandbox = {}): SandboxMiddleware {
  const sandbox = 'fetch' in options ? options : createSandbox(options);
  const listener = nodeListener(sandbox);
  const middleware = (req: IncomingMessage, res: ServerResponse, next: NextFunction) => {
    if (!isSandboxPath(req.url)) return next();
    listener(req, res).catch(next);
  };
  return Object.assign(middleware, { sandbox });
}

export interface StartOptions extends SandboxOptions {
  /** 0 picks a free port (default 8787). */
  port?: number;
  host?: string;
}

export interface RunningSandbox {
  url: string;
  port: number;
  sandbox: Sandbox;
  close(): Promise<void>;
}

export async function startSandboxServer({
  port = 8787,
  host = '127.0.0.1',
  ...options
}: StartOptions = {}): Promise<RunningSandbox> {
  const middleware = sandboxMiddleware(options);
  const server = createServer((req, res) =>
    middleware(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not a sandbox path: try /public/v2/flow-runs\n');
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actual}`,
    port: actual,
    sandbox: middleware.sandbox,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        middleware.sandbox.close();
      }),
  };
}
