/** Parses `recrubo-sandbox` flags; every problem is one line for the user and exit code 2. */
import { parseArgs } from 'node:util';
import { parseInboxActivity } from './inbox.ts';
import { parseFaults, parseSpeed, type FaultSettings } from './options.ts';
import type { StartOptions } from './node.ts';
import { parseWebhook } from './webhooks.ts';

export const USAGE = `Usage: recrubo-sandbox [options]

A local Recrubo public API v2 (JSON:API) for demos and tests.

  --port N              port to listen on (default 8787; 0 picks a free one)
  --host HOST           interface to bind (default 127.0.0.1)
  --api-key KEY         the accepted API key (default sandbox-key)
  --speed N             simulated life cycles run N times as fast (default 1)
  --latency MS          add MS milliseconds to every API answer
  --error-rate R        share 0..1 of API requests answered 500
  --drop-rate R         share 0..1 of API requests whose connection is dropped
  --drop-after-rate R   share 0..1 of API writes carried out, then dropped unanswered
  --rate-limit-rate R   share 0..1 of API requests answered 429
  --retry-after S       Retry-After seconds of those 429s (default 1)
  --html-error-rate R   share 0..1 of API requests answered with an HTML 502 page
  --reject-id-filter    answer filter[id] with a 400
  --inbox-activity N    seeded candidates write N messages a minute (0..600; default 0: none)
  --webhook-url URL     POST a webhookPayload for every change to URL (needs --webhook-secret)
  --webhook-secret S    sent in X-Recrubo-Webhook-Secret
  --default-control     let POST /__sandbox/default/control change the default tenant
                        (off: a shared demo server's /public/v2 keeps the settings given here)
  --help                show this help
`;

export type CliResult = { help: true } | { help: false; options: StartOptions } | { error: string };

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'api-key': { type: 'string' },
  speed: { type: 'string' },
  latency: { type: 'string' },
  'error-rate': { type: 'string' },
  'drop-rate': { type: 'string' },
  'drop-after-rate': { type: 'string' },
  'rate-limit-rate': { type: 'string' },
  'retry-after': { type: 'string' },
  'html-error-rate': { type: 'string' },
  'reject-id-filter': { type: 'boolean' },
  'inbox-activity': { type: 'string' },
  'webhook-url': { type: 'string' },
  'webhook-secret': { type: 'string' },
  'default-control': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FAULT_FLAGS: Record<string, keyof FaultSettings> = {
  latency: 'latencyMs',
  'error-rate': 'errorRate',
  'drop-rate': 'dropRate',
  'drop-after-rate': 'dropAfterRate',
  'rate-limit-rate': 'rateLimitRate',
  'retry-after': 'retryAfter',
  'html-error-rate': 'htmlErrorRate',
};

export function parseCli(argv: string[]): CliResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0] as string };
  }
  if (values.help) return { help: true };
  const num = (flag: string): number | string | undefined => {
    const raw = values[flag];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    return raw === '' || !Number.isFinite(n) ? `--${flag} expects a number, got "${String(raw)}"` : n;
  };
  const options: StartOptions = {};
  const port = num('port');
  if (typeof port === 'string') return { error: port };
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535))
    return { error: '--port expects 0..65535' };
  if (port !== undefined) options.port = port;
  if (typeof values.host === 'string') options.host = values.host;
  if (typeof values['api-key'] === 'string') {
    if (!values['api-key'].trim()) return { error: '--api-key must not be empty' };
    options.apiKey = values['api-key'];
  }
  const speed = num('speed');
  if (typeof speed === 'string') return { error: speed };
  if (speed !== undefined) {
    const checked = parseSpeed(speed);
    if (typeof checked !== 'number') return { error: `--speed: ${checked.problem.replace(/^speed /, '')}` };
    options.speed = checked;
  }
  const activity = num('inbox-activity');
  if (typeof activity === 'string') return { error: activity };
  if (activity !== undefined) {
    const checked = parseInboxActivity(activity);
    if (typeof checked !== 'number') return { error: '--inbox-activity expects 0..600 messages a minute' };
    options.inboxActivity = checked;
  }
  const faults: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(FAULT_FLAGS)) {
    const v = num(flag);
    if (typeof v === 'string') return { error: v };
    if (v !== undefined) faults[key] = v;
  }
  if (values['reject-id-filter']) faults.rejectIdFilter = true;
  const parsed = parseFaults(faults);
  if ('problem' in parsed) {
    const { problem } = parsed;
    const flag = Object.entries(FAULT_FLAGS).find(([, key]) => problem.startsWith(key))?.[0];
    return { error: flag ? `--${flag}: ${problem.replace(/^\w+ /, '')}` : problem };
  }
  options.faults = parsed;
  if (values['default-control']) options.defaultTenantControl = true;
  if (values['webhook-url'] !== undefined || values['webhook-secret'] !== undefined) {
    if (values['webhook-url'] === undefined || values['webhook-secret'] === undefined)
      return { error: '--webhook-url and --webhook-secret go together' };
    const webhook = parseWebhook({ url: values['webhook-url'], secret: values['webhook-secret'] });
    if (typeof webhook === 'string') return { error: `--${webhook.replace(/^webhook\.(\w+)/, 'webhook-$1')}` };
    if (webhook) options.webhook = webhook;
  }
  return { help: false, options };
}
