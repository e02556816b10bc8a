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

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

export interface SseReader {
  status: number;
  headers: Headers;
  events: SseEvent[];
  /** Everything received, comments included. */
  raw: string;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Reads a text/event-stream with fetch, as the elements do (not EventSource). */
export async function readSse(url: string, init: RequestInit = {}): Promise<SseReader> {
  const controller = new AbortController();
  const res = await fetch(url, { ...init, signal: controller.signal });
  const reader: SseReader = {
    status: res.status,
    headers: res.headers,
    events: [],
    raw: '',
    ended: Promise.resolve(),
    close: () => controller.abort(),
  };
  if (!res.body || res.status !== 200) {
    reader.raw = await res.text();
    return reader;
  }
  const decoder = new TextDecoder();
  let buffer = '';
  reader.ended = (async () => {
    const r = res.body!.getReader();
    try {
      for (;;) {
        const { done, value } = await r.read();
        if (done) return;
        const text = decoder.decode(value, { stream: true });
        reader.raw += text;
        buffer += text;
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const ev: SseEvent = { event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'id') ev.id = value;
            else if (field === 'event') ev.event = value;
            else if (field === 'data') {
              ev.data += (hasData ? '\n' : '') + value;
              hasData = true;
            }
          }
          if (hasData) reader.events.push(ev);
        }
      }
    } catch {
      // aborted
    }
  })();
  return reader;
}
