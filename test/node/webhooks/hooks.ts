/** Shared by the push tests: a real HTTP server that records webhook deliveries, and a wait-for-condition helper. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  headers: IncomingMessage['headers'];
  body: any;
  at: number;
}

export interface Catcher {
  url: string;
  deliveries: Delivery[];
  /** The status to answer the next deliveries with (default 204); a function decides per delivery. */
  answer: number | ((d: Delivery, n: number) => number);
  close(): Promise<void>;
}

export async function startCatcher(): Promise<Catcher> {
  const catcher = { deliveries: [] as Delivery[], answer: 204 as Catcher['answer'] } as Catcher;
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const d: Delivery = { headers: req.headers, body: text ? JSON.parse(text) : undefined, at: Date.now() };
      catcher.deliveries.push(d);
      const status = typeof catcher.answer === 'function' ? catcher.answer(d, n++) : catcher.answer;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  catcher.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  catcher.close = () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  return catcher;
}

/** Polls `check` until it is truthy (or throws after `ms`): tests wait on conditions, never on fixed sleeps. */
export async function waitFor<T>(check: () => T | Promise<T>, ms = 5000, what = 'condition'): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
