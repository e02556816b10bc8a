// The sandbox's mounts in our own tooling: Vite's dev server takes connect-style middleware, the test runner
// (@web/dev-server) takes Koa-style middleware. Both hand the request to the one handler in sandbox/.
import type { Sandbox } from '../sandbox/app.ts';
import { isSandboxPath, sandboxMiddleware } from '../sandbox/node.ts';

export { startSandboxServer } from '../sandbox/node.ts';

export const connectMiddleware = (sandbox: Sandbox) => sandboxMiddleware(sandbox);

interface KoaContext {
  url: string;
  req: import('node:http').IncomingMessage;
  res: import('node:http').ServerResponse;
  respond?: boolean;
}

export function koaMiddleware(sandbox: Sandbox) {
  const connect = sandboxMiddleware(sandbox);
  return async (ctx: KoaContext, next: () => Promise<unknown>) => {
    if (!isSandboxPath(ctx.url)) return next();
    // The sandbox writes the raw response itself (or destroys the socket for a "dropped connection").
    ctx.respond = false;
    await new Promise<void>((resolve, reject) => {
      ctx.res.once('close', resolve);
      ctx.res.once('finish', resolve);
      connect(ctx.req, ctx.res, (err?: unknown) => (err ? reject(err) : resolve()));
    });
  };
}
