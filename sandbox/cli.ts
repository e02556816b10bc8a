/** `recrubo-sandbox`: the standalone sandbox server. */
import { USAGE, parseCli } from './cli-args.ts';
import { startSandboxServer } from './node.ts';
import { DEFAULT_API_KEY } from './options.ts';

const parsed = parseCli(process.argv.slice(2));
if ('error' in parsed) {
  process.stderr.write(`recrubo-sandbox: ${parsed.error} (see --help)\n`);
  process.exit(2);
}
if (parsed.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const { options } = parsed;
try {
  const server = await startSandboxServer(options);
  const faults = Object.entries(options.faults ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  process.stdout.write(
    `Recrubo sandbox listening on ${server.url}\n` +
      `  API base: ${server.url}/public/v2\n` +
      `  API key:  ${options.apiKey ?? DEFAULT_API_KEY}   (the sandbox's public demo key)\n` +
      `  speed:    ${options.speed ?? 1}${faults.length ? `\n  faults:   ${faults.join(' ')}` : ''}\n` +
      (options.webhook ? `  webhooks: ${options.webhook.url}\n` : ''),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\nrecrubo-sandbox: ${signal}, stopping\n`);
    server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
  process.stderr.write(`recrubo-sandbox: could not start: ${(err as Error).message}\n`);
  process.exit(1);
}
