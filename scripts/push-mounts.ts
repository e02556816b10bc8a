// The push handlers (webhook receiver, event stream) in our own tooling: Vite (connect-style middleware), the test
// runner (Koa-style middleware) and a small standalone server for the receiver, each handing Node's request to the
// web-standard handler through @hono/node-server, as an integrator's Express app would.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';

type Handler = (request: Request) => Promise<Response>;

const under = (url: string | undefined, prefix: string) => {
  const path = (url ?? '').split('?')[0] ?? '';
  return path === prefix || path.startsWith(`${prefix}/`);
};

export function connectHandler(prefix: string, handler: Handler) {
  const listener = getRequestListener(handler, { overrideGlobalObjects: false });
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
    if (!under(req.url, prefix)) return next();
    listener(req, res).catch(next);
  };
}

interface KoaContext {
  url: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
}

export function koaHandler(prefix: string, handler: Handler) {
  const connect = connectHandler(prefix, handler);
  return async (ctx: KoaContext, next: () => Promise<unknown>) => {
    if (!under(ctx.url, prefix)) return next();
    ctx.respond = false; // the handler writes the raw (streamed) response itself
    await new Promise<void>((resolve, reject) => {
      ctx.res.once('close', resolve);
      ctx.res.once('finish', resolve);
      connect(ctx.req, ctx.res, (err?: unknown) => (err ? reject(err) : resolve()));
    });
  };
}

/** A handler on its own port (the test runner's webhook receiver: the sandbox delivers to it over real HTTP). */
export async function startHandlerServer(handler: Handler): Promise<{ url: string; close(): Promise<void> }> {
  const listener = getRequestListener(handler, { overrideGlobalObjects: false });
  const server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
