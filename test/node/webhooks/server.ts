/** A real Node HTTP server running the push handlers (web-standard handlers through @hono/node-server). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';

export interface Mounted {
  url: string;
  close(): Promise<void>;
}

/** Routes by path prefix: `{ '/hooks': receiver, '/events': stream }`. */
export async function serve(routes: Record<string, (req: Request) => Promise<Response>>): Promise<Mounted> {
  const listeners = Object.entries(routes).map(
    ([prefix, handler]) => [prefix, getRequestListener(handler, { overrideGlobalObjects: false })] as const,
  );
  const server: Server = createServer((req, res) => {
    const hit = listeners.find(([prefix]) => (req.url ?? '').startsWith(prefix));
    if (!hit) return void res.writeHead(404).end();
    void hit[1](req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
