#!/usr/bin/env node
// Memory per idle event stream (npm run bench -- push-streams; never part of npm test): the server opens N streams
// (default 2000) that a separate client process holds open and never reads past the `ready` event, and reports the
// server's heap and RSS growth per stream after a full GC, Node's HTTP objects included. What the README's
// "Live updates by push" says a stream costs (and so what `maxStreams` means in memory) comes from here.
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const N = Number(process.env.BENCH_STREAMS ?? 2000);
const [role, target] = process.argv.slice(2);

if (role === 'client') {
  // Holds N streams open; tells the parent when every one has sent its first bytes.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  let n = 0;
  for (let i = 0; i < N; i++) {
    http.get(`${target}/events?watch=flowRuns:r${i}`, { agent }, (res) =>
      res.once('data', () => {
        if (++n === N) process.send?.('ready');
      }),
    );
  }
} else {
  register();
  const { createMemoryBroker, createRecruboEventStream } = await import('../src/proxy/index.ts');
  const { serve } = await import('../test/node/webhooks/server.ts');
  if (typeof globalThis.gc !== 'function') {
    // Re-run with --expose-gc so that the numbers are after a full collection.
    const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--expose-gc'], stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 1));
  } else {
    const stream = createRecruboEventStream({
      broker: createMemoryBroker(),
      allowedOrigins: [],
      demo: true,
      maxStreams: N + 10,
      maxStreamsPerClient: N + 10,
    });
    const server = await serve({ '/events': stream });
    globalThis.gc();
    globalThis.gc();
    const before = process.memoryUsage();
    const client = fork(fileURLToPath(import.meta.url), ['client', server.url]);
    await new Promise((resolve) => client.once('message', resolve));
    await new Promise((resolve) => setTimeout(resolve, 500));
    globalThis.gc();
    globalThis.gc();
    const after = process.memoryUsage();
    const kb = (bytes) => (bytes / N / 1024).toFixed(1);
    console.log(`idle streams: ${stream.openStreams}`);
    console.log(`heap per stream: ${kb(after.heapUsed - before.heapUsed)} KB`);
    console.log(`rss per stream:  ${kb(after.rss - before.rss)} KB`);
    client.kill();
    await stream.close();
    await server.close();
    process.exit(0);
  }
}
